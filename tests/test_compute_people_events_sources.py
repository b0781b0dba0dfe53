import pandas as pd
import pytest
from conftest import table

from analysis.compute import events, people, sources

VICTIMS = """
victim_id,name,age,sex,category,mechanism,alleged_force,event_id,date_injured,date_died,date_first_reported,department,source_ids
V001,A B,15,M,clash_civilian,firearm,army,ay,2022-12-15,2022-12-15,2022-12-15,05,s1;s2
V002,C D,34,M,clash_civilian,firearm,army,ay,2022-12-15,2022-12-16,2022-12-16,05,s1;s3
V003,E F,,F,roadblock_related,lack_of_care,not_applicable,mo,2023-01-09,2023-01-09,2023-01-10,21,s4
V004,G H,62,M,clash_civilian,pellets,police,ju,2023-01-09,2023-01-09,2023-01-09,21,s2
"""
EVENTS = """
event_id,name,name_es,date_start,date_end,department,province,locality,deaths_reported,injured_reported,figures_source_id
ay,Ayacucho,Ayacucho,2022-12-15,2022-12-15,05,Huamanga,,10,52,s1
ju,Juliaca,Juliaca,2023-01-09,2023-01-09,21,San Román,,17,68,s2
mo,Molino,Molino,2023-01-09,2023-01-09,21,Chucuito,,,,
"""
SOURCES = """
source_id,publisher,kind
s1,Defensoría del Pueblo,official
s2,La República,media
s3,La República,media
s4,EFE,media
"""
TALLIES = """
tally_id,report_date,reporter,scope,event_id,total_deaths,injured,source_id
T001,2023-01-09,Defensoría del Pueblo,national,,46,,s1
T002,2023-01-10,Defensoría del Pueblo,national,,47,,s1
T003,2023-01-10,Seed,national,,46,,seed
T004,2023-01-10,Seed,event,ju,17,68,seed
T005,2023-01-09,DIRESA Puno,event,ju,17,68,s2
T006,2023-01-09,EFE,event,ju,14,,s4
T007,2023-01-11,EFE,event,ju,18,,s4
T008,2023-01-08,EFE,national,,40,,s4
"""


def test_age_groups_by_sex_with_unknown_age():
    groups = people.age_groups(table(VICTIMS)).set_index("age_group")
    assert groups.loc["0-17", "total"] == 1
    assert groups.loc["25-34", "M"] == 1
    assert groups.loc["60+", "total"] == 1
    assert groups.loc["unknown", "F"] == 1
    assert groups["total"].sum() == 4


def test_age_summary_counts_minors_and_median():
    summary = people.age_summary(table(VICTIMS))
    assert summary == {
        "known": 3,
        "unknown": 1,
        "median": 34.0,
        "youngest": 15,
        "oldest": 62,
        "minors": 1,
        "women": 1,
        "men": 3,
    }


def test_mechanism_by_force_keeps_only_observed_mechanisms():
    m = people.mechanism_by_force(table(VICTIMS)).set_index("mechanism")
    assert m.index.tolist() == ["firearm", "pellets", "lack_of_care"]
    assert m.loc["firearm", "army"] == 2 and m.loc["firearm", "total"] == 2
    assert m.loc["lack_of_care", "not_applicable"] == 1


def test_event_summary_counts_record_deaths_and_share():
    summary = events.event_summary(table(VICTIMS), table(EVENTS), table(TALLIES)).set_index("event_id")
    assert summary.loc["ay", "deaths"] == 2 and summary.loc["ay", "n_tolls"] == 0
    assert summary.loc["ay", "share"] == pytest.approx(50)
    assert summary.index[0] == "ay"  # most deaths first


def test_event_claims_lists_event_tolls_oldest_first():
    claims = events.event_claims(table(TALLIES), table(EVENTS))
    assert claims["tally_id"].tolist() == ["T005", "T006", "T004", "T007"]


def test_source_coverage_counts_distinct_publishers():
    cov = sources.source_coverage(table(VICTIMS), table(SOURCES)).set_index("victim_id")
    assert cov.loc["V001", "n_sources"] == 2 and cov.loc["V001", "n_publishers"] == 2
    assert cov.loc["V002", "n_publishers"] == 2
    assert cov.loc["V004", "n_publishers"] == 1


def test_seed_claims_compare_same_day_and_day_before():
    comparisons = sources.seed_claims(table(TALLIES), seed_source_id="seed")
    national = comparisons[comparisons["claim"] == "T003"]
    assert national[["reporter", "deaths"]].values.tolist() == [
        ["Defensoría del Pueblo", 46],
        ["Defensoría del Pueblo", 47],
    ]
    juliaca = comparisons[comparisons["claim"] == "T004"]
    assert sorted(juliaca["tally_id"]) == ["T005", "T006"]  # T007 is after the article


def test_seed_claims_require_the_seed():
    with pytest.raises(ValueError, match="no tallies from the seed"):
        sources.seed_claims(table(TALLIES), seed_source_id="absent")


def test_claims_check_computes_record_values():
    claims = table("""
claim_id,source_id,claim_date,claimant,metric,event_id,value,qualifier
C001,seed,2023-01-10,Seed,national_deaths,,46,exact
C002,seed,2023-01-10,Seed,event_minors,ay,2,at_least
C003,seed,2023-01-10,Seed,deaths_before,ju,28,exact
C004,seed,2023-01-10,Seed,event_injured,ju,68,at_least
C005,am,2023-02-16,Amnesty,indigenous_death_share,,80,about
""")
    regions = table("""
ubigeo,department,macroregion,pop_2022,indigenous_pct_2017
05,Ayacucho,Sur,600,60
21,Puno,Sur,1200,90
15,Lima,Centro,8200,5
""")
    out = sources.claims_check(claims, table(VICTIMS), table(EVENTS), regions)
    assert out["record_value"].iloc[:3].tolist() == [4.0, 1.0, 2.0]
    assert pd.isna(out["record_value"].iloc[3])
    assert out["record_value"].iloc[4] == 100.0  # all 4 deaths by 16 Feb 2023 in Ayacucho and Puno


def test_claims_check_counts_the_share_of_deaths_by_the_claim_date():
    claims = table("""
claim_id,source_id,claim_date,claimant,metric,event_id,value,qualifier
C1,am,2023-01-09,Amnesty,indigenous_death_share,,80,about
C2,am,2023-01-09,Amnesty,indigenous_population_share,,13,about
""")
    victims = table(
        VICTIMS.strip() + "\nV005,I J,40,M,clash_civilian,firearm,police,li,2023-01-20,2023-01-20,2023-01-20,15,s1"
    )
    regions = table("""
ubigeo,department,macroregion,pop_2022,indigenous_pct_2017
05,Ayacucho,Sur,600,60
21,Puno,Sur,1200,90
15,Lima,Centro,8200,5
""")
    out = sources.claims_check(claims, victims, table(EVENTS), regions).set_index("claim_id")
    assert out.loc["C1", "record_value"] == 100.0  # the Lima death of 20 January came after the claim
    assert out.loc["C2", "record_value"] == pytest.approx(18.0)  # (600 + 1200) / 10000


def test_discrepancies_only_for_events_with_different_values():
    d = sources.discrepancies(table(TALLIES))
    assert d.to_dict("records") == [{"event_id": "ju", "min": 14, "max": 18, "n_reports": 4, "n_reporters": 3}]


NAMES = [
    "José  Luis Pérez-Ñaupa",
    "ÑAUPA perez, jose luis",
    "",
    "A. B.",
    "İsmail Çelik",
    "ﬁdel Ligature",
    "a\tb_c",
    "X~Y|Z",
]


def test_name_keys_fold_accents_case_punctuation_and_word_order():
    from analysis.release.rules import name_keys

    keys = name_keys(pd.Series(NAMES)).tolist()
    assert keys[0] == keys[1] == "jose luis naupa perez"
    assert keys[2:] == ["", "a b", "celik ismail", "fidel ligature", "a b c", "x y z"]


def test_name_keys_of_a_name_holding_the_separator_are_computed_one_by_one():
    from analysis.release.rules import name_key, name_keys

    names = pd.Series([*NAMES, "Ana\x00Quispe"])
    assert name_keys(names).tolist() == [name_key(n) for n in names]
    assert name_keys(pd.Series([], dtype=str)).tolist() == []
