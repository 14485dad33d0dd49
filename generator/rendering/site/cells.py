"""The column name of each table cell, for the card layout of narrow screens, written when a
page is made.

On a narrow screen pages.css lays every table out as a stack of cards, one per row, and
shows before each cell the name of its column: without JavaScript too, so the name must be
in the HTML. Tables come from many templates and from the chart modules; rather than have
each of them repeat its headers, the finished page is read once here. A table is given its
columns' names once, as custom properties of its `style` attribute (`--rm-label-2:"Statut"`),
which the card layout's rules of pages.css show before the cells of that column: the names
are not repeated on every cell of every row (4 MB in a site of 1,000 projects), and the page
stays valid HTML (a `<style>` element is allowed in the head only: RGAA 8.2). A short table,
lighter so, a table whose body has a cell spanning several columns (which cannot be named by
position) and a table wider than the rules of pages.css have each of their cells given the
text of its column's header (`data-label`) instead. A table without a header row, or already
labelled, is left as it is.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
_HEAD = re.compile(r"<thead\b[^>]*>(.*?)</thead>", re.S | re.I)
_HEAD_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S | re.I)
_HEADER_CELL = re.compile(r"<th\b([^>]*)>(.*?)</th>", re.S | re.I)
# A row starts, or a cell's start tag (its name and attributes).
_ROW_OR_CELL = re.compile(r"<tr\b|<(t[dh])\b([^>]*)>", re.I)
_COLSPAN = re.compile(r"""\bcolspan\s*=\s*["']?(\d+)""", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
# The columns pages.css names by position (`--rm-label-1` to `--rm-label-16`): a wider
# table has its cells named one by one.
MAX_NAMED_COLUMNS = 16
# Characters a CSS string cannot hold as they are: the quote, the backslash, line breaks
# (and "<", ">", written as escapes too so that no markup-like text reaches the attribute).
_CSS_STRING_UNSAFE = re.compile(r'["\\<>\n\r\f]')


def label_cells(page: str) -> str:
    """The page with the data cells (`td`) of its tables' bodies and footers named by the
    text of the header of their column (as the reader sees it, tags left out): by custom
    properties of the table's `style` attribute, or on each cell (`data-label`) in a short
    table or a table with cells spanning columns. Header cells of rows are left as they are:
    each is its card's title."""
    if "<table" not in page:
        return page
    return _TABLE.sub(lambda match: _labelled(match.group(0)), page)


def _labelled(table: str) -> str:
    head = _HEAD.search(table)
    if head is None or "data-label=" in table or "data-rm-labels" in table:
        return table
    row = _HEAD_ROW.search(head.group(1))
    if row is None:
        return table
    labels: list[str] = []
    for attributes, content in _HEADER_CELL.findall(row.group(1)):
        labels += [_header_text(content)] * _span(attributes)
    body_start = head.end()
    # The columns of the body's data cells (a row's header cell is its card's title).
    columns: set[int] = set()
    labelled_cells = 0  # the bytes `data-label` would add
    spanning = False
    column = 0
    for match in _ROW_OR_CELL.finditer(table, body_start):
        if match.group(1) is None:  # a new row
            column = 0
            continue
        span = _span(match.group(2))
        spanning = spanning or span > 1
        if match.group(1).lower() == "td" and column < len(labels) and labels[column]:
            columns.add(column)
            labelled_cells += len(_cell_attribute(labels[column]))
        column += span
    if not columns:
        return table
    style = ";".join(
        f'--rm-label-{index + 1}:"{_css_string(labels[index])}"' for index in sorted(columns)
    )
    start = f'<table data-rm-labels style="{html.escape(style, quote=True)}"'
    # A short table is lighter with its cells named one by one.
    if (spanning or max(columns) >= MAX_NAMED_COLUMNS
            or labelled_cells <= len(start) - len("<table")):
        return _labelled_cells(table, body_start, labels)
    return start + table[len("<table"):]


def _labelled_cells(table: str, body_start: int, labels: list[str]) -> str:
    """The table with each body cell given `data-label`: the text of its column's header."""
    column = 0

    def label(match: re.Match[str]) -> str:
        nonlocal column
        tag = match.group(1)
        if tag is None:  # a new row
            column = 0
            return match.group(0)
        attributes = match.group(2)
        index, column = column, column + _span(attributes)
        # A row's header cell is the card's title: it needs no label.
        if tag.lower() == "th" or index >= len(labels) or not labels[index]:
            return match.group(0)
        return f"<{tag}{attributes}{_cell_attribute(labels[index])}>"

    return table[:body_start] + _ROW_OR_CELL.sub(label, table[body_start:])


def _cell_attribute(label: str) -> str:
    return f' data-label="{html.escape(label, quote=True)}"'


def _span(attributes: str) -> int:
    found = _COLSPAN.search(attributes)
    return max(1, int(found.group(1))) if found else 1


def _header_text(content: str) -> str:
    """A header's text as the reader sees it: tags dropped, entities read, spaces collapsed."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", content))).strip()


def _css_string(text: str) -> str:
    """`text` for a double-quoted CSS string: each character that could end the string (or
    look like markup) written as a CSS escape (hexadecimal code point and a space)."""
    return _CSS_STRING_UNSAFE.sub(lambda match: f"\\{ord(match.group(0)):x} ", text)
