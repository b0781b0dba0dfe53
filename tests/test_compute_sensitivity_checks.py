import pandas as pd
import pytest
from conftest import table

from analysis.compute import incident_days, reporting_lag, sensitivity_checks
from analysis.compute.incidents import incident_ids

REGIONS = table(
    """
ubigeo,department,pop_2022,pop_2017_census,indigenous_pct_2017,castillo_runoff_pct_2021
01,Alpha,200000,100000,80,70
02,Beta,100000,100000,10,40
"""
)

VICTIMS = table(
    """
victim_id,department,category,event_id,confidence
V001,01,clash_civilian,big,high
V002,01,clash_civilian,big,medium
V003,02,roadblock_related,small,high
V004,02,clash_civilian,,low
"""
)


def test_leave_one_incident_out_removes_whole_incidents_largest_first():
    out = sensitivity_checks.leave_one_incident_out(VICTIMS, REGIONS, {"alpha": ["01"]})
    assert out["incident_id"].tolist() == ["big", "small", "victim:V004"]
    assert out["deaths_removed"].tolist() == [2, 1, 1]
    assert out["deaths"].tolist() == [2, 3, 3]
    # without "big" both deaths left are in Beta: Alpha's share is 0 and its rate ratio 0
    assert out["alpha_share_deaths"].tolist() == pytest.approx([0, 200 / 3, 200 / 3])
    assert out.loc[0, "alpha_rate_ratio"] == 0


def test_leave_one_incident_out_equals_the_statistics_recomputed_without_each_incident():
    """The counts-based jackknife gives exactly what `headline_statistics` gives on the victims with
    the incident removed (the one-pass computation against the plain one)."""
    groups = {"alpha": ["01"], "both": ["01", "02"]}
    out = sensitivity_checks.leave_one_incident_out(VICTIMS, REGIONS, groups).set_index("incident_id")
    ids = incident_ids(VICTIMS)
    for incident in out.index:
        expected = sensitivity_checks.headline_statistics(VICTIMS[ids != incident], REGIONS, groups)
        got = out.loc[incident, list(expected)].to_dict()
        assert got.keys() == expected.keys()
        assert all(got[k] == expected[k] or (got[k] != got[k] and expected[k] != expected[k]) for k in got)


def test_jackknife_range_names_the_incidents_at_each_end():
    left_out = sensitivity_checks.leave_one_incident_out(VICTIMS, REGIONS, {"alpha": ["01"]})
    out = sensitivity_checks.jackknife_range({"deaths": 4}, left_out).iloc[0]
    assert (out["full"], out["min"], out["max"]) == (4, 2, 3)
    assert out["incident_at_min"] == "big" and out["incident_at_max"] == "small"


def test_group_comparison_hand_checked_and_denominator_sensitivity():
    out = sensitivity_checks.denominator_sensitivity(VICTIMS, REGIONS, {"alpha": ["01"]}).set_index("population")
    # 2 deaths against 2. Census: 100,000 each -> ratio 1, population share 50%.
    # Projection: 200,000 against 100,000 -> (2/200,000) / (2/100,000) = 0.5, population share 66.7%.
    assert out.loc["pop_2017_census", "rate_ratio"] == pytest.approx(1)
    assert out.loc["pop_2022", "rate_ratio"] == pytest.approx(0.5)
    assert out.loc["pop_2022", "share_population"] == pytest.approx(200 / 3)
    assert out["share_deaths"].tolist() == [50, 50]


def test_headline_statistics_flat_values():
    out = sensitivity_checks.headline_statistics(VICTIMS, REGIONS, {"alpha": ["01"]})
    assert out == pytest.approx(
        {"deaths": 4, "national_rate": 4 / 3, "alpha_share_deaths": 50, "alpha_rate_ratio": 0.5}
    )


EXCLUDED = table(
    """
excluded_id,department,reason
X001,01,insufficient_data
X002,02,found_alive
X003,,not_confirmed
X004,02,not_in_civil_registry
X005,02,double_count
X006,01,unrelated
"""
)


def test_plausible_excluded_keeps_reports_never_withdrawn():
    out = sensitivity_checks.plausible_excluded(EXCLUDED)
    assert out["victim_id"].tolist() == ["X001", "X003"]
    assert out["category"].isna().all() and out["event_id"].isna().all()


def test_scenario_table_low_best_high():
    out = sensitivity_checks.scenario_table(VICTIMS, EXCLUDED, REGIONS, {"alpha": ["01"]}).set_index("scenario")
    out = out.loc[["low", "best", "high"]]
    # low: confidence high only (V001, V003); best: all 4; high: 4 + X001 (Alpha) + X003 (no department)
    assert out["deaths"].tolist() == [2, 4, 6]
    assert out["no_department"].tolist() == [0, 0, 1]
    assert out["incidents"].tolist() == [2, 3, 5]  # low: big, small; high: + X001, X003 as incidents of their own
    assert out["deaths_group"].tolist() == [1, 2, 3]
    assert out.loc["high", "deaths_rest"] == 2  # the report without a department counts in neither group


def test_scenario_civilians_leaves_out_police_officers_and_soldiers():
    victims = pd.concat(
        [
            VICTIMS,
            table("victim_id,department,category,event_id,confidence\nV005,01,police,big,high\nV006,02,soldier,,high"),
        ]
    )
    out = sensitivity_checks.scenario_table(victims, EXCLUDED, REGIONS, {"alpha": ["01"]}).set_index("scenario")
    assert out.loc["best", "deaths"] == 6 and out.loc["civilians", "deaths"] == 4
    assert out.loc["civilians", "deaths_group"] == 2  # V001, V002: the police officer of department 01 left out


def test_scenario_table_with_no_excluded_reports():
    out = sensitivity_checks.scenario_table(VICTIMS, EXCLUDED.iloc[:0], REGIONS, {"alpha": ["01"]})
    assert out.set_index("scenario").loc["high", "deaths"] == 4


def test_indigenous_pairing_by_category_set_and_population():
    out = sensitivity_checks.indigenous_pairing(VICTIMS, REGIONS).set_index(["categories", "population"])
    # clashes: V001, V002 (Alpha), V004 (Beta): 2 of 3 in the Indigenous-majority department Alpha
    assert out.loc[("clashes", "pop_2017_census"), "share_deaths"] == pytest.approx(200 / 3)
    assert out.loc[("clashes", "pop_2017_census"), "share_population"] == pytest.approx(50)
    assert out.loc[("all", "pop_2022"), "share_deaths"] == pytest.approx(50)
    assert out.loc[("clashes_roadblocks", "pop_2022"), "deaths"] == 4


def test_claim_pairing_counts_the_deaths_by_the_claim_date():
    victims = VICTIMS.assign(date_died=pd.to_datetime(["2023-01-01", "2023-03-01", "2023-01-01", "2023-01-01"]))
    victims["date_first_reported"] = victims["date_died"]
    claims = table("claim_id,claim_date,metric\nC1,2023-02-16,indigenous_death_share\nC2,2023-02-16,national_deaths")
    out = sensitivity_checks.claim_pairing(claims, victims, REGIONS).set_index(["categories", "population"])
    assert set(out["claim_id"]) == {"C1"}
    # by 16 Feb: V001 (Alpha), V003, V004 (Beta); V002 died in March
    assert out.loc[("all", "pop_2022"), "deaths"] == 3
    assert out.loc[("all", "pop_2022"), "share_deaths"] == pytest.approx(100 / 3)


def test_claim_pairing_of_no_claims():
    claims = table("claim_id,claim_date,metric\nC2,2023-02-16,national_deaths")
    assert sensitivity_checks.claim_pairing(claims, VICTIMS, REGIONS).empty


# ------------------------------------------------------------------ reporting lag


def test_lag_summary_denominator_is_people_with_both_dates():
    data = table(
        """
victim_id,category,date_died,date_first_reported
V001,clash_civilian,2023-01-01,2023-01-20
V002,clash_civilian,2023-01-01,2023-01-02
V003,roadblock_related,2023-01-05,
V004,roadblock_related,,2023-01-09
"""
    )
    out = reporting_lag.lag_summary(data).set_index("category")
    # lags: V001 19 days (late, > 7), V002 1 day; V003 has no first report; V004 no day of death.
    total = out.loc["total"]
    assert total[["people", "with_first_report", "with_both_dates", "late"]].tolist() == [4, 3, 2, 1]
    assert total["late_share"] == 50 and total["median_lag"] == 10 and total["max_lag"] == 19
    assert out.loc["roadblock_related", "with_both_dates"] == 0
    assert list(out.index) == ["clash_civilian", "roadblock_related", "total"]


def test_lag_summary_empty_input():
    data = table("victim_id,category,date_died,date_first_reported\nV1,police,2023-01-01,2023-01-01").iloc[:0]
    out = reporting_lag.lag_summary(data)
    assert out["category"].tolist() == ["total"] and out.loc[0, "people"] == 0


# ------------------------------------------------------------------ incidents per day

DAYS = table(
    """
victim_id,department,category,event_id,date_injured,date_died,date_first_reported
V001,01,clash_civilian,a,2022-12-11,2022-12-11,
V002,01,clash_civilian,a,2022-12-11,2022-12-12,
V003,02,clash_civilian,b,2022-12-15,2022-12-15,
V004,02,clash_civilian,c,2023-01-09,2023-01-09,
V005,02,clash_civilian,c,2023-01-09,2023-01-09,
V006,02,clash_civilian,c,2023-01-09,2023-01-09,
"""
)
TIMELINE = table("key,date\ntruce,2022-12-23\nprotests-resume,2023-01-04")


def test_daily_incidents_counts_incidents_and_deaths_per_day():
    out = incident_days.daily_incidents(DAYS).set_index("date")
    assert out.index[0] == pd.Timestamp("2022-12-07") and out.index[-1] == pd.Timestamp("2023-01-09")
    assert out.loc["2022-12-11"].tolist() == [1, 2]  # incident a, two deaths (dated by its injury day)
    assert out["incidents"].sum() == 3 and out["deaths"].sum() == 6


def test_window_sensitivity_hand_checked_ratio():
    out = incident_days.window_sensitivity(DAYS, TIMELINE)
    row = out[
        (out["start"] == "protests_start")
        & (out["end"] == "last_incident")
        & (out["truce"] == "in_wave1")
        & (out["unit"] == "incidents")
    ].iloc[0]
    # wave 1: 7 Dec - 3 Jan = 28 days, 2 incidents; wave 2: 4 - 9 Jan = 6 days, 1 incident: (1/6) / (2/28) = 7/3
    assert (row["days_wave1"], row["days_wave2"], row["wave1"], row["wave2"]) == (28, 6, 2, 1)
    assert row["ratio"] == pytest.approx(7 / 3)
    truce = out[(out["start"] == "protests_start") & (out["end"] == "last_incident") & (out["truce"] == "left_out")]
    assert truce["days_wave1"].iloc[0] == 16  # 23 Dec - 3 Jan (12 days) left out
    assert len(out) == 16  # 2 starts x 2 ends x 2 truce choices x 2 units


def test_window_sensitivity_empty_input():
    assert incident_days.window_sensitivity(DAYS.iloc[:0], TIMELINE).empty
