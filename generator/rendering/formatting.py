"""Numbers, amounts, percentages and dates written the way the roadmap's readers write them.

All formatting goes through Babel with the roadmap's language (`15 000 000 €`, `1,2 M€`,
`31 mars 2021` in French), so pages, hovers, takeaway sentences and messages agree.

What differs from one language to another comes from the `formatting` catalogue, so that a
language is added by writing its catalogue: `babel_locale` (the Babel locale, `fr_FR`),
`amount_pattern` (Babel's pattern for a whole amount, `#,##0 ¤`), `percent` (a number with
the percent sign, `{number} %`) and `compact_currency_joined` (`yes` when the currency
symbol follows a compact amount with no space, `1,2 M€`, where the locale puts one).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Hashable
from typing import ParamSpec

from babel.dates import format_date as _babel_date
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    get_currency_symbol,
)

from generator.i18n import words

_REMEMBERED = 1 << 16  # results kept by each formatter, at most
P = ParamSpec("P")


def _remembered(function: Callable[P, str]) -> Callable[P, str]:
    """`function`, remembering its results: a large roadmap writes the same dates and amounts
    many times (tables, hovers, sentences), and Babel takes 5 to 20 µs a call. Floats are
    told apart by their exact text, since -0.0 equals 0.0 as a key but is written `-0`."""
    results: dict[Hashable, str] = {}

    @functools.wraps(function)
    def remembering(*args: P.args, **kwargs: P.kwargs) -> str:
        if kwargs:  # rare: not remembered
            return function(*args, **kwargs)
        # Only the value (first argument) may be a float; language and currency are text.
        key = (repr(args[0]), *args[1:]) if type(args[0]) is float else args
        try:
            return results[key]
        except KeyError:
            pass
        if len(results) >= _REMEMBERED:
            results.clear()
        result = results[key] = function(*args, **kwargs)
        return result

    return remembering


@functools.cache
def locale_of(language: str) -> str:
    """The Babel locale of `language` (`fr_FR`), from its `formatting` catalogue."""
    return words(language, "formatting")("babel_locale")


@functools.cache
def _amount_pattern(language: str) -> str:
    return words(language, "formatting")("amount_pattern")


@functools.cache
def _compact_currency_joined(language: str) -> bool:
    return words(language, "formatting")("compact_currency_joined") == "yes"


def with_percent_sign(number: str, language: str) -> str:
    """A number already written, with the percent sign as `language` writes it: `28 %`."""
    return words(language, "formatting")("percent", number=number)


@_remembered
def format_amount(value: float, language: str, currency: str = "EUR") -> str:
    """A whole amount with its currency: `15 000 000 €`."""
    return format_currency(
        round(value),
        currency,
        _amount_pattern(language),
        locale=locale_of(language),
        currency_digits=False,
    )


@_remembered
def format_amount_short(value: float, language: str, currency: str = "EUR") -> str:
    """A rounded amount for headlines and chart labels: `1,2 M€`, `850 k€`."""
    if abs(value) < 1000:
        return format_amount(value, language, currency)
    locale = locale_of(language)
    text = str(format_compact_currency(value, currency, locale=locale, fraction_digits=1))
    if _compact_currency_joined(language):
        symbol = get_currency_symbol(currency, locale)
        return text.replace("\u00a0" + symbol, symbol)
    return text


@_remembered
def format_number(value: float, language: str, digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return str(format_decimal(value, pattern, locale=locale_of(language)))


@_remembered
def format_percent(value: float, language: str) -> str:
    """A percentage given on a 0-100 scale: `28 %` (one decimal below 10, `2,5 %`)."""
    digits = 1 if abs(value) < 10 and round(value, 1) != round(value) else 0
    return with_percent_sign(format_number(value, language, digits), language)


@_remembered
def format_date(value: dt.date, language: str) -> str:
    """A date in words: `31 mars 2021`."""
    return str(_babel_date(value, "long", locale=locale_of(language)))


@_remembered
def format_date_short(value: dt.date, language: str) -> str:
    """A compact date for tables: `31/03/2021`."""
    return str(_babel_date(value, "short", locale=locale_of(language)))
