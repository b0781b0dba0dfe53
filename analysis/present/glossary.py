"""The appendix of definitions: what every figure the report quotes counts, in each edition's language.

The terms and their definitions are text (`text/glossary.<lang>.yml`), filled with the build's named values
(thresholds, replicates, dates) so that no number is typed into them. Each named value names the definitions
it rests on where it is recorded (`Value.rests_on`); a test checks that every value the editions quote has one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .i18n import SAFE_LOADER
from .values import Values

TEXT = Path(__file__).parent / "text"


@cache
def terms(lang: str) -> dict[str, dict[str, str]]:
    """The definitions of an edition, by key, in the order the appendix gives them."""
    return yaml.load((TEXT / f"glossary.{lang}.yml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)


def glossary_markdown(values: Values, lang: str) -> str:
    """The appendix as a Markdown definition list, each definition filled with the edition's named values."""
    formatted = values.formatted(lang)
    entries = [f"**{entry['term']}**\n:   {entry['text'].format(**formatted)}\n" for entry in terms(lang).values()]
    return "\n".join(entries)
