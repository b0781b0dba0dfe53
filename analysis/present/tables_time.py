"""Markdown tables of the deaths over time: waves and delays between injury and death."""

from __future__ import annotations

import pandas as pd

from ..compute import trajectory
from ..present import i18n
from ..present.i18n import label
from ..present.values import markdown_table
from ..release.schema import CATEGORIES
from .tables_common import CAPTIONS, h


def table_waves(r: dict, lang: str) -> str:
    """Deaths by wave and category, with each wave's dates."""
    w = r["waves"].copy()
    day = pd.Timedelta(days=1)
    bounds = {
        "wave1": (trajectory.PROTESTS_START, trajectory.WAVE2_START - day),
        "wave2": (trajectory.WAVE2_START, None),
    }
    w["wave"] = [
        label(x, lang).format(
            start=i18n.date_short(bounds[x][0], lang),
            end=i18n.date_short(bounds[x][1], lang) if bounds[x][1] is not None else "",
        )
        for x in w["wave"]
    ]
    headers = [h("wave", lang)] + [h(f"{c}_short", lang) for c in CATEGORIES] + [h("total", lang), h("share", lang)]
    return markdown_table(w, headers, CAPTIONS["waves"][lang], "tbl-waves", lang, decimals={"share": 1})


def table_delays(r: dict, lang: str) -> str:
    """People who died on a later day than the day they were injured."""
    d = r["delays"]
    frame = pd.DataFrame(
        {
            "id": d["victim_id"],
            "name": d["name"].fillna("–"),
            "injured": d["date_injured"],
            "died": d["date_died"],
            "days": d["days"],
            "category": d["category"].map(lambda c: label(f"{c}_short", lang)),
        }
    )
    headers = [
        h("victim_id", lang),
        h("name", lang),
        h("date_injured", lang),
        h("date_died", lang),
        h("days", lang),
        h("category", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["delays"][lang], "tbl-delays", lang)
