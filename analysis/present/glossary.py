"""The appendix of definitions: what every figure the report quotes counts, in each edition's language.

The terms and their definitions are text (`text/glossary.<lang>.yml`), filled with the build's named values
(thresholds, replicates, dates) so that no number is typed into them. `DEFINED_BY` says which definition
answers for each named value; a test checks that every value the editions quote has one.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

from .values import Values

TEXT = Path(__file__).parent / "text"

# Named value (a regular expression over its name) -> the definitions it rests on, first match wins.
DEFINED_BY: list[tuple[str, tuple[str, ...]]] = [
    (r"release_cutoff|latest_dated_value", ("cutoff",)),
    (r"release|release_created|previous_release|n_sources|n_excluded|excluded_.*", ("counted",)),
    (r"changes_.*", ("changes",)),
    (r"timeline_.*", ("timeline",)),
    (
        r"deaths_total|n_victims|phrase_(clash_civilian|roadblock_related|police|soldier)|deaths_other",
        ("counted", "categories"),
    ),
    (r"first_death|last_death", ("counted", "death_day")),
    (r"deaths_wave\d|share_wave\d", ("wave", "incident_day", "share")),
    (r"deadliest_day.*|top_days_.*", ("incident_day", "incident", "death_day", "share")),
    (r"two_events_share|event\d_.*|largest_incident.*|phrase_incidents|n_disputed_events", ("incident", "share")),
    (r"delay.*|delayed_deaths", ("delay",)),
    (r"lag_.*|late_report_days", ("report_lag",)),
    (r"windows_.*", ("windows", "exact")),
    (r"departments_with_deaths|n_departments|top_department.*", ("counted", "share")),
    (r"national_rate|top_rate_rate", ("rate",)),
    (r"south_.*", ("south", "share")),
    (r"map_.*", ("map", "incident")),
    (r"top_rate_(rr_rest|rr_low|rr_high|inc_rr.*|incidents.*|department)", ("rate_ratio", "exact", "incident")),
    (r".*_boot_.*|boot_.*", ("bootstrap",)),
    (r".*_quasi_.*|phi|effective_n", ("phi",)),
    (r".*_jack_.*", ("jackknife",)),
    (r"scenario_.*|.*_rr_(low|high|civilians)_count|.*_rr_census|sens_share_.*", ("scenarios", "rate_ratio")),
    (r"indig_.*", ("indigenous", "rate_ratio", "exact", "share")),
    (r"funnel_.*", ("funnel", "phi")),
    (r"glm_.*|covariate_step", ("model",)),
    (r"perm_.*", ("permutation",)),
    (r"firearm_.*|alleged_.*|age_.*", ("as_stated", "share")),
    (r"victims_two_publishers.*|victims_one_source|sources_median_per_victim", ("publishers", "share")),
    (r"confidence_.*", ("confidence",)),
    (r"defensoria_(first|last)_seed.*", ("last_toll", "toll")),
    (r"defensoria_last_(date|total|phrase_.*|reconstructed)", ("last_toll", "record_by_date")),
    (r"defensoria_final_.*", ("reconciliation",)),
    (r"n_national_tolls|n_national_reporters|first_toll_date|last_toll_date", ("toll",)),
    (r"disagreement_.*", ("disagreement", "last_toll")),
    (r"seed_date|seed_national|seed_.*_(deaths|injured)", ("toll",)),
    (r"record_at_seed_.*", ("record_by_date", "categories")),
    (r"(juliaca|ayacucho)_(claims|injured_claims)_.*|(juliaca|ayacucho)_name", ("event_tolls",)),
    (r"record_(juliaca|ayacucho)_deaths", ("counted", "incident")),
    (r"amnesty_.*", ("claim", "indigenous", "share")),
    (r"n_lists|people_on_two_lists", ("counted",)),
]


@cache
def terms(lang: str) -> dict[str, dict[str, str]]:
    """The definitions of an edition, by key, in the order the appendix gives them."""
    return yaml.safe_load((TEXT / f"glossary.{lang}.yml").read_text(encoding="utf-8"))


def definitions_of(name: str) -> tuple[str, ...]:
    """The keys of the definitions a named value rests on (empty if none is declared)."""
    return next((keys for pattern, keys in DEFINED_BY if re.fullmatch(pattern, name)), ())


def glossary_markdown(values: Values, lang: str) -> str:
    """The appendix as a Markdown definition list, each definition filled with the edition's named values."""
    formatted = values.formatted(lang)
    entries = [f"**{entry['term']}**\n:   {entry['text'].format(**formatted)}\n" for entry in terms(lang).values()]
    return "\n".join(entries)
