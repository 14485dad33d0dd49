"""Every word a reader sees comes from a gettext catalogue, looked up by a stable key.

Catalogues are `.po` files under `generator/locale/<language>/LC_MESSAGES/<domain>.po`, one
domain per part of the product (`diagnostics`, `site`, `charts`, `digest`, `cli`…). Message
ids are stable keys (`home`, `attention_late_milestone`), never sentences, so that a wording
can change without touching the code. Babel compiles a catalogue the first time a process
uses it (a few milliseconds), so an edited `.po` file is used at once, with no build step.

A language is added by dropping its catalogues into a folder: the package's own, or one named
in the `ROADMAP_LOCALES` environment variable (folders separated like `PATH`), searched first.
A word missing from a catalogue falls back to English, whose catalogues are complete (a test
checks it), and never to its key.
"""

from __future__ import annotations

import functools
import gettext
import io
import os
import re
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
LOCALES_ENV = "ROADMAP_LOCALES"
DEFAULT_LANGUAGE = "fr"
# The language every other one falls back to, word by word: its catalogues are complete.
FALLBACK_LANGUAGE = "en"
# One pass over a catalogue text: an escaped brace, or a placeholder. Values filled in are
# never read again, so a user's "Lot {{2}}" stays as written.
_TOKEN = re.compile(r"\{\{|\}\}|\{([a-z_][a-z0-9_]*)\}")


class MissingWord(KeyError):  # noqa: N818 - a word is what is missing, not an error
    """A key that no catalogue has, not even the English one: a bug, caught by the tests."""


class MissingParameter(KeyError):  # noqa: N818 - likewise
    """A word's placeholder that the caller did not fill: a bug, caught by the tests."""


def locale_dirs() -> list[Path]:
    """The folders searched for catalogues, the user's first, the package's last."""
    extra = os.environ.get(LOCALES_ENV, "")
    return [*(Path(folder) for folder in extra.split(os.pathsep) if folder), LOCALE_DIR]


def available_languages() -> list[str]:
    """Every language that has at least one catalogue, in alphabetical order."""
    found = {
        folder.name
        for base in locale_dirs()
        if base.is_dir()
        for folder in base.iterdir()
        if (folder / "LC_MESSAGES").is_dir()
    }
    return sorted(found)


class _Refuse(gettext.NullTranslations):
    """The end of every fallback chain: a key nobody translated is an error, not a word."""

    def gettext(self, message: str) -> str:
        raise MissingWord(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise MissingWord(msgid1)


@functools.cache
def _compiled(language: str, domain: str, search: tuple[Path, ...]) -> gettext.NullTranslations:
    """The catalogue of `domain` in `language` from the first folder that has it, compiled
    in memory, falling back to English, then to an error."""
    if language == FALLBACK_LANGUAGE:
        fallback: gettext.NullTranslations = _Refuse()
    else:
        fallback = _compiled(FALLBACK_LANGUAGE, domain, search)
    for base in search:
        po_file = base / language / "LC_MESSAGES" / f"{domain}.po"
        if po_file.is_file():
            with po_file.open("rb") as source:
                catalog = read_po(source, locale=language, domain=domain)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            translations: gettext.NullTranslations = gettext.GNUTranslations(buffer)
            translations.add_fallback(fallback)
            return translations
    return fallback


class Words:
    """The words of one domain in one language: `words("home")`, `words.plural("n", 3)`."""

    def __init__(self, language: str, domain: str) -> None:
        self.language = language
        self.domain = domain
        self._catalogue = _compiled(language, domain, tuple(locale_dirs()))

    def __call__(self, key: str, /, **params: Any) -> str:
        """The word or sentence `key`, its `{placeholders}` filled from `params`."""
        return fill(self._catalogue.gettext(key), params, key)

    def plural(self, key: str, count: int, /, **params: Any) -> str:
        """The form of `key` for `count` by the language's plural rule (French puts 0 and 1 in
        the singular, English only 1). `{count}` is filled with `count` unless given."""
        text = self._catalogue.ngettext(key, key + "_plural", count)
        return fill(text, {"count": count, **params}, key)

    def template(self, key: str) -> str:
        """The catalogue's text of `key`, its placeholders unfilled (for a reference page)."""
        return self._catalogue.gettext(key)

    def has(self, key: str) -> bool:
        try:
            self._catalogue.gettext(key)
        except MissingWord:
            return False
        return True


def fill(text: str, params: dict[str, Any], key: str = "") -> str:
    """`text` with its `{placeholders}` replaced; `{{` and `}}` stand for braces. A
    placeholder without a value raises `MissingParameter`, never shows as a blank."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name is None:  # "{{" or "}}"
            return match.group(0)[0]
        if name not in params:
            raise MissingParameter(f"{key}: {{{name}}}")
        return str(params[name])

    return _TOKEN.sub(value, text)


def placeholders(text: str) -> set[str]:
    """The names of the `{placeholders}` of a catalogue text."""
    return {name for name in _TOKEN.findall(text) if name}


@functools.cache
def words(language: str, domain: str) -> Words:
    """The words of `domain` in `language` (cached for the process)."""
    return Words(language, domain)
