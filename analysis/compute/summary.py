"""Every result of a release but the statistical models, computed from its validated tables: the table of
contents of the computations.

`describe` gives the results the figures are drawn from and `summarise` adds every other result but the
statistical models (`models.fit`); `models.analyse` adds those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import reference
from . import events, incident_places, people, regions, sensitivity_checks, sources, trajectory

if TYPE_CHECKING:  # the type only: the workers, which import this module, need no release loading
    from ..release.load import Release


def describe(rel: Release) -> dict:
    """The descriptive results the figures are drawn from (computed first, so drawing can start)."""
    v, ev, ta, rg, so = rel["victims"], rel["events"], rel["tallies"], rel["regions"], rel["sources"]
    return {
        "daily_died": trajectory.daily_deaths(v, "death"),
        "daily_incident": trajectory.daily_deaths(v, "incident"),
        "deadliest_days": trajectory.deadliest_days(v, 3),
        "gap": trajectory.reporting_gap(ta, v, so),
        "departments": regions.department_rates(v, rg),
        "macroregions": regions.macroregion_rates(v, rg),
        "incident_places": incident_places.incident_places(v, ev, reference.places(), rg),
        "events": events.event_summary(v, ev, ta),
        "event_claims": events.event_claims(ta, ev),
        "ages": people.age_groups(v),
        "age_summary": people.age_summary(v),
    }


def summarise(rel: Release, described: dict | None = None) -> dict:
    """Every result of `models.analyse` but the statistical models (`models.fit`)."""
    v, ev, ta, rg, so = rel["victims"], rel["events"], rel["tallies"], rel["regions"], rel["sources"]
    r = dict(described) if described is not None else describe(rel)
    indigenous = regions.indigenous_majority(v, rg)
    r.update(
        {
            "departments": regions.with_rate_ratios(r["departments"]),
            "waves": trajectory.wave_summary(v),
            "delays": trajectory.injury_to_death(v),
            "late_reports": trajectory.late_reports(v),
            "same_day": trajectory.same_day_disagreements(ta),
            "indigenous": indigenous,
            "covariate_correlation": regions.covariate_correlation(rg),
            "mechanisms": people.mechanism_by_force(v),
            "victims": people.victims_list(v, rg),
            "coverage": sources.source_coverage(v, so),
            "source_kinds": sources.sources_by_kind(so),
            "seed": sources.seed_claims(ta),
            "discrepancies": sources.discrepancies(ta),
            "claims": sources.claims_check(rel["claims"], v, ev, rg),
            "claim_pairing": sensitivity_checks.claim_pairing(rel["claims"], v, rg),
            "reconciliation": sources.reconciliation(ta, v),
            "crosswalk": sources.crosswalk_summary(rel["lists"], v),
        }
    )
    return r
