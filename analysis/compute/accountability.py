"""What followed the deaths: the proceedings by incident and over time, the official counts, the reparations.

A proceeding is a sequence of steps (the `proceedings` table: one row per step, with its body, stage and date,
and the incidents and people it names where the source does). Its current stage is the stage of its latest
dated step; a step known only to its month counts from the first day of that month. Steps without a date are
listed but set no stage.
"""

from __future__ import annotations

import pandas as pd

from .tolls import last_of_day

# The order in which a proceeding's stages are shown (not a legal sequence: a case may be archived at any stage).
STAGES = [
    "complaint",
    "preliminary_investigation",
    "formal_investigation",
    "indictment",
    "trial",
    "verdict",
    "appeal",
    "closed",
    "archived",
    "transfer",
    "report",
    "other",
]
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


def proceeding_summary(proceedings: pd.DataFrame) -> pd.DataFrame:
    """One row per proceeding: its body (of the first step), its steps, first and latest dated step, its current
    stage (of the latest dated step) and the most people investigated and charged any step gives."""
    columns = ["proceeding", "body", "steps", "first_date", "latest_date", "stage", "investigated", "charged"]
    if proceedings.empty:
        return pd.DataFrame(columns=columns)
    steps = proceedings.assign(day=step_dates(proceedings)).reset_index(drop=True)
    dated = steps.dropna(subset=["day"]).sort_values(["proceeding", "day", "step_id"])
    latest = dated.groupby("proceeding").tail(1).set_index("proceeding")
    out = steps.groupby("proceeding", sort=False).agg(
        body=("body", "first"),
        steps=("step_id", "size"),
        first_date=("day", "min"),
        latest_date=("day", "max"),
        investigated=("people_investigated", "max"),
        charged=("people_charged", "max"),
    )
    out["stage"] = latest["stage"].reindex(out.index)
    return out.reset_index()[columns].sort_values(["first_date", "proceeding"], na_position="last", ignore_index=True)


def incident_proceedings(proceedings: pd.DataFrame, events: pd.DataFrame, victims: pd.DataFrame) -> pd.DataFrame:
    """Per fatal incident (an event with deaths in this record): the proceedings whose steps name it, how many,
    the current stage of the most advanced of them (by `STAGES` order up to verdict and appeal) and the date of
    its latest step. Incidents that no step names have no proceeding here, which means none was found."""
    deaths = victims["event_id"].value_counts()
    fatal = events[events["event_id"].isin(deaths.index)][["event_id", "name", "name_es", "date_start"]]
    named = proceedings.assign(event_id=proceedings["event_ids"].str.split(";")).explode("event_id")
    named = named.dropna(subset=["event_id"])
    summary = proceeding_summary(proceedings).set_index("proceeding")
    rank = {stage: i for i, stage in enumerate(STAGES)}
    rows = []
    for event in fatal.itertuples(index=False):
        found = sorted(set(named.loc[named["event_id"] == event.event_id, "proceeding"]))
        stages = summary.reindex(found)
        known = stages.dropna(subset=["stage"])
        ahead = known.assign(order=known["stage"].map(rank)).sort_values(["order", "latest_date"]).tail(1)
        rows.append(
            {
                "event_id": event.event_id,
                "name": event.name,
                "name_es": event.name_es,
                "date_start": event.date_start,
                "deaths": int(deaths[event.event_id]),
                "proceedings": len(found),
                "stage": ahead["stage"].iloc[0] if len(ahead) else None,
                "stage_date": ahead["latest_date"].iloc[0] if len(ahead) else pd.NaT,
                "investigated": stages["investigated"].max() if len(stages) else None,
            }
        )
    return pd.DataFrame(rows).sort_values(["date_start", "event_id"], ignore_index=True)


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
