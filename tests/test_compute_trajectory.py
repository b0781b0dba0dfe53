import pandas as pd
import pytest
from conftest import table

from analysis.compute import trajectory

VICTIMS = """
victim_id,name,category,date_injured,date_died,date_first_reported
V001,a,clash_civilian,2022-12-11,2022-12-11,2022-12-11
V002,b,clash_civilian,2022-12-11,2022-12-13,2022-12-13
V003,c,roadblock_related,,2022-12-12,2022-12-12
V004,d,police,2023-01-09,2023-01-10,2023-01-10
V005,e,roadblock_related,2022-12-12,,2022-12-15
"""


def test_death_date_falls_back_to_first_reported():
    v = table(VICTIMS)
    assert trajectory.death_date(v).dt.strftime("%Y-%m-%d").tolist() == [
        "2022-12-11",
        "2022-12-13",
        "2022-12-12",
        "2023-01-10",
        "2022-12-15",
    ]


def test_daily_deaths_by_death_date_counts_and_cumulates():
    daily = trajectory.daily_deaths(table(VICTIMS), "death").set_index("date")
    assert daily.index[0] == pd.Timestamp("2022-12-07") and daily.index[-1] == pd.Timestamp("2023-01-10")
    assert daily.loc["2022-12-11", "clash_civilian"] == 1
    assert daily.loc["2022-12-13", "total"] == 1
    assert daily.loc["2022-12-15", "roadblock_related"] == 1
    assert daily["total"].sum() == 5
    assert daily["cumulative"].iloc[-1] == 5
    assert daily.loc["2022-12-12", "cumulative"] == 2


def test_daily_deaths_by_incident_date_uses_injury_day():
    daily = trajectory.daily_deaths(table(VICTIMS), "incident").set_index("date")
    assert daily.loc["2022-12-11", "total"] == 2  # V002 injured on the 11th, died on the 13th
    assert daily.loc["2022-12-12", "total"] == 2  # V003 (no injury date) and V005


def test_daily_deaths_empty_input_gives_zero_rows_of_counts():
    empty = table(VICTIMS).iloc[0:0]
    daily = trajectory.daily_deaths(empty, "death")
    assert len(daily) == 1 and daily["total"].sum() == 0


def test_wave_summary_splits_at_fourth_of_january():
    waves = trajectory.wave_summary(table(VICTIMS)).set_index("wave")
    assert waves.loc["wave1", "total"] == 4
    assert waves.loc["wave2", "total"] == 1
    assert waves.loc["wave2", "police"] == 1
    assert waves["share"].sum() == pytest.approx(100)


def test_deadliest_days_orders_by_deaths_then_date():
    top = trajectory.deadliest_days(table(VICTIMS), 2)
    assert top["date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-12-11", "2022-12-12"]
    assert top["deaths"].tolist() == [2, 2]
    assert top["share"].tolist() == [40.0, 40.0]


def test_deadliest_days_counts_incidents_apart_from_deaths():
    # The false headline of issue 13: a day's deaths are not its incidents. Three deaths on 9 Jan
    # 2023 in two incidents (two share an event), one on 10 Jan with no event (an incident of its own).
    v = table(
        """
victim_id,event_id,date_injured,date_died,date_first_reported
V1,juliaca,2023-01-09,2023-01-09,2023-01-09
V2,juliaca,2023-01-09,2023-01-12,2023-01-12
V3,macusani,2023-01-09,2023-01-09,2023-01-09
V4,,,2023-01-10,2023-01-10
"""
    )
    top = trajectory.deadliest_days(v, 2)
    assert top["deaths"].tolist() == [3, 1]
    assert top["incidents"].tolist() == [2, 1]


def test_injury_to_death_lists_only_later_deaths():
    delays = trajectory.injury_to_death(table(VICTIMS))
    assert delays["victim_id"].tolist() == ["V002", "V004"]
    assert delays["days"].tolist() == [2, 1]


def test_reconstructed_as_of_counts_deaths_up_to_each_date():
    counted = trajectory.reconstructed_as_of(table(VICTIMS), pd.Series(pd.to_datetime(["2022-12-12", "2023-01-09"])))
    assert counted["total"].tolist() == [2, 4]
    assert counted["roadblock_related"].tolist() == [1, 2]


TALLIES = """
tally_id,report_date,reporter,scope,event_id,total_deaths,clash_civilians,roadblock_related,police,soldiers,other,injured,source_id
T001,2022-12-12,Defensoría del Pueblo,national,,2,,,,,,,s1
T002,2022-12-12,MINSA,national,,1,,,,,,,s2
T003,2022-12-13,Defensoría del Pueblo,national,,3,2,1,,,,,s1
T004,2022-12-13,EFE,national,,3,,,,,,,s3
"""
SOURCES = """
source_id,publisher,url
s1,Defensoría,https://a
s2,MINSA,https://b
s3,EFE,https://c
"""


def test_reporting_gap_compares_each_toll_with_the_record():
    gap = trajectory.reporting_gap(table(TALLIES), table(VICTIMS), table(SOURCES))
    assert gap["tally_id"].tolist() == ["T001", "T002", "T003", "T004"]
    assert gap["reconstructed"].tolist() == [2, 2, 3, 3]
    assert gap["gap"].tolist() == [0, -1, 0, 0]


def test_same_day_disagreements_only_when_values_differ():
    same = trajectory.same_day_disagreements(table(TALLIES))
    assert same["report_date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-12-12"]
    assert same["spread"].tolist() == [1]


def test_a_reporter_disagreeing_only_with_itself_is_not_a_disagreement_between_reporters():
    own = table(
        TALLIES.replace("T004,2022-12-13,EFE", "T004,2022-12-13,Defensoría del Pueblo").replace(
            ",3,,,,,,,s3", ",4,,,,,,,s3"
        )
    )
    same = trajectory.same_day_disagreements(own)  # 13 Dec: the Defensoría's 3 and 4, order unknown, no one else
    assert same["report_date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-12-12"]


def test_a_day_is_no_disagreement_when_a_total_may_be_every_reporters_last():
    unordered = TALLIES.replace(
        "T002,2022-12-12,MINSA,national,,1", "T002,2022-12-12,Defensoría del Pueblo,national,,1"
    )
    unordered += "T005,2022-12-12,EFE,national,,2,,,,,,,s3\n"  # the Defensoría's 2 and 1 in an unknown order; EFE 2
    assert trajectory.same_day_disagreements(table(unordered)).empty


def test_a_figure_an_outlet_carried_is_its_reporters():
    carried = TALLIES.replace("T002,2022-12-12,MINSA", "T002,2022-12-12,Lima Gris (Defensoría del Pueblo)")
    assert trajectory.same_day_disagreements(table(carried)).empty  # the Defensoría's 2 and 1, order unknown
