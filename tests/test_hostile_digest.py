"""The pull-request digest cannot be forged or silenced by what a pull request writes.

Every text of the roadmap and every file name goes through one escaping function before it
reaches the digest's Markdown. These tests render the digest with a CommonMark/GFM parser
(markdown-it-py, GFM-like: tables, strikethrough, autolinks) and check its tokens: the only
headings, lists and emphasis are the tool's own, and no image, HTML, comment, link, code or
mention comes from the roadmap, on GitHub or on GitLab (both find mentions in the rendered
text, so an escaped `\\@all` would still notify). The length cap cuts the least important
lines, with a note, and never the reviewer notes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.diagnostics import Diagnostic, diagnostic
from generator.figures.changes import compare
from generator.i18n import words
from generator.model import Axis, Health, Milestone, Rebaseline, Roadmap, Update
from generator.rendering.digest import (
    MAX_DIGEST_LENGTH,
    forge_length,
    plain,
    render_changes,
    render_digest,
)
from generator.validation.validate import validate_roadmap
from generator.validation.versions import RoadmapVersion

FIXTURES = Path(__file__).parent / "fixtures"

# Texts a pull request may write, each aiming at one construct of GitHub's or GitLab's Markdown.
HOSTILE = [
    "# Approuvé par l'équipe sécurité",
    "Titre\n# Approuvé\n\n![x](https://evil.example/p.png)",
    "<details><summary>Tout va bien</summary>",
    "<!-- ",
    "<!-- roadmap-digest -->",
    "<img src=x onerror=alert(1)>",
    "[clic](https://evil.example)",
    "![pixel](https://evil.example/p.png)",
    "https://evil.example/x et HTTPS://EVIL.EXAMPLE",
    "//evil.example/chemin",
    "www.evil.example et WWW.evil.example",
    "contact@evil.example, mailto:contact@evil.example",
    "@all @equipe-securite merci",
    "`@all` et `` ` `` et \\`@all",
    "&#64;all &lt;script&gt; &#x40;admin",
    "x\n===\n",
    "- [x] liste",
    "> citation",
    "| a | b |\n|---|---|\n| c | d |",
    "[ref]: https://evil.example",
    "<https://evil.example>",
    "\u202eevil\u202c gauche",
    "\x1b[2J\x07\x9b31m",
    "/approve",
    "```\ncode\n```",
    "~~~",
    "    indenté comme du code",
    "**En bref :** rien à signaler.",
    "1. un",
    "\\",
    "[x]\n\n[x]: https://evil.example",
    "{{ 7*7 }} ${x} %{y}",
]

# GitHub's and GitLab's mention: an @ after a non-word character, followed by a name.
MENTION = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9_]")
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Token types the digest must never contain, whoever wrote what.
FORBIDDEN = {"image", "html_block", "html_inline", "link_open", "code_inline", "fence",
             "code_block", "blockquote_open", "table_open", "hr", "ordered_list_open"}  # fmt: skip


def parser() -> MarkdownIt:
    md = MarkdownIt("gfm-like")
    # GFM links bare addresses only with a scheme or `www.` (and e-mail addresses); linkify-it's
    # fuzzy links (`evil.example`) are a markdown-it extra that neither forge has.
    md.linkify.set({"fuzzy_link": False})
    return md


def walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from walk(token.children or [])


def tool_headings(language: str) -> set[str]:
    w = words(language, "digest")
    sections = ("notes", "projects", "status", "milestones", "budget", "rebaselines", "updates",
                "settings", "other")  # fmt: skip
    return {w("title"), *(w(f"section.{name}") for name in sections)}


def assert_nothing_forged(digest: str, language: str = "fr") -> list[Token]:
    tokens = list(walk(parser().parse(digest)))
    found = sorted({t.type for t in tokens} & FORBIDDEN)
    assert not found, (found, digest)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            assert tokens[index + 1].content in tool_headings(language), tokens[index + 1].content
    texts = " ".join(t.content for t in tokens if t.type == "text")
    assert not MENTION.search(texts), MENTION.search(texts)
    assert not INVISIBLE.search(texts)
    assert "<!--" not in digest
    # Emphasis is the tool's: its summary first, and only once, and its warnings.
    summary = words(language, "digest")("in_short", parts="").split("**")[1]
    emphasised = [tokens[i + 1].content for i, t in enumerate(tokens)
                  if t.type in ("strong_open", "em_open", "s_open")]  # fmt: skip
    assert emphasised[0] == summary and emphasised.count(summary) == 1, emphasised
    assert all(text in tool_emphasis(language) or text.startswith("…") for text in emphasised)
    return tokens


def tool_emphasis(language: str) -> set[str]:
    """What the digest catalogue writes in bold, its placeholders left empty."""
    w = words(language, "digest")
    return {w(key, parts="").split("**")[1] for key in ("in_short", "budget.total")}


def minimal() -> Roadmap:
    roadmap = validate_roadmap(FIXTURES / "minimal").roadmap
    assert roadmap is not None
    return roadmap


def hostile_versions(text: str) -> tuple[Roadmap, Roadmap]:
    """The minimal roadmap, and a version where every text the digest quotes is `text`: a
    project renamed, suspended, rated, slipped, rebaselined and given news, a new project, a
    new axis. Built as models, past the validator: the digest must hold on its own."""
    old = minimal()
    socle = old.projects[0]
    launch, acceptance = socle.milestones
    assert socle.budget is not None
    day = dt.date(2020, 6, 1)
    changed = socle.model_copy(update={
        "title": text,
        "status": "on_hold",
        "status_reason": text,
        "health": Health(value="critical", date=day, comment=text),
        "schedule_explanation": text,
        # The first baseline rewritten: a note for reviewers.
        "budget": socle.budget.model_copy(update={"baseline": 300000.0}),
        "milestones": (launch.model_copy(update={"title": text}),
                       acceptance.model_copy(update={"forecast": dt.date(2020, 12, 31),
                                                     "explanation": text}),
                       Milestone(title=text, due=dt.date(2021, 3, 1))),
        "rebaselines": (Rebaseline(date=day, decision=text, reason=text, budget=250000.0),),
        "updates": (Update(date=day, text=text),),
    })  # fmt: skip
    lead = socle.lead.model_copy(update={"team": text})
    added = socle.model_copy(update={"id": "nouveau", "source": "projects/nouveau.yaml",
                                     "title": text, "summary": text, "lead": lead})  # fmt: skip
    new = old.model_copy(update={
        "projects": (changed, added),
        "axes": (*old.axes, Axis(id="nouvel-axe", title=text)),
    })  # fmt: skip
    return old, new


@pytest.mark.parametrize("text", HOSTILE)
def test_no_text_of_the_roadmap_makes_markdown(text: str) -> None:
    digest = render_changes(compare(*hostile_versions(text)))
    tokens = assert_nothing_forged(digest)
    # Neutralised, not dropped: a reviewer still reads what was written.
    shown = " ".join(t.content for t in tokens if t.type == "text")
    for word in re.findall(r"[A-Za-zéè]{4,}", text):
        assert word in shown, word


def test_headings_lists_and_the_summary_are_the_tools_own() -> None:
    digest = render_changes(compare(*hostile_versions(HOSTILE[0])))
    tokens = assert_nothing_forged(digest)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    w = words("fr", "digest")
    # Reviewer notes come first: they are what a reviewer must not miss.
    assert headings[0] == w("section.notes")
    assert len(headings) == len(set(headings))


def test_an_english_digest_is_escaped_the_same_way() -> None:
    old, new = hostile_versions("@all <!-- [x](https://evil.example) # T")
    old, new = (r.model_copy(update={"language": "en"}) for r in (old, new))
    assert_nothing_forged(render_changes(compare(old, new)), "en")


def invalid_head(file_name: str) -> RoadmapVersion:
    errors: tuple[Diagnostic, ...] = (
        diagnostic("R016", file_name, 3, 9, field="status", value="@all <!--", allowed="x"),
        diagnostic("R010", file_name, 1, 1, field="title", where=""),
    )
    return RoadmapVersion(label="@all <b>tête</b>", revision=None, errors=errors)


@pytest.mark.parametrize("file_name", [
    "projects/\n## Approuvé par l'équipe sécurité\n.yaml",
    "projects/x`<!--`.yaml",
    "projects/![p](https:\\evil.example\\p.png).yaml",
    "projects/<details>.yaml",
    "projects/@all.yaml",
    "projects/\x1b]0;titre\x07.yaml",
])  # fmt: skip
def test_file_names_and_revision_labels_are_escaped(file_name: str) -> None:
    base = RoadmapVersion(label="main", revision=None, roadmap=minimal())
    digest = render_digest(base, invalid_head(file_name))
    tokens = list(walk(parser().parse(digest)))
    assert not {t.type for t in tokens} & FORBIDDEN, digest
    heading = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert heading == [words("fr", "digest")("title")]
    texts = " ".join(t.content for t in tokens if t.type == "text")
    assert not MENTION.search(texts) and not INVISIBLE.search(texts)
    assert "<!--" not in digest


def test_the_cap_cuts_the_least_important_lines_with_a_note() -> None:
    old, new = hostile_versions("Actualité")
    socle = new.projects[0]
    news = tuple(Update(date=dt.date(2020, 6, 1), text=f"Nouvelle {n} " + "x" * 900)
                 for n in range(200))  # fmt: skip
    # Removing a project is a reviewer note; the news are the least important lines.
    third = socle.model_copy(update={"id": "autre", "source": "projects/autre.yaml"})
    old = old.model_copy(update={"projects": (*old.projects, third)})
    new = new.model_copy(update={"projects": (socle.model_copy(update={"updates": news}),
                                              new.projects[1])})  # fmt: skip
    whole = render_changes(compare(old, new), limit=10**9)
    assert forge_length(whole) > MAX_DIGEST_LENGTH

    digest = render_changes(compare(old, new))
    assert forge_length(digest) <= MAX_DIGEST_LENGTH
    w = words("fr", "digest")
    assert w("section.notes") in digest
    assert w("section.status") in digest  # more important than the news: kept whole
    assert digest.split("### ")[1].startswith(w("section.notes"))
    kept = digest.count("Nouvelle ")
    assert 0 < kept < 200
    omitted = whole.count("\n- ") - digest.count("\n- ")
    assert digest.rstrip().endswith(w.plural("omitted", omitted, count=str(omitted)))
    assert_nothing_forged(digest)


def test_the_whole_digest_keeps_within_a_comment() -> None:
    """render_digest counts its own heading and introduction in the limit."""
    old, new = hostile_versions("😀" * 900)  # two UTF-16 units each, as GitHub counts
    socle = new.projects[0]
    news = tuple(Update(date=dt.date(2020, 6, 1), text="😀" * 900) for _ in range(100))
    new = new.model_copy(update={"projects": (socle.model_copy(update={"updates": news}),)})
    base = RoadmapVersion(label="main", revision=None, roadmap=old)
    head = RoadmapVersion(label="HEAD", revision=None, roadmap=new)
    digest = render_digest(base, head)
    assert MAX_DIGEST_LENGTH - 2_000 < forge_length(digest) <= MAX_DIGEST_LENGTH


def test_a_long_text_is_cut_where_it_is_quoted() -> None:
    assert plain("a" * 5000).endswith("…")
    assert len(plain("a" * 5000)) == 1000


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("#*_`[]()<>!&@:/\\|-+=~.w \n\t1aA;\u202e\x1b")) ,
               max_size=40))  # fmt: skip
def test_any_text_stays_one_plain_paragraph(text: str) -> None:
    rendered = f"- Le projet « {plain(text)} » est ajouté."
    tokens = list(walk(parser().parse(rendered)))
    assert not {t.type for t in tokens} & FORBIDDEN, (text, rendered)
    assert [t.type for t in tokens if t.type.endswith("_open") and t.level == 0] == [
        "bullet_list_open"
    ], (text, rendered)
    texts = " ".join(t.content for t in tokens if t.type == "text")
    assert not MENTION.search(texts), (text, rendered)
    assert "\n" not in plain(text)
