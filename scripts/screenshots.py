"""Screenshot built pages at desktop and phone widths, light and dark, and print them to PDF and PNG.

Usage: make screenshots [PAGES="timeline/ quotes/"]   (serves site/; writes to bench/out/shots/)
       .venv/bin/python -m scripts.screenshots [page ...]
The PDFs' first pages are turned into PNG with poppler's pdftoppm, so that
what a reader gets on paper can be looked at like the screens.
"""

from __future__ import annotations

import os
import subprocess
import sys

from playwright.sync_api import sync_playwright

from support import CHROMIUM, CHROMIUM_ARGS, ROOT, serve

OUT = ROOT / "bench" / "out" / "shots"
# FULL=0 in the environment takes only the first screen of each page.
FULL = os.environ.get("FULL", "1") != "0"
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def main(paths: list[str]) -> None:
    """Write one PNG per page, width and scheme, and one PDF per page with its first sheet as PNG."""
    OUT.mkdir(parents=True, exist_ok=True)
    with serve(ROOT / "site") as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
            pdf = OUT / f"{name}.pdf"
            page.pdf(path=pdf, format="A4", prefer_css_page_size=True)
            page.close()
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(OUT / f"{name}-print")],
                           check=True)
        browser.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["", "timeline/", "quotes/", "about/"])
