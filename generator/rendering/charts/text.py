"""The charts' words, from the `charts` catalogue, and user text made safe for plotly.

Sentences are chosen by count with the language's plural rules (French puts 0 and 1 in the
singular); plotly reads a few HTML tags in hovers and tick labels, so user text reaches it
escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any, Final

from generator.i18n import words
from generator.rendering.formatting import format_number, format_percent

# --- words -------------------------------------------------------------------------------------

DOMAIN: Final = "charts"


def word(language: str, key: str, /, **values: object) -> str:
    """The charts' catalogue entry `key` in `language`, its `{placeholders}` filled."""
    return words(language, DOMAIN)(key, **values)


def counted(language: str, key: str, count: int, **values: str) -> str:
    """The catalogue entry `key` in the plural form that `count` takes in `language` (French
    puts 0 and 1 in the singular), `{count}` written as a number; a `KEY.zero` entry, when
    the catalogue has one, is used for 0."""
    catalogue = words(language, DOMAIN)
    if count == 0 and catalogue.has(f"{key}.zero"):
        return catalogue(f"{key}.zero", count=format_number(count, language), **values)
    return catalogue.plural(key, count, count=format_number(count, language), **values)


def join_words(parts: Sequence[str], language: str) -> str:
    """`a, b et c`."""
    if len(parts) <= 1:
        return "".join(parts)
    return word(language, "list_separator").join(parts[:-1]) + word(language, "and") + parts[-1]


def pct(value: float | None, language: str) -> str:
    return (
        format_percent(value, language) if value is not None else word(language, "not_applicable")
    )


def labelled(label: str, value: str, language: str) -> str:
    return f"{label}{word(language, 'colon')}{value}"


# --- text for plotly ---------------------------------------------------------------------------


# Breaks and runs of ordinary spaces; not the no-break spaces of French typography (`14 %`).
BREAKS: Final = re.compile("[ \t\n\r\f\v\x85\u2028\u2029]+")


def plain(text: str) -> str:
    """Text on one line: YAML block scalars may hold line breaks, and a blank line would end
    the raw HTML block in the Markdown page."""
    # Most text has no break nor double space (line breaks, tabs, NEL, U+2028/9 are not
    # printable): no need for the regular expression, called for every table cell.
    if text.isprintable() and "  " not in text:
        return text.strip()
    return BREAKS.sub(" ", text).strip()


def svg_text(text: str) -> str:
    """User text for plotly, which reads a few HTML tags in hovers and ticks: escaped, so that
    a title such as `<a href=…>` stays text (plotly decodes the entities when drawing)."""
    return html.escape(plain(text), quote=False)


def wrap(text: str, width: int = 26, max_lines: int = 2) -> str:
    """A tick label on at most `max_lines` lines of about `width` characters, cut with `…`:
    long titles would otherwise eat the plot's width on a phone. Hovers and tables keep
    the whole title."""
    lines: list[str] = []
    current = ""
    for token in plain(text).split(" "):
        if current and len(current) + 1 + len(token) > width:
            lines.append(current)
            current = token
        else:
            current = f"{current} {token}" if current else token
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,;:") + "…"
    lines = [line if len(line) <= width + 1 else line[: width - 1] + "…" for line in lines]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


# A hover as the pieces whose concatenation is its text, so that `hover_data` can write the
# pieces every point of a trace shares once, in the trace's `hovertemplate`.
Hover = tuple[str, ...]
_FIELD: Final = "%{"  # where plotly reads a field in a `hovertemplate`
_NO_SECOND_BOX: Final = "<extra></extra>"  # plotly's box with the trace's name, left out


def hover(
    title: str,
    *lines: tuple[str, str] | None,
    title_label: str | None = None,
    language: str,
) -> Hover:
    """A hover: the title in bold (after `title_label :` if given), then `label : value`
    lines (values already formatted). A line given as None is left out: a slip that only some
    points of a trace have."""

    def escape(text: str) -> str:
        return html.escape(text, quote=False)

    prefix = "" if title_label is None else escape(title_label) + word(language, "colon")
    pieces = ["<b>" + prefix, svg_text(title), "</b>"]
    for line in lines:
        if line is None:
            pieces += ["", ""]
        else:
            label, value = line
            pieces += ["<br>" + escape(label) + word(language, "colon"), escape(value)]
    return tuple(pieces)


def hover_data(
    hovers: Sequence[Hover], categories: tuple[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    """A trace's `hovertemplate` and `customdata` that show `hovers` (one per point) exactly.

    The pieces found at the same place in every hover (labels, a state all the trace's
    points are in, a title they share) are written once, in the template; only the others
    go to `customdata`, adjacent ones joined, a column equal to an earlier one not repeated,
    and as plain strings rather than lists when one column is left. `categories`, the axis
    (`x` or `y`) and the points' categories on it: a column that repeats them (years) reads
    them there (`%{y}`). Numbers and dates are already written here: plotly.js knows neither
    French numbers nor French dates. Should the template's own text hold `%{` (user text),
    where plotly would read a field, every hover goes whole to `customdata`."""
    if not hovers:
        return {}
    size = len(hovers[0])
    if any(len(h) != size for h in hovers):
        raise ValueError("the hovers of one trace must be made of the same pieces")
    parts: list[str | tuple[str, ...]] = []  # shared text, or one piece per point
    for index in range(size):
        pieces = tuple(h[index] for h in hovers)
        shared = all(piece == pieces[0] for piece in pieces)
        if shared and not pieces[0]:
            continue
        if shared and parts and isinstance(parts[-1], str):
            parts[-1] += pieces[0]
        elif shared:
            parts.append(pieces[0])
        elif parts and isinstance(parts[-1], tuple):
            parts[-1] = tuple(a + b for a, b in zip(parts[-1], pieces, strict=True))
        else:
            parts.append(pieces)
    if any(isinstance(part, str) and _FIELD in part for part in parts):
        parts = [tuple("".join(h) for h in hovers)]
    axis, on_axis = categories if categories is not None else ("", ())
    columns: list[tuple[str, ...]] = []
    for part in parts:
        if isinstance(part, tuple) and part != tuple(on_axis) and part not in columns:
            columns.append(part)

    def text(part: str | tuple[str, ...]) -> str:
        if isinstance(part, str):
            return part
        if part == tuple(on_axis):
            return f"%{{{axis}}}"
        return "%{customdata}" if len(columns) == 1 else f"%{{customdata[{columns.index(part)}]}}"

    data: dict[str, Any] = {"hovertemplate": "".join(map(text, parts)) + _NO_SECOND_BOX}
    if len(columns) == 1:
        data["customdata"] = list(columns[0])
    elif columns:
        data["customdata"] = [list(row) for row in zip(*columns, strict=True)]
    return data
