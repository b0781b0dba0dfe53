"""Accountability: the proceedings that followed the deaths (how many, how far each fatal incident's went, the
verdicts), the official and intergovernmental bodies' latest counts, and the reparations decreed or proposed."""

from __future__ import annotations

import pandas as pd

from ...compute.accountability import FORMALISED, step_dates
from ...release.load import Release
from .. import i18n
from ..i18n import LANGS, header, label, localized
from ..markdown import caption, cite, markdown_table
from ..source_names import reporter_name
from ..values import Values
from .sources import TOLL_CATEGORIES, TOLL_COLUMNS


def stage(value: object, lang: str) -> str:
    """A stage as the edition names it; "–" where there is none."""
    return label(f"stage_{value}", lang) if isinstance(value, str) else "–"


def money(amount: object, currency: object, lang: str) -> str:
    """An amount with its currency's sign ("S/ 50,000"); "–" where none is published."""
    if pd.isna(amount):
        return "–"
    return f"{label(f'currency_{currency}', lang)}\u00a0{i18n.number(amount, lang)}"


def proceeding_values(val: Values, rel: Release, r: dict) -> None:
    """How many proceedings and steps the release records, over which dates, from how many sources."""
    steps = rel["proceedings"]
    days = step_dates(steps)
    recorded = val.resting_on("proceeding")
    recorded.count("n_proceedings", len(r["proceedings"]), "proceeding")
    recorded.count("n_proceeding_steps", len(steps), "step")
    recorded.count("n_undated_steps", int(days.isna().sum()), "step")
    recorded.count("n_proceeding_sources", steps["source_id"].nunique(), "source")
    dated = steps.assign(day=days).dropna(subset=["day"]).sort_values(["day", "step_id"])
    for name, row in (("first_step_date", 0), ("last_step_date", -1)):
        when = {
            lang: "–" if dated.empty else i18n.published_date(dated["date"].iloc[row], lang, short=False)
            for lang in LANGS
        }
        recorded.text(name, when)
    val.flag("has_proceedings", len(steps) > 0)
    val.flag("no_proceedings", len(steps) == 0)


def incident_values(val: Values, rel: Release, r: dict) -> None:
    """How many fatal incidents some step names, how many have a step naming them at a formalised investigation
    or later, and the deaths of those; how many of the incidents no step names had only deaths linked to
    roadblocks."""
    inc = r["incident_proceedings"]
    victims = rel["victims"]
    roadblock_only = victims.groupby("event_id")["category"].agg(lambda c: (c == "roadblock_related").all())
    by_incident = inc.groupby("event_id").agg(
        deaths=("deaths", "first"),
        named=("proceeding", "count"),
        formalised=("furthest", lambda s: s.isin(FORMALISED).any()),
    )
    named = by_incident["named"] > 0
    formalised = by_incident["formalised"]
    reached = val.resting_on("incident", "proceeding", "furthest_stage")
    reached.count("acc_incidents", len(by_incident), "fatal_incident")
    reached.number("acc_incidents_named", int(named.sum()), unit="fatal_incident")
    reached.number("acc_incidents_formalised", int(formalised.sum()), unit="fatal_incident")
    reached.count("acc_deaths_formalised", int(by_incident.loc[formalised, "deaths"].sum()), "death")
    reached.count("acc_incidents_unnamed", int((~named).sum()), "fatal_incident")
    unnamed_roadblock = roadblock_only.reindex(by_incident.index[~named]).fillna(False).astype(bool)
    n, of = int(unnamed_roadblock.sum()), int((~named).sum())
    key = "values.unnamed_roadblock_" + ("all" if n == of and n > 0 else "none" if n == 0 else "some")
    phrase = {lang: i18n.text(key, lang, n=i18n.number(n, lang)) for lang in LANGS}
    val.text("acc_unnamed_roadblock_phrase", phrase, rests_on=("incident", "categories"))


def verdict_values(val: Values, rel: Release) -> None:
    """The verdicts the release records: how many proceedings reached one, whose deaths they concern (a proceeding's
    verdict steps dated differently are the dates its sources give, all shown), and whether
    any convicted or acquitted a member of the security forces or an official (a step whose `force` is given: the
    police, the army or the government; a step on anyone else leaves it empty)."""
    steps = rel["proceedings"]
    verdicts = steps[steps["stage"] == "verdict"]
    ruled = val.resting_on("verdict")
    ruled.count("n_verdict_proceedings", verdicts["proceeding"].nunique(), "proceeding")
    val.flag("has_verdicts", len(verdicts) > 0)
    on_state = verdicts["force"].notna()
    val.flag("no_verdict_on_state_agent", not on_state.any())
    names = rel["victims"].set_index("victim_id")["name"]
    dated = verdicts.assign(day=step_dates(verdicts)).dropna(subset=["day"]).sort_values(["day", "step_id"])
    concerned = {}
    for lang in LANGS:
        parts = []
        for _, steps_of_one in dated.groupby("proceeding", sort=False):  # one proceeding's verdict steps
            ids = dict.fromkeys(v for v_ids in steps_of_one["victim_ids"].dropna() for v in v_ids.split(";"))
            if not ids:
                continue
            dates = list(dict.fromkeys(i18n.published_date(d, lang, short=False) for d in steps_of_one["date"]))
            key = "values.verdict_on" if len(dates) == 1 else "values.verdict_on_dates"
            who = ", ".join(names.get(v, v) for v in ids)
            parts.append(i18n.text(key, lang, names=who, date=i18n.text("values.or", lang).join(dates)))
        concerned[lang] = i18n.text("values.and", lang).join(parts) if parts else "–"
    ruled.text("verdicts_concern", concerned)


def reparation_values(val: Values, rel: Release, r: dict) -> None:
    """The first decreed support per person killed and per person seriously injured, and its instrument; how many
    official and intergovernmental bodies' counts the chapter's table shows."""
    rep = rel["reparations"]
    per_person = rep[(rep["amount_unit"] == "per_victim") & rep["amount"].notna()].sort_values("date")
    support = val.resting_on("reparation")
    support.count("n_reparation_measures", len(rep), "measure")
    val.flag("has_support_per_person", per_person["beneficiary"].isin(["death", "serious_injury"]).any())
    for beneficiary in ("death", "serious_injury"):
        rows = per_person[per_person["beneficiary"] == beneficiary]
        first = rows.iloc[0] if len(rows) else None
        amounts = {lang: "–" if first is None else money(first["amount"], first["currency"], lang) for lang in LANGS}
        support.text(f"support_{beneficiary}_amount", amounts)
        if beneficiary == "death":
            instrument = "–" if first is None else f"{first['instrument']} {first['instrument_number']}"
            support.text("support_instrument", instrument)
            support.date("support_date", None if first is None else pd.to_datetime(first["date"]))
    val.count("n_official_bodies", r["official_counts"]["reporter"].nunique(), "body", rests_on=("last_toll",))


def values(val: Values, rel: Release, r: dict) -> None:
    """The named values of the accountability chapter."""
    proceeding_values(val, rel, r)
    incident_values(val, rel, r)
    verdict_values(val, rel)
    reparation_values(val, rel, r)


def table_or_none(frame: pd.DataFrame, headers: list[str], stem: str, lang: str, **options) -> str:
    """The captioned table `stem` (label `tbl-<stem>`), or the sentence saying the release has none of its rows
    (a release made before the table existed, or one in which nothing was found)."""
    if frame.empty:
        return i18n.text(f"tables.{stem}.none", lang) + "\n"
    return markdown_table(frame, headers, caption(stem, lang), f"tbl-{stem.replace('_', '-')}", lang, **options)


def date_or_dash(day: object, lang: str) -> str:
    """A short date as published (a day or a month), "–" where there is none."""
    if pd.isna(day):
        return "–"
    if isinstance(day, str):
        return i18n.published_date(day, lang)
    return i18n.date_short(pd.Timestamp(day).date(), lang)


def table_proceedings(rel: Release, r: dict, lang: str) -> str:
    """Each proceeding: its name, body, steps, first and latest dated step, their stages, and its sources."""
    p = r["proceedings"]
    sources = rel["proceedings"].groupby("proceeding")["source_id"].agg(lambda s: ";".join(dict.fromkeys(s)))
    frame = pd.DataFrame(
        {
            "name": p[f"title_{lang}"],
            "body": [", ".join(label(f"body_{b}", lang) for b in bodies.split(";")) for bodies in p["body"]],
            "steps": p["steps"],
            "first": [date_or_dash(d, lang) for d in p["first_date"]],
            "latest": [date_or_dash(d, lang) for d in p["latest_date"]],
            "stage": p["stage"].map(lambda s: stage(s, lang)),
            "furthest": p["furthest"].map(lambda s: stage(s, lang)),
            "source": p["proceeding"].map(sources).map(cite),
        }
    )
    headers = [header(h, lang) for h in ("proceeding", "body", "steps", "first_step", "latest_step")]
    headers += [header(h, lang) for h in ("current_stage", "furthest_stage", "sources")]
    return table_or_none(frame, headers, "proceedings", lang)


# Relative column widths (characters) of the incidents' table and the official counts: dates on one line.
INCIDENT_WIDTHS = {
    "name": 18,
    "date": 11,
    "deaths": 6,
    "proceeding": 26,
    "steps": 7,
    "furthest": 15,
    "latest": 17,
    "investigated": 12,
}
COUNT_WIDTHS = {"body": 14, "kind": 12, "tolls": 8, "date": 11, "as_of": 11, "total": 6}
COUNT_WIDTHS |= {c: 11 for c in TOLL_COLUMNS} | {"source": 7}  # "Roadblocks" clear of "Clashes"


def table_incident_proceedings(r: dict, lang: str) -> str:
    """Each fatal incident and each proceeding with steps naming it: how many steps, the furthest stage among
    them, the latest one, the people investigated; the incident's name, date and deaths on its first row only."""
    inc = localized(r["incident_proceedings"], lang)
    first = ~inc["event_id"].duplicated()
    latest = [
        "–" if pd.isna(d) else f"{stage(s, lang)} ({date_or_dash(d, lang)})"
        for s, d in zip(inc["latest_stage"], inc["latest_date"])
    ]
    frame = pd.DataFrame(
        {
            "name": inc["name"].where(first, ""),
            "date": [date_or_dash(d, lang) if f else "" for d, f in zip(inc["date_start"], first)],
            "deaths": [i18n.number(n, lang) if f else "" for n, f in zip(inc["deaths"], first)],
            "proceeding": inc[f"title_{lang}"].astype(object).fillna(i18n.text("values.none_found", lang)),
            "steps": inc["steps"],
            "furthest": inc["furthest"].map(lambda s: stage(s, lang)),
            "latest": latest,
            "investigated": inc["investigated"],
        }
    )
    headers = [header(h, lang) for h in ("event_name", "date", "deaths", "proceeding", "steps_naming")]
    headers += [header(h, lang) for h in ("furthest_stage", "latest_step_stage", "investigated")]
    return table_or_none(
        frame, headers, "incident_proceedings", lang, align={"deaths": "right"}, widths=INCIDENT_WIDTHS
    )


def table_official_counts(r: dict, lang: str) -> str:
    """Each official and intergovernmental body's latest national toll, by category, with its source."""
    o = r["official_counts"]
    frame = pd.DataFrame(
        {
            "body": o["reporter"].map(lambda x: reporter_name(x, lang)),
            "kind": o["kind"].map(lambda k: label(f"kind_{k}", lang)),
            "tolls": o["tolls"],
            "date": o["report_date"],
            "as_of": [date_or_dash(d, lang) for d in o["as_of"]],
            "total": o["total_deaths"],
            **{c: o[c] for c in TOLL_COLUMNS},
            "source": o["source_id"].map(cite),
        }
    )
    headers = [header(h, lang) for h in ("official_body", "kind", "tolls_n", "report_date", "period_end", "total")]
    headers += [header(f"{c}_short", lang) for c in TOLL_CATEGORIES] + [header("source", lang)]
    return table_or_none(frame, headers, "official_counts", lang, widths=COUNT_WIDTHS)


def table_reparations(rel: Release, lang: str) -> str:
    """Each reparation or support measure: its instrument, date, beneficiaries, amount, people paid, source."""
    rep = rel["reparations"]
    instrument = [f"{a} {b}" if isinstance(b, str) else a for a, b in zip(rep["instrument"], rep["instrument_number"])]
    amount = [
        money(a, c, lang)
        + ("" if pd.isna(a) else f" {label(f'unit_{u}' if isinstance(u, str) else 'unit_unknown', lang)}")
        for a, c, u in zip(rep["amount"], rep["currency"], rep["amount_unit"])
    ]
    frame = pd.DataFrame(
        {
            "instrument": instrument,
            "date": [date_or_dash(d, lang) for d in rep["date"]],
            "beneficiary": rep["beneficiary"].map(lambda b: label(f"beneficiary_{b}", lang)),
            "amount": amount,
            "paid": rep["beneficiaries"],
            "covered": rep["people_covered"],
            "source": rep["source_id"].map(cite),
        }
    )
    headers = [header(h, lang) for h in ("instrument", "date", "beneficiary", "amount", "beneficiaries")]
    headers += [header(h, lang) for h in ("people_covered", "source")]
    return table_or_none(frame, headers, "reparations", lang)


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The accountability chapter's tables."""
    return {
        "proceedings": table_proceedings(rel, r, lang),
        "incident_proceedings": table_incident_proceedings(r, lang),
        "official_counts": table_official_counts(r, lang),
        "reparations": table_reparations(rel, lang),
    }
