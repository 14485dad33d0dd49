"""The column name of each table cell, written on the cell (`data-label`) when a page is made.

On a narrow screen pages.css lays every table out as a stack of cards, one per row, and
shows before each cell the name of its column: without JavaScript too, so the name must be
in the HTML. Tables come from many templates and from the chart modules; rather than have
each of them repeat its headers on every cell, the finished page is read once here and each
body cell is given the text of its column's header. A table without a header row, or
already labelled, is left as it is.
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


def label_cells(page: str) -> str:
    """The page with each data cell (`td`) of its tables' bodies and footers given
    `data-label`, the text of the header of its column (as the reader sees it, tags left
    out). Header cells of rows are left as they are: each is its card's title."""
    if "<table" not in page:
        return page
    return _TABLE.sub(lambda match: _labelled(match.group(0)), page)


def _labelled(table: str) -> str:
    head = _HEAD.search(table)
    if head is None or "data-label=" in table:
        return table
    row = _HEAD_ROW.search(head.group(1))
    if row is None:
        return table
    labels: list[str] = []
    for attributes, content in _HEADER_CELL.findall(row.group(1)):
        labels += [_attribute_text(content)] * _span(attributes)
    body_start = head.end()
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
        return f'<{tag}{attributes} data-label="{labels[index]}">'

    return table[:body_start] + _ROW_OR_CELL.sub(label, table[body_start:])


def _span(attributes: str) -> int:
    found = _COLSPAN.search(attributes)
    return max(1, int(found.group(1))) if found else 1


def _attribute_text(content: str) -> str:
    """A header's text, escaped for an attribute value: tags dropped, entities read, spaces
    collapsed, then every special character (quotes included) escaped again."""
    text = _SPACES.sub(" ", html.unescape(_TAG.sub("", content))).strip()
    return html.escape(text, quote=True)
