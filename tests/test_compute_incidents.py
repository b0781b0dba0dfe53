import pandas as pd
import pytest
from conftest import table
from statsmodels.stats.proportion import proportion_confint

from analysis.compute import incidents

REGIONS = table(
    """
ubigeo,department,pop_2022,pop_2017_census,indigenous_pct_2017,castillo_runoff_pct_2021
01,Alpha,100000,100000,80,70
02,Beta,100000,50000,10,40
03,Gamma,200000,200000,20,50
"""
)

VICTIMS = table(
    """
victim_id,department,category,event_id,date_injured,date_died,date_first_reported
V001,01,clash_civilian,e1,2023-01-09,2023-01-09,2023-01-09
V002,01,police,e1,2023-01-09,2023-01-10,2023-01-10
V003,02,roadblock_related,e2,2022-12-12,2022-12-12,
V004,02,clash_civilian,,2022-12-15,2022-12-15,2022-12-16
"""
)


def test_incident_table_groups_deaths_by_event_and_keeps_unlinked_deaths_apart():
    out = incidents.incident_table(VICTIMS)
    # e1 holds two deaths (one civilian, one police officer); e2 one; V004 has no event: an incident of its own.
    assert out["incident_id"].tolist() == ["e1", "e2", "victim:V004"]
    assert out["deaths"].tolist() == [2, 1, 1]
    assert out.loc[0, ["clash_civilian", "police"]].tolist() == [1, 1]
    assert out.loc[0, "date"] == pd.Timestamp("2023-01-09")  # earliest incident date of its victims
    assert out.attrs["unlinked"] == 1


def test_incident_table_refuses_an_incident_in_two_departments():
    bad = VICTIMS.assign(department=["01", "02", "02", "02"])
    with pytest.raises(ValueError, match="several departments: e1"):
        incidents.incident_table(bad)


def test_incident_table_empty_input():
    out = incidents.incident_table(VICTIMS.iloc[:0])
    assert out.empty and out.attrs["unlinked"] == 0
    assert list(out.columns[:4]) == ["incident_id", "department", "date", "deaths"]


def test_incidents_by_department_counts_each_incident_once_per_category_and_keeps_zeros():
    out = incidents.incidents_by_department(VICTIMS, REGIONS).set_index("ubigeo")
    assert out["incidents"].tolist() == [1, 2, 0]
    assert out["deaths"].tolist() == [2, 2, 0]
    # e1 counts once in clashes and once among police incidents: categories can add up to more than incidents.
    assert out.loc["01", ["incidents_clash_civilian", "incidents_police"]].tolist() == [1, 1]
    assert out.loc["02", "incident_rate"] == pytest.approx(2.0)  # 2 incidents per 100,000


def test_incidents_by_department_empty_input_gives_every_department_with_zeros():
    out = incidents.incidents_by_department(VICTIMS.iloc[:0], REGIONS)
    assert len(out) == 3 and out["incidents"].sum() == 0


def test_clustering_phi_and_effective_n_hand_checked():
    out = incidents.clustering(pd.Series([19, 10, 1, 1]))
    # sum S = 31, sum S^2 = 361 + 100 + 1 + 1 = 463: phi = 463/31 = 14.935; effective n = 31/phi = 961/463 = 2.0756
    assert out["phi"] == pytest.approx(463 / 31)
    assert out["effective_n"] == pytest.approx(961 / 463)
    assert out["largest_share"] == pytest.approx(19 / 31)


def test_clustering_single_deaths_means_no_inflation_and_empty_input_is_nan():
    assert incidents.clustering([1, 1, 1])["phi"] == 1.0
    assert incidents.clustering([1, 1, 1])["effective_n"] == 3.0
    empty = incidents.clustering([])
    assert empty["incidents"] == 0 and empty["phi"] != empty["phi"]


def test_incident_rate_ratios_count_incidents_not_deaths():
    victims = table(
        """
victim_id,department,category,event_id,date_injured,date_died,date_first_reported
V001,01,clash_civilian,big,,2023-01-09,
V002,01,clash_civilian,big,,2023-01-09,
V003,01,clash_civilian,big,,2023-01-09,
V004,02,clash_civilian,a,,2023-01-10,
V005,02,clash_civilian,b,,2023-01-11,
"""
    )
    regions = REGIONS.iloc[:2]  # two departments of 100,000 each
    out = incidents.incident_rate_ratios(victims, regions, {"alpha": ["01"]}).set_index("unit")
    # deaths: 3 against 2 on equal populations -> 1.5; incidents: 1 against 2 -> 0.5
    assert out.loc["deaths", "rate_ratio"] == pytest.approx(1.5)
    assert out.loc["incidents", "rate_ratio"] == pytest.approx(0.5)
    # exact conditional interval: Clopper-Pearson on 1 incident of 3, odds p/(1-p) (equal populations)
    low, high = proportion_confint(1, 3, method="beta")
    assert out.loc["incidents", "low"] == pytest.approx(low / (1 - low))
    assert out.loc["incidents", "high"] == pytest.approx(high / (1 - high))


def test_headline_groups_top_rate_department_and_indigenous_majority():
    groups = incidents.headline_groups(VICTIMS, REGIONS)
    # Alpha and Beta both 2 deaths per 100,000: the tie goes to the lower ubigeo
    assert groups == {"top_rate_department": ["01"], "indigenous_majority": ["01"]}
