"""The seed article and what the sources say: the article's figures next to other reporters' of the same days
and this record's count by that date, and the published claims checked against the record."""

from __future__ import annotations

import pandas as pd

from ...compute import sources, trajectory
from ...release.load import Release
from ...release.problems import ReportError
from ...release.schema import CATEGORIES
from .. import i18n
from ..i18n import LANGS, header, localized
from ..markdown import caption, cite, markdown_table
from ..source_names import publisher_name, reporter_name
from ..values import Values
from .sources import DEFENSORIA, TOLL_COLUMNS, unordered_tolls

JULIACA, AYACUCHO = "juliaca-2023-01-09", "ayacucho-2022-12-15"


def values(val: Values, rel: Release, r: dict) -> None:
    """The seed article's three figures, and what other reporters and this record say."""
    t = rel["tallies"]
    seed = t[t["source_id"] == sources.SEED_SOURCE_ID]
    national = seed[seed["scope"] == "national"].iloc[0]
    tolls = val.resting_on("toll")
    tolls.count("seed_national", national["total_deaths"], "death")
    tolls.date("seed_date", national["report_date"])
    counted = trajectory.reconstructed_as_of(rel["victims"], pd.Series([national["report_date"]])).iloc[0]
    by_date = val.resting_on("record_by_date", "categories")
    by_date.count("record_at_seed_date", counted["total"], "death")
    for category in CATEGORIES:
        if category in i18n.units():  # "1 police officer": a category that is its own unit
            by_date.count(f"record_at_seed_phrase_{category}", int(counted[category]), category)
    comparisons = r["seed"]
    defensoria = comparisons[(comparisons["claim"] == national["tally_id"]) & (comparisons["reporter"] == DEFENSORIA)]
    if defensoria.empty:
        raise ReportError("no Defensoría national toll published on the seed article's date or the day before")
    tallies_by_id = t.set_index("tally_id")
    latest = val.resting_on("last_toll", "toll")
    for key, row in (("first", defensoria.iloc[0]), ("last", defensoria.iloc[-1])):
        tally = tallies_by_id.loc[row["tally_id"]]
        latest.date(f"defensoria_{key}_seed_date", row["report_date"])
        day = defensoria[defensoria["report_date"] == row["report_date"]]
        if len(day) == 1:
            latest.count(f"defensoria_{key}_seed", row["deaths"], "death")
        else:  # the release does not record which of the day's tolls came last (tolls.last_of_day)
            latest.text(f"defensoria_{key}_seed", {lang: unordered_tolls(day["deaths"], lang) for lang in LANGS})
    for column in TOLL_COLUMNS:  # the last toll's categories
        latest.number(f"defensoria_last_seed_{column}", tally[column], unit="death")
    event_values(val, seed, r, rel["victims"])


def event_values(val: Values, seed: pd.DataFrame, r: dict, victims: pd.DataFrame) -> None:
    """The seed article's figures for Juliaca and Ayacucho, this record's deaths there (and how many of those
    people died on a later day than the one they were injured), and the span of every toll published for those
    events."""
    summary = r["events"].set_index("event_id")
    for key, event_id in (("juliaca", JULIACA), ("ayacucho", AYACUCHO)):
        claim = seed[seed["event_id"] == event_id]
        if claim.empty:
            raise ReportError(f"the seed article's figure for {event_id} is missing from tallies")
        stated = r["claims"][
            (r["claims"]["source_id"] == sources.SEED_SOURCE_ID) & (r["claims"]["event_id"] == event_id)
        ]
        for name, column, metric, unit in (
            ("deaths", "total_deaths", "event_deaths", "death"),
            ("injured", "injured", "event_injured", "severely_injured"),  # the article's words: severely injured
        ):
            n = claim.iloc[0][column]
            said = stated[(stated["metric"] == metric) & (stated["value"] == n)]["qualifier"]  # the article's claim
            bound = "at_least" if (said == "at_least").any() else None  # its own words: "at least" where it said so
            val.count(f"seed_{key}_{name}", n, unit, rests_on=("toll",), qualifier=bound)
        val.count(f"record_{key}_deaths", summary.at[event_id, "deaths"], "death", rests_on=("counted", "incident"))
        of_event = victims[victims["event_id"] == event_id]
        later = int((of_event["date_died"] > of_event["date_injured"]).sum())  # died of their wounds on a later day
        val.count(f"record_{key}_died_later", later, "person", rests_on=("counted", "incident"))
        spans = val.resting_on("event_tolls")
        spans.text(f"{key}_name", {"en": summary.at[event_id, "name"], "es": summary.at[event_id, "name_es"]})
        claims = r["event_claims"][r["event_claims"]["event_id"] == event_id]
        for column, name, unit in (("total_deaths", "claims", "death"), ("injured", "injured_claims", "injured")):
            found = claims[column].dropna()
            spans.number(f"{key}_{name}_min", found.min(), unit=unit)
            if unit == "death":
                spans.count(f"{key}_{name}_max", found.max(), unit)
            else:
                spans.number(f"{key}_{name}_max", found.max(), unit=unit)
            spans.count(f"{key}_{name}_n", len(found), "toll" if unit == "death" else "report")


def record_by_date(rel: Release, claim: pd.Series, lang: str) -> str:
    """This record's deaths by the seed figure's date, for the whole country or the figure's event, with the
    parts when they span several categories: "18 (17 civilians killed in clashes, 1 police officer)"."""
    victims = rel["victims"]
    if claim["scope"] == "event":
        victims = victims[victims["event_id"] == claim["event_id"]]
    counted = trajectory.reconstructed_as_of(victims, pd.Series([claim["report_date"]])).iloc[0]
    parts = [i18n.count(int(counted[c]), c, lang) for c in CATEGORIES if c in i18n.units() and counted[c] > 0]
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
        what = header("national_toll", lang) if claim["scope"] == "national" else names[claim["event_id"]]
        rows.append(
            [
                what,
                header("seed_article", lang) + f" ({publisher_name(claim['reporter'], lang)})",
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
        rows.append(
            [what, header("this_record", lang), claim["report_date"], record_by_date(rel, claim, lang), "–", "–"]
        )
    frame = pd.DataFrame(rows, columns=["what", "who", "date", "deaths", "injured", "source"])
    headers = [header(h, lang) for h in ("figure", "reporter", "date", "deaths", "injured", "source")]
    widths = {"what": 22, "who": 24, "date": 12, "deaths": 24, "injured": 8, "source": 8}
    align = {"deaths": "right", "injured": "right"}
    return markdown_table(frame, headers, caption("seed", lang), "tbl-seed", lang, align=align, widths=widths)


def record_parts(claim: pd.Series, lang: str) -> str:
    """' (18 civilians killed in clashes, 1 police officer)': the parts of this record's count for a claim that
    does not say which categories it counts, when the count mixes several (`record_<category>`); else ""."""
    parts = [
        i18n.count(int(claim[f"record_{c}"]), c, lang)
        for c in CATEGORIES
        if c in i18n.units() and pd.notna(claim.get(f"record_{c}")) and claim[f"record_{c}"] > 0
    ]
    return f" ({', '.join(parts)})" if parts else ""


def table_claims(r: dict, lang: str) -> str:
    """Published claims next to the value this record gives for the same quantity."""
    c = r["claims"]
    percent = c["metric"].str.contains("share")
    claimed = [
        (header(q, lang) + " " if header(q, lang) else "")
        + (i18n.percent(i18n.number(v, lang, 1 if v % 1 else 0), lang) if p else i18n.number(v, lang))
        for q, v, p in zip(c["qualifier"], c["value"], percent)
    ]
    record = [
        "–"
        if pd.isna(v)
        else (i18n.percent(i18n.number(v, lang, 1), lang) if p else i18n.number(v, lang)) + record_parts(row, lang)
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
    headers = [header(h, lang) for h in ("date", "claimant", "claim_text", "claimed", "reconstructed", "source")]
    align = {"claimed": "right", "record": "right"}
    return markdown_table(frame, headers, caption("claims", lang), "tbl-claims", lang, align=align)


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The seed article's table and the published claims."""
    return {"seed": table_seed(rel, r, lang), "claims": table_claims(r, lang)}
