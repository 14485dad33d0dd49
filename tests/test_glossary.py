"""The glossary: every term defined in every language, listed on its page, and linked from the
first use of each term on the generated pages, in places where a link is valid and useful.

Built through MkDocs from the fixtures that carry a mkdocs.yml: portfolio (French, with
history off) and english; the page text read is what a reader sees (tags, scripts and styles
left out).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from generator.i18n import available_languages, words
from generator.rendering.site import glossary, urls
from generator.rendering.site.chrome import navigation
from generator.validation.validate import validate_roadmap

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITES = {"fr": FIXTURES / "portfolio", "en": FIXTURES / "english"}
# Pages written by hand in the fixtures: not the generator's to explain.
HAND_WRITTEN = ("a-propos", "about", "search", "404.html")
# A field name in a sentence: `milestones.1.done`, `status_reason`, `as_of`, or `internal` in
# quotes (the word in a sentence is English prose, a quoted one is a value of a field).
FIELD_NAME = re.compile(r"\b[a-z]+(?:\.\d+)+\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b|[«“]\s*internal\s*[»”]")
LEFT_OUT = re.compile(r"exclu|excluded|left out", re.I)


# --- the catalogue ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_term_has_a_word_an_anchor_and_a_short_definition(language: str) -> None:
    entries = glossary.entries(language)
    assert {entry.id for entry in entries} == set(glossary.TERM_IDS)
    assert 15 <= len(entries) <= 20
    anchors = [entry.anchor for entry in entries]
    assert len(set(anchors)) == len(anchors), anchors
    for entry in entries:
        assert entry.term.strip() and entry.definition.strip(), entry
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", entry.anchor), entry.anchor
        # One or two short sentences, in everyday words.
        assert entry.definition.count(". ") <= 2 and len(entry.definition) <= 220, entry
        assert not FIELD_NAME.search(entry.definition), entry


@pytest.mark.parametrize("language", available_languages())
def test_every_language_with_site_words_has_the_whole_glossary(language: str) -> None:
    site = words(language, "site")
    for term_id in glossary.TERM_IDS:
        for part in ("term", "anchor", "definition"):
            assert site.has(f"glossary.{term_id}.{part}"), (language, term_id, part)


def test_the_glossary_is_in_alphabetical_order_accents_aside() -> None:
    terms = [entry.term for entry in glossary.entries("fr")]
    # "Écart" files under E, between "Date…" and "Engagé", not after "Valeur…".
    assert terms.index("Écart") == terms.index("Engagé") - 1
    assert terms[0] == "Avancement" and terms[-1] == "Valeur de départ"


def test_the_glossary_page_takes_a_reserved_top_level_name() -> None:
    for language in ("fr", "en"):
        paths = urls.site_paths(language)
        assert paths.glossary == f"{words(language, 'site')('url.glossary')}.md"
        assert paths.glossary_name in paths.sections  # no hand-written page may take it
    assert urls.site_paths("fr").glossary == "lexique.md"


def test_the_glossary_sits_right_after_the_methodology_in_the_navigation() -> None:
    roadmap = validate_roadmap(SITES["fr"]).roadmap
    assert roadmap is not None
    head, _ = navigation(roadmap, "fr")
    titles = [next(iter(entry)) for entry in head]
    assert titles[titles.index("Comment lire ces chiffres") + 1] == "Lexique"


# --- the linker -------------------------------------------------------------------------------


def test_a_term_is_linked_the_first_time_only() -> None:
    term = glossary.TermLinker(words("fr", "site"), "../lexique/")
    first = term("committed")
    assert first.startswith('<span class="rm-term"><a class="rm-term__link" '
                            'href="../lexique/#engage" aria-describedby="rm-term-engage">'
                            "Engagé</a>")  # fmt: skip
    assert 'id="rm-term-engage" role="tooltip"' in first
    assert "contrat signé" in first
    assert term("committed", "Montant engagé") == "Montant engagé"  # plain text, escaped
    assert term("spent", "<b>") != "<b>"  # a label is text, never markup
    # A line before a table names only the words the page has not explained yet.
    line = term.line("committed", "spent", "planned")
    assert "#credits-prevus" in line and "#engage" not in line and "#mandate" not in line
    assert term.line("committed", "spent", "planned") == ""


# --- the built pages --------------------------------------------------------------------------


class _Page(HTMLParser):
    """What a reader sees of a page's article, and where its term links are."""

    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                "link", "meta", "source", "track", "wbr"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.in_article = 0
        self.term_links: list[tuple[str, list[str]]] = []  # href, ancestors' tags
        self.tooltips: dict[str, str] = {}  # id -> role
        self.described_by: list[str] = []
        self.skip_table_depth = 0
        self.dictionary_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "rm-term__link" in attributes.get("class", "").split():
            self.term_links.append((attributes["href"], [t for t, _ in self.stack]))
            self.described_by.append(attributes.get("aria-describedby", ""))
        if attributes.get("role") == "tooltip":
            self.tooltips[attributes.get("id", "")] = "tooltip"
        if tag == "article":
            self.in_article += 1
        if tag not in self.VOID:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == "article":
                self.in_article -= 1
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.stack]
        if self.in_article and not {"script", "style", "code", "pre"} & set(tags):
            self.text.append(data)

    @property
    def reader_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def _build(config: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = Path.cwd()
    os.chdir(config.parent)
    try:
        build(load_config(config_file=str(config), site_dir=str(site_dir)))
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module", params=sorted(SITES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[str, dict[str, str]]]:  # fmt: skip
    """The generated pages of a fixture built through MkDocs: their path and HTML."""
    language = str(request.param)
    site_dir = tmp_path_factory.mktemp(f"glossary-{language}")
    _build(SITES[language] / "mkdocs.yml", site_dir)
    pages = {
        path.relative_to(site_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site_dir.rglob("*.html"))
        if not path.relative_to(site_dir).as_posix().startswith(HAND_WRITTEN)
    }
    yield language, pages


def _parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_each_page_links_each_term_once_and_only_where_a_link_is_valid(
    built: tuple[str, dict[str, str]],
) -> None:
    language, pages = built
    glossary_name = urls.site_paths(language).glossary_name
    anchors = {entry.anchor for entry in glossary.entries(language)}
    linking_pages = 0
    for path, html in pages.items():
        page = _parsed(html)
        targets = [href.rsplit("#", 1) for href, _ in page.term_links]
        counts = Counter(anchor for _, anchor in targets)
        assert all(count == 1 for count in counts.values()), (path, counts)
        for (href, ancestors), (base, anchor) in zip(page.term_links, targets, strict=True):
            assert anchor in anchors, (path, href)
            assert base.rstrip("/").endswith(glossary_name), (path, href)
            # Never inside a link, a button, a heading, a table header or caption, a chart.
            forbidden = {"a", "button", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
                         "title", "svg", "figure", "label", "summary"}  # fmt: skip
            assert not forbidden & set(ancestors), (path, href, ancestors)
        for tooltip in page.described_by:
            assert page.tooltips.get(tooltip) == "tooltip", (path, tooltip)
        linking_pages += bool(page.term_links)
    # Every generated page type but the glossary itself and the legal pages explains its words.
    assert linking_pages >= len(pages) - 4, linking_pages


def test_a_later_use_of_a_linked_term_is_plain_text(built: tuple[str, dict[str, str]]) -> None:
    language, pages = built
    home = pages["index.html"]
    planned = words(language, "site")("planned")
    # Linked in the budget figures, then a plain column header of the axes table.
    assert home.count(f">{planned}</a>") == 1
    assert f'<th scope="col">{planned}</th>' in home


def test_the_glossary_page_lists_every_term_at_its_anchor(
    built: tuple[str, dict[str, str]],
) -> None:
    language, pages = built
    name = urls.site_paths(language).glossary_name
    page = pages[f"{name}/index.html"]
    for entry in glossary.entries(language):
        assert f'id="{entry.anchor}"' in page, entry
        assert f"<dt>{entry.term}</dt>" in page.replace("&#39;", "'"), entry
    assert "rm-term__link" not in page  # the page the links lead to links no term itself


def test_the_methodology_page_links_to_the_glossary(built: tuple[str, dict[str, str]]) -> None:
    language, pages = built
    paths = urls.site_paths(language)
    page = pages[f"{paths.methodology_name}/index.html"]
    assert f'href="../{paths.glossary_name}/"' in page


def _user_texts(value: object) -> Iterator[str]:
    """Every text a roadmap's files give (titles, descriptions, comments): not our wording."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _user_texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _user_texts(item)


def test_no_page_says_left_out_nor_names_a_field(built: tuple[str, dict[str, str]]) -> None:
    language, pages = built
    dictionary = words(language, "site")("dictionary")
    roadmap = validate_roadmap(SITES[language]).roadmap
    assert roadmap is not None
    written = sorted({" ".join(t.split()) for t in _user_texts(roadmap.model_dump()) if t.strip()},
                     key=len, reverse=True)  # fmt: skip
    for path, html in pages.items():
        text = _parsed(html).reader_text
        for user_text in written:
            text = text.replace(user_text, " ")
        assert not LEFT_OUT.search(text), (path, LEFT_OUT.search(text))
        if path.startswith(urls.site_paths(language).data_name + "/"):
            # The data page's field dictionary names the files' fields and values on purpose:
            # a reuser reads them in the files. Its sentences are checked.
            text = re.sub(rf"{re.escape(dictionary)} — .*?(?={re.escape(dictionary)} — |$)",
                          "", text)  # fmt: skip
        found = FIELD_NAME.search(text)
        assert found is None, (path, text[max(found.start() - 80, 0) : found.end() + 80])
