"""The statistical models of a release (the incident-level and clustered results with the department models,
and the regional sensitivity table's profile-likelihood intervals), and `analyse`: every result of a release.

A build runs each of `registry.WORKER_JOBS` in a worker process (`fit`) while its main process computes the
other results (`summary.compute`). `MODULES` lists every module that declares results, in the order their
results are computed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import (
    accountability,
    casefiles,
    department_models,
    events,
    funnel,
    incident_days,
    incident_places,
    incidents,
    people,
    regional_sensitivity,
    regions,
    registry,
    reporting_lag,
    sensitivity_checks,
    sources,
    summary,
    trajectory,
    uncertainty,
)

if TYPE_CHECKING:  # the type only: the workers, which import this module, need no release loading
    from ..release.load import Release

MODULES = (  # summary.MODULES (the main process's results) among them, in the same order
    trajectory,
    regions,
    incident_places,
    events,
    people,
    sources,
    incidents,
    uncertainty,
    funnel,
    department_models,
    sensitivity_checks,
    reporting_lag,
    incident_days,
    regional_sensitivity,
    accountability,
    casefiles,
)


def fit(job: str, tables: registry.Tables) -> list[tuple[registry.Declaration, object]]:
    """The results of one worker job (one of `registry.WORKER_JOBS`), in order: (declaration, result) pairs."""
    return registry.compute(registry.declared(*MODULES), tables, job)


def declarations() -> list[registry.Declaration]:
    """The declaration of every result, in the order a build computes them (main process, then each job)."""
    everything = [f.declaration for f in registry.declared(*MODULES)]
    return [d for job in (registry.MAIN, *registry.WORKER_JOBS) for d in everything if d.job == job]


def analyse(rel: Release) -> dict:
    """Every result of a release, by name, computed in this process."""
    computed = summary.compute(rel.tables)
    for job in registry.WORKER_JOBS:
        computed += fit(job, rel.tables)
    return {declaration.name: value for declaration, value in computed}
