"""Markdown tables of what the sources reported next to this record: tolls, the seed article, claims,
reconciliation with the major lists, the lists' crosswalk and the deaths this record does not count."""

from __future__ import annotations

import pandas as pd

from ..compute import sources, trajectory
from ..present import i18n
from ..present.i18n import label, localized
from ..present.values import markdown_table
from ..release.load import Release
from ..release.schema import CATEGORIES
from .source_names import publisher_name, reporter_name
from .tables_common import CAPTIONS, cite, h


def table_tolls(r: dict, lang: str) -> str:
    """National tolls as published, next to this record's deaths by each report date."""
    g = r["gap"]
    frame = pd.DataFrame(
        {
            "date": g["report_date"],
            "reporter": g["reporter"].map(lambda x: reporter_name(x, lang)),
            "total": g["total_deaths"],
            "c": g["clash_civilians"],
            "rb": g["roadblock_related"],
            "p": g["police"],
            "s": g["soldiers"],
            "injured": g["injured"],
            "reconstructed": g["reconstructed"],
            "source": g["source_id"].map(cite),
        }
    )
    headers = [
        h("report_date", lang),
        h("reporter", lang),
        h("total", lang),
        h("clash_civilian_short", lang),
        h("roadblock_related_short", lang),
        h("police_short", lang),
        h("soldier_short", lang),
        h("injured", lang),
        h("reconstructed", lang),
        h("source", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["tolls"][lang], "tbl-tolls", lang)


def record_by_date(rel: Release, claim: pd.Series, lang: str) -> str:
    """This record's deaths by the seed figure's date, for the whole country or the figure's event, with the
    parts when they span several categories: "18 (17 civilians killed in clashes, 1 police officer)"."""
    victims = rel["victims"]
    if claim["scope"] == "event":
        victims = victims[victims["event_id"] == claim["event_id"]]
    counted = trajectory.reconstructed_as_of(victims, pd.Series([claim["report_date"]])).iloc[0]
    parts = [i18n.count(int(counted[c]), c, lang) for c in CATEGORIES if c in i18n.NOUNS and counted[c] > 0]
    total = i18n.number(int(counted["total"]), lang)
    return total + (f" ({', '.join(parts)})" if len(parts) > 1 else "")


def table_seed(rel: Release, r: dict, lang: str) -> str:
    """The seed article's figures next to other reporters' figures of the same date and this record's count
    of the deaths that had occurred by that date (by category when it mixes several)."""
    t = rel["tallies"]
    seed = t[t["source_id"] == sources.SEED_SOURCE_ID]
    names = localized(rel["events"], lang).set_index("event_id")["name"]
    rows = []
    for _, claim in seed.iterrows():
        what = h("national_toll", lang) if claim["scope"] == "national" else names[claim["event_id"]]
        rows.append(
            [
                what,
                h("seed_article", lang) + f" ({publisher_name(claim['reporter'], lang)})",
                claim["report_date"],
                i18n.number(claim["total_deaths"], lang),
                i18n.number(claim["injured"], lang),
                cite(claim["source_id"]),
            ]
        )
        for _, other in r["seed"][r["seed"]["claim"] == claim["tally_id"]].iterrows():
            rows.append(
                [
                    what,
                    reporter_name(other["reporter"], lang),
                    other["report_date"],
                    i18n.number(other["deaths"], lang),
                    i18n.number(other["injured"], lang),
                    cite(other["source_id"]),
                ]
            )
        rows.append([what, h("this_record", lang), claim["report_date"], record_by_date(rel, claim, lang), "–", "–"])
    frame = pd.DataFrame(rows, columns=["what", "who", "date", "deaths", "injured", "source"])
    headers = [
        h("figure", lang),
        h("reporter", lang),
        h("date", lang),
        h("deaths", lang),
        h("injured", lang),
        h("source", lang),
    ]
    widths = {"what": 22, "who": 24, "date": 12, "deaths": 24, "injured": 8, "source": 8}
    align = {"deaths": "right", "injured": "right"}
    return markdown_table(frame, headers, CAPTIONS["seed"][lang], "tbl-seed", lang, align=align, widths=widths)


def record_parts(claim: pd.Series, lang: str) -> str:
    """' (18 civilians killed in clashes, 1 police officer)': the parts of this record's count for a claim that
    does not say which categories it counts, when the count mixes several (`record_<category>`); else ""."""
    parts = [
        i18n.count(int(claim[f"record_{c}"]), c, lang)
        for c in CATEGORIES
        if c in i18n.NOUNS and pd.notna(claim.get(f"record_{c}")) and claim[f"record_{c}"] > 0
    ]
    return f" ({', '.join(parts)})" if parts else ""


def table_claims(r: dict, lang: str) -> str:
    """Published claims next to the value this record gives for the same quantity."""
    c = r["claims"]
    percent = c["metric"].str.contains("share")
    claimed = [
        (h(q, lang) + " " if h(q, lang) else "") + i18n.number(v, lang, 1 if p and v % 1 else 0) + ("%" if p else "")
        for q, v, p in zip(c["qualifier"], c["value"], percent)
    ]
    record = [
        "–" if pd.isna(v) else i18n.number(v, lang, 1 if p else 0) + ("%" if p else "") + record_parts(row, lang)
        for v, p, (_, row) in zip(c["record_value"], percent, c.iterrows())
    ]
    frame = pd.DataFrame(
        {
            "date": c["claim_date"],
            "claimant": c["claimant"].map(lambda x: publisher_name(x, lang)),
            "claim": c[f"description_{lang}"],
            "claimed": claimed,
            "record": record,
            "source": c["source_id"].map(cite),
        }
    )
    headers = [
        h("date", lang),
        h("claimant", lang),
        h("claim_text", lang),
        h("claimed", lang),
        h("reconstructed", lang),
        h("source", lang),
    ]
    return markdown_table(
        frame, headers, CAPTIONS["claims"][lang], "tbl-claims", lang, align={"claimed": "right", "record": "right"}
    )


def pair(reported: object, record: object, lang: str) -> str:
    """'reported / this record' for the reconciliation table."""
    left = "–" if pd.isna(reported) else i18n.number(reported, lang)
    return f"{left} / {i18n.number(record, lang)}"


def table_reconciliation(r: dict, lang: str) -> str:
    """Each major reporter's largest national count next to this record's for the same period."""
    rec = r["reconciliation"]
    frame = pd.DataFrame(
        {
            "reporter": rec["reporter"].map(lambda x: reporter_name(x, lang)),
            "date": rec["report_date"],
            "period": rec["period_end"],
            **{
                c: [pair(a, b, lang) for a, b in zip(rec[f"reported_{c}"], rec[f"record_{c}"])]
                for c in ("total", "clash_civilians", "roadblock_related", "police", "soldiers")
            },
            "source": rec["source_id"].map(cite),
        }
    )
    headers = [
        h("reporter", lang),
        h("report_date", lang),
        h("period_end", lang),
        h("total", lang),
        h("clash_civilian_short", lang),
        h("roadblock_related_short", lang),
        h("police_short", lang),
        h("soldier_short", lang),
        h("source", lang),
    ]
    right = {c: "right" for c in ("total", "clash_civilians", "roadblock_related", "police", "soldiers")}
    return markdown_table(frame, headers, CAPTIONS["reconciliation"][lang], "tbl-reconciliation", lang, align=right)


def table_crosswalk(r: dict, lang: str) -> str:
    """How many people of this record are known to be on each major list."""
    c = r["crosswalk"]
    frame = pd.DataFrame(
        {
            "list": c["list_id"].map(lambda x: label(f"list_{x}", lang)),
            "listed": c["listed"],
            "not_listed": c["not_listed"],
            "unknown": c["unknown"],
        }
    )
    headers = [h("list", lang), h("listed", lang), h("not_listed", lang), h("not_established", lang)]
    return markdown_table(frame, headers, CAPTIONS["crosswalk"][lang], "tbl-crosswalk", lang)


def table_excluded(rel: Release, lang: str) -> str:
    """Reported deaths this record does not count, with the reason and the sources."""
    x = rel["excluded"]
    names = rel["regions"].set_index("ubigeo")["department"]
    frame = pd.DataFrame(
        {
            "id": x["excluded_id"],
            "name": x["name"].fillna("–"),
            "date": x["reported_date"],
            "department": x["department"].map(names),
            "reason": x["reason"].map(lambda v: label(v, lang)),
            "source": x["source_ids"].map(cite),
        }
    )
    headers = [
        h("victim_id", lang),
        h("name", lang),
        h("reported", lang),
        h("department", lang),
        h("reason", lang),
        h("sources", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["excluded"][lang], "tbl-excluded", lang)
