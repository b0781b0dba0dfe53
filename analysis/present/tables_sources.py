"""Markdown tables of what the sources reported next to this record: tolls, the seed article, claims,
reconciliation with the major lists, the lists' crosswalk and the deaths this record does not count."""

from __future__ import annotations

import pandas as pd

from ..compute import sources, trajectory
from ..present import i18n
from ..present.i18n import label, localized
from ..present.values import markdown_table
from ..release.load import Release
from .source_names import publisher_name
from .tables_common import CAPTIONS, cite, h


def table_tolls(r: dict, lang: str) -> str:
    """National tolls as published, next to this record's deaths by each report date."""
    g = r["gap"]
    frame = pd.DataFrame(
        {
            "date": g["report_date"],
            "reporter": g["reporter"].map(lambda x: publisher_name(x, lang)),
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


def table_seed(rel: Release, r: dict, lang: str) -> str:
    """The seed article's figures next to other reporters' figures of the same date and this record's count."""
    t = rel["tallies"]
    seed = t[t["source_id"] == sources.SEED_SOURCE_ID]
    names = localized(rel["events"], lang).set_index("event_id")["name"]
    counts = r["events"].set_index("event_id")["deaths"]
    rows = []
    for _, claim in seed.iterrows():
        what = h("national_toll", lang) if claim["scope"] == "national" else names[claim["event_id"]]
        rows.append(
            [
                what,
                h("seed_article", lang) + f" ({publisher_name(claim['reporter'], lang)})",
                claim["report_date"],
                claim["total_deaths"],
                claim["injured"],
                cite(claim["source_id"]),
            ]
        )
        for _, other in r["seed"][r["seed"]["claim"] == claim["tally_id"]].iterrows():
            rows.append(
                [
                    what,
                    publisher_name(other["reporter"], lang),
                    other["report_date"],
                    other["deaths"],
                    other["injured"],
                    cite(other["source_id"]),
                ]
            )
        if claim["scope"] == "national":
            record = int(trajectory.reconstructed_as_of(rel["victims"], pd.Series([claim["report_date"]]))["total"][0])
        else:
            record = int(counts[claim["event_id"]])
        rows.append([what, h("this_record", lang), claim["report_date"], record, None, "–"])
    frame = pd.DataFrame(rows, columns=["what", "who", "date", "deaths", "injured", "source"])
    frame[["deaths", "injured"]] = frame[["deaths", "injured"]].astype("Float64")
    headers = [
        h("figure", lang),
        h("reporter", lang),
        h("date", lang),
        h("deaths", lang),
        h("injured", lang),
        h("source", lang),
    ]
    return markdown_table(frame, headers, CAPTIONS["seed"][lang], "tbl-seed", lang)


def table_claims(r: dict, lang: str) -> str:
    """Published claims next to the value this record gives for the same quantity."""
    c = r["claims"]
    percent = c["metric"].str.contains("share")
    claimed = [
        (h(q, lang) + " " if h(q, lang) else "") + i18n.number(v, lang, 1 if p and v % 1 else 0) + ("%" if p else "")
        for q, v, p in zip(c["qualifier"], c["value"], percent)
    ]
    record = [
        "–" if pd.isna(v) else i18n.number(v, lang, 1 if p else 0) + ("%" if p else "")
        for v, p in zip(c["record_value"], percent)
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
            "reporter": rec["reporter"].map(lambda x: publisher_name(x, lang)),
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
