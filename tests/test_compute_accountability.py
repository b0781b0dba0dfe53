"""What followed the deaths: proceedings by incident and over time, official counts (compute/accountability.py)."""

import io

import pandas as pd
from conftest import table

from analysis.compute import accountability

STEPS = """
step_id,proceeding,title_en,title_es,body,stage,date,event_ids,victim_ids,people_investigated,people_charged
PR1,case-a,Case A,Caso A,prosecutors,preliminary_investigation,2023-01-10,ju,,6,
PR2,case-a,Case A,Caso A,prosecutors,formal_investigation,2024-07,ju,V1,19,
PR3,case-a,Case A,Caso A,prosecutors,archived,,ju,,,
PR4,case-b,Case B,Caso B,courts,verdict,2025-09-03,ju;ay,V2,,1
PR5,case-c,Case C,Caso C,congress,complaint,,,,,
"""
EVENTS = """
event_id,name,name_es,date_start
ju,Juliaca,Juliaca,2023-01-09
ay,Ayacucho,Ayacucho,2022-12-15
mo,Molino,Molino,2023-01-09
"""
VICTIMS = """
victim_id,event_id
V1,ju
V2,ju
V3,ay
"""


def steps() -> pd.DataFrame:
    """The steps as a validated release holds them: the date as text (a month may stand alone), counts as integers."""
    frame = pd.read_csv(io.StringIO(STEPS.strip()), dtype=str, keep_default_na=False).replace("", pd.NA)
    for column in ("people_investigated", "people_charged"):
        frame[column] = frame[column].astype("Int64")
    return frame


def test_step_dates_read_a_month_as_its_first_day_and_leave_unknown_dates_empty():
    days = accountability.step_dates(steps())
    assert days.iloc[1] == pd.Timestamp("2024-07-01") and pd.isna(days.iloc[2])


def test_proceeding_summary_takes_the_stage_of_the_latest_dated_step():
    out = accountability.proceeding_summary(steps()).set_index("proceeding")
    assert out.loc["case-a", "stage"] == "formal_investigation"  # the archived step has no date: it sets no stage
    assert (out.loc["case-a", "steps"], out.loc["case-a", "investigated"]) == (3, 19)
    assert (out.loc["case-a", "first_date"], out.loc["case-a", "latest_date"]) == ("2023-01-10", "2024-07")
    assert out.loc["case-a", "furthest"] == "formal_investigation"  # archiving does not undo the stage reached
    assert out.loc["case-c", "furthest"] == "complaint"  # dated or not, a step counts towards the furthest stage
    assert pd.isna(out.loc["case-c", "stage"]) and out.index[-1] == "case-c"  # undated proceedings last


def test_a_proceeding_lists_each_body_that_took_its_steps_in_the_order_of_its_first_step():
    complaint = steps().assign(
        proceeding="dc",
        body=["courts", "prosecutors", "congress", "courts", "prosecutors"],
        date=["2024-03-27", "2023-11-27", "2024-07-18", "2024-07-15", pd.NA],
    )  # filed by the prosecutors, challenged in the courts, closed by Congress; the undated step last
    out = accountability.proceeding_summary(complaint)
    assert out.loc[0, "body"] == "prosecutors;courts;congress"


def test_a_request_to_investigate_is_not_a_stage_of_the_criminal_track():
    request = steps().assign(stage=["request", "request", "other", "report", "request"])
    out = accountability.proceeding_summary(request)
    assert out["furthest"].isna().all()  # asking the prosecutors to act is not a complaint
    assert "request" in accountability.STAGES and "request" not in accountability.TRACK


def test_incident_proceedings_gives_each_incident_the_steps_naming_it_proceeding_by_proceeding():
    out = accountability.incident_proceedings(steps(), table(EVENTS), table(VICTIMS))
    assert out["event_id"].tolist() == ["ay", "ju", "ju"]  # Molino has no death in this record
    ju = out[out["event_id"] == "ju"].set_index("proceeding")
    assert ju.loc["case-a", "furthest"] == "formal_investigation" and ju.loc["case-a", "steps"] == 3
    assert (ju.loc["case-a", "latest_stage"], ju.loc["case-a", "latest_date"]) == (
        "formal_investigation",
        "2024-07",
    )  # the archived step has no date; a month stays a month
    assert ju.loc["case-a", "investigated"] == 19 and ju.loc["case-b", "furthest"] == "verdict"
    assert out.loc[0, "proceeding"] == "case-b" and out.loc[0, "deaths"] == 1


def test_incident_proceedings_counts_only_the_steps_that_name_the_incident():
    other = steps().assign(event_ids=["ju", "ay", "ju", "ju", pd.NA])  # case-a's formal step is about Ayacucho
    out = accountability.incident_proceedings(other, table(EVENTS), table(VICTIMS))
    ju = out[out["event_id"] == "ju"].set_index("proceeding")
    assert ju.loc["case-a", "furthest"] == "preliminary_investigation" and ju.loc["case-a", "investigated"] == 6


def test_incident_proceedings_of_no_proceedings():
    out = accountability.incident_proceedings(steps().iloc[0:0], table(EVENTS), table(VICTIMS))
    assert out["steps"].tolist() == [0, 0] and out["proceeding"].isna().all() and out["furthest"].isna().all()


TOLLS = """
tally_id,report_date,as_of,reporter,scope,event_id,total_deaths,clash_civilians,roadblock_related,police,soldiers,injured,source_id
T1,2023-01-09,,Defensoría del Pueblo,national,,41,34,7,,,,a
T2,2023-01-09,,Defensoría del Pueblo,national,,46,39,7,,,,b
T3,2023-03-21,,Defensoría del Pueblo,national,,67,49,11,1,6,,c
T4,2023-05-03,2023-01-23,IACHR,national,,57,,,1,,,d
T5,2023-05-04,,EFE,national,,70,,,,,,e
"""


def test_official_counts_give_each_bodys_latest_count():
    out = accountability.official_counts(table(TOLLS)).set_index("reporter")
    assert set(out.index) == {"Defensoría del Pueblo", "IACHR"}  # EFE is not a public body
    assert out.loc["Defensoría del Pueblo", "total_deaths"] == 67 and out.loc["Defensoría del Pueblo", "tolls"] == 3
    assert out.loc["IACHR", "kind"] == "intergovernmental"


def test_furthest_stage_ignores_steps_off_the_judicial_sequence():
    stages = pd.Series(["formal_investigation", "appeal", "archived", None, "transfer"])
    assert accountability.furthest_stage(stages) == "formal_investigation"
    assert accountability.furthest_stage(pd.Series(["report", "other"])) is None
