"""Raw HTML in the generated pages, handled cheaply by Python-Markdown and in the final page.

Generated pages are mostly raw HTML blocks (cards, tables, charts) between Markdown headings.
Python-Markdown reads every raw HTML block tag by tag to find where it ends, and MkDocs reads
them again to collect anchors: at 1,000 projects that was a third of the whole build. The
generator knows where its blocks end (each is one element, between blank lines), so
`GeneratedHtmlExtension` stores them in Python-Markdown's own stash before either reads
them, exactly as its raw HTML processor would (same placeholder, same output); anything it
is not sure of (an element that does not close where its block ends) leaves the whole page to
Python-Markdown's usual path.

`collapse_whitespace` removes the indentation that theme templates leave between tags, and
`without_search_excluded` gives search the page without what it would skip.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# After `normalize_whitespace` (30), before MkDocs' anchor collector (21) and Python-Markdown's
# raw HTML processor (20).
PRIORITY = 25
_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Where whitespace is content: left exactly as written.
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
# A line break and the blanks after it, in text (what follows reaches the next tag, or the
# end, without a `>`: not inside a tag). Only ASCII blanks: a no-break space is content. (Blanks
# before a line break are rare in templates; matching them too made this three times slower.)
_LINE_BREAK = re.compile(r"\n[ \t\r\n\f\v]*(?=[^<>]*(?:<|\Z))")


@dataclass
class PageState:
    """Whether the page being converted is a generated one, and the element ids its stashed
    blocks hold (MkDocs no longer sees them: they are given back to it after rendering)."""

    generated: bool = False
    anchor_ids: set[str] = field(default_factory=set)


class GeneratedHtmlExtension(Extension):
    """Registers `GeneratedHtmlPreprocessor` in each Markdown instance MkDocs makes; the
    plugin says through `state` which page is being converted."""

    def __init__(self, state: PageState) -> None:
        super().__init__()
        self.state = state

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(GeneratedHtmlPreprocessor(md, self.state), "roadmap_html",
                                  PRIORITY)  # fmt: skip


class GeneratedHtmlPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, state: PageState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.anchor_ids = set()
        if not self.state.generated:
            return lines
        blocks = html_blocks(lines, self.md)
        if blocks is None:
            return lines
        result: list[str] = []
        position = 0
        for start, end in blocks:
            result += lines[position:start]
            block = "\n".join(lines[start:end])
            self.state.anchor_ids |= element_ids(block)
            result += ["", self.md.htmlStash.store(block), ""]
            position = end
        result += lines[position:]
        return result


def html_blocks(lines: list[str], md: Markdown) -> list[tuple[int, int]] | None:
    """The (first, past-the-last) line numbers of each raw HTML block: a run of non-blank
    lines that starts at the margin with a block-level element which closes on the run's last
    line, after everything else in it. None when a run starts with `<` but is not such a
    block: Python-Markdown then reads the whole page itself."""
    blocks: list[tuple[int, int]] = []
    for start, end in runs(lines):
        if not lines[start].startswith("<"):
            continue  # Markdown: a heading or a paragraph
        if not is_one_element("\n".join(lines[start:end]), md.is_block_level):
            return None
        blocks.append((start, end))
    return blocks


def runs(lines: list[str]) -> Iterator[tuple[int, int]]:
    """The (first, past-the-last) line numbers of each run of non-blank lines: Markdown's
    blocks."""
    index, count = 0, len(lines)
    while index < count:
        if not lines[index].strip():
            index += 1
            continue
        start = index
        while index < count and lines[index].strip():
            index += 1
        yield start, index


def element_ids(block: str) -> set[str]:
    """The `id` attributes of the elements in a raw HTML block."""
    return {match.group(1) or match.group(2) or "" for match in _ID.finditer(block)}


def is_one_element(block: str, is_block_level: Callable[[str], bool]) -> bool:
    """Whether a raw HTML block is one block-level element that closes where the block ends,
    as Python-Markdown would keep it whole."""
    opening = _OPENING.match(block)
    if opening is None:
        return False  # a comment, a processing instruction, a closing tag…
    tag = opening.group(1)
    if not is_block_level(tag.lower()) or tag.lower() in ("pre", "script", "style",
                                                         "textarea"):  # fmt: skip
        return False
    if not block.rstrip().endswith(f"</{tag}>"):
        return False
    # The element must close only at the very end: with anything after it in the same block,
    # Python-Markdown would read that part as Markdown.
    depth = 0
    tokens = list(re.finditer(rf"<(/?){tag}(?=[\s/>])", block))
    for number, token in enumerate(tokens):
        depth += -1 if token.group(1) else 1
        if depth == 0 and number != len(tokens) - 1:
            return False
    return depth == 0


def collapse_whitespace(html: str) -> str:
    """The page without blank lines and indentation (a line break is kept): in text, a line
    break and the blanks after it show as one space, however long they are. Material's
    templates indent every line, and each link of its navigation carries a dozen blank
    lines. The content of `pre`, `textarea`, `script` and `style` elements is left exactly
    as written."""
    parts = _VERBATIM.split(html)
    # split() with two groups yields: text, whole element, tag name, text, …
    for index in range(0, len(parts), 3):
        parts[index] = _LINE_BREAK.sub("\n", parts[index])
    return "".join(part for index, part in enumerate(parts) if index % 3 != 2)


_EXCLUDED = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?\sdata-search-exclude(?=[\s/>=])[^>]*>")


def without_search_excluded(html: str) -> str:
    """The page without its elements marked `data-search-exclude` (data tables, figures),
    or unchanged when one of them does not close where expected.

    The search index skips these elements anyway: given the page without them, Material's
    search makes the same index several times faster, since it reads a page tag by tag."""
    parts: list[str] = []
    position = 0
    while (start := _EXCLUDED.search(html, position)) is not None:
        end = _element_end(html, start.end(), start.group(1))
        if end is None:
            return html
        parts.append(html[position : start.start()])
        position = end
    parts.append(html[position:])
    return "".join(parts)


def _element_end(html: str, position: int, tag: str) -> int | None:
    """Where the element whose start tag ends at `position` ends (past its end tag)."""
    depth = 1
    for token in re.finditer(rf"<(/?){tag}(?=[\s/>])[^>]*>", html[position:], re.I):
        depth += -1 if token.group(1) else 1
        if depth == 0:
            return position + token.end()
    return None
