"""The article, quotes and about pages hold what the seed section holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import SEED, corrected_seed, listed_corrections, normalise, seed_sentences, soup


def article_text(page: BeautifulSoup) -> str:
    """Return the article's running text, without footnote markers, notes or permalinks."""
    content = page.select_one("article.md-content__inner")
    for junk in content.select("sup[id^='fnref'], div.footnote, a.headerlink, .timeline-links"):
        junk.decompose()
    return normalise(content.get_text(" "))


@pytest.fixture(name="article")
def fixture_article(site_dir: Path) -> BeautifulSoup:
    """Return the built article page."""
    return soup(site_dir / "index.html")


@pytest.fixture(name="about")
def fixture_about(site_dir: Path) -> BeautifulSoup:
    """Return the built about page."""
    return soup(site_dir / "about" / "index.html")


def test_every_seed_sentence_is_on_the_article_page_in_order(
    article: BeautifulSoup, about: BeautifulSoup
) -> None:
    """Each seed sentence, with only the about page's corrections applied, appears in order."""
    corrections = listed_corrections(about)
    assert ("Sahkalin", "Sakhalin") in corrections
    assert ("20 billion on on", "20 billion won on") in corrections
    seed = corrected_seed(about)
    text = article_text(article)
    position = 0
    sentences = seed_sentences(seed)
    assert len(sentences) == 13
    for sentence in sentences:
        found = text.find(sentence, position)
        assert found >= 0, f"missing or out of order: {sentence!r}"
        position = found + len(sentence)


def test_the_article_keeps_no_uncorrected_typo(article: BeautifulSoup) -> None:
    """The two typing errors are gone from the page."""
    text = article_text(article)
    assert "Sahkalin" not in text
    assert "billion on on" not in text


def test_the_article_links_to_the_main_article_and_the_parent_article(
    article: BeautifulSoup,
) -> None:
    """The hatnotes link to the English Wikipedia articles the seed names."""
    links = {a.get_text(): a["href"] for a in article.select(".hatnote a")}
    assert links["Russia–South Korea relations"] == (
        "https://en.wikipedia.org/wiki/Russia%E2%80%93South_Korea_relations"
    )
    assert links["Foreign relations of South Korea"] == (
        "https://en.wikipedia.org/wiki/Foreign_relations_of_South_Korea"
    )


@pytest.mark.parametrize(
    ("claim", "record"),
    [
        ("August 1988 Krasnoyarsk", "16 September 1988"),
        ("300,000 Soviet-Koreans", "35,000"),
        ("North Korean ambassador", "Ho Dam"),
        ("diplomatic ties in 1991", "30 September 1990"),
        ("launch of a satellite in 2008", "25 August 2009"),
        ("first astronaut", "Yi So-yeon"),
    ],
)
def test_a_claim_that_differs_from_the_record_carries_a_sourced_note(
    article: BeautifulSoup, claim: str, record: str
) -> None:
    """The seed's wording stays, and the footnote it carries states the record with a link."""
    paragraph = next(p for p in article.select("article p") if claim in normalise(p.get_text()))
    # The note that belongs to the claim is the first marker after it.
    ref = next(
        (
            sup.a
            for sup in paragraph.select("sup[id^='fnref']")
            if claim in normalise("".join(sup.find_all_previous(string=True)[::-1]))
        ),
        None,
    )
    assert ref is not None, f"no note on {claim!r}"
    note = article.find(id=ref["href"].lstrip("#"))
    assert record in normalise(note.get_text())
    assert note.select("a[href^='http']"), "the note cites no source"


def test_the_about_page_gives_provenance_and_the_licence(about: BeautifulSoup) -> None:
    """Provenance names Wikipedia and the Library of Congress; the licence links CC BY-SA 4.0."""
    text = normalise(about.get_text(" "))
    assert "Library of Congress" in text
    assert "Foreign relations of South Korea" in text
    hrefs = [a["href"] for a in about.select("a[href]")]
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in hrefs
    assert "https://en.wikipedia.org/wiki/Foreign_relations_of_South_Korea" in hrefs


def test_every_editorial_note_is_listed_on_the_about_page(
    article: BeautifulSoup, about: BeautifulSoup
) -> None:
    """Each footnote of the article is linked from the about page's list of notes."""
    notes = {li["id"] for li in article.select("div.footnote li[id]")}
    listed = {a["href"].split("#", 1)[1] for a in about.select("a[href*='#fn:']")}
    assert notes and notes == listed


SEED_QUOTES = [
    ("golda-meir", "Golda Meir", "1898–1978", True),
    ("vladimir-nabokov", "Vladimir Nabokov", "1899–1977", True),
    ("anton-chekhov", "Anton Pavlovich Chekhov", "1860–1904", False),
]


def seed_quote(author: str) -> str:
    """Return the seed's quote that precedes the author's attribution line."""
    block = SEED.split("Famous quotes containing the word russia:", 1)[1]
    before = block.split(author, 1)[0].rstrip().split("\n\n")[-1]
    return normalise(before)


@pytest.mark.parametrize(("anchor", "author", "life", "attributed"), SEED_QUOTES)
def test_each_quote_is_a_blockquote_with_attribution_and_permalink(
    site_dir: Path, anchor: str, author: str, life: str, attributed: bool
) -> None:
    """The quote sits in a figure's blockquote under its own permalinked heading."""
    page = soup(site_dir / "quotes" / "index.html")
    heading = page.find(id=anchor)
    assert heading.name == "h2"
    assert heading.select_one(f"a.headerlink[href='#{anchor}']")
    figure = heading.find_next("figure")
    quote = normalise(figure.blockquote.get_text(" "))
    assert quote == seed_quote(author)
    caption = normalise(figure.figcaption.get_text(" "))
    assert author in caption and life in caption
    assert ("Attributed" in caption) is attributed
