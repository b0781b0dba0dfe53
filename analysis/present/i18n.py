"""The editions' words and number formats (English and Spanish).

Every word the code prints (captions, table headers, labels of the data's values, nouns, figure texts, the
phrases the named values are built from) is text, one file per edition: `text/<lang>.yml`, read here by a
dotted key ("tables.waves.caption"). Both files have the same keys (tests/test_text.py). The appendix of
definitions has its own files (`text/glossary.<lang>.yml`, read by `glossary`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
from functools import cache
from pathlib import Path

import yaml

LANGS = ("en", "es")
TEXT = Path(__file__).parent / "text"

# PyYAML's safe loader, in C where libyaml is there: the text files are read by every process of a build, and the
# pure-Python loader takes some 70 ms for each.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# and its safe dumper, which writes the same text: the editions' bibliographies (references.csl_yaml, some 230 kB
# each) take 0.2 s each in pure Python, 0.04 s in C.
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Decimals of each kind of number, the same in prose, tables and figure titles.
DECIMALS = {"share": 1, "rate": 2, "rate_ratio": 1, "irr": 2}


@cache
def words(lang: str) -> dict:
    """Every text of the edition `lang`, as `text/<lang>.yml` nests it."""
    if lang not in LANGS:
        raise KeyError(f"no edition {lang!r}: the editions are {', '.join(LANGS)}")
    return yaml.load((TEXT / f"{lang}.yml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)


def text(key: str, lang: str, **fill: object):
    """The edition's text at the dotted `key`, with `fill` formatted into it (a string, or a list or mapping of
    them); a key missing from `text/<lang>.yml` is an error that names the key and the file."""
    node = words(lang)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"no text {key!r} in {TEXT / f'{lang}.yml'}")
        node = node[part]
    return node.format(**fill) if fill else node


def keys(node: object, prefix: str = "") -> set[str]:
    """The dotted keys of every text under `node` (a mapping of `words`)."""
    if not isinstance(node, dict) or not node:
        return {prefix}
    return {key for name, child in node.items() for key in keys(child, f"{prefix}.{name}" if prefix else name)}


def units() -> set[str]:
    """What a count may count: the units whose nouns the editions have (`nouns` in the text files)."""
    return set(words(LANGS[0])["nouns"])


def noun(unit: str, n: float, lang: str) -> str:
    """The noun of `unit` in the grammatical number that `n` takes (singular only for exactly 1; None: plural)."""
    singular, plural = text(f"nouns.{unit}", lang)
    return singular if n == 1 else plural


def count(n: int, unit: str, lang: str) -> str:
    """A count with its noun: "1 death", "0 deaths", "1.327 muertes"."""
    return f"{number(n, lang)} {noun(unit, n, lang)}"


def label(key: str, lang: str) -> str:
    """The edition's word for a value of the data; unknown keys are returned unchanged (e.g. place names)."""
    return words(lang)["labels"].get(key, key)


def header(key: str, lang: str) -> str:
    """A table header in the edition's language (the tables' own headers first, then the data's labels)."""
    headers = words(lang)["headers"]
    return headers[key] if key in headers else label(key, lang)


def rounded(value: float, decimals: int = 0) -> decimal.Decimal:
    """`value` rounded to `decimals` places, halves away from zero (81.25 -> 81.3, as a reader rounds by hand),
    from its shortest decimal form, so that 2.675 rounds to 2.68 although its binary value lies below."""
    return decimal.Decimal(repr(float(value))).quantize(decimal.Decimal(1).scaleb(-decimals), decimal.ROUND_HALF_UP)


def number(value: float | int, lang: str, decimals: int = 0) -> str:
    """1,327 / 9.5 in English; 1.327 / 9,5 in Spanish (`numbers` in the text files). Missing values print as an
    en dash."""
    if not isinstance(value, numbers.Real) or math.isnan(value):  # None, NaN, pandas' NA
        return "–"
    marks = text("numbers", lang)
    whole, _, fraction = f"{rounded(value, decimals):,.{decimals}f}".partition(".")
    return whole.replace(",", marks["thousands"]) + (marks["decimal"] + fraction if fraction else "")


def percent(number_text: str, lang: str) -> str:
    """A printed share with its sign as each language writes it: 12.2% (English), 12,2 % (Spanish, a space that
    does not break)."""
    return f"{number_text}\u00a0%" if lang == "es" else f"{number_text}%"


def date(value: dt.date, lang: str) -> str:
    """10 January 2023 / 10 de enero de 2023."""
    month = text("months", lang)[value.month - 1]
    return text("dates.long", lang, day=value.day, month=month, year=value.year)


def date_short(value: dt.date, lang: str) -> str:
    """10 Jan 2023 / 10 ene 2023 (for tables)."""
    month = text("months_short", lang)[value.month - 1]
    return text("dates.short", lang, day=value.day, month=month, year=value.year)


def published_date(value: str, lang: str, short: bool = True) -> str:
    """A date as a release gives it, a day ("2023-01-10") or a month ("2023-01"), printed to that precision:
    10 Jan 2023 or Jan 2023 (short), 10 January 2023 or January 2023 (long)."""
    day = dt.date.fromisoformat(value if len(value) > 7 else f"{value}-01")
    if len(value) > 7:
        return date_short(day, lang) if short else date(day, lang)
    month = text("months_short" if short else "months", lang)[day.month - 1]
    return text("dates.month_short" if short else "dates.month_long", lang, month=month, year=day.year)


def localized(frame, lang: str):
    """A table whose event `name` is in the edition's language (events carry `name` and `name_es`)."""
    if lang == "es" and "name_es" in frame.columns:
        return frame.assign(name=frame["name_es"])
    return frame
