"""Publishing: metadata on every page, structured data, robots.txt, lean assets, deploy workflow."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from support import ROOT, soup

PAGES = ["index.html", "timeline/index.html", "quotes/index.html", "about/index.html", "print/index.html"]


def test_every_page_has_canonical_url_description_and_open_graph(site_dir: Path) -> None:
    """Each page names its canonical address and describes itself for search and link previews."""
    for path in PAGES:
        page = soup(site_dir / path)
        canonical = page.select_one("link[rel=canonical]")["href"]
        assert canonical.startswith("http://127.0.0.1:8000/"), path
        description = page.select_one("meta[name=description]")["content"]
        assert len(description) > 40, path
        og = {m["property"]: m["content"] for m in page.select("meta[property^='og:']")}
        assert og["og:url"] == canonical and og["og:description"] == description, path
        assert og["og:title"] and og["og:site_name"] == "South Korea and Russia", path


def test_a_description_with_quotation_marks_stays_one_attribute(site_dir: Path) -> None:
    """The article's description quotes "New Thinking"; it must arrive whole."""
    page = soup(site_dir / "index.html")
    assert '"New Thinking"' in page.select_one("meta[name=description]")["content"]


def test_the_article_and_each_event_carry_schema_org_data(site_dir: Path) -> None:
    """An Article for the article page; an Event, with dates and address, for every timeline entry."""
    article = json.loads(soup(site_dir / "index.html").select_one("script[type='application/ld+json']").string)
    assert article["@type"] == "Article" and article["url"] == "http://127.0.0.1:8000/"
    assert article["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    graph = json.loads(soup(site_dir / "timeline" / "index.html").select_one(
        "script[type='application/ld+json']").string)["@graph"]
    webpage, *nodes = graph
    assert webpage["@type"] == "WebPage" and webpage["inLanguage"] == "en"
    events = json.loads((site_dir / "data" / "timeline.json").read_text(encoding="utf-8"))["events"]
    assert [g["url"].split("#")[1] for g in nodes] == [e["id"] for e in events]
    krasnoyarsk = next(g for g in nodes if g["url"].endswith("#krasnoyarsk-speech"))
    assert krasnoyarsk["@type"] == "Event" and krasnoyarsk["startDate"] == "1988-09-16"
    assert krasnoyarsk["name"] == "Gorbachev's Krasnoyarsk speech"


def test_robots_txt_points_at_the_sitemap_and_the_print_view_is_not_indexed(site_dir: Path) -> None:
    """robots.txt names the sitemap at the site's address; the print view asks not to be indexed."""
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    assert soup(site_dir / "print" / "index.html").select_one("meta[name=robots]")["content"] == "noindex"


def test_no_unused_search_language_bundle_is_shipped(site_dir: Path) -> None:
    """Of lunr's 34 language files only those some language's search loads are published (English needs none)."""
    from material_internals import lunr_bundles

    needed: set[str] = set()
    for prefix in ("", "ko/", "ru/"):
        config = json.loads((site_dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
        needed |= lunr_bundles(config["lang"])
        if not prefix:
            assert config["lang"] == ["en"] and lunr_bundles(config["lang"]) == set()
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    assert {path.relative_to(lunr).as_posix() for path in lunr.rglob("*.js")} == needed


def test_the_deploy_workflow_builds_strictly_with_actions_pinned_by_sha() -> None:
    """Every action is pinned to a full commit SHA, and the job runs make deploy: a strict build, offline copy too."""
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses
    workflow = yaml.safe_load(text)
    steps = workflow["jobs"]["deploy"]["steps"]
    assert any(step.get("run") == "make deploy" for step in steps)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^deploy: offline ", makefile, re.M)
    assert "OFFLINE_COPY=true $(MKDOCS) build --strict" in makefile
    assert "ghp-import --no-jekyll --push --force" in makefile


def test_the_site_builds_unchanged_with_properdocs(tmp_path: Path) -> None:
    """ProperDocs, the maintained MkDocs 1.x fork, builds the same configuration strictly."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    properdocs = Path(sys.executable).with_name("properdocs")
    result = subprocess.run([str(properdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    timeline = soup(tmp_path / "site" / "timeline" / "index.html")
    assert timeline.select_one("#krasnoyarsk-speech")
    assert (tmp_path / "site" / "print" / "index.html").is_file()
