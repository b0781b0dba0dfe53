"""Markdown tables of the lethal events and the people who died."""

from __future__ import annotations

import pandas as pd

from ..present.i18n import label, localized
from ..present.values import markdown_table
from ..release.load import Release
from .tables_common import CAPTIONS, cite, h, place


def table_events(rel: Release, r: dict, lang: str) -> str:
    """Lethal events with deaths in this record, next to the deaths and injured reported."""
    e = r["events"]
    e = e[e["deaths"] > 0]
    names = rel["regions"].set_index("ubigeo")["department"]
    frame = pd.DataFrame(
        {
            "name": localized(e, lang)["name"],
            "date": e["date_start"],
            "department": e["department"].map(names),
            "deaths": e["deaths"],
            "reported": e["deaths_reported"],
            "injured": e["injured_reported"],
            "source": e["figures_source_id"].map(lambda s: cite(s) if isinstance(s, str) else "–"),
        }
    )
    headers = [
        h("event_name", lang),
        h("date", lang),
        h("department", lang),
        h("reconstructed", lang),
        h("deaths", lang) + " (" + h("reported", lang).lower() + ")",
        h("injured", lang),
        h("source", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["events"][lang], "tbl-events", lang)


def table_event_claims(r: dict, lang: str) -> str:
    """Every published toll of the events on which sources disagree."""
    disputed = set(r["discrepancies"]["event_id"])
    c = r["event_claims"][r["event_claims"]["event_id"].isin(disputed)]
    frame = pd.DataFrame(
        {
            "name": localized(c, lang)["name"],
            "date": c["report_date"],
            "reporter": c["reporter"],
            "deaths": c["total_deaths"],
            "injured": c["injured"],
            "source": c["source_id"].map(cite),
        }
    )
    headers = [
        h("event_name", lang),
        h("report_date", lang),
        h("reporter", lang),
        h("deaths", lang),
        h("injured", lang),
        h("source", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["event_claims"][lang], "tbl-event-claims", lang)


def table_victims(r: dict, lang: str) -> str:
    """The people who died, by date of death."""
    v = r["victims"]
    frame = pd.DataFrame(
        {
            "id": v["victim_id"],
            "name": v["name"],
            "age": v["age"],
            "died": v["date_died"],
            "place": v.apply(place, axis=1),
            "category": v["category"].map(lambda c: label(f"{c}_short", lang)),
            "sources": v["source_ids"].map(cite),
        }
    )
    headers = [
        h("victim_id", lang),
        h("name", lang),
        h("age", lang),
        h("date_died", lang),
        h("place", lang),
        h("category", lang),
        h("sources", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["victims"][lang], "tbl-victims", lang)


def table_mechanisms(r: dict, lang: str) -> str:
    """Deaths by cause and alleged responsible force."""
    m = r["mechanisms"].copy()
    m["mechanism"] = m["mechanism"].map(lambda x: label(x, lang))
    headers = [h("mechanism", lang)] + [label(f"force_{c}", lang) for c in m.columns[1:-1]] + [h("total", lang)]
    return markdown_table(m, headers, CAPTIONS["mechanisms"][lang], "tbl-mechanisms", lang)
