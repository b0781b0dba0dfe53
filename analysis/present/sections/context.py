"""Context: the key dates of the political crisis (the release's timeline)."""

from __future__ import annotations

import pandas as pd

from ...release.load import Release
from ..i18n import header
from ..markdown import caption, cite, markdown_table
from ..values import Values


def values(val: Values, rel: Release, r: dict) -> None:
    """The date of each key date of the political timeline, named `timeline_<key>`."""
    for row in rel["timeline"].itertuples(index=False):
        val.date(f"timeline_{row.key.replace('-', '_')}", row.date, rests_on=("timeline",))


def table_timeline(rel: Release, lang: str) -> str:
    """Key dates of the political crisis, with their sources."""
    t = rel["timeline"].sort_values(["date", "key"])
    frame = pd.DataFrame({"date": t["date"], "what": t[f"description_{lang}"], "source": t["source_ids"].map(cite)})
    headers = [header(h, lang) for h in ("date", "what", "source")]
    return markdown_table(frame, headers, caption("timeline", lang), "tbl-timeline", lang)


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The timeline's table."""
    return {"timeline": table_timeline(rel, lang)}
