"""Sources and their disagreements: the national tolls as published against this record, the Defensoría's
latest toll, how well each death is sourced, the major reporters' counts next to this record's, the reported
deaths this record does not count, and the published lists."""

from __future__ import annotations

import pandas as pd

from ...compute.tolls import last_of_day
from ...release.load import Release
from ...release.problems import ReportError
from .. import i18n
from ..i18n import LANGS, header, label
from ..markdown import caption, cite, markdown_table
from ..source_names import reporter_name
from ..values import Values

DEFENSORIA = "Defensoría del Pueblo"
TOLL_COLUMNS = ("clash_civilians", "roadblock_related", "police", "soldiers")  # a toll's four categories
TOLL_CATEGORIES = dict(zip(("clash_civilian", "roadblock_related", "police", "soldier"), TOLL_COLUMNS))
SHARE = i18n.DECIMALS["share"]


def unordered_tolls(deaths: pd.Series, lang: str) -> str:
    """Tolls of one day whose order is not recorded: "41 deaths or 46 deaths (the release does not …)"."""
    tolls = i18n.text("values.or", lang).join(i18n.count(int(n), "death", lang) for n in sorted(set(deaths)))
    return i18n.text("values.unordered_tolls", lang, tolls=tolls)


def tally_values(val: Values, r: dict) -> None:
    """The Defensoría's latest national toll, the span of national tolls, same-day disagreements."""
    gap = r["gap"]
    defensoria = last_of_day(gap[(gap["reporter"] == DEFENSORIA) & gap["total_deaths"].notna()])
    if defensoria.empty:
        raise ReportError("the release has no national toll with a total from the Defensoría del Pueblo")
    latest_day = defensoria[defensoria["report_date"] == defensoria["report_date"].max()]
    last = latest_day.iloc[-1]
    latest = val.resting_on("last_toll", "record_by_date")
    latest.date("defensoria_last_date", last["report_date"])
    if len(latest_day) == 1:
        latest.count("defensoria_last_total", last["total_deaths"], "death")
    else:  # the release does not record which of the day's tolls came last
        tolls = {lang: unordered_tolls(latest_day["total_deaths"], lang) for lang in LANGS}
        latest.text("defensoria_last_total", tolls)
    latest.count("defensoria_last_reconstructed", last["reconstructed"], "death")
    for category, column in TOLL_CATEGORIES.items():
        n = int(last[column]) if pd.notna(last[column]) else None  # not given: printed as "–"
        latest.count(f"defensoria_last_phrase_{category}", n, category)
    by_category = [last[c] for c in TOLL_COLUMNS]
    val.flag(
        "defensoria_last_adds_categories",
        len(latest_day) == 1 and all(pd.notna(x) for x in by_category) and sum(by_category) == last["total_deaths"],
    )
    tolls = val.resting_on("toll")
    tolls.count("n_national_tolls", len(gap), "national_toll")
    tolls.count("n_national_reporters", gap["reporter"].nunique(), "reporter")
    tolls.date("first_toll_date", gap["report_date"].min())
    tolls.date("last_toll_date", gap["report_date"].max())
    same = r["same_day"]
    disagreeing = val.resting_on("disagreement", "last_toll")
    disagreeing.count("disagreement_days", len(same), "day")
    disagreeing.count("disagreement_max_spread", same["spread"].max() if len(same) else 0, "death")


def sourcing_values(val: Values, rel: Release, r: dict) -> None:
    """How well sourced the record is: publishers and sources per person, confidence levels."""
    cov = r["coverage"]
    sourced = val.resting_on("publishers", "share")
    sourced.number("victims_two_publishers", int((cov["n_publishers"] >= 2).sum()), unit="person")
    sourced.number("victims_two_publishers_share", 100 * (cov["n_publishers"] >= 2).mean(), SHARE)
    sourced.count("victims_one_source", int((cov["n_sources"] == 1).sum()), "person")
    sourced.count("sources_median_per_victim", cov["n_sources"].median(), "source")
    conf = rel["victims"]["confidence"].value_counts()
    for level in ("high", "medium", "low"):
        val.count(f"confidence_{level}", int(conf.get(level, 0)), "person", rests_on=("confidence",))


def reconciliation_values(val: Values, rel: Release, r: dict) -> None:
    """The Defensoría's final count next to this record's, the reported deaths not counted, the lists."""
    rec = r["reconciliation"].set_index("reporter")
    if DEFENSORIA in rec.index:
        row = rec.loc[DEFENSORIA]
        final = val.resting_on("reconciliation")
        final.count("defensoria_final_total", row["reported_total"], "death")
        final.date("defensoria_final_period", row["period_end"])
        final.count("defensoria_final_record", row["record_total"], "death")
    excluded = rel["excluded"]["reason"]
    counted = val.resting_on("counted")
    counted.count("n_excluded", len(excluded), "report")
    counted.count("excluded_insufficient", int((excluded == "insufficient_data").sum()), "report")
    withdrawn = excluded.isin(["not_in_civil_registry", "found_alive", "double_count"])
    counted.count("excluded_withdrawn", int(withdrawn.sum()), "report")
    counted.count("excluded_not_confirmed", int(excluded.isin(["not_confirmed", "unrelated"]).sum()), "report")
    counted.count("excluded_outside_period", int((excluded == "outside_period").sum()), "report")


def lists_values(val: Values, rel: Release, r: dict) -> None:
    """People of the record known to be on two or more of the published lists (capture-recapture needs them),
    and the number of lists the crosswalk table shows."""
    lists = rel["lists"]
    listed = lists[lists["listed"] == "yes"].groupby("victim_id").size()
    counted = val.resting_on("counted")
    counted.number("people_on_two_lists", int((listed >= 2).sum()), unit="person")
    counted.number("n_lists", len(r["crosswalk"]))


def values(val: Values, rel: Release, r: dict) -> None:
    """The named values of the sources and their disagreements."""
    tally_values(val, r)
    sourcing_values(val, rel, r)
    reconciliation_values(val, rel, r)
    lists_values(val, rel, r)


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
    headers = [header(h, lang) for h in ("report_date", "reporter", "total")]
    headers += [header(f"{c}_short", lang) for c in TOLL_CATEGORIES]
    headers += [header(h, lang) for h in ("injured", "reconstructed", "source")]
    return markdown_table(frame, headers, caption("tolls", lang), "tbl-tolls", lang)


def pair(reported: object, record: object, lang: str) -> str:
    """'reported / this record' for the reconciliation table."""
    left = "–" if pd.isna(reported) else i18n.number(reported, lang)
    return f"{left} / {i18n.number(record, lang)}"


def table_reconciliation(r: dict, lang: str) -> str:
    """Each major reporter's largest national count next to this record's for the same period."""
    rec = r["reconciliation"]
    counts = ("total", *TOLL_COLUMNS)
    frame = pd.DataFrame(
        {
            "reporter": rec["reporter"].map(lambda x: reporter_name(x, lang)),
            "date": rec["report_date"],
            "period": rec["period_end"],
            **{c: [pair(a, b, lang) for a, b in zip(rec[f"reported_{c}"], rec[f"record_{c}"])] for c in counts},
            "source": rec["source_id"].map(cite),
        }
    )
    headers = [header(h, lang) for h in ("reporter", "report_date", "period_end", "total")]
    headers += [header(f"{c}_short", lang) for c in TOLL_CATEGORIES] + [header("source", lang)]
    right = {c: "right" for c in counts}
    return markdown_table(frame, headers, caption("reconciliation", lang), "tbl-reconciliation", lang, align=right)


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
    headers = [header(h, lang) for h in ("list", "listed", "not_listed", "not_established")]
    return markdown_table(frame, headers, caption("crosswalk", lang), "tbl-crosswalk", lang)


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
    headers = [header(h, lang) for h in ("victim_id", "name", "reported", "department", "reason", "sources")]
    return markdown_table(frame, headers, caption("excluded", lang), "tbl-excluded", lang)


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The tables of the sources and their disagreements."""
    return {
        "tolls": table_tolls(r, lang),
        "reconciliation": table_reconciliation(r, lang),
        "crosswalk": table_crosswalk(r, lang),
        "excluded": table_excluded(rel, lang),
    }
