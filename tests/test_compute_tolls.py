"""The selection rules behind the quoted tolls: a reporter's last toll of a day, an event's latest toll."""

import pandas as pd
from conftest import table

from analysis.compute import events, sources, tolls

# The Defensoría's 9 January 2023, as the ledger holds it: ids follow the order of research (T177, the early
# count, was found last), so only `supersedes` tells which toll came last.
DAY = """
tally_id,report_date,reporter,scope,event_id,total_deaths,clash_civilians,injured,source_id,report_time,supersedes
T070,2023-01-09,Defensoría del Pueblo,national,,46,39,,ap,,T177
T071,2023-01-09,Defensoría del Pueblo,national,,,39,,lt,,
T177,2023-01-09,Defensoría del Pueblo,national,,41,34,,ap2,,
T073,2023-01-09,Reuters,national,,35,,,rmf,14:00,
T074,2023-01-09,Reuters,national,,39,,,bombo,21:30,
T108,2023-01-19,Defensoría del Pueblo,national,,55,,,pulso,,
T109,2023-01-19,Defensoría del Pueblo,national,,54,,772,reuters,,
T025,2022-12-16,Defensoría del Pueblo,national,,22,17,539,infotec,,
T026,2022-12-16,Defensoría del Pueblo,national,,22,17,539,infotec,,
"""


def test_last_of_day_follows_supersedes_not_the_order_of_ids():
    last = tolls.last_of_day(table(DAY)).set_index("tally_id")
    day = last[(last["reporter"] == "Defensoría del Pueblo") & (last["report_date"] == "2023-01-09")]
    assert "T177" not in day.index  # the early 41, superseded by T070's 46 although its id is higher
    assert day.loc["T070", "total_deaths"] == 46


def test_last_of_day_follows_report_times():
    last = tolls.last_of_day(table(DAY))
    reuters = last[last["reporter"] == "Reuters"]
    assert reuters["tally_id"].tolist() == ["T074"]
    assert bool(reuters["order_known"].iloc[0])


def test_last_of_day_keeps_both_tolls_when_their_order_is_unknown():
    last = tolls.last_of_day(table(DAY))
    day = last[last["report_date"] == "2023-01-19"]
    assert sorted(day["tally_id"]) == ["T108", "T109"]
    assert not day["order_known"].any()


def test_last_of_day_counts_two_copies_of_one_toll_once():
    last = tolls.last_of_day(table(DAY))
    day = last[last["report_date"] == "2022-12-16"]
    assert day["tally_id"].tolist() == ["T025"] and bool(day["order_known"].iloc[0])


def test_last_of_day_of_a_release_without_the_ordering_fields():
    old = table(DAY).drop(columns=["report_time", "supersedes"])
    last = tolls.last_of_day(old)
    nine = last[(last["reporter"] == "Defensoría del Pueblo") & (last["report_date"] == "2023-01-09")]
    assert sorted(nine["tally_id"]) == ["T070", "T071", "T177"]  # order not recorded: nothing is dropped
    assert not nine["order_known"].any()


def test_last_of_day_of_no_tolls():
    assert tolls.last_of_day(table(DAY).iloc[0:0]).empty


SEED_DAY = DAY + "T200,2023-01-10,Seed,national,,46,,,seed,,\n"


def test_comparable_tallies_take_the_latest_toll_of_the_day():
    comparisons = sources.seed_claims(table(SEED_DAY), seed_source_id="seed")
    defensoria = comparisons[comparisons["reporter"] == "Defensoría del Pueblo"]
    assert defensoria["deaths"].tolist() == [46]  # not the early 41
    assert comparisons.loc[comparisons["reporter"] == "Reuters", "deaths"].tolist() == [39]


# Juliaca, 9 January 2023: the first report of the event is partial (9 dead), later ones are not.
EVENT = """
tally_id,report_date,reporter,scope,event_id,total_deaths,injured,source_id,report_time,supersedes
T062,2023-01-09,Defensoría del Pueblo,event,ju,9,,cutivalu,,
T063,2023-01-09,Defensoría del Pueblo,event,ju,12,,opovo,,T062
T067,2023-01-09,Defensoría del Pueblo,event,ju,17,,teletica,22:00,T063
T052,2023-01-09,DIRESA Puno,event,ju,17,68,diresa,,
T091,2023-01-12,DIRESA Puno,event,ju,20,,diresa2,,
T170,2023-01-12,HCH,event,ju,18,,hch,,
T302,2023-12-10,Ojo Público,event,ju,18,,ojo,,
T900,2022-12-15,DIRESA Ayacucho,event,ay,1,10,d1,,
T901,2022-12-22,DIRESA Ayacucho,event,ay,10,72,d2,,
T902,2022-12-22,La República,event,ay,9,,lr,,
"""


def test_event_toll_span_gives_the_latest_toll_not_the_first_partial_one():
    span = tolls.event_toll_span(table(EVENT)).set_index("event_id")
    ju = span.loc["ju"]
    assert (ju["n_tolls"], ju["deaths_min"], ju["deaths_max"]) == (7, 9, 20)
    assert (ju["latest_deaths"], ju["latest_source_id"], ju["latest_date"]) == (18, "ojo", pd.Timestamp("2023-12-10"))
    assert (ju["injured_min"], ju["injured_max"]) == (68, 68)


def test_event_toll_span_leaves_the_latest_empty_when_the_latest_day_disagrees():
    ay = tolls.event_toll_span(table(EVENT)).set_index("event_id").loc["ay"]
    assert pd.isna(ay["latest_deaths"]) and not ay["latest_order_known"]
    assert (ay["injured_min"], ay["injured_max"]) == (10, 72)


def test_event_toll_span_keeps_the_deaths_the_latest_days_tolls_agree_on():
    same_deaths = (
        EVENT + "T903,2023-01-20,Defensoría del Pueblo,event,an,1,18,tw,,\nT904,2023-01-20,AFP,event,an,1,10,afp,,\n"
    )
    an = tolls.event_toll_span(table(same_deaths)).set_index("event_id").loc["an"]
    assert an["latest_deaths"] == 1 and pd.isna(an["latest_injured"]) and not an["latest_order_known"]
    assert an["latest_source_id"] == "tw;afp"


def test_event_toll_span_of_no_event_tolls():
    assert tolls.event_toll_span(table(DAY)).empty


VICTIMS = """
victim_id,age,category,event_id,date_injured,date_died,date_first_reported
V1,17,clash_civilian,ju,2023-01-09,2023-01-09,2023-01-09
V2,30,clash_civilian,ju,2023-01-09,2023-01-09,2023-01-09
V3,29,police,ju,2023-01-09,2023-01-10,2023-01-10
V4,15,clash_civilian,ju,2023-01-09,2023-01-12,2023-01-12
"""
EVENTS = """
event_id,name,name_es,date_start,date_end,department,province,locality
ju,Juliaca,Juliaca,2023-01-09,2023-01-09,21,San Román,
ay,Ayacucho,Ayacucho,2022-12-15,2022-12-15,05,Huamanga,
"""


def test_event_summary_joins_the_span_of_published_tolls():
    summary = events.event_summary(table(VICTIMS), table(EVENTS), table(EVENT)).set_index("event_id")
    assert summary.loc["ju", "deaths"] == 4 and summary.loc["ju", "latest_deaths"] == 18
    assert summary.loc["ay", "deaths"] == 0 and summary.loc["ay", "n_tolls"] == 3


CLAIMS = """
claim_id,source_id,claim_date,claimant,metric,event_id,value,qualifier,categories
C1,seed,2023-01-10,Seed,event_deaths,ju,17,at_least,clash_civilian
C2,seed,2023-01-10,Seed,event_deaths,ju,17,at_least,
C3,seed,2023-01-10,Seed,event_minors,ju,2,at_least,clash_civilian
"""


def test_claims_check_counts_only_the_categories_a_claim_names():
    out = sources.claims_check(table(CLAIMS), table(VICTIMS), table(EVENTS), None).set_index("claim_id")
    # protesters killed by 10 January: V1, V2 (the police officer is not one; V4 died on 12 January)
    assert out.loc["C1", "record_value"] == 2
    assert pd.isna(out.loc["C1", "record_police"])


def test_claims_check_shows_the_parts_of_a_count_that_mixes_categories():
    out = sources.claims_check(table(CLAIMS), table(VICTIMS), table(EVENTS), None).set_index("claim_id")
    assert out.loc["C2", "record_value"] == 3  # V1, V2 and the police officer V3, dead by 10 January
    assert (out.loc["C2", "record_clash_civilian"], out.loc["C2", "record_police"]) == (2, 1)
    assert out.loc["C3", "record_value"] == 1  # V1 (17); V4 (15) died after the claim


def test_event_claims_list_a_reporters_tolls_of_one_day_in_the_order_they_came():
    shuffled = "\n".join([EVENT.strip().splitlines()[0], *reversed(EVENT.strip().splitlines()[1:])])
    claims = events.event_claims(table(shuffled), table(EVENTS))
    defensoria = claims[(claims["event_id"] == "ju") & (claims["reporter"] == "Defensoría del Pueblo")]
    assert defensoria["tally_id"].tolist() == ["T062", "T063", "T067"]  # 9, then 12 (supersedes 9), then 17
