"""Screenshot built pages at desktop and phone widths, light and dark, and print them to PDF.

Usage: .venv/bin/python scripts/screenshots.py [page ...]   (serves site/; writes to bench/out/shots/)
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "shots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# FULL=0 in the environment takes only the first screen of each page.
FULL = os.environ.get("FULL", "1") != "0"
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main(paths: list[str]) -> None:
    """Write one PNG per page, width and scheme, and one PDF per page."""
    OUT.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Quiet, directory=str(ROOT / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}/"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=ARGS)
        for path in paths:
            name = path.strip("/").replace("/", "_").replace("#", "_") or "index"
            for label, (width, height) in VIEWPORTS.items():
                for scheme in ("light", "dark"):
                    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                    page.goto(base + path, wait_until="networkidle")
                    page.screenshot(path=OUT / f"{name}-{label}-{scheme}.png", full_page=FULL)
                    page.close()
            page = browser.new_page(color_scheme="dark")
            page.goto(base + path, wait_until="networkidle")
            page.emulate_media(media="print")
            page.pdf(path=OUT / f"{name}.pdf", format="A4", print_background=True)
            page.close()
        browser.close()
    httpd.shutdown()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["", "quotes/", "about/"])
