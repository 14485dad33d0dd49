"""Numbers, amounts, percentages and dates as each language writes them, the language's ways
taken from its `formatting` catalogue: a third language works by writing one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.i18n import LOCALE_DIR, LOCALES_ENV, placeholders, words
from generator.rendering.formatting import (
    format_amount,
    format_amount_short,
    format_date,
    format_date_short,
    format_number,
    format_percent,
    locale_of,
)

NBSP, NNBSP = "\u00a0", "\u202f"
FORMATTING_KEYS = {"babel_locale", "amount_pattern", "percent", "compact_currency_joined"}


def test_french() -> None:
    assert locale_of("fr") == "fr_FR"
    assert format_amount(15_000_000, "fr") == f"15{NNBSP}000{NNBSP}000{NBSP}€"
    assert format_amount(1234.6, "fr") == f"1{NNBSP}235{NBSP}€"  # whole euros
    # Compact amounts keep the currency symbol against the unit: 1,2 M€, 850 k€.
    assert format_amount_short(1_234_567, "fr") == f"1,2{NBSP}M€"
    assert format_amount_short(850_000, "fr") == f"850{NBSP}k€"
    assert format_amount_short(-1_500_000, "fr") == f"-1,5{NBSP}M€"
    assert format_amount_short(999, "fr") == f"999{NBSP}€"  # below a thousand: in full
    assert format_percent(28, "fr") == f"28{NBSP}%"
    assert format_percent(2.5, "fr") == f"2,5{NBSP}%"  # one decimal below 10
    assert format_percent(12.5, "fr") == f"12{NBSP}%"
    assert format_number(1234.5, "fr", 2) == f"1{NNBSP}234,5"
    assert format_date(dt.date(2021, 3, 31), "fr") == "31 mars 2021"
    assert format_date_short(dt.date(2021, 3, 31), "fr") == "31/03/2021"


def test_english() -> None:
    assert locale_of("en") == "en_GB"
    assert format_amount(15_000_000, "en") == "€15,000,000"
    assert format_amount_short(1_234_567, "en") == "€1.2m"
    assert format_amount_short(850_000, "en") == "€850k"
    assert format_percent(28, "en") == "28%"
    assert format_percent(2.5, "en") == "2.5%"
    assert format_number(1234.5, "en", 2) == "1,234.5"
    assert format_date(dt.date(2021, 3, 31), "en") == "31 March 2021"
    assert format_date_short(dt.date(2021, 3, 31), "en") == "31/03/2021"


def test_the_compact_form_joins_any_currency_symbol() -> None:
    assert format_amount_short(1_200_000, "fr", "USD") == f"1,2{NBSP}M$US"
    assert format_amount_short(1_200_000, "en", "USD") == "US$1.2m"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_formatting_catalogue_is_complete(language: str) -> None:
    catalogue = LOCALE_DIR / language / "LC_MESSAGES" / "formatting.po"
    text = catalogue.read_text(encoding="utf-8")
    for key in FORMATTING_KEYS:
        assert f'msgid "{key}"' in text, f"{language}: {key}"
    assert placeholders(words(language, "formatting")("percent", number="1")) == set()


def _write_formatting(folder: Path, language: str, entries: dict[str, str]) -> None:
    messages = folder / language / "LC_MESSAGES"
    messages.mkdir(parents=True)
    body = "".join(f'msgid "{key}"\nmsgstr "{value}"\n\n' for key, value in entries.items())
    header = ('msgid ""\nmsgstr ""\n"Language: ' + language + '\\n"\n'
              '"Content-Type: text/plain; charset=UTF-8\\n"\n\n')  # fmt: skip
    (messages / "formatting.po").write_text(header + body, encoding="utf-8")


def test_a_third_language_formats_by_its_catalogue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_formatting(tmp_path, "de", {
        "babel_locale": "de_DE",
        "amount_pattern": f"#,##0{NBSP}¤",
        "percent": f"{{number}}{NBSP}%",
        "compact_currency_joined": "no",
    })  # fmt: skip
    monkeypatch.setenv(LOCALES_ENV, str(tmp_path))
    assert locale_of("de") == "de_DE"
    assert format_amount(1_234_567, "de") == f"1.234.567{NBSP}€"
    assert format_percent(2.5, "de") == f"2,5{NBSP}%"
    assert format_amount_short(1_200_000, "de") == f"1,2{NBSP}Mio.{NBSP}€"
    assert format_date(dt.date(2021, 3, 31), "de") == "31. März 2021"
