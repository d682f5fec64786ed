"""The site in English, Korean and Russian: every page, its anchors, its notice, its alternates and its words."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import locales
import pytest
import search_languages
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, expect

from support import ROOT, build_project, copy_project, soup, wait_for_search_ready
from timeline.dates import date_words, parse_date

SITE_URL = "http://127.0.0.1:8000/"
LANGUAGES = {"en": "", "ko": "ko/", "ru": "ru/"}
TRANSLATIONS = {"ko": "ko/", "ru": "ru/"}
PAGES = ["index.html", "timeline/index.html", "quotes/index.html", "about/index.html", "print/index.html", "404.html"]
DEEDS = {"ko": "https://creativecommons.org/licenses/by-sa/4.0/deed.ko",
         "ru": "https://creativecommons.org/licenses/by-sa/4.0/deed.ru"}


def built(site_dir: Path, prefix: str, page: str) -> Path:
    """Return a built page of one language."""
    return site_dir / prefix / page


# -----------------------------------------------------------------------------
# Pages, anchors and the words of the interface
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_exists_in_every_language_with_its_html_lang(site_dir: Path, language: str, page: str) -> None:
    """English at today's addresses, Korean under ko/, Russian under ru/, each page saying which language it is."""
    html = soup(built(site_dir, LANGUAGES[language], page))
    assert html.html["lang"] == language


@pytest.mark.parametrize("page", PAGES[:-1])
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translation_has_every_anchor_of_the_english_page(site_dir: Path, language: str, page: str) -> None:
    """ko/timeline/#putin-visits-seoul is the same event as timeline/#putin-visits-seoul: every id is kept."""
    english = {el["id"] for el in soup(built(site_dir, "", page)).select("article [id]")}
    translated = {el["id"] for el in soup(built(site_dir, TRANSLATIONS[language], page)).select("article [id]")}
    assert english and english <= translated, sorted(english - translated)


@pytest.mark.parametrize(("language", "search", "skip"),
                         [("ko", "검색", "콘텐츠로 이동"), ("ru", "Поиск", "Перейти к содержанию")])
def test_materials_own_words_follow_the_theme_language(site_dir: Path, language: str, search: str, skip: str) -> None:
    """The search box and the skip link speak the page's language."""
    html = soup(built(site_dir, TRANSLATIONS[language], "index.html"))
    assert html.select_one("input.md-search__input")["placeholder"] == search
    assert html.select_one("a.md-skip").get_text(strip=True) == skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sites_own_words_are_in_the_pages_language(site_dir: Path, language: str) -> None:
    """The timeline's labels, the article's event links and the print view come from the language's words."""
    words = locales.load(language)
    timeline = soup(built(site_dir, LANGUAGES[language], "timeline/index.html"))
    assert timeline.select_one("h1").get_text(strip=True).rstrip("¶") == words.t("timeline.title")
    assert words.t("timeline.context_badge") in timeline.select_one(".timeline-badge").get_text()
    assert timeline.select_one(".admonition-title").get_text() == words.t("timeline.editorial_note")
    article = soup(built(site_dir, LANGUAGES[language], "index.html"))
    assert article.select_one(".timeline-links").get_text().startswith(words.t("timeline.on_the_timeline"))
    strings = json.loads(article.select_one("#site-strings").string)
    assert strings["print_section"] == words.t("site.print_section")
    printed = soup(built(site_dir, LANGUAGES[language], "print/index.html"))
    assert printed.select_one(".print-site__kicker").get_text() == words.t("print_view.kicker")
    assert printed.select_one("#print-site-contents").get_text() == words.t("print_view.contents")


def test_every_language_has_the_same_words_to_fill() -> None:
    """Each key of en.yml is in ko.yml and ru.yml, filled, with the same placeholders."""
    english = locales.load("en")
    for language in TRANSLATIONS:
        words = locales.load(language)
        assert set(words) == set(english), language
        for key in english:
            assert (words[key] != "") == (english[key] != "" or key == "site.translation_notice"), (language, key)
            assert set(re.findall(r"\{(\w+)\}", words[key])) == set(re.findall(r"\{(\w+)\}", english[key])) or \
                key == "site.translation_notice", (language, key)


def test_a_missing_word_names_the_file_to_add_it_to() -> None:
    """A template asking for a key no catalogue has fails with the file to fix, not an empty string."""
    with pytest.raises(PluginError, match=r"overrides/locales/ko.yml has no 'timeline.nothing'"):
        locales.load("ko").t("timeline.nothing")


@pytest.mark.parametrize(("korean", "message"), [
    ("site:\n  title: 제목\n", r"overrides/locales/ko.yml has no 'site.licence', 'timeline.title': add them"),
    ("site: [제목\n", r"overrides/locales/ko.yml:2: "),
    ("- 제목\n", r"overrides/locales/ko.yml: expected a mapping of words, found list"),
])
def test_a_catalogue_short_of_words_or_broken_is_named_with_what_to_do(
    tmp_path: Path, korean: str, message: str
) -> None:
    """Every key the English catalogue has is checked for at once, before any page asks for one."""
    (tmp_path / "en.yml").write_text("site:\n  title: Title\n  licence: Licence\ntimeline:\n  title: Timeline\n",
                                     encoding="utf-8")
    (tmp_path / "ko.yml").write_text(korean, encoding="utf-8")
    with pytest.raises(PluginError, match=message):
        locales.load("ko", tmp_path)


def test_a_build_with_a_word_missing_stops_in_one_line(tmp_path: Path) -> None:
    """`mkdocs build` names the catalogue and the key, with no traceback, and leaves no site behind."""
    project = copy_project(tmp_path / "project")
    catalogue = project / "overrides" / "locales" / "ru.yml"
    text = catalogue.read_text(encoding="utf-8")
    assert "\n  contents: " in text
    catalogue.write_text(re.sub(r"\n  contents: [^\n]*", "", text, count=1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "overrides/locales/ru.yml has no 'print_view.contents'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists(), "the English build wrote its pages before the Russian words were checked"


# -----------------------------------------------------------------------------
# Honest translations
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES[:-1])
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translation_says_so_with_its_original_date_and_licence(site_dir: Path, language: str, page: str) -> None:
    """At the top: this site's translation, a link to the English page, the date, CC BY-SA 4.0 in the language."""
    path = built(site_dir, TRANSLATIONS[language], page)
    html = soup(path)
    notice = html.select_one("article .translation-notice")
    assert notice is not None and notice.find_previous("h1") is None, "the notice opens the page"
    original = notice.select_one("a[href]:not([href^='http'])")
    assert (path.parent / original["href"]).resolve() == built(site_dir, "", page).parent.resolve()
    assert original.select_one("[lang=en]")
    assert DEEDS[language] in [a["href"] for a in notice.select("a[href]")]
    assert date_words(parse_date("2026-12-01"), language) in notice.get_text()


@pytest.mark.parametrize("page", PAGES)
def test_an_english_page_has_no_translation_notice(site_dir: Path, page: str) -> None:
    """The English pages are the originals."""
    assert soup(built(site_dir, "", page)).select_one(".translation-notice") is None


GLOSSARY = {
    "ko": ["노태우(Roh Tae-woo)", "고르바초프", "김영삼(Kim Young-sam)", "허담", "사할린", "블라디보스토크",
           "크라스노야르스크", "북방정책", "신사고", "편집자 주", "1988년 9월 16일"],
    "ru": ["Ро Дэ У (Roh Tae-woo)", "Горбачёв", "Ким Ён Сам (Kim Young-sam)", "Хо Дам", "Сахалин", "Владивосток",
           "Красноярск", "«северная политика»", "«новое мышление»", "Примечание редакции", "16 сентября 1988 г."],
}


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_the_article_spells_names_as_the_languages_reference_works_do(site_dir: Path, language: str) -> None:
    """Glossary spellings, the romanized form at the first mention, the notes translated."""
    text = re.sub(r"\s+", " ", soup(built(site_dir, TRANSLATIONS[language], "index.html")).select_one(
        "article").get_text(" ")).replace("\u202f", " ")
    for name in GLOSSARY[language]:
        assert name in text, name


def test_chekhov_is_quoted_in_his_russian_original() -> None:
    """On the Russian page, the letter to Koni of 26 January 1891 in Chekhov's own words (facts.md)."""
    original = ("по-моему, ставить важное в зависимость от благотворительности, которая в России носит случайный "
                "характер, и от остатков, которых никогда не бывает, — вредно. Я предпочел бы государственное "
                "казначейство.")
    page = (ROOT / "docs" / "ru" / "quotes.md").read_text(encoding="utf-8")
    quote = page.split("{ #anton-chekhov }", 1)[1].split("<blockquote markdown>", 1)[1].split("</blockquote>", 1)[0]
    assert re.sub(r"\s+", " ", quote).strip().lower() == original.lower()
    assert "26 января 1891" in page


@pytest.mark.parametrize(("language", "marked"), [("ko", 3), ("ru", 2)])
def test_each_translated_quote_says_it_is_the_sites_translation(site_dir: Path, language: str, marked: int) -> None:
    """Korean translates all three quotes; Russian two, with Chekhov in the original."""
    captions = soup(built(site_dir, TRANSLATIONS[language], "quotes/index.html")).select("figure.quote figcaption")
    word = {"ko": "번역", "ru": "Перевод"}[language]
    assert sum(word in caption.get_text() for caption in captions) == marked
    if language == "ru":
        assert "в оригинале" in captions[-1].get_text(), "Chekhov's caption says he is quoted in the original"


@pytest.mark.parametrize(("event", "language", "words"), [
    ("vladivostok-speech", "ko", "1986년 7월 28일"),
    ("vladivostok-speech", "ru", "28 июля 1986 г."),
    ("kim-young-sam-moscow", "ko", "1989년 6월 2일~10일"),
    ("kim-young-sam-moscow", "ru", "2–10 июня 1989 г."),
    ("russia-continues-relations", "ko", "1991년 12월 27일경"),
    ("russia-continues-relations", "ru", "около 27 декабря 1991 г."),
    ("roh-adviser-moscow", "ko", "1980년대"),
    ("roh-adviser-moscow", "ru", "1980-е годы"),
    ("sakhalin-koreans", "ko", "1989년 6월(?)"),
    ("trade-2003", "ru", "2003 г."),
])
def test_timeline_dates_follow_each_languages_usage(site_dir: Path, event: str, language: str, words: str) -> None:
    """Days, intervals, approximate dates, decades and uncertain months, as each language writes them."""
    page = soup(built(site_dir, TRANSLATIONS[language], "timeline/index.html"))
    when = page.find(id=event).find_next_sibling("div").select_one(".timeline-event__when time")
    assert when.get_text().replace("\u202f", " ") == words


DAY = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31))


@settings(max_examples=200, deadline=None)
@given(DAY, st.sampled_from(["en", "ko", "ru"]))
def test_single_dates_in_words_agree_with_the_cldr(day: dt.date, language: str) -> None:
    """A day and a month read as Babel's CLDR data writes them in that language (en: British English)."""
    from babel.dates import format_date, format_skeleton

    locale = {"en": "en_GB", "ko": "ko", "ru": "ru"}[language]
    assert date_words(parse_date(day.isoformat()), language) == format_date(day, "long", locale=locale)
    month = parse_date(day.isoformat()[:7])
    assert date_words(month, language) == format_skeleton("yMMMM", day, locale=locale)


# -----------------------------------------------------------------------------
# One data file, in every language
# -----------------------------------------------------------------------------


def test_the_real_data_file_lacks_no_translation() -> None:
    """Every title, description and note of docs/data/timeline.yml is in Korean and Russian too."""
    import timeline

    loaded = timeline.load_timeline(ROOT / "docs" / "data" / "timeline.yml", "docs/data/timeline.yml")
    assert loaded.missing == {}


def test_the_exports_carry_every_language(site_dir: Path) -> None:
    """JSON holds each text per language; CSV a column per language; both published once, at the root."""
    records = json.loads((site_dir / "data" / "timeline.json").read_text(encoding="utf-8"))["events"]
    vladivostok = next(r for r in records if r["id"] == "vladivostok-speech")
    assert set(vladivostok["title"]) == {"en", "ko", "ru"} and all(vladivostok["title"].values())
    assert vladivostok["date_in_words"]["ko"] == "1986년 7월 28일"
    rows = list(csv.DictReader(io.StringIO((site_dir / "data" / "timeline.csv").read_text(encoding="utf-8"))))
    assert {"title_en", "title_ko", "title_ru", "description_ru", "note_ko"} <= set(rows[0])
    assert not (site_dir / "ko" / "data").exists() and not (site_dir / "ru" / "data").exists()


def test_a_missing_translation_is_reported_and_the_page_shows_the_english(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The data check and the build name the field; the build goes on; the Korean page shows English, lang="en"."""
    import logging

    project = copy_project(tmp_path / "project")
    data = project / "docs" / "data" / "timeline.yml"
    text = data.read_text(encoding="utf-8")
    korean = re.search(r"\n      ko: 고르바초프\(Gorbachev\)의 블라디보스토크 연설\n", text)
    assert korean
    data.write_text(text.replace(korean.group(), "\n"), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "timeline", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "field 'title.ko': has no Korean translation yet" in check.stdout
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.timeline")
    build_project(project, tmp_path / "site")
    assert "lacks 1 Korean translation(s)" in caplog.text and "'vladivostok-speech'), field 'title.ko'" in caplog.text
    heading = soup(tmp_path / "site" / "ko" / "timeline" / "index.html").find(id="vladivostok-speech")
    assert heading["lang"] == "en" and heading.get_text().startswith("Gorbachev's Vladivostok speech")
    russian = soup(tmp_path / "site" / "ru" / "timeline" / "index.html").find(id="vladivostok-speech")
    assert not russian.has_attr("lang")


def test_text_left_in_english_carries_its_lang(site_dir: Path) -> None:
    """Sources stay as published, in English, marked lang="en" on the Korean and Russian timelines."""
    for language in TRANSLATIONS:
        sources = soup(built(site_dir, TRANSLATIONS[language], "timeline/index.html")).select(
            ".timeline-event__sources a")
        assert sources and all(a.get("lang") == "en" for a in sources), language
    assert not soup(built(site_dir, "", "timeline/index.html")).select(".timeline-event__sources a[lang]")


# -----------------------------------------------------------------------------
# Alternates, sitemaps, structured data
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES[:-1])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_names_its_versions_in_every_language(site_dir: Path, language: str, page: str) -> None:
    """Hreflang links to the same page in en, ko and ru, and x-default to the English, each built."""
    html = soup(built(site_dir, LANGUAGES[language], page))
    links = {link["hreflang"]: link["href"] for link in html.select("link[rel=alternate][hreflang]")}
    address = page.removesuffix("index.html")
    assert links == {"en": SITE_URL + address, "x-default": SITE_URL + address,
                     "ko": f"{SITE_URL}ko/{address}", "ru": f"{SITE_URL}ru/{address}"}
    for url in links.values():
        target = site_dir / urlsplit(url).path.lstrip("/") / "index.html"
        assert target.is_file(), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_switcher_links_the_same_page(site_dir: Path, language: str) -> None:
    """Without JavaScript the switcher's links already lead to this page in each language."""
    path = built(site_dir, LANGUAGES[language], "timeline/index.html")
    links = soup(path).select("a[data-language-switch]")
    assert {a["hreflang"] for a in links} == set(LANGUAGES)
    for link in links:
        assert (path.parent / link["href"]).resolve() == built(site_dir, LANGUAGES[link["hreflang"]],
                                                              "timeline").resolve()
        assert link["lang"] == link["hreflang"] and link["target"] == "_self"
    assert [a for a in links if a.get("aria-current") == "page"][0]["hreflang"] == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_languages_sitemap_lists_every_alternate(site_dir: Path, language: str) -> None:
    """Each URL of each sitemap carries the hreflang alternates of all three languages and x-default."""
    sitemap = (site_dir / LANGUAGES[language] / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    assert len(urls) >= 5
    for url in urls:
        loc = re.search(r"<loc>(.*?)</loc>", url).group(1)
        alternates = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', url))
        assert set(alternates) == {"en", "ko", "ru", "x-default"}, loc
        assert alternates[language] == loc
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert [f"{SITE_URL}{prefix}sitemap.xml" for prefix in LANGUAGES.values()] == re.findall(r"Sitemap: (\S+)", robots)
    assert not (site_dir / "ko" / "robots.txt").exists()


@pytest.mark.parametrize("page", PAGES[:-2])
@pytest.mark.parametrize("language", LANGUAGES)
def test_structured_data_names_the_language_and_the_original(site_dir: Path, language: str, page: str) -> None:
    """InLanguage everywhere; translationOfWork on a translation, workTranslation on the original."""
    data = json.loads(soup(built(site_dir, LANGUAGES[language], page)).select_one(
        "script[type='application/ld+json']").string)
    node = data["@graph"][0] if "@graph" in data else data
    assert node["inLanguage"] == language
    english = SITE_URL + page.removesuffix("index.html")
    if language == "en":
        assert {t["inLanguage"] for t in node["workTranslation"]} == {"ko", "ru"}
    else:
        assert node["translationOfWork"]["@id"] == english


# -----------------------------------------------------------------------------
# Search per language
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "lang"), [("en", ["en"]), ("ko", ["ko", "en"]), ("ru", ["ru", "en"])])
def test_each_language_has_its_own_index(site_dir: Path, language: str, lang: list[str]) -> None:
    """Each language's index holds its own pages only, read with its own lunr languages and separator."""
    prefix = LANGUAGES[language]
    index = json.loads((site_dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == lang
    assert index["config"]["separator"] == search_languages.separator(language)
    titles = " ".join(doc["title"] for doc in index["docs"])
    script = {"en": "[A-Za-z]", "ko": "[가-힣]", "ru": "[а-яё]"}[language]
    assert re.search(script, titles)
    if language != "en":
        assert not re.search("[가-힣]" if language == "ru" else "[а-яё]", titles)


def test_the_site_ships_only_the_lunr_bundles_some_language_loads(site_dir: Path) -> None:
    """One worker serves every language; beside it, Korean's and Russian's bundles and what both need, no more."""
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    assert {p.relative_to(lunr).as_posix() for p in lunr.rglob("*.js")} == {
        "min/lunr.ko.min.js", "min/lunr.ru.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"}


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translation_uses_the_default_languages_assets(site_dir: Path, language: str) -> None:
    """A translation ships none of Material's files; every stylesheet, script and the worker are the root's own."""
    prefix = TRANSLATIONS[language]
    assert not (site_dir / prefix / "assets").exists()
    for page in ("index.html", "timeline/index.html", "404.html"):
        path = site_dir / prefix / page
        html = path.read_text(encoding="utf-8")
        config = json.loads(soup(path).select_one("#__config").get_text())
        addresses = [*re.findall(r'(?:href|src)="([^"]*assets/[^"]*)"', html), config["search"]]
        assert len(addresses) >= 6, page
        for address in addresses:
            # The 404 page is served at any address, so its links start at the site's root.
            base = site_dir if address.startswith("/") else path.parent
            target = (base / address.lstrip("/")).resolve()
            assert target.is_file() and target.is_relative_to(site_dir / "assets"), (page, address)


# Words Kiwi reads wrongly in some sentences: 위키백과의 is 위키백과 (Wikipedia) and 의 (of).
KIWI_MISREADS = {"위키백과의"}


def test_korean_particles_are_split_as_the_analyser_kiwi_splits_them(site_dir: Path) -> None:
    """On every noun of the Korean pages (Kiwi: nouns, then particles), the separator leaves Kiwi's stem.

    Verbs and adverbs are not judged: a query's prefix match finds them
    whatever ending they carry. One-syllable stems keep their particles (것은).
    Where Kiwi itself is wrong, the word is listed in KIWI_MISREADS.
    """
    import html

    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    particles = re.compile(search_languages.korean_particles())
    nounish = re.compile(r"^(NN[GPB]|NP|NR|SN|SL|SH|XSN|XPN)$")
    index = json.loads((site_dir / "ko" / "search" / "search_index.json").read_text(encoding="utf-8"))
    judged, wrong = 0, []
    for doc in index["docs"]:
        text = html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + " . " + doc["text"]))
        tokens = kiwi.tokenize(text)
        for word in re.finditer(r"[^\s\-\u2010-\u2015,;:!?=\[\]()\"/'‘’“”«».·~「」]+", text):
            inside = [t for t in tokens if t.start >= word.start() and t.start + t.len <= word.end()]
            trailing = len(inside)
            while trailing and inside[trailing - 1].tag.startswith("J"):
                trailing -= 1
            if not re.search("[가-힣]", word.group()) or not trailing or \
                    not all(nounish.match(t.tag) for t in inside[:trailing]):
                continue
            stem = word.group()[:inside[trailing].start - word.start()] if trailing < len(inside) else word.group()
            if len(stem) < 2:
                continue
            found = particles.search(word.group())
            ours = word.group()[:found.start()] if found and found.end() == len(word.group()) else word.group()
            judged += 1
            if ours != stem and word.group() not in KIWI_MISREADS:
                analysis = " ".join(f"{t.form}/{t.tag}" for t in inside)
                wrong.append(f"{word.group()}: ours {ours}, Kiwi {stem} ({analysis})")
    assert judged > 500
    assert wrong == []


# -----------------------------------------------------------------------------
# In the browser
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "target", "expected"), [
    ("timeline/#putin-visits-seoul", "ko", "ko/timeline/#putin-visits-seoul"),
    ("ko/quotes/#anton-chekhov", "ru", "ru/quotes/#anton-chekhov"),
    ("ru/#first-contacts", "en", "#first-contacts"),
])
def test_the_switcher_keeps_the_reader_on_the_same_anchor(
    browser: Browser, site_url: str, start: str, target: str, expected: str
) -> None:
    """Choosing a language from the header lands on the same page and the same event or section."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + start, wait_until="networkidle")
    page.locator(".md-header .md-select").hover()
    page.locator(f"a[data-language-switch][hreflang={target}]").click()
    page.wait_for_url(urljoin(site_url, expected))
    expect(page.locator("html")).to_have_attribute("lang", target)
    # The browser scrolls to the anchor as the page loads.
    page.wait_for_function("(id) => document.getElementById(id).getBoundingClientRect().top < 900",
                           arg=expected.split("#")[1])
    page.close()


def test_lunr_language_support_loads_only_on_pages_of_that_language(browser: Browser, site_url: str) -> None:
    """English search loads no lunr bundle; Korean loads Korean's, Russian Russian's, and neither the other's."""
    loaded: dict[str, set[str]] = {}
    for language, prefix in LANGUAGES.items():
        context = browser.new_context()
        names: set[str] = set()
        context.on("request", lambda request, names=names: names.add(request.url.rsplit("/", 1)[-1]))
        page = context.new_page()
        page.goto(site_url + prefix, wait_until="networkidle")
        page.locator("input.md-search__input").click(force=True)
        wait_for_search_ready(page)  # the worker has loaded its lunr languages
        loaded[language] = {name for name in names if name.startswith("lunr.")}
        context.close()
    assert loaded["en"] == set()
    assert "lunr.ko.min.js" in loaded["ko"] and "lunr.ru.min.js" not in loaded["ko"]
    assert "lunr.ru.min.js" in loaded["ru"] and "lunr.ko.min.js" not in loaded["ru"]


def test_data_in_english_only_is_listed_by_language(tmp_path: Path) -> None:
    """`check` lists what each language lacks, so a translator sees the work to do."""
    project = copy_project(tmp_path / "project")
    data = project / "docs" / "data" / "timeline.yml"
    document = yaml.safe_load(data.read_text(encoding="utf-8"))
    for event in document["events"][:2]:
        event["title"] = {"en": event["title"]["en"]}
    data.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "timeline", "check"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.count("has no Korean translation yet") == 2
    assert result.stdout.count("has no Russian translation yet") == 2
