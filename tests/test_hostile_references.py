"""An issue or merge-request reference written in a roadmap does not link from the digest.

`#123`, `!123`, `group/project#12` and `GH-123` become links on GitHub or GitLab, and the
issue they name gets a cross-reference, notifying its followers, whoever wrote the title.
GitHub finds them in the rendered text: a backslash or an HTML entity before the `#` does not
stop it (it still links `\\#1` and `&#35;1`); an invisible word joiner between the sign and the
number does, as it does for mentions. The text must read the same once rendered (markdown-it-py,
CommonMark with GFM's extensions), the joiner aside, and other `#` and `!` are left as typed.
"""

from __future__ import annotations

import re

import pytest

from generator.rendering.digest import plain
from tests.test_hostile_digest import parser, walk

# GitHub's and GitLab's issue/merge-request references, as they find them in rendered text.
REFERENCE = re.compile(r"(?:#|!|\bGH-)[0-9]", re.IGNORECASE)
JOINER = "\u2060"

TEXTS = [
    "Voir #123 et !45",
    "Suite de group/projet#12 et de org/depot!3",
    "GH-7 et gh-8",
    "#1",
    "(#2), [#3], !4!",
    "&#35;5 et \\#6",
]
KEPT = ["C# 5 et F#", "#tag et #démarche", "Oui ! Enfin !", "n° 12, 50 %", "x!y"]


def rendered(text: str) -> str:
    """The text of the paragraph a forge would show for `plain(text)`."""
    tokens = list(walk(parser().parse(plain(text))))
    kinds = {t.type for t in tokens} - {"paragraph_open", "paragraph_close", "inline", "text",
                                        "softbreak"}  # fmt: skip
    assert not kinds, kinds
    return "".join(t.content for t in tokens if t.type == "text")


@pytest.mark.parametrize("text", TEXTS)
def test_a_reference_does_not_link_and_reads_the_same(text: str) -> None:
    shown = rendered(text)
    assert not REFERENCE.search(shown), shown
    assert shown.replace(JOINER, "") == text


@pytest.mark.parametrize("text", KEPT)
def test_other_signs_are_left_as_typed(text: str) -> None:
    shown = rendered(text)
    assert JOINER not in shown
    assert shown == text
