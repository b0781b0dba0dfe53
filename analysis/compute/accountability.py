"""What followed the deaths: the proceedings by incident and over time, the official counts, the reparations.

A proceeding is a sequence of steps (the `proceedings` table: one row per step, with its body, stage and date,
and the incidents and people it names where the source does). Two stages describe a proceeding:

- its *latest step*: the stage of its latest dated step (a step known only to its month counts from the first
  day of that month, and its date stays a month in the results; steps without a date are listed but are not
  the latest);
- the *furthest stage reached*: the furthest of its steps, dated or not, along the judicial sequence `TRACK`
  (complaint, preliminary investigation, formal investigation, indictment, trial, verdict). Closing, archiving,
  transferring, reports, appeals and other steps do not move a proceeding along it: an archived case keeps the
  furthest stage it had reached, and an appeal (of a verdict or of anything else) is not a stage beyond one.
"""

from __future__ import annotations

import pandas as pd

from ..release.schema_accountability import STAGES  # noqa: F401  (every stage a release may record; the schema's list)
from .registry import Results, Tables, table
from .tolls import last_of_day

# The judicial sequence along which the furthest stage reached is measured, first to furthest.
TRACK = ["complaint", "preliminary_investigation", "formal_investigation", "indictment", "trial", "verdict"]
# A formalised investigation or later: a prosecutor has named suspects before a judge.
FORMALISED = TRACK[TRACK.index("formal_investigation") :]
# Reporters of tolls that are public bodies: national official bodies and intergovernmental ones.
OFFICIAL_BODIES = {
    "Defensoría del Pueblo": "official",
    "Fiscalía de la Nación": "official",
    "MINSA": "official",
    "IACHR": "intergovernmental",
    "OHCHR": "intergovernmental",
}


def step_dates(proceedings: pd.DataFrame) -> pd.Series:
    """Each step's date as a day (a month-only date on its first day; NaT where no date is given)."""
    text = proceedings["date"].astype("string")
    return pd.to_datetime(text.where(text.str.len() != 7, text + "-01"), format="%Y-%m-%d", errors="coerce")


def furthest_stage(stages: pd.Series) -> str | None:
    """The furthest of some steps' stages along `TRACK`; None if no step is on it."""
    on_track = [TRACK.index(s) for s in stages.dropna() if s in TRACK]
    return TRACK[max(on_track)] if on_track else None


def bodies_in_order(bodies: pd.Series) -> str:
    """The bodies that took a proceeding's steps, each once, in the order of their first step (";"-separated):
    a constitutional complaint is filed by the prosecutors, challenged in the courts and decided by Congress."""
    return ";".join(dict.fromkeys(bodies.dropna()))


def proceeding_summary(proceedings: pd.DataFrame) -> pd.DataFrame:
    """One row per proceeding: its bodies (`bodies_in_order`, steps by date, undated last), its steps, first
    and latest dated step, the stage of its latest dated step, the furthest stage it reached (`furthest_stage`,
    dated steps or not) and the most people investigated and charged any step gives."""
    columns = ["proceeding", "body", "steps", "first_date", "latest_date", "stage", "furthest"]
    columns += ["investigated", "charged"]
    if proceedings.empty:
        return pd.DataFrame(columns=columns)
    steps = proceedings.assign(day=step_dates(proceedings))
    steps = steps.sort_values(["day", "step_id"], na_position="last", ignore_index=True)
    dated = steps.dropna(subset=["day"]).sort_values(["proceeding", "day", "step_id"])
    first = dated.groupby("proceeding").head(1).set_index("proceeding")
    latest = dated.groupby("proceeding").tail(1).set_index("proceeding")
    out = steps.groupby("proceeding", sort=False).agg(
        body=("body", bodies_in_order),
        steps=("step_id", "size"),
        investigated=("people_investigated", "max"),
        charged=("people_charged", "max"),
        furthest=("stage", furthest_stage),
    )
    out["first_date"] = first["date"].reindex(out.index)  # as published: a day or a month
    out["latest_date"] = latest["date"].reindex(out.index)
    out["stage"] = latest["stage"].reindex(out.index)
    out["first_day"] = first["day"].reindex(out.index)
    out = out.reset_index().sort_values(["first_day", "proceeding"], na_position="last", ignore_index=True)
    return out[columns]


def incident_proceedings(proceedings: pd.DataFrame, events: pd.DataFrame, victims: pd.DataFrame) -> pd.DataFrame:
    """Per fatal incident (an event with deaths in this record) and proceeding: what the steps of that proceeding
    that name the incident say: how many there are, the furthest stage among them (`furthest_stage`), the latest
    dated one (its stage and day) and the most people any of them says were investigated. Only the steps that
    name the incident count: a proceeding's steps on other incidents (a national team's totals, say) do not.
    An incident that no step names has one row without a proceeding: none was found."""
    deaths = victims["event_id"].value_counts()
    fatal = events[events["event_id"].isin(deaths.index)][["event_id", "name", "name_es", "date_start"]]
    steps = proceedings.assign(day=step_dates(proceedings), event_id=proceedings["event_ids"].str.split(";"))
    steps = steps.explode("event_id").dropna(subset=["event_id"])
    titles = proceedings.drop_duplicates("proceeding").set_index("proceeding")[["title_en", "title_es"]]
    rows = []
    for event in fatal.itertuples(index=False):
        incident = {
            "event_id": event.event_id,
            "name": event.name,
            "name_es": event.name_es,
            "date_start": event.date_start,
            "deaths": int(deaths[event.event_id]),
        }
        naming = steps[steps["event_id"] == event.event_id]
        if naming.empty:
            rows.append(incident | {"steps": 0})
        for proceeding, theirs in naming.groupby("proceeding", sort=False):
            dated = theirs.dropna(subset=["day"]).sort_values(["day", "step_id"])
            rows.append(
                incident
                | {
                    "proceeding": proceeding,
                    "title_en": titles.loc[proceeding, "title_en"],
                    "title_es": titles.loc[proceeding, "title_es"],
                    "steps": len(theirs),
                    "furthest": furthest_stage(theirs["stage"]),
                    "latest_stage": dated["stage"].iloc[-1] if len(dated) else None,
                    "latest_date": dated["date"].iloc[-1] if len(dated) else None,
                    "first_day": dated["day"].iloc[0] if len(dated) else pd.NaT,
                    "investigated": theirs["people_investigated"].max(),
                }
            )
    columns = ["event_id", "name", "name_es", "date_start", "deaths", "proceeding", "title_en", "title_es", "steps"]
    columns += ["furthest", "latest_stage", "latest_date", "investigated"]
    out = pd.DataFrame(rows).reindex(columns=columns + ["first_day"])
    order = ["date_start", "event_id", "first_day", "proceeding"]
    return out.sort_values(order, na_position="last", ignore_index=True)[columns]


def official_counts(tallies: pd.DataFrame) -> pd.DataFrame:
    """The latest national toll with a death count of each official or intergovernmental body (`OFFICIAL_BODIES`),
    with how many national tolls the body published: what each body counted last, and when. The latest is the
    body's last toll of its latest day (`tolls.last_of_day`: all of that day's, where their order is not known)."""
    national = tallies[(tallies["scope"] == "national") & tallies["reporter"].isin(list(OFFICIAL_BODIES))]
    counted = last_of_day(national[national["total_deaths"].notna() | national["clash_civilians"].notna()])
    latest = counted[counted["report_date"] == counted.groupby("reporter")["report_date"].transform("max")]
    out = latest.assign(
        kind=latest["reporter"].map(OFFICIAL_BODIES),
        tolls=latest["reporter"].map(national["reporter"].value_counts()),
    )
    columns = ["reporter", "kind", "tolls", "report_date", "as_of", "total_deaths", "clash_civilians"]
    columns += ["roadblock_related", "police", "soldiers", "source_id", "tally_id"]
    return out[columns].sort_values("report_date", ignore_index=True)


def proceeding_steps(proceedings: pd.DataFrame) -> pd.DataFrame:
    """The dated steps of every proceeding, with the proceeding's names and the step's day (for the timeline
    figure): one row per step that has a date, in the order of the proceedings' first steps."""
    columns = ["step_id", "proceeding", "title_en", "title_es", "body", "stage", "day"]
    steps = proceedings.assign(day=step_dates(proceedings)).dropna(subset=["day"])
    order = {p: i for i, p in enumerate(proceeding_summary(proceedings)["proceeding"])}
    steps = steps.assign(order=steps["proceeding"].map(order))
    return steps.sort_values(["order", "day", "step_id"])[columns].reset_index(drop=True)


@table(
    "proceedings",
    {
        "proceeding": "string",
        "title_en": "string",
        "title_es": "string",
        "body": "string",
        "steps": "integer",
        "first_date": "string",
        "latest_date": "string",
        "stage": "string",
        "furthest": "string",
        "investigated": "integer",
        "charged": "integer",
    },
)
def proceedings_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Each proceeding that followed the deaths: its body, steps, first and latest dated step, current stage."""
    summary = proceeding_summary(rel["proceedings"])
    titles = rel["proceedings"].drop_duplicates("proceeding").set_index("proceeding")[["title_en", "title_es"]]
    return summary.join(titles, on="proceeding")[
        ["proceeding", "title_en", "title_es", "body", "steps", "first_date", "latest_date", "stage", "furthest"]
        + ["investigated", "charged"]
    ]


@table(
    "incident_proceedings",
    {
        "event_id": "string",
        "name": "string",
        "name_es": "string",
        "date_start": "date",
        "deaths": "integer",
        "proceeding": "string",
        "title_en": "string",
        "title_es": "string",
        "steps": "integer",
        "furthest": "string",
        "latest_stage": "string",
        "latest_date": "string",
        "investigated": "integer",
    },
)
def incident_proceedings_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Each fatal incident and each proceeding with steps naming it: those steps' furthest stage and latest one."""
    return incident_proceedings(rel["proceedings"], rel["events"], rel["victims"])


@table(
    "proceeding_steps",
    {
        "step_id": "string",
        "proceeding": "string",
        "title_en": "string",
        "title_es": "string",
        "body": "string",
        "stage": "string",
        "day": "date",
    },
)
def proceeding_steps_result(rel: Tables, r: Results) -> pd.DataFrame:
    """The dated steps of the proceedings, for the figure of proceedings over time."""
    return proceeding_steps(rel["proceedings"])


@table(
    "official_counts",
    {
        "reporter": "string",
        "kind": "string",
        "tolls": "integer",
        "report_date": "date",
        "as_of": "date",
        "total_deaths": "integer",
        "clash_civilians": "integer",
        "roadblock_related": "integer",
        "police": "integer",
        "soldiers": "integer",
        "source_id": "string",
        "tally_id": "string",
    },
)
def official_counts_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Each official or intergovernmental body's latest national count."""
    return official_counts(rel["tallies"])
