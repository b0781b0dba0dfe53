"""Markdown tables of the lethal events and the people who died."""

from __future__ import annotations

import pandas as pd

from ..present import i18n
from ..present.i18n import label, localized
from ..present.values import markdown_table
from ..release.load import Release
from .source_names import reporter_name
from .tables_common import CAPTIONS, cite, h, place

NBSP = "\u00a0"
# Relative column widths of the events table (characters): dates and the latest toll on one line each.
EVENT_WIDTHS = {
    "name": 24,
    "date": 12,
    "department": 11,
    "deaths": 7,
    "tolls": 9,
    "range": 9,
    "injured": 9,
    "latest": 16,
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
        h("event_name", lang),
        h("date", lang),
        h("department", lang),
        h("reconstructed", lang),
        h("tolls_published", lang),
        h("deaths_reported_range", lang),
        h("injured_reported_range", lang),
        h("deaths_latest", lang),
        h("source", lang),
    ]
    align = {"range": "right", "injured": "right", "latest": "right"}
    return markdown_table(
        frame, headers, CAPTIONS["events"][lang], "tbl-events", lang, align=align, widths=EVENT_WIDTHS
    )


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
    headers = [
        h("event_name", lang),
        h("report_date", lang),
        h("reporter", lang),
        h("deaths", lang),
        h("injured", lang),
        h("source", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["event_claims"][lang], "tbl-event-claims", lang)


# Relative column widths of the per-person table (characters): a date on one line needs its full width.
VICTIM_WIDTHS = {
    "id": 6,
    "name": 19,
    "age": 6,
    "sex": 8,
    "died": 13,
    "place": 14,
    "category": 11,
    "cause": 13,
    "force": 13,
    "confidence": 12,
    "sources": 14,
}
UNDATED = {
    "en": (
        " {n} with no date of death in any source {verb} listed last (–); the counts by day place {them} "
        "on the day {their} death was first reported."
    ),
    "es": (
        " {n} sin fecha de muerte en ninguna fuente {verb} al final (–); los recuentos por día {them} "
        "sitúan en el día en que se informó por primera vez de su muerte."
    ),
}
UNDATED_WORDS = {  # (singular, plural)
    "verb": {"en": ("is", "are"), "es": ("figura", "figuran")},
    "them": {"en": ("them", "them"), "es": ("la", "las")},
    "their": {"en": ("their", "their"), "es": ("su", "su")},
}


def victims_caption(v: pd.DataFrame, lang: str) -> str:
    """The per-person table's caption; it says where people without a date of death are and why."""
    caption = CAPTIONS["victims"][lang]
    n = int(v["date_died"].isna().sum())
    if n:
        words = {k: forms[lang][0 if n == 1 else 1] for k, forms in UNDATED_WORDS.items()}
        caption += UNDATED[lang].format(n=i18n.count(n, "person", lang), **words)
    return caption


def table_victims(r: dict, lang: str) -> str:
    """The people who died, by date of death (people without one last): who, when, where, how, on what sources."""
    v = r["victims"]
    frame = pd.DataFrame(
        {
            "id": v["victim_id"],
            "name": v["name"],
            "age": v["age"],
            "sex": v["sex"].map(lambda x: label(x, lang) if isinstance(x, str) else None),
            "died": v["date_died"].map(lambda d: i18n.date_short(d, lang).replace(" ", NBSP) if pd.notna(d) else None),
            "place": v.apply(place, axis=1),
            "category": v["category"].map(lambda c: label(f"{c}_short", lang)),
            "cause": v["mechanism"].map(lambda m: label(m, lang)),
            "force": v["alleged_force"].map(lambda f: label(f"force_{f}", lang)),
            "confidence": v["confidence"].map(lambda c: label(c, lang)),
            "sources": v["source_ids"].map(cite),
        }
    )
    headers = [
        h("victim_id", lang),
        h("name", lang),
        h("age", lang),
        h("sex", lang),
        h("date_died", lang),
        h("place", lang),
        h("category", lang),
        h("mechanism", lang),
        h("alleged_force", lang),
        h("confidence", lang),
        h("sources", lang),
    ]
    return markdown_table(frame, headers, victims_caption(v, lang), "tbl-victims", lang, widths=VICTIM_WIDTHS)


def table_mechanisms(r: dict, lang: str) -> str:
    """Deaths by cause and alleged responsible force."""
    m = r["mechanisms"].copy()
    m["mechanism"] = m["mechanism"].map(lambda x: label(x, lang))
    headers = [h("mechanism", lang)] + [label(f"force_{c}", lang) for c in m.columns[1:-1]] + [h("total", lang)]
    return markdown_table(m, headers, CAPTIONS["mechanisms"][lang], "tbl-mechanisms", lang)
