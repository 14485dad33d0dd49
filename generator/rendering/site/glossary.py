"""The glossary ("Lexique"): the site's own words in everyday language, and the links that
explain each of them where a page first uses it.

Each term is three `site` catalogue entries: `glossary.<id>.term` (the word as the glossary
lists it), `glossary.<id>.anchor` (its stable place on the glossary page, a word of the
language like every page name) and `glossary.<id>.definition` (one or two short sentences).
An anchor is also an element id, which browsers make a global name of the page's scripts:
none may be the name of a script's object (the French "axe" hid axe-core, the accessibility
checker, hence "axe-strategique").

A page links a term once, the first time its reader meets it: templates call `term(id)` (or
`term(id, label)` for a label that holds the word), and a `TermLinker` made for each page
remembers what it has linked; later uses are plain text. The link goes to the glossary entry
and carries the definition in a tooltip (pages.css shows it on hover and keyboard focus;
tables.js hides it on Escape), so the page still explains the word without CSS or JavaScript.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.i18n import Words
from generator.rendering.site import text

# Every term of the glossary, by id. The glossary page lists them in the reader's alphabetical
# order; this order only fixes the catalogue's.
TERM_IDS = (
    "as_of", "axis", "lead", "status", "health", "progress", "milestone", "variance",
    "rebaseline", "envelope", "baseline_budget", "planned", "committed", "spent",
    "consumption", "indicator", "baseline_value", "target_value",
)  # fmt: skip
# The term each rule of the methodology page explains (`text.RULE_IDS`), linked from its name.
RULE_TERMS = {
    "milestone_state": "milestone", "milestone_slip": "variance", "project_progress": "progress",
    "consumption": "consumption", "approved_budget": "baseline_budget", "health": "health",
    "indicator_progress": "indicator",
}  # fmt: skip
# The prefix of a tooltip's id: one per term on a page, since a page links a term once.
TOOLTIP_PREFIX = "rm-term-"


@dataclass(frozen=True)
class Entry:
    """One term of the glossary, in one language."""

    id: str
    term: str
    anchor: str
    definition: str


def entries(language: str) -> list[Entry]:
    """Every term of the glossary, in the order a reader looks words up: alphabetical, accents
    and case aside ("Écart" between "Axe" and "Engagé")."""
    w = text.site_words(language)
    found = [Entry(term_id, w(f"glossary.{term_id}.term"), w(f"glossary.{term_id}.anchor"),
                   w(f"glossary.{term_id}.definition")) for term_id in TERM_IDS]  # fmt: skip
    return sorted(found, key=lambda entry: _reading_order(entry.term))


def _reading_order(word: str) -> str:
    """`word` without its accents and case, as a dictionary files it."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class TermLinker:
    """The terms of one page: the first use of each links to the glossary, with its definition
    at hand; the others are plain text. `glossary_url` is the glossary page's address relative
    to the page (without an anchor)."""

    def __init__(self, words: Words, glossary_url: str) -> None:
        self.words = words
        self.glossary_url = glossary_url
        self.linked: list[str] = []

    def __call__(self, term_id: str, label: str | None = None) -> Markup:
        """The term `term_id`, shown as `label` (a word or a short label holding it: "Crédits
        prévus", "Avancement moyen") or else as the glossary writes it."""
        shown = self.words(f"glossary.{term_id}.term") if label is None else label
        if term_id in self.linked:
            return escape(shown)
        self.linked.append(term_id)
        return self._link(term_id, shown)

    def line(self, *term_ids: str) -> Markup:
        """The words of the table that follows, each linked if the page has not yet linked it
        (a sortable table's headers become buttons, where a link cannot go). Empty when the
        page already explained them all."""
        fresh = [term_id for term_id in term_ids if term_id not in self.linked]
        if not fresh:
            return Markup("")
        links = Markup(self.words("glossary_line_separator")).join(self(t) for t in fresh)
        label = escape(self.words("glossary_line"))
        # Out of the search index: the words are the table's, and their definitions the
        # glossary's, where search finds them.
        return Markup(f'<p class="rm-terms" data-search-exclude>{label} {links}</p>')

    def _link(self, term_id: str, shown: str) -> Markup:
        anchor = self.words(f"glossary.{term_id}.anchor")
        definition = self.words(f"glossary.{term_id}.definition")
        tooltip = f"{TOOLTIP_PREFIX}{anchor}"
        # The definition sits beside the link, in the same wrapper: hovering it keeps it open
        # (WCAG 1.4.13), and search leaves it out of the sentence it would cut in two.
        return Markup(
            '<span class="rm-term"><a class="rm-term__link" href="{href}" '
            'aria-describedby="{tooltip}">{shown}</a><span class="rm-term__tip" id="{tooltip}" '
            'role="tooltip" data-search-exclude>{definition}</span></span>'
        ).format(href=f"{self.glossary_url}#{anchor}", tooltip=tooltip, shown=shown,
                 definition=definition)  # fmt: skip


def rules_with_terms(rules: list[tuple[str, str]]) -> list[tuple[str, str, str | None]]:
    """The methodology's rules (`text.rules`, in `text.RULE_IDS` order), each with the term its
    name is linked to, if any."""
    return [(figure, rule, RULE_TERMS.get(rule_id))
            for rule_id, (figure, rule) in zip(text.RULE_IDS, rules, strict=True)]  # fmt: skip


def term_linker(words: Words, link: Callable[[str], str], glossary_page: str) -> TermLinker:
    """A page's term linker, its links made relative to the page by `link`."""
    return TermLinker(words, link(glossary_page))
