"""Lethal events: the deadliest events, their deaths in this record, and the tolls published for each."""

from __future__ import annotations

import unicodedata

import pandas as pd

from ...release.load import Release
from .. import i18n
from ..i18n import header, localized
from ..markdown import caption, cite, markdown_table
from ..source_names import reporter_name
from ..values import Values

SHARE = i18n.DECIMALS["share"]


def values(val: Values, rel: Release, r: dict) -> None:
    """The two deadliest events, and how many events have disputed tolls."""
    ev = r["events"]
    val = val.resting_on("incident", "share")
    for i, key in enumerate(("event1", "event2")):
        row = ev.iloc[i]
        val.text(f"{key}_name", {"en": row["name"], "es": row["name_es"]})
        val.count(f"{key}_deaths", row["deaths"], "death")
    val.number("two_events_share", ev["share"].head(2).sum(), SHARE)
    val.count("n_disputed_events", len(r["discrepancies"]), "incident")


NBSP = "\u00a0"
# Relative column widths of the events table (characters): dates and the latest toll on one line each.
EVENT_WIDTHS = {  # the headers' longest words ("publicados", "informadas") fit their columns
    "name": 22,
    "date": 12,
    "department": 11,
    "deaths": 7,
    "tolls": 11,
    "range": 12,
    "injured": 12,
    "latest": 15,
    "source": 8,
}


def span_text(low: object, high: object, lang: str) -> str:
    """ "9–20", or one number when both ends are equal, "–" when there is none."""
    if pd.isna(low):
        return "–"
    return i18n.number(low, lang) if low == high else f"{i18n.number(low, lang)}–{i18n.number(high, lang)}"


def table_events(rel: Release, r: dict, lang: str) -> str:
    """Lethal events with deaths in this record, next to what the published tolls of each event say: their
    lowest and highest deaths and injured, and the latest toll with its date and source."""
    e = r["events"]
    e = e[e["deaths"] > 0]
    names = rel["regions"].set_index("ubigeo")["department"]
    latest = [
        "–" if pd.isna(n) else f"{i18n.number(n, lang)} ({i18n.date_short(d, lang).replace(' ', NBSP)})"
        for n, d in zip(e["latest_deaths"], e["latest_date"])
    ]
    frame = pd.DataFrame(
        {
            "name": localized(e, lang)["name"],
            "date": e["date_start"],
            "department": e["department"].map(names),
            "deaths": e["deaths"],
            "tolls": e["n_tolls"],
            "range": [span_text(lo, hi, lang) for lo, hi in zip(e["deaths_min"], e["deaths_max"])],
            "injured": [span_text(lo, hi, lang) for lo, hi in zip(e["injured_min"], e["injured_max"])],
            "latest": latest,
            "source": e["latest_source_id"].map(lambda s: cite(s) if isinstance(s, str) else "–"),
        }
    )
    headers = [
        header("event_name", lang),
        header("date", lang),
        header("department", lang),
        header("reconstructed", lang),
        header("tolls_published", lang),
        header("deaths_reported_range", lang),
        header("injured_reported_range", lang),
        header("deaths_latest", lang),
        header("source", lang),
    ]
    align = {"range": "right", "injured": "right", "latest": "right"}
    return markdown_table(frame, headers, caption("events", lang), "tbl-events", lang, align=align, widths=EVENT_WIDTHS)


def alphabetical(name: str) -> str:
    """A name's sort key in either language: accents and case set aside (Ámbar between Alba and Azul)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def table_event_claims(r: dict, lang: str) -> str:
    """Every published toll of the events on which sources disagree."""
    disputed = set(r["discrepancies"]["event_id"])
    c = r["event_claims"][r["event_claims"]["event_id"].isin(disputed)]
    frame = pd.DataFrame(
        {
            "name": localized(c, lang)["name"],
            "date": c["report_date"],
            "reporter": c["reporter"].map(lambda x: reporter_name(x, lang)),
            "deaths": c["total_deaths"],
            "injured": c["injured"],
            "source": c["source_id"].map(cite),
        }
    )
    frame = frame.sort_values("name", key=lambda names: names.map(alphabetical), kind="stable")  # in this language
    headers = [
        header("event_name", lang),
        header("report_date", lang),
        header("reporter", lang),
        header("deaths", lang),
        header("injured", lang),
        header("source", lang),
    ]
    return markdown_table(frame, headers, caption("event_claims", lang), "tbl-event-claims", lang)


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The events' tables."""
    return {"events": table_events(rel, r, lang), "event_claims": table_event_claims(r, lang)}
