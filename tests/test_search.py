"""Search, typed into Material's search box in Chromium: every fact is findable and deep-links."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from support import result_path, search


@pytest.fixture(scope="module", name="search_page")
def fixture_search_page(browser: Browser, site_url: str) -> Iterator[Page]:
    """One page of the site, its search index loaded, reused for every query."""
    page = browser.new_page()
    page.goto(site_url, wait_until="networkidle")
    yield page
    page.close()


# query: the page and anchor that must be among the first three result links
TOP_THREE = {
    "Krasnoyarsk": "timeline/#krasnoyarsk-speech",
    "Vladivostok": "timeline/#vladivostok-speech",
    "Soyuz": "timeline/#yi-so-yeon-flight",
    "Putin": "timeline/#putin-visits-seoul",
    "Gorbachev": "timeline/#vladivostok-speech",
    "Sakhalin": "timeline/#sakhalin-koreans",
    "Yi So-yeon": "timeline/#yi-so-yeon-flight",
    "Yi So yeon": "timeline/#yi-so-yeon-flight",
    "Nordpolitik": "#nordpolitik",
    "Kim Young-sam": "timeline/#kim-young-sam-moscow",
    "Kim Young Sam": "timeline/#kim-young-sam-moscow",
    "Roh Tae-woo": "timeline/#july-7-declaration",
    "Roh Tae Woo": "timeline/#july-7-declaration",
    "Soviet-Koreans": "timeline/#sakhalin-koreans",
    "Ho Dam": "timeline/#kim-meets-ho-dam",
    "Naro": "timeline/#naro-1-first-launch",
    "San Francisco": "timeline/#san-francisco-summit",
    "Shevardnadze": "timeline/#diplomatic-relations",
    "Yeltsin": "timeline/#yeltsin-seoul",
    "Jeju": "timeline/#gorbachev-jeju",
    "Primakov": "timeline/#kim-young-sam-moscow",
    "Olympics": "timeline/#seoul-olympics",
    "KOTRA": "timeline/#kotra-office-moscow",
    "2001": "timeline/#putin-visits-seoul",
    "Golda Meir": "quotes/#golda-meir",
    "horseback": "quotes/#golda-meir",
    "Nabokov": "quotes/#vladimir-nabokov",
    "dangerous customer": "quotes/#vladimir-nabokov",
    "Chekhov": "quotes/#anton-chekhov",
    "philanthropy": "quotes/#anton-chekhov",
    "licence": "about/#licence",
    "Sahkalin": "about/#corrections",
}


@pytest.mark.parametrize(("query", "target"), TOP_THREE.items(), ids=TOP_THREE.keys())
def test_a_query_lists_its_section_among_the_first_three_results(
    search_page: Page, query: str, target: str
) -> None:
    """The exact event, quote or section is offered, not just the page that holds it."""
    results = search(search_page, query)
    assert target in results[:3], f"{query!r}: {results[:6]}"


def test_a_year_finds_every_event_of_that_year(search_page: Page) -> None:
    """All three events of 1988 are listed for the query "1988"."""
    results = search(search_page, "1988")
    for anchor in ("krasnoyarsk-speech", "july-7-declaration", "seoul-olympics"):
        assert f"timeline/#{anchor}" in results, results


@pytest.mark.parametrize(
    ("hyphenated", "spaced", "section"),
    [
        ("Roh Tae-woo", "Roh Tae Woo", "#nordpolitik"),
        ("Kim Young-sam", "Kim Young Sam", "#first-contacts"),
        ("Soviet-Koreans", "Soviet Koreans", "#first-contacts"),
    ],
)
def test_hyphenated_and_spaced_names_give_the_same_results(
    search_page: Page, hyphenated: str, spaced: str, section: str
) -> None:
    """The separator splits at hyphens, so both spellings are one query and reach the article."""
    results = search(search_page, hyphenated)
    assert results == search(search_page, spaced)
    assert section in results


def test_a_query_with_no_match_says_so(search_page: Page) -> None:
    """A word that is nowhere on the site lists nothing and says so."""
    assert search(search_page, "xyzzyq") == []
    assert search_page.locator(".md-search-result__meta").inner_text() == "No matching documents"


def test_search_suggests_the_rest_of_a_word(search_page: Page) -> None:
    """Typing the start of a word shows its completion, which the right arrow accepts.

    Material compares the suggestion case-sensitively with the lower-cased
    index, so this types in lower case, as most readers do.
    """
    search(search_page, "krasnoy")
    expect(search_page.locator(".md-search__suggest")).to_have_text("krasnoyarsk")
    search_page.locator("input.md-search__input").press("ArrowRight")
    expect(search_page.locator("input.md-search__input")).to_have_value("krasnoyarsk")


def test_following_a_result_highlights_the_query_on_the_page(search_page: Page, site_url: str) -> None:
    """The result link carries the query, and the target page marks each occurrence."""
    search(search_page, "Shevardnadze")
    search_page.locator(".md-search-result__link[href*='#diplomatic-relations']").first.click()
    search_page.wait_for_url("**/timeline/**#diplomatic-relations")
    expect(search_page.locator("mark[data-md-highlight]").first).to_have_text("Shevardnadze")
    search_page.goto(site_url, wait_until="networkidle")  # back where the other tests search from


def test_a_shared_search_link_opens_the_search_with_its_results(browser: Browser, site_url: str) -> None:
    """A ?q= link (what the share button copies) opens search with the query run."""
    page = browser.new_page()
    page.goto(site_url + "?q=Soyuz", wait_until="networkidle")
    # The only query is the link's, whose results Material draws all at once.
    page.locator(".md-search-result__link").first.wait_for()
    expect(page.locator("input.md-search__input")).to_have_value("Soyuz")
    hrefs = page.eval_on_selector_all(".md-search-result__link", "ls => ls.map(a => a.getAttribute('href'))")
    links = [result_path(h) for h in hrefs]
    assert "timeline/#yi-so-yeon-flight" in links
    page.close()


def test_the_index_has_no_duplicate_or_junk_entries(site_dir) -> None:
    """One entry per location; the SVG overview and navigation lists add no text."""
    import json

    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations))
    timeline_intro = next(doc for doc in index["docs"] if doc["location"] == "timeline/")
    assert "Krasnoyarsk" not in timeline_intro["text"], "the overview's titles leaked into the index"
    article_sections = [doc for doc in index["docs"] if doc["location"].startswith("#")]
    assert not any("On the timeline" in doc["text"] for doc in article_sections)
    assert not any(loc.startswith(("print", "404")) for loc in locations)


# -----------------------------------------------------------------------------
# Korean and Russian: each language's own index, its own words
# -----------------------------------------------------------------------------

@pytest.fixture(scope="module", name="language_pages")
def fixture_language_pages(browser: Browser, site_url: str) -> Iterator[dict[str, Page]]:
    """Open a Korean and a Russian page, their own search indexes loaded, for every query to reuse."""
    pages = {}
    for language in ("ko", "ru"):
        pages[language] = browser.new_page()
        pages[language].goto(f"{site_url}{language}/", wait_until="networkidle")
    yield pages
    for page in pages.values():
        page.close()


# query: the event, quote or section (below the language's root) that must be among the first three
TOP_THREE_KO = {
    "크라스노야르스크": "timeline/#krasnoyarsk-speech",
    "크라스노야르스크에서": "timeline/#krasnoyarsk-speech",
    "블라디보스토크": "timeline/#vladivostok-speech",
    "소유스": "timeline/#yi-so-yeon-flight",
    "푸틴": "timeline/#putin-visits-seoul",
    "푸틴의": "timeline/#putin-visits-seoul",
    "사할린": "timeline/#sakhalin-koreans",
    "사할린에": "timeline/#sakhalin-koreans",
    "이소연": "timeline/#yi-so-yeon-flight",
    "이소연은": "timeline/#yi-so-yeon-flight",
    "허담": "timeline/#kim-meets-ho-dam",
    "허담과": "timeline/#kim-meets-ho-dam",
    "나로호": "timeline/#naro-1-first-launch",
    "샌프란시스코": "timeline/#san-francisco-summit",
    "셰바르드나제": "timeline/#diplomatic-relations",
    "옐친": "timeline/#yeltsin-seoul",
    "제주도": "timeline/#gorbachev-jeju",
    "KOTRA": "timeline/#kotra-office-moscow",
    "Gorbachev": "timeline/#vladivostok-speech",
    "골다 메이어": "quotes/#golda-meir",
    "나보코프": "quotes/#vladimir-nabokov",
    "체호프": "quotes/#anton-chekhov",
    "북방정책": "#nordpolitik",
    "라이선스": "about/#licence",
}

TOP_THREE_RU = {
    "Красноярск": "timeline/#krasnoyarsk-speech",
    "Красноярске": "timeline/#krasnoyarsk-speech",
    "Владивосток": "timeline/#vladivostok-speech",
    "Владивостоке": "timeline/#vladivostok-speech",
    "Союз ТМА-12": "timeline/#yi-so-yeon-flight",
    "Путин": "timeline/#putin-visits-seoul",
    "Путина": "timeline/#putin-visits-seoul",
    "Сахалин": "timeline/#sakhalin-koreans",
    "Ли Со Ён": "timeline/#yi-so-yeon-flight",
    "Ли Со Ен": "timeline/#yi-so-yeon-flight",
    "Хо Дам": "timeline/#kim-meets-ho-dam",
    "Хо Дамом": "timeline/#kim-meets-ho-dam",
    "Наро": "timeline/#naro-1-first-launch",
    "Сан-Франциско": "timeline/#san-francisco-summit",
    "Шеварднадзе": "timeline/#diplomatic-relations",
    "Ельцин": "timeline/#yeltsin-seoul",
    "Чеджудо": "timeline/#gorbachev-jeju",
    "Голда Меир": "quotes/#golda-meir",
    "Набоков": "quotes/#vladimir-nabokov",
    "благотворительности": "quotes/#anton-chekhov",
    "казначейство": "quotes/#anton-chekhov",
    "лицензия": "about/#licence",
}


LANGUAGE_QUERIES = [("ko", q, t) for q, t in TOP_THREE_KO.items()] + [("ru", q, t) for q, t in TOP_THREE_RU.items()]


@pytest.mark.parametrize(("language", "query", "target"), LANGUAGE_QUERIES,
                         ids=[f"{language}-{query}" for language, query, _ in LANGUAGE_QUERIES])
def test_a_query_in_each_language_lists_its_section_among_the_first_three(
    language_pages: dict[str, Page], language: str, query: str, target: str
) -> None:
    """The exact event, quote or section of that language's pages is offered, and nothing from another language."""
    results = search(language_pages[language], query)
    assert f"{language}/{target}" in results[:3], f"{query!r}: {results[:6]}"
    assert all(result.startswith(f"{language}/") for result in results), results


@pytest.mark.parametrize(("word", "with_particles"), [
    ("러시아", ["러시아는", "러시아와", "러시아의"]),
    ("고르바초프", ["고르바초프는", "고르바초프의", "고르바초프와"]),
    ("모스크바", ["모스크바에서", "모스크바를", "모스크바로"]),
])
def test_a_korean_word_is_found_whatever_particle_follows_it(
    language_pages: dict[str, Page], word: str, with_particles: list[str]
) -> None:
    """러시아 finds what 러시아는, 러시아와 and 러시아의 find, and each of them finds the others' pages."""
    page = language_pages["ko"]
    plain = search(page, word)
    assert plain, word
    for form in with_particles:
        assert search(page, form) == plain, form


def test_a_korean_word_with_a_particle_finds_the_word_with_another(language_pages: dict[str, Page]) -> None:
    """러시아와 finds a section whose text has only 러시아는: the particle is no part of the word, either side."""
    page = language_pages["ko"]
    results = search(page, "러시아와")
    assert "ko/quotes/#golda-meir" in results  # 러시아는 in Golda Meir's quote; no 러시아와 there


@pytest.mark.parametrize("forms", [
    ["Горбачёв", "Горбачёва", "Горбачёвым", "Горбачев", "горбачеву"],
    ["Сахалин", "Сахалине", "Сахалина"],
    ["Владивосток", "Владивостоке", "Владивостока"],
])
def test_russian_inflected_forms_and_yo_find_each_other(language_pages: dict[str, Page], forms: list[str]) -> None:
    """Every case of a name finds what every other finds, ё or е alike."""
    page = language_pages["ru"]
    found = [search(page, form) for form in forms]
    assert found[0], forms[0]
    for form, results in zip(forms, found, strict=True):
        assert results == found[0], form


def test_a_russian_stop_word_is_still_found_as_a_whole_word(language_pages: dict[str, Page]) -> None:
    """lunr.ru drops «без» from the index; this site keeps it, so «без указания источника» is found."""
    results = search(language_pages["ru"], "без")
    assert "ru/quotes/#golda-meir" in results, results
