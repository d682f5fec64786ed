"""Ask Zotero's own translation server what it saves from every built page, and from each page's three files.

Usage: .venv/bin/python -m scripts.zotero_check [SERVER]   (default http://127.0.0.1:1969; serves site/)

The server (zotero/translation-server, with zotero/translators and its other
submodules) runs offline on 127.0.0.1; README.md, "Cite this page", says how
to set it up. This script needs no network beyond 127.0.0.1: it serves site/
on a free port, posts each page's address to the server's /web and each file
to /import, prints what comes back, and exits 1 if an item is not a web page
with its own title, a creator, a date, its address, language and licence, or
carries a field no page gives (noise, such as "Website Type: Text").
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from support import ROOT, serve, soup

LANGUAGES = ["", "ko/", "ru/"]
PAGES = ["", "timeline/", "quotes/", "about/", "print/"]
# What a saved page must have, and what it may have besides: Zotero adds the
# access date, and a short title (the title up to its first colon) of its own.
REQUIRED = {"itemType", "title", "creators", "date", "url", "language", "rights", "websiteTitle"}
ALLOWED = REQUIRED | {"key", "version", "tags", "abstractNote", "accessDate", "shortTitle"}
SHOWN = ["itemType", "title", "creators", "date", "url", "language", "rights", "websiteTitle"]


def post(server: str, endpoint: str, body: bytes) -> list[dict[str, Any]]:
    """Return the items the server makes of an address (/web) or a file (/import)."""
    request = urllib.request.Request(f"{server}/{endpoint}", data=body, headers={"Content-Type": "text/plain"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        items: list[dict[str, Any]] = json.load(answer)
    return [item for item in items if item.get("itemType") != "note"]


def problems(item: dict[str, Any], title: str, url: str) -> list[str]:
    """Return what is wrong with a saved page: missing fields, noise, another title or address."""
    found = [f"no {field}" for field in sorted(REQUIRED) if not item.get(field)]
    found += [f"noise: {field} = {item[field]!r}" for field in sorted(set(item) - ALLOWED)]
    if item.get("itemType") != "webpage":
        found.append(f"a {item.get('itemType')}, not a web page")
    if item.get("title") != title:
        found.append(f"title {item.get('title')!r}, not {title!r}")
    if item.get("url") != url:
        found.append(f"address {item.get('url')!r}, not {url!r}")
    if any("name" not in creator for creator in item.get("creators", [])):
        found.append("a creator split into first and last name")
    return found


def row(item: dict[str, Any]) -> str:
    """Return an item's fields on one line, as the README's table gives them."""
    creators = "; ".join(c.get("name") or f"{c.get('lastName')}, {c.get('firstName')}" for c in item["creators"])
    return " | ".join(creators if field == "creators" else str(item.get(field, "")) for field in SHOWN)


def main(server: str) -> int:
    """Check every page and file; print one line each, and return 1 if any has a problem."""
    site = ROOT / "site"
    failed = 0
    with serve(site) as base:
        for language in LANGUAGES:
            for path in PAGES:
                folder = site / language / path
                html = soup(folder / "index.html")
                title = html.select_one("meta[name=citation_title]")["content"]
                url = html.select_one("link[rel=canonical]")["href"]
                try:
                    [item] = post(server, "web", f"{base}{language}{path}".encode())
                except urllib.error.URLError as error:
                    print(f"The translation server at {server} does not answer ({error.reason}); start it as "
                          "README.md, \"Cite this page\", says.", file=sys.stderr)
                    return 1
                wrong = problems(item, title, url)
                print(f"{language}{path or '(home)'}: {row(item)}" + (f"  <- {'; '.join(wrong)}" if wrong else ""))
                failed += bool(wrong)
                for name in sorted(p.name for p in folder.glob("*cite.*")):
                    [imported] = post(server, "import", Path(folder / name).read_bytes())
                    lost = sorted(field for field in ("title", "creators", "date", "url", "language", "rights",
                                                      "websiteTitle") if not imported.get(field))
                    print(f"    {name}: {row(imported)}" + (f"  (not kept: {', '.join(lost)})" if lost else ""))
    print("Every page is saved right." if not failed else f"{failed} pages are not saved right.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:1969"))
