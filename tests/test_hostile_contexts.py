"""Every hostile string, in every reader-visible field, reaches every output as text.

A table of hostile strings (`PAYLOADS`) is written into every text field a reader sees
(`FIELDS`: the roadmap's title to a session's title) of one small roadmap per string; each is
built as a site (MkDocs with the plugin, the roadmap's history on so that its Atom feed
exists), and every output is parsed by the parser of its format:

- the HTML pages (Python's HTML parser): each page has exactly the elements and attributes of
  the same page built from harmless texts, no `<script>` but the site's own, no event
  attribute, and the `<title>` says the text as written;
- the generated Markdown pages' metadata (YAML), the JSON files (open data, chart figures,
  search index) and the JSON inside pages: the value is the string itself;
- the CSV and XLSX cells: a text starting like a formula is neutralised;
- the Atom feed (an XML parser): well formed, the title as written;
- the pull-request digest (markdown-it-py): no heading, image, HTML or mention from the text;
- the validator's text report, GitHub annotations and GitLab Code Quality JSON, for a roadmap
  whose errors quote the string: no escape sequence, no forged `::` command, one line each.

Strings the validator refuses (control and C1 characters, bidirectional overrides) are only
checked to be refused, at the right place. tests/browser/test_hostile_contexts.py opens the
same sites in Chromium. Building a site per string takes a few seconds each.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from generator.adapters.cli import main
from generator.rendering.digest import render_digest
from generator.validation.validate import validate_roadmap
from generator.validation.versions import RoadmapVersion
from tests.test_hostile_digest import FORBIDDEN, MENTION, parser, tool_headings, walk

# --- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    refused: bool = False  # the validator refuses it (R027): it never reaches an output


PAYLOADS = [
    Payload(
        "entities", "&lt;script&gt;window.__pwned=1&lt;/script&gt; &amp;lt;b&amp;gt; &#60;i&#62;"
    ),
    Payload("title-break", "</title><script>window.__pwned=1</script></textarea></style>"),
    Payload("quotes", '"\' onmouseover="window.__pwned=1" x=\'" autofocus onfocus=alert(1) \''),
    Payload("backticks", "`code` ``x`` ${`window.__pwned=1`} \\` \\"),
    Payload(
        "markdown",
        "# Titre **gras** _it_ [lien](javascript:window.__pwned=1) "
        "![i](https://evil.example/p.png) @all #12 !34 | a | b | <https://evil.example>",
    ),
    Payload(
        "html", "<img src=x onerror=window.__pwned=1><b>gras</b><!-- c --><svg onload=alert(1)>"
    ),
    Payload(
        "template", "{{ 7*7 }} {% raw %} {# c #} ${7*7} #{7*7} <%= 7*7 %> {{ config }} %{y} %{x}"
    ),
    Payload("formula", "=cmd|' /C calc'!A0"),
    Payload("formula-plus", "+1+cmd|' /C calc'!A0"),
    Payload("formula-minus", "-2+3+cmd|' /C calc'!A0"),
    Payload("formula-at", "@SUM(1+1)*cmd|' /C calc'!A0"),
    Payload("newlines", "ligne un\nligne deux\n::error file=x::forgé\n# titre\n</script>"),
    Payload(
        "blank-line", "paragraphe\n\n- liste\n\n    code\n\n<div>bloc</div>\n\n| a | b |\n|---|---|"
    ),
    Payload("tab", "colonne\tsuivante"),
    Payload("escape", "\x1b[31mrouge\x1b[0m", refused=True),
    Payload("c1", "suite\x85ligne \x9b31m", refused=True),
    Payload("delete", "effacé\x7f", refused=True),
    Payload("carriage-return", "valide\r::error::forgé", refused=True),
    Payload("bidi", "\u202eevil\u202c et \u2066isolé\u2069", refused=True),
]
ACCEPTED = [p for p in PAYLOADS if not p.refused]
HARMLESS = "Texte ordinaire"

# Every text field a reader sees, by where it is in the files.
FIELDS = [
    "roadmap.title", "roadmap.organisation", "roadmap.description", "axis.title",
    "axis.description", "funder.title", "session.title", "project.title", "project.summary",
    "project.description", "lead.team", "lead.name", "project.sponsor", "project.status_reason",
    "health.comment", "project.schedule_explanation", "project.tags", "budget.explanation",
    "milestone.title", "milestone.explanation", "indicator.title", "indicator.unit",
    "update.text", "link.title", "rebaseline.decision", "rebaseline.reason",
]  # fmt: skip
# Their texts are Markdown: its syntax is rendered there on purpose (a heading, emphasis).
MARKDOWN_FIELDS = {"roadmap.description", "axis.description", "project.description"}

MKDOCS_YML = """\
site_name: Feuille de route
site_url: !ENV [SITE_URL, "https://example.org/feuille/"]
docs_dir: docs
theme:
  name: material
  language: fr
  font: false
  features: [navigation.instant]
plugins:
  - search
  - roadmap:
      roadmap_dir: roadmap
      history: true
      contact: "mailto:a11y@example.org"
markdown_extensions: [admonition, attr_list, md_in_html, tables, toc]
"""


def roadmap_files(text: Callable[[str], str]) -> dict[str, Any]:
    """The roadmap (`roadmap.yaml` and one project) with `text(field)` in every field."""
    roadmap = {
        "title": text("roadmap.title"),
        "organisation": text("roadmap.organisation"),
        "description": text("roadmap.description"),
        "as_of": "2020-06-30",
        "period": {"start": "2020-01-01", "end": "2022-12-31"},
        "envelope": 1_000_000,
        "axes": [{"id": "usagers", "title": text("axis.title"),
                  "description": text("axis.description")}],
        "funders": [{"id": "etat", "title": text("funder.title")}],
        "sessions": [{"date": "2020-06-15", "title": text("session.title")}],
        "contact": "mailto:contact@example.org",
        "accessibility": {"compliance": "none", "statement_date": "2020-06-30"},
    }  # fmt: skip
    project = {
        "title": text("project.title"),
        "axis": "usagers",
        "summary": text("project.summary"),
        "description": text("project.description"),
        "lead": {"team": text("lead.team"), "name": text("lead.name")},
        "sponsor": text("project.sponsor"),
        "status": "on_hold",
        "status_reason": text("project.status_reason"),
        "health": {"value": "critical", "date": "2020-06-15", "comment": text("health.comment")},
        "start": "2020-01-15",
        "end": "2020-12-31",
        "forecast_end": "2021-06-30",
        "schedule_explanation": text("project.schedule_explanation"),
        "tags": [text("project.tags")],
        "budget": {
            "baseline": 100_000,
            "lines": [{"year": 2020, "funder": "etat", "planned": 80_000, "committed": 90_000,
                       "spent": 95_000}],
            "explanation": text("budget.explanation"),
        },
        "rebaselines": [{"date": "2020-05-01", "decision": text("rebaseline.decision"),
                         "reason": text("rebaseline.reason"), "budget": 120_000}],
        "milestones": [
            {"title": text("milestone.title"), "due": "2020-03-31", "forecast": "2020-09-30",
             "explanation": text("milestone.explanation")},
        ],
        "indicators": [{
            "id": "mesure", "title": text("indicator.title"), "unit": text("indicator.unit"),
            "baseline": {"date": "2020-01-01", "value": 0},
            "target": {"date": "2021-12-31", "value": 10},
            "measurements": [{"date": "2020-06-01", "value": 3}],
        }],
        "updates": [{"date": "2020-06-20", "text": text("update.text")}],
        "links": [{"title": text("link.title"), "url": "https://example.org/"}],
    }  # fmt: skip
    return {"roadmap.yaml": roadmap, "projects/cible.yaml": project}


def write_roadmap(folder: Path, text: Callable[[str], str]) -> None:
    """The roadmap's files under `folder`, YAML-quoted as a person's editor would keep them
    (dates as dates)."""
    for name, content in roadmap_files(text).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        dumped = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=10_000)
        # Dates were written as strings to keep the table simple: unquote them.
        dumped = re.sub(r"'(\d{4}-\d{2}-\d{2})'", r"\1", dumped)
        path.write_text(dumped, encoding="utf-8")


def hostile(payload: Payload) -> Callable[[str], str]:
    """The payload in every field, as is: it starts the text (where a spreadsheet would read
    a formula) and is its whole (where a page would show it)."""
    return lambda field: payload.text


def write_project(folder: Path, text: Callable[[str], str]) -> None:
    """A project folder: the roadmap, a mkdocs.yml, a docs/ folder and one git commit (the
    history, hence the feed, comes from git)."""
    write_roadmap(folder / "roadmap", text)
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
           "-c", "commit.gpgsign=false"]  # fmt: skip
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=folder, check=True)
    subprocess.run([*git, "add", "."], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Feuille de route"], cwd=folder, check=True,
                   env={**os.environ, "GIT_AUTHOR_DATE": "2020-06-30T12:00:00Z",
                        "GIT_COMMITTER_DATE": "2020-06-30T12:00:00Z"})  # fmt: skip


def mkdocs_build(project: Path) -> Path:
    """The site built by MkDocs with the plugin, strictly; returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = project / "site"
    cwd = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site),
                             strict=True)  # fmt: skip
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    return site


@dataclass(frozen=True)
class Built:
    project: Path
    site: Path  # the HTML site, by MkDocs and the plugin
    pages: Path  # the Markdown pages `roadmap build` writes (their metadata)


_BUILT: dict[str, Built] = {}


def built(name: str, text: Callable[[str], str], tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The roadmap with `text` in its fields, built once per test session."""
    if name not in _BUILT:
        project = tmp_path_factory.mktemp(f"contexts-{name}")
        write_project(project, text)
        site = mkdocs_build(project)
        pages = project / "generated"
        assert main(["build", "--roadmap", str(project / "roadmap"), "--out", str(pages),
                     "--config", str(project / "mkdocs.yml")]) == 0  # fmt: skip
        _BUILT[name] = Built(project, site, pages)
    return _BUILT[name]


@pytest.fixture(scope="module")
def harmless(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return built("harmless", lambda field: HARMLESS, tmp_path_factory)


@pytest.fixture(scope="module", params=ACCEPTED, ids=[p.name for p in ACCEPTED])
def payload_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Payload, Built]:
    payload: Payload = request.param
    return payload, built(payload.name, hostile(payload), tmp_path_factory)


# --- what the validator accepts ----------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_the_validator_accepts_a_text_or_refuses_it_at_its_place(
    payload: Payload, tmp_path: Path
) -> None:
    write_roadmap(tmp_path, hostile(payload))
    result = validate_roadmap(tmp_path)
    if not payload.refused:
        assert result.roadmap is not None, [(d.code, d.file, d.line) for d in result.errors]
        assert not result.errors
        return
    assert result.roadmap is None
    assert {d.code for d in result.errors} == {"R027"}
    # Each field refused where it is written, in both files.
    assert len(result.errors) >= len(FIELDS), [(d.file, d.line) for d in result.errors]
    assert {Path(d.file).name for d in result.errors} == {"roadmap.yaml", "cible.yaml"}


# --- HTML --------------------------------------------------------------------------------------


class Structure(HTMLParser):
    """A page's elements with their attribute names, its scripts, its `<title>`, and where a
    Markdown text is rendered (whose elements may come from the text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: Counter[str] = Counter()
        self.scripts: list[str] = []  # src, or the inline text
        self.title = ""
        self.meta: dict[str, str] = {}
        self.json_scripts: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self._markdown_depth = 0
        self._stack: list[str] = []
        self._in: str | None = None
        self._script_type = ""
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if self._markdown_depth:
            self._markdown_depth += tag not in VOID
        elif "rm-markdown" in classes:
            self._markdown_depth = 1
        if not self._markdown_depth or "rm-markdown" in classes:
            self.elements[" ".join([tag, *sorted(name for name, _ in attrs)])] += 1
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]
        self.urls += [value or "" for name, value in attrs if name in ("href", "src", "action")]
        if tag == "meta" and values.get("content") is not None:
            self.meta[values.get("name") or values.get("property") or ""] = values["content"] or ""
        if tag in ("script", "title"):
            self._in, self._text = tag, []
            self._script_type = values.get("type") or ""
            if tag == "script" and values.get("src"):
                self.scripts.append("src:" + (values["src"] or "").split("/")[-1])

    def handle_endtag(self, tag: str) -> None:
        if self._markdown_depth and tag not in VOID:
            self._markdown_depth -= 1
        if tag == self._in:
            text = "".join(self._text)
            if tag == "title":
                self.title = text
            elif self._script_type == "application/json":
                self.json_scripts.append(text)
            elif text.strip():
                self.scripts.append("inline:" + str(len(text)))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)


INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# Elements a Markdown text may produce (CommonMark's, the site's Markdown has no raw HTML).
MARKDOWN_ELEMENTS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "a", "ul", "ol",
                     "li", "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody",
                     "tr", "th", "td", "img", "span", "div"}  # fmt: skip


def parse_page(path: Path) -> Structure:
    parser = Structure()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_has_the_structure_it_has_with_harmless_texts(
    payload_site: tuple[Payload, Built], harmless: Built
) -> None:
    payload, site = payload_site
    pages = html_pages(site.site)
    assert {p.relative_to(site.site) for p in pages} == {
        p.relative_to(harmless.site) for p in html_pages(harmless.site)
    }
    problems = []
    for page in pages:
        relative = page.relative_to(site.site)
        found, expected = parse_page(page), parse_page(harmless.site / relative)
        # Outside Markdown texts, every element and attribute is the template's.
        extra = found.elements - expected.elements
        missing = expected.elements - found.elements
        if extra or missing:
            problems.append((str(relative), extra, missing))
        assert found.scripts == expected.scripts, (payload.name, str(relative))
        assert not found.handlers, (payload.name, str(relative), found.handlers)
        bad = [u for u in found.urls if re.match(r"\s*(javascript|data|vbscript):", u, re.I)]
        assert not bad, (payload.name, str(relative), bad)
    assert not problems, (payload.name, problems)


def test_markdown_texts_produce_only_markdown(payload_site: tuple[Payload, Built]) -> None:
    payload, site = payload_site
    for page in html_pages(site.site):
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r'<div class="rm-markdown">(.*?)</div>', text, re.S):
            tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", block))
            assert tags <= MARKDOWN_ELEMENTS, (payload.name, page, tags - MARKDOWN_ELEMENTS)
            assert "<img" not in block or "evil.example" not in block.split("<img", 1)[1][:200]


def test_the_page_title_says_the_text_as_written(payload_site: tuple[Payload, Built]) -> None:
    payload, site = payload_site
    written = " ".join(payload.text.split())
    page = parse_page(site.site / "projets" / "cible" / "index.html")
    assert " ".join(page.title.split()).startswith(written), (page.title, written)
    home = parse_page(site.site / "index.html")
    assert written in " ".join(home.title.split())
    for content in [*page.meta.values(), *home.meta.values()]:
        assert "<script" not in content or payload.text.count("<script") >= 1


def test_template_syntax_shows_literally(tmp_path_factory: pytest.TempPathFactory) -> None:
    (payload,) = [p for p in ACCEPTED if p.name == "template"]
    site = built(payload.name, hostile(payload), tmp_path_factory)
    for page in ("projets/cible/index.html", "index.html", "axes/usagers/index.html"):
        text = (site.site / page).read_text(encoding="utf-8")
        assert "{{ 7*7 }}" in text and "{% raw %}" in text and "{{ config }}" in text
        assert "site_name" not in text.split("<body", 1)[1].split("</main>")[0]


# --- metadata and JSON -------------------------------------------------------------------------


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def test_page_metadata_holds_the_title_escaped(payload_site: tuple[Payload, Built]) -> None:
    payload, site = payload_site
    page = next(site.pages.rglob("cible.md"), None) or next(site.pages.rglob("cible/index.md"))
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), text[:200]
    metadata = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(metadata, dict)
    # The title is kept HTML-escaped there: the theme writes it into pages unescaped.
    written = " ".join(payload.text.split())
    assert " ".join(html.unescape(metadata["title"]).split()) == written, metadata
    assert "<" not in metadata["title"] and ">" not in metadata["title"]


def test_json_outputs_parse_and_hold_the_string(payload_site: tuple[Payload, Built]) -> None:
    payload, site = payload_site
    found = {"open data": False, "charts": False, "search": False}
    for path in sorted(site.site.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        values = list(strings(data))
        holds = any(payload.text in v for v in values)
        if path.name == "feuille-de-route.json":
            found["open data"] = payload.text in values
        elif "figures" in path.parts:
            # Hovers are plotly's pseudo-HTML: the text is there HTML-escaped.
            joined = " ".join(" ".join(v.split()) for v in values)
            found["charts"] |= holds or _escaped_in(payload.text, joined)
        elif path.name == "search_index.json":
            # The search index holds the text as the page shows it (HTML-escaped where the
            # page has markup): its entries are parsed as HTML by the search, as text.
            text = " ".join(" ".join(v.split()) for v in values)
            found["search"] = " ".join(payload.text.split()) in text or _escaped_in(
                payload.text, text
            )
    assert all(found.values()), (payload.name, found)
    for page in html_pages(site.site):
        for script in parse_page(page).json_scripts:
            json.loads(script)  # well formed, however the texts were written


def _escaped_in(text: str, haystack: str) -> bool:
    return " ".join(html.escape(text, quote=False).split()) in haystack


# --- spreadsheets ------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_and_xlsx_cells_are_text(payload_site: tuple[Payload, Built]) -> None:
    payload, site = payload_site
    folder = site.site / "donnees"
    cells: list[str] = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=_delimiter(path)))
        assert rows and all(len(row) == len(rows[0]) for row in rows), path
        cells += [cell for row in rows for cell in row]
    book = openpyxl.load_workbook(folder / "feuille-de-route.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    cells.append(cell.value)
    quoted = [c for c in cells if payload.text.strip() in c or payload.text.lstrip("=+-@") in c]
    assert quoted, payload.name
    for cell in cells:
        assert not cell.startswith(FORMULA_START) or _is_number(cell), cell


def _delimiter(path: Path) -> str:
    first = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _is_number(cell: str) -> bool:
    return re.fullmatch(r"-?\d+([.,]\d+)?", cell) is not None


# --- the feed ----------------------------------------------------------------------------------


def test_the_feed_is_well_formed_xml_with_the_text(payload_site: tuple[Payload, Built]) -> None:
    payload, site = payload_site
    feed = ET.parse(site.site / "feed.xml").getroot()
    texts = " ".join(" ".join((element.text or "").split()) for element in feed.iter())
    assert " ".join(payload.text.split()) in texts
    assert not any(element.tag.endswith("script") for element in feed.iter())


# --- the digest --------------------------------------------------------------------------------


def test_the_digest_shows_no_markup_from_the_text(
    payload_site: tuple[Payload, Built], harmless: Built
) -> None:
    payload, site = payload_site

    def version(folder: Path, label: str) -> RoadmapVersion:
        result = validate_roadmap(folder)
        return RoadmapVersion(label=label, revision=None, roadmap=result.roadmap,
                              errors=tuple(result.errors), language=result.language)  # fmt: skip

    base = version(harmless.project / "roadmap", "main")
    head = version(site.project / "roadmap", payload.text)
    for digest in (render_digest(base, head), render_digest(head, base)):
        tokens = list(walk(parser().parse(digest)))
        assert not {t.type for t in tokens} & FORBIDDEN, (payload.name, digest)
        for index, token in enumerate(tokens):
            if token.type == "heading_open":
                assert tokens[index + 1].content in tool_headings("fr"), digest
        texts = " ".join(t.content for t in tokens if t.type == "text")
        assert not MENTION.search(texts), digest
        assert "<!--" not in digest
        shown = " ".join(texts.replace("\u2060", "").split())
        assert " ".join(payload.text.split())[:40] in shown, (texts, payload)


# --- the validator's reports -------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS, ids=[p.name for p in PAYLOADS])
def test_reports_quote_the_text_inertly(
    payload: Payload, roadmap_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The text in a value the validator quotes in its message, and in a file name.
    name = payload.text.replace("/", "-").replace("\x00", "")[:100]
    (roadmap_copy / "projects" / f"{name}.yaml").write_text(
        "title: x\naxis: usagers\nlead: {team: DSI}\nstatus: " + json.dumps(payload.text) + "\n",
        encoding="utf-8",
    )
    outputs = {}
    for report in ("text", "github", "gitlab"):
        capsys.readouterr()
        assert main(["validate", str(roadmap_copy), "--format", report]) == 1
        outputs[report] = capsys.readouterr().out
    issues = json.loads(outputs["gitlab"])
    # GitLab's report names the file as it is on disk (to show it in the merge request), and
    # shows the description escaped; the terminal and GitHub's log show the text as is.
    shown = {"text": outputs["text"], "github": outputs["github"],
             "gitlab": "\n".join(issue["description"] for issue in issues)}  # fmt: skip
    for report, out in shown.items():
        assert not INVISIBLE.search(out), (report, out)
    # GitHub reads a command at the start of a line only: each line is one of the tool's.
    for line in outputs["github"].splitlines():
        assert re.match(r"::(error|warning|notice)[ :]", line), line
    assert not any(line.startswith("::") for line in outputs["text"].splitlines())
    assert issues and all(isinstance(issue["description"], str) for issue in issues)
    assert all("\n" not in issue["description"] for issue in issues)
