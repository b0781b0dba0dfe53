"""Named values for the report's prose, formatted for each edition.

Each named value is declared where it is computed (a section of `sections/`), by the call that records it:
its name, kind, decimals, unit (what a count counts: a noun of the text files) and the definitions of the
appendix it rests on (`rests_on`: keys of `text/glossary.<lang>.yml`; tests/test_glossary.py checks that
every value the editions quote has them).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from . import escape, i18n


@dataclass(frozen=True)
class Value:
    """One number, count, date or text the prose quotes.

    `decimals` applies to numbers. `unit` (a key of `nouns` in the text files) says what a number counts: a
    count (`kind="count"`) prints with its noun ("20 deaths"); a bare number with a unit prints without it,
    and the prose may follow it only with that unit's noun (tests/test_units.py). `rests_on` names the
    definitions of the appendix that say what it counts (not written out: the appendix prints them).
    """

    raw: object
    kind: str = "number"  # number | count | date | text
    decimals: int = 0
    unit: str | None = None
    rests_on: tuple[str, ...] = ()
    qualifier: str | None = None  # a count a source gave as a bound: "at_least" prints "at least 17 deaths"

    def format(self, lang: str) -> str:
        """The value as the edition `lang` prints it."""
        if self.kind == "count":
            counted = i18n.count(self.raw, self.unit, lang)
            return (
                f"{i18n.header(self.qualifier, lang)} {counted}" if self.qualifier and self.raw is not None else counted
            )
        if self.kind == "number":
            return i18n.number(self.raw, lang, self.decimals)
        if self.kind == "date":
            return "–" if self.raw is None else i18n.date(self.raw, lang)
        if isinstance(self.raw, dict):
            return self.raw[lang]
        return str(self.raw)

    def plain(self) -> object:
        """JSON-friendly raw value (rounded like the prose) for tests and downstream users."""
        if self.kind in ("number", "count"):
            if self.raw is None or pd.isna(self.raw):
                return None
            return float(i18n.rounded(self.raw, self.decimals)) if self.decimals else int(i18n.rounded(self.raw))
        if self.kind == "date":
            return None if self.raw is None else self.raw.isoformat()
        return self.raw


class Values:
    """An ordered collection of named values; names are the keys used by `{{< meta results.NAME >}}`.

    `resting_on(*definitions)` gives a view of the same collection whose values rest on those definitions
    unless a call names its own: a section records the values of one definition through one view.
    """

    def __init__(self, items: dict | None = None, flags: dict | None = None, rests_on: tuple[str, ...] = ()):
        self.items: dict[str, Value] = {} if items is None else items
        self.flags: dict[str, bool] = {} if flags is None else flags
        self.rests_on = rests_on

    def resting_on(self, *definitions: str) -> Values:
        """The same values, recorded through this view as resting on `definitions` (glossary keys)."""
        return Values(self.items, self.flags, definitions)

    def flag(self, name: str, value: bool) -> None:
        """A true/false switch for conditional prose (`.content-visible when-meta="NAME"`)."""
        self.flags[name] = bool(value)

    def add(
        self,
        name: str,
        raw: object,
        kind: str = "number",
        decimals: int = 0,
        unit: str | None = None,
        rests_on: tuple[str, ...] | None = None,
        qualifier: str | None = None,
    ) -> None:
        """Record a named value; defining a name twice, or a count without a known unit, is an error."""
        if name in self.items:
            raise KeyError(f"value {name!r} defined twice")
        if (kind == "count" or unit is not None) and unit not in i18n.units():
            raise KeyError(f"value {name!r}: unknown unit {unit!r}")
        if kind == "date" and (raw is None or pd.isna(raw)):
            raw = None  # no date: printed as "–"
        elif kind == "date" and isinstance(raw, pd.Timestamp):
            raw = raw.date()
        if kind in ("number", "count"):
            missing = raw is None or pd.isna(raw)  # printed as "–"
            raw = None if missing else float(raw) if decimals else int(i18n.rounded(raw))
        self.items[name] = Value(raw, kind, decimals, unit, self.rests_on if rests_on is None else rests_on, qualifier)

    def number(
        self,
        name: str,
        raw: object,
        decimals: int = 0,
        unit: str | None = None,
        rests_on: tuple[str, ...] | None = None,
    ) -> None:
        """Record a number, printed with `decimals` decimals; `unit` if it counts something."""
        self.add(name, raw, "number", decimals, unit, rests_on)

    def count(
        self, name: str, n: int, unit: str, rests_on: tuple[str, ...] | None = None, qualifier: str | None = None
    ) -> None:
        """Record a count of `unit`, printed with its noun in the right number: "1 death", "20 deaths"; with a
        qualifier (a header key: "at_least", "about") where the source gave the count as one."""
        self.add(name, n, "count", 0, unit, rests_on, qualifier)

    def date(self, name: str, raw: dt.date | pd.Timestamp | None, rests_on: tuple[str, ...] | None = None) -> None:
        """Record a date."""
        self.add(name, raw, "date", rests_on=rests_on)

    def text(self, name: str, raw: str | dict, rests_on: tuple[str, ...] | None = None) -> None:
        """Record a text: one string for every edition, or one per language."""
        self.add(name, raw, "text", rests_on=rests_on)

    def formatted(self, lang: str) -> dict[str, str]:
        """Every value as the edition `lang` prints it, by name."""
        return {name: value.format(lang) for name, value in self.items.items()}

    def write(self, folder: Path, langs: tuple[str, ...] = i18n.LANGS) -> None:
        """values.json (raw) and meta-<lang>.yml (`results:` mapping of formatted strings, escaped as Markdown)."""
        folder.mkdir(parents=True, exist_ok=True)
        raw = {
            name: {"value": v.plain(), "kind": v.kind, "decimals": v.decimals, **({"unit": v.unit} if v.unit else {})}
            for name, v in self.items.items()
        }
        raw.update({name: {"value": v, "kind": "flag", "decimals": 0} for name, v in self.flags.items()})
        (folder / "values.json").write_text(
            json.dumps(raw, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )
        for lang in langs:  # Pandoc and Quarto read metadata strings as Markdown: each value is made literal
            results = {name: escape.markdown_text(text) for name, text in self.formatted(lang).items()}
            meta = {"results": results, **self.flags}
            text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=1000)
            (folder / f"meta-{lang}.yml").write_text(text, encoding="utf-8")
