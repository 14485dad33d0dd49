"""Properties of the validator over generated roadmaps, valid and broken.

Hypothesis writes valid roadmaps (roadmap.yaml and a few projects, as YAML text in a
temporary folder), then breaks them the way hurried or first-time YAML writers do: wrong
types, deleted or renamed keys, odd Unicode, huge numbers, far dates, empty lists, text
where a list is expected, damaged lines. Whatever it writes:

- the validator never raises;
- it accepts the roadmap, or reports diagnostics with a known code that point at a line
  and column that exist in the file they name;
- a valid roadmap loads back exactly as written (no value lost or changed), and goes
  through the derived figures and the page generation.

Runs are derandomized so that a failure reproduces on every machine; set
HYPOTHESIS_PROFILE=explore to search longer with random seeds.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import string
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.diagnostics import Diagnostic
from generator.figures.derive import derive_figures
from generator.model import MAX_AMOUNT, MAX_MEASURE
from generator.reading.loader import load_text, resolve_plain_scalar
from generator.rendering.diagnostics import message_text
from generator.validation.codes import RULES
from generator.validation.validate import (
    ROADMAP_FILE,
    ValidationResult,
    display_path,
    validate_roadmap,
)

EXPLORE = os.environ.get("HYPOTHESIS_PROFILE") == "explore"


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples * 10 if EXPLORE else examples,
        derandomize=not EXPLORE,
        database=None,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- text and values ------------------------------------------------------------------------

# Characters that have broken text handling somewhere: right-to-left marks and overrides,
# zero-width characters, a BOM, emoji (some outside the BMP, some joined), combining accents,
# non-breaking and typographic spaces, line and paragraph separators, markup.
ODD_CHARACTERS = (
    "\u200f\u202e\u2066\u2069\u200b\u200c\u200d\u2060\ufeff"
    "😀👩‍👩‍👧🇫🇷\U0001f9ea\u0301\u0327\u00a0\u202f\u2009\u2028\u2029\u0085"
    "é€«»’ÆŒßİı"
)
CONTROL_CHARACTERS = "".join(chr(code) for code in range(1, 32)) + "\x7f"
MARKUP = (
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% raw %}",
    "${7*7}",
    "[x](javascript:alert(1))",
    "&amp;",
    "*",
    "_",
    "#",
    "|",
    "`",
    "\\",
)

plain_text = st.text(
    alphabet=string.ascii_letters + string.digits + " -'.,:", min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
# What no valid text holds (rule R027): control characters but tab and line feed, DEL, the C1
# controls, bidirectional overrides and isolates, lone surrogates, the two non-characters.
REFUSED_CHARACTERS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
odd_text = (
    st.one_of(
        plain_text,
        st.text(alphabet=ODD_CHARACTERS + string.ascii_letters + " ", min_size=1, max_size=20),
        st.text(alphabet=CONTROL_CHARACTERS + "ab ", min_size=1, max_size=10),
        st.builds("".join, st.lists(st.sampled_from(MARKUP), min_size=1, max_size=4)),
        st.text(min_size=1, max_size=20),  # any Unicode but surrogates
    )
    .map(lambda text: REFUSED_CHARACTERS.sub("", text))
    .filter(lambda text: text.strip() != "")
)
slug = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}\Z")
# Amounts in cents and measures in millionths, up to the model's bounds (one million billion).
amount = st.one_of(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=MAX_AMOUNT * 100).map(lambda cents: cents / 100),
    st.sampled_from([0, 0.01, MAX_AMOUNT, float(MAX_AMOUNT)]),
)
measure = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=-(10**12), max_value=10**12).map(lambda n: n / 10**6),
    st.sampled_from([-MAX_MEASURE, MAX_MEASURE, 0.000001]),
)


def dates_between(low: dt.date, high: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=low, max_value=high)


# --- valid roadmaps -------------------------------------------------------------------------


@st.composite
def roadmap_settings(draw: st.DrawFn) -> dict[str, Any]:
    # as_of must lie between 1970 and 2106 (what every output, the sitemap included, encodes).
    start = draw(dates_between(dt.date(1990, 1, 1), dt.date(2090, 1, 1)))
    end = start + dt.timedelta(days=draw(st.integers(0, 365 * 8)))
    as_of = start + dt.timedelta(days=draw(st.integers(0, (end - start).days)))
    axes = draw(st.lists(slug, min_size=1, max_size=3, unique=True))
    funders = draw(st.lists(slug, max_size=3, unique=True))
    data: dict[str, Any] = {
        "title": draw(odd_text),
        "organisation": draw(odd_text),
        "period": {"start": start, "end": end},
        "as_of": as_of,
        "axes": [{"id": a, "title": draw(odd_text)} for a in axes],
    }
    optional: dict[str, Any] = {
        "description": draw(odd_text),
        "language": draw(st.sampled_from(["fr", "en"])),
        "currency": draw(st.sampled_from(["EUR", "USD", "XPF", "CHF"])),
        "envelope": draw(amount),
        "funders": [{"id": f, "title": draw(odd_text)} for f in funders],
        "thresholds": {
            "budget_overrun_pct": draw(st.integers(0, 100)),
            "schedule_slip_days": draw(st.integers(0, 400)),
            "stale_after_days": draw(st.integers(1, 400)),
        },
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        data[key] = optional[key]
    if funders and "funders" not in data:
        data["funders"] = optional["funders"]
    return data


@st.composite
def project_data(draw: st.DrawFn, roadmap: Mapping[str, Any], earlier: list[str]) -> dict[str, Any]:
    """A valid project of `roadmap`, depending only on `earlier` projects (no cycle)."""
    period = roadmap["period"]
    as_of: dt.date = roadmap["as_of"]
    # The validator's plausible window: a little before and after the period.
    low, high = dt.date(period["start"].year - 3, 1, 1), dt.date(period["end"].year + 5, 12, 31)
    past = dates_between(low, as_of)
    any_date = dates_between(low, high)
    funders = [f["id"] for f in roadmap.get("funders", [])]
    status = draw(st.sampled_from(["planned", "in_progress", "done", "on_hold", "cancelled"]))
    data: dict[str, Any] = {
        "title": draw(odd_text),
        "axis": draw(st.sampled_from([a["id"] for a in roadmap["axes"]])),
        "lead": {"team": draw(odd_text)},
        "status": status,
        # Explanations are always given: variances are then allowed whatever their size.
        "schedule_explanation": draw(odd_text),
    }
    start = draw(past if status == "done" else any_date)
    if status != "planned" or draw(st.booleans()):
        data["start"] = start
        data["end"] = draw(dates_between(start, high))
    if status == "done":
        data["actual_end"] = draw(dates_between(start, max(start, as_of)))
    if status in ("on_hold", "cancelled"):
        data["status_reason"] = draw(odd_text)
    if draw(st.booleans()):
        data["forecast_end"] = draw(dates_between(start, high) if "start" in data else any_date)
    optional: dict[str, Callable[[], Any]] = {
        "summary": lambda: draw(odd_text),
        "description": lambda: draw(odd_text),
        "sponsor": lambda: draw(odd_text),
        "lead_name": lambda: draw(odd_text),
        "health": lambda: {
            "value": draw(st.sampled_from(["good", "watch", "critical"])),
            "date": draw(past),
            **({"comment": draw(odd_text)} if draw(st.booleans()) else {}),
        },
        "progress": lambda: draw(st.one_of(st.integers(0, 100), st.floats(0, 100))),
        "tags": lambda: draw(st.lists(odd_text, max_size=3)),
        "visibility": lambda: draw(st.sampled_from(["public", "internal"])),
        "depends_on": lambda: (
            draw(st.lists(st.sampled_from(earlier), unique=True, max_size=2)) if earlier else []
        ),
        "budget": lambda: {
            "baseline": draw(amount),
            "explanation": draw(odd_text),
            "lines": [
                {
                    "year": draw(st.integers(period["start"].year, period["end"].year)),
                    **({"funder": draw(st.sampled_from(funders))} if funders else {}),
                    "planned": draw(amount),
                    **({"committed": draw(amount)} if draw(st.booleans()) else {}),
                    **({"spent": draw(amount)} if draw(st.booleans()) else {}),
                }
                for _ in range(draw(st.integers(0, 3)))
            ],
        },
        "rebaselines": lambda: [
            {
                "date": date,
                "decision": draw(odd_text),
                "reason": draw(odd_text),
                **({"budget": draw(amount)} if draw(st.booleans()) else {}),
                **({"end": draw(any_date)} if draw(st.booleans()) else {}),
            }
            for date in sorted(draw(st.lists(past, max_size=2)))
        ],
        "milestones": lambda: [
            {
                "title": draw(odd_text),
                "due": draw(any_date),
                "explanation": draw(odd_text),
                **({"forecast": draw(any_date)} if draw(st.booleans()) else {}),
                **({"done": draw(past)} if draw(st.booleans()) else {}),
                **({"weight": draw(st.floats(0.01, 100))} if draw(st.booleans()) else {}),
            }
            for _ in range(draw(st.integers(0, 4)))
        ],
        "indicators": lambda: [
            {
                "id": indicator_id,
                "title": draw(odd_text),
                "unit": draw(odd_text),
                "direction": draw(st.sampled_from(["increase", "decrease"])),
                "baseline": {"date": draw(past), "value": draw(measure)},
                "target": {"date": draw(any_date), "value": draw(measure)},
                "measurements": [
                    {"date": draw(past), "value": draw(measure)}
                    for _ in range(draw(st.integers(0, 3)))
                ],
            }
            for indicator_id in draw(st.lists(slug, max_size=2, unique=True))
        ],
        "updates": lambda: [
            {"date": draw(past), "text": draw(odd_text)} for _ in range(draw(st.integers(0, 3)))
        ],
        "links": lambda: [
            {
                "title": draw(odd_text),
                "url": draw(
                    st.sampled_from(
                        [
                            "https://example.org/deliberation.pdf",
                            "http://example.org/?a=1&b=<2>",
                            "mailto:dsi@example.org",
                            "HTTPS://EXAMPLE.ORG/%3Cscript%3E",
                        ]
                    )
                ),
            }
            for _ in range(draw(st.integers(0, 2)))
        ],
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        value = optional[key]()
        if key == "lead_name":
            data["lead"]["name"] = value
        else:
            data[key] = value
    return data


@st.composite
def valid_roadmaps(draw: st.DrawFn) -> dict[str, Any]:
    """{"roadmap.yaml": data, "projects/<id>.yaml": data, …}"""
    settings_ = draw(roadmap_settings())
    files: dict[str, Any] = {ROADMAP_FILE: settings_}
    ids = draw(st.lists(slug, min_size=0, max_size=4, unique=True))
    for index, project_id in enumerate(ids):
        files[f"projects/{project_id}.yaml"] = draw(project_data(settings_, ids[:index]))
    return files


# --- writing YAML -----------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every text that our YAML 1.2 reading would not keep as
    text (PyYAML follows YAML 1.1, where `0o17` or `1e5` are text but here are numbers)."""


# Line breaks that PyYAML writes raw inside quotes, where a reader folds them into a space:
# written escaped instead (a person writing them raw gets the same folding from any reader).
_RAW_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    resolved = resolve_plain_scalar(value)
    plain_is_text = isinstance(resolved, str) and resolved == value
    if any(mark in value for mark in _RAW_BREAKS):
        plain_is_text = False
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style=None if plain_is_text else '"'
    )


_Dumper.add_representer(str, _represent_text)


def to_yaml(data: Any, *, flow: bool | None = None, width: int = 80) -> str:
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=flow,
        width=width,
    )
    return text


@contextmanager
def written(files: Mapping[str, str | bytes]) -> Iterator[Path]:
    """The files written into a fresh roadmap folder."""
    with tempfile.TemporaryDirectory(prefix="roadmap-property-") as scratch:
        folder = Path(scratch)
        (folder / "projects").mkdir()
        for name, content in files.items():
            path = folder / name
            if isinstance(content, str):
                path.write_bytes(content.encode("utf-8", errors="surrogatepass"))
            else:
                path.write_bytes(content)
        yield folder


# --- mutations --------------------------------------------------------------------------------

WEIRD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1e308,
    -1e308,
    10**30,
    -(10**30),
    1.5,
    float("inf"),
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
    dt.date(2020, 2, 29),
    "2020-02-30",
    "31/03/2021",
    "",
    " ",
    [],
    {},
    [[]],
    [{}],
    {"a": 1},
    ["a", "b"],
    "1,2 M€",
    "400 000 €",
    "40 %",
    "en cours",
    "\u202eevil",
    "\u200b",
    "😀",
    "\x01\x02",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "javascript:alert(1)",
    "data:text/html,x",
    "no",
    "on",
    "0o17",
    "1e5",
    "null",
    "~",
    "a" * 2000,
]


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn, data: Any) -> Any:
    """`data` with one to three random breakages, applied in place."""
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            return draw(st.sampled_from(WEIRD_VALUES))
        path = draw(st.sampled_from(paths))
        parent, last = _parent(data, path), path[-1]
        action = draw(
            st.sampled_from(
                ["replace", "replace", "delete", "rename", "add", "wrap", "empty", "text"]
            )
        )
        if action == "replace":
            parent[last] = draw(
                st.one_of(st.sampled_from(WEIRD_VALUES), odd_text, st.integers(), st.floats())
            )
        elif action == "delete":
            del parent[last]
        elif action == "rename" and isinstance(parent, dict):
            parent[
                draw(st.one_of(odd_text, st.sampled_from(["titre", "Title", "due ", "fin"])))
            ] = parent.pop(last)
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.one_of(odd_text, slug))] = draw(st.sampled_from(WEIRD_VALUES))
        elif action == "wrap":
            parent[last] = [parent[last]] if draw(st.booleans()) else {"value": parent[last]}
        elif action == "empty":
            parent[last] = draw(st.sampled_from([[], {}, "", None]))
        else:  # text where a list or a group was expected, and the reverse
            parent[last] = (
                str(parent[last])[:40] if isinstance(parent[last], list | dict) else [parent[last]]
            )
    return data


LINE_DAMAGE = [
    "delete",
    "duplicate",
    "indent",
    "dedent",
    "tab",
    "truncate",
    "insert",
    "quote",
    "colon",
]
INSERTED_LINES = [
    "title: encore",
    "- x",
    "  - {",
    "&a [1]",
    "*nowhere",
    "!!python/object:os.system x",
    "? complex",
    "--- ",
    "%YAML 1.1",
    "key: [unclosed",
    'key: "unclosed',
    "\t- tab",
    "ab: \x07",
    "x: 1e999",
    "x: 0x" + "f" * 500,
    "y: " + "9" * 5000,
    "<<: *a",
    "…: ∞",
]


@st.composite
def damaged_text(draw: st.DrawFn, text: str) -> str:
    """`text` with one or two lines damaged the way a hurried edit does."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 2))):
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        line = lines[index] if lines else ""
        action = draw(st.sampled_from(LINE_DAMAGE))
        if action == "delete" and lines:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, line)
        elif action == "indent":
            lines[index] = " " * draw(st.integers(1, 5)) + line
        elif action == "dedent":
            lines[index] = line.lstrip()
        elif action == "tab":
            lines[index] = "\t" + line
        elif action == "truncate":
            lines[index] = line[: draw(st.integers(0, len(line)))]
        elif action == "insert":
            lines.insert(index, draw(st.one_of(st.sampled_from(INSERTED_LINES), odd_text)))
        elif action == "quote":
            lines[index] = line.replace(": ", ': "', 1)
        else:
            lines[index] = line.replace(":", "", 1)
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return ending.join(lines)


# --- checks -----------------------------------------------------------------------------------


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled page templates kept in memory across examples."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="module", autouse=True)
def _compile_templates_once() -> Iterator[None]:
    """The site makes a new template environment per build, which compiles every template
    again: four fifths of a small build. Sharing the compiled code makes the examples fast;
    what the templates produce is unchanged."""
    cache = _TemplateCache()

    class Environment(jinja2.Environment):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("bytecode_cache", cache)
            super().__init__(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2, "Environment", Environment)
        yield


def check_diagnostics(result: ValidationResult, folder: Path) -> None:
    """Known codes, messages, and positions inside the file each diagnostic names."""
    for problem in result.diagnostics:
        assert problem.code in RULES, problem
        assert message_text(problem, "fr"), problem
        assert problem.severity == RULES[problem.code].severity, problem
        _assert_inside(problem, folder)
    assert (result.roadmap is None) == bool(result.errors)


def _assert_inside(problem: Diagnostic, folder: Path) -> None:
    files = {display_path(p): p for p in [folder / ROADMAP_FILE, *folder.glob("projects/*")]}
    assert problem.file in files, f"{problem} names a file that is not in the roadmap"
    raw = files[problem.file].read_bytes()
    lines = raw.decode("utf-8", errors="replace").removeprefix("\ufeff").splitlines() or [""]
    assert 1 <= problem.line <= len(lines), f"{problem}: the file has {len(lines)} lines"
    width = len(lines[problem.line - 1])
    assert 1 <= problem.column <= width + 1, f"{problem}: line {problem.line} is {width} long"


def check_accepted(result: ValidationResult, folder: Path) -> None:
    """An accepted roadmap goes through the derived figures and the page generation."""
    assert result.roadmap is not None
    derive_figures(result.roadmap)
    generate = _site_generator()
    if generate is not None:
        generate(folder)


def _site_generator() -> Callable[[Path], object] | None:
    try:
        from generator.pipeline import generate_site
    except ImportError:  # the site package is not there yet
        return None
    return generate_site


def validate_files(files: Mapping[str, str | bytes]) -> ValidationResult:
    """Validate the files as a roadmap folder, checking every property on the way."""
    with written(files) as folder:
        result = validate_roadmap(folder)
        check_diagnostics(result, folder)
        if result.roadmap is not None:
            check_accepted(result, folder)
    return result


def count(result: ValidationResult) -> None:
    """Tell Hypothesis' statistics how many generated roadmaps reached the derived figures."""
    event("accepted" if result.roadmap is not None else "refused")


def _same(loaded: Any, written_: Any) -> bool:
    """Loaded data equals written data (lists for tuples, NaN equal to itself)."""
    if isinstance(written_, dict):
        return (
            isinstance(loaded, dict)
            and list(loaded) == list(written_)
            and all(_same(loaded[k], v) for k, v in written_.items())
        )
    if isinstance(written_, list | tuple):
        return (
            isinstance(loaded, list)
            and len(loaded) == len(written_)
            and all(_same(a, b) for a, b in zip(loaded, written_, strict=True))
        )
    if isinstance(written_, float) and math.isnan(written_):
        return isinstance(loaded, float) and math.isnan(loaded)
    return type(loaded) is type(written_) and bool(loaded == written_)


# --- properties -------------------------------------------------------------------------------


@_settings(40)
@given(files=valid_roadmaps(), flow=st.sampled_from([None, False, True]))
def test_a_valid_roadmap_is_accepted_and_published(
    files: dict[str, Any], flow: bool | None
) -> None:
    texts = {name: to_yaml(data, flow=flow) for name, data in files.items()}
    with written(texts) as folder:
        result = validate_roadmap(folder)
        check_diagnostics(result, folder)
        assert not result.errors, [str(e) for e in result.errors]
        check_accepted(result, folder)


@_settings(60)
@given(
    files=valid_roadmaps(),
    flow=st.sampled_from([None, False, True]),
    width=st.sampled_from([20, 80, 10_000]),
)
def test_every_value_written_is_read_back_unchanged(
    files: dict[str, Any], flow: bool | None, width: int
) -> None:
    for name, data in files.items():
        source, problems = load_text(to_yaml(data, flow=flow, width=width), name)
        assert problems == []
        assert _same(source.data, data), (source.data, data)


@_settings(120)
@given(st.data())
def test_a_broken_roadmap_never_crashes_the_validator(data: st.DataObject) -> None:
    files = data.draw(valid_roadmaps())
    names = sorted(files)
    broken = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True))
    texts: dict[str, str | bytes] = {}
    for name in names:
        content = files[name]
        if name in broken:
            content = data.draw(mutated(content))
        texts[name] = to_yaml(content, flow=data.draw(st.sampled_from([None, False, True])))
    count(validate_files(texts))


@_settings(120)
@given(st.data())
def test_a_damaged_file_is_reported_inside_its_lines(data: st.DataObject) -> None:
    files = data.draw(valid_roadmaps())
    texts: dict[str, str | bytes] = {name: to_yaml(content) for name, content in files.items()}
    name = data.draw(st.sampled_from(sorted(texts)))
    text = texts[name]
    assert isinstance(text, str)
    texts[name] = data.draw(damaged_text(text))
    count(validate_files(texts))


@_settings(80)
@given(
    content=st.one_of(st.binary(max_size=300), st.text(max_size=300)),
    where=st.sampled_from([ROADMAP_FILE, "projects/p.yaml"]),
)
def test_arbitrary_bytes_never_crash_the_validator(content: bytes | str, where: str) -> None:
    files: dict[str, str | bytes] = {
        ROADMAP_FILE: to_yaml(
            {
                "title": "T",
                "organisation": "O",
                "as_of": dt.date(2020, 6, 30),
                "period": {"start": dt.date(2020, 1, 1), "end": dt.date(2021, 12, 31)},
                "axes": [{"id": "a", "title": "A"}],
            }
        ),
    }
    files[where] = content
    count(validate_files(files))


FAR_DATES_ROADMAP = """\
title: T
organisation: O
language: {language}
as_of: 9999-12-31
period: {{start: 0001-01-01, end: 9999-12-31}}
axes: [{{id: a, title: A}}]
"""
HUGE_NUMBERS_PROJECT = """\
title: P
axis: a
lead: {team: T}
status: planned
budget:
  baseline: 1e308
  lines:
    - {year: 2020, planned: 1000000000000000000000000000000}
    - {year: 2020, planned: 0.001}
indicators:
  - id: i
    title: I
    unit: u
    baseline: {date: 2020-01-01, value: -1e300}
    target: {date: 2020-01-01, value: 0.0000001}
milestones:
  - {title: M, due: 2020-01-01, weight: 1e300}
"""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_far_dates_are_refused_where_they_are_written(language: str) -> None:
    result = validate_files({ROADMAP_FILE: FAR_DATES_ROADMAP.format(language=language)})
    refused = sorted((d.line, d.column, d.code) for d in result.errors)
    assert refused == [(4, 8, "R017"), (5, 17, "R017"), (5, 34, "R017")], result.errors


def test_huge_and_tiny_numbers_are_refused_where_they_are_written() -> None:
    roadmap = FAR_DATES_ROADMAP.format(language="fr").replace("9999-12-31", "2022-12-31")
    roadmap = roadmap.replace("0001-01-01", "2020-01-01")
    result = validate_files({ROADMAP_FILE: roadmap, "projects/p.yaml": HUGE_NUMBERS_PROJECT})
    refused = sorted((d.line, d.code) for d in result.errors)
    assert refused == [(6, "R017"), (8, "R017"), (9, "R017"), (14, "R017"), (15, "R017"),
                       (17, "R017")], result.errors  # fmt: skip
