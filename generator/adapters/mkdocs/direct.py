"""Generated pages made into HTML directly, without Python-Markdown.

A generated page is Markdown of two kinds of blocks only: headings whose text went through
the `md` filter (every Markdown character escaped, HTML escaped), and raw HTML elements. What
Python-Markdown makes of such a page is known: each heading becomes `<hN id="…">text</hN>`
(its id made by the `toc` extension's own `slugify` and `unique`), each raw block is kept as
written, blocks are joined by a line break. Building a Markdown converter for each page and
running its processors cost two seconds and a half at 1,000 projects; this costs a tenth of
that. A page with anything else (a paragraph, a heading with unescaped Markdown or control
characters, an element that does not close where its block ends), or a site whose Markdown
extensions could change headings, takes Python-Markdown's usual path. `tests/test_direct.py`
checks that both paths give the same page, table of contents, title and anchors.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import nest_toc_tokens, slugify, unique
from markdown.util import BLOCK_LEVEL_ELEMENTS

from generator.adapters.mkdocs.rawhtml import element_ids, is_one_element, runs

_HEADING = re.compile(r"(#{1,6}) (.*)")
# A heading's text as the `md` filter writes it: the characters that start Markdown syntax in
# a heading (backslash, backtick, emphasis, brackets, braces, a closing `#`) escaped with a
# backslash, `&`, `<` and `>` as entities, and no control character (Python-Markdown uses
# some as marks). Parentheses, dots, dashes and the like mean nothing on their own there.
_ESCAPED_TEXT = re.compile(
    r"(?:\\[\\`*_{}\[\]()#+\-.!|]|&(?:amp|lt|gt);|[^\\`*_{}\[\]#<>&\x00-\x1f\x7f-\x9f])*"
)
_BACKSLASH = re.compile(r"\\(.)")
# Extensions that leave headings and raw HTML blocks of generated pages as plain Markdown does
# (with their options at their defaults): with any other, the usual path is taken.
KNOWN_EXTENSIONS = frozenset({
    "toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html", "def_list",
    "pymdownx.highlight", "pymdownx.superfences", "pymdownx.details", "pymdownx.tabbed",
})  # fmt: skip


@dataclass
class DirectPage:
    """A generated page made into HTML: what MkDocs' `Page.render` would have set."""

    content: str
    toc_tokens: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None  # the first element's text when it is a level-1 heading
    anchor_ids: set[str] = field(default_factory=set)


def supports(extensions: Iterable[object], configs: dict[str, Any]) -> bool:
    """Whether a site's Markdown settings let generated pages be made directly: only known
    extensions given by name, and the table of contents at its defaults."""
    names = []
    for extension in extensions:
        if not isinstance(extension, str):
            return False  # an extension object (ours is added by the plugin, and harmless)
        names.append(extension.removeprefix("markdown.extensions."))
    return set(names) <= KNOWN_EXTENSIONS and not configs.get("toc")


def render(markdown: str) -> DirectPage | None:
    """The page's HTML, table of contents, title and anchors; None when the page holds
    anything but escaped headings and raw HTML elements."""
    lines = markdown.split("\n")
    parts: list[str] = []
    page = DirectPage(content="")
    used_ids: set[str] = set()
    counters: dict[str, int] = {}
    for start, end in runs(lines):
        first = not parts
        if lines[start].startswith("<"):
            block = "\n".join(lines[start:end])
            if not is_one_element(block, lambda tag: tag in BLOCK_LEVEL_ELEMENTS):
                return None
            page.anchor_ids |= element_ids(block)
            parts.append(block)
            continue
        heading = _HEADING.fullmatch(lines[start]) if end - start == 1 else None
        if heading is None:
            return None
        text = heading.group(2).strip()
        if not _ESCAPED_TEXT.fullmatch(text):
            return None
        level = len(heading.group(1))
        inner = _BACKSLASH.sub(r"\1", text)
        name = " ".join(inner.split())
        anchor = unique(slugify(html.unescape(name), "-"), used_ids, counters)
        page.anchor_ids.add(anchor)
        page.toc_tokens.append(
            {"level": level, "id": anchor, "name": name, "html": inner, "data-toc-label": ""}
        )
        if first and level == 1:
            page.title = name
        parts.append(f'<h{level} id="{anchor}">{inner}</h{level}>')
    page.content = "\n".join(parts)
    page.toc_tokens = _nested(page.toc_tokens)
    return page


def _nested(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Headings nested by level, as the `toc` extension nests them."""
    flat: Any = tokens  # the same dicts as the extension's own tokens
    nested: Any = nest_toc_tokens(flat)
    return list(nested)
