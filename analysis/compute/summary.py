"""Every result of a release that a build computes in its main process: the table of contents of the
computations, module by module (`registry.declared`), each module's results in the order it declares them.

The results of the worker jobs (the statistical models) are listed in `models`, which imports the modules
that need statsmodels; this module does not, so that the build's main process never imports them.
"""

from __future__ import annotations

from . import (
    accountability,
    casefiles,
    events,
    incident_places,
    people,
    regions,
    registry,
    sensitivity_checks,
    sources,
    trajectory,
)

MODULES = (trajectory, regions, incident_places, events, people, sources, sensitivity_checks, accountability, casefiles)


def compute(tables: registry.Tables) -> list[tuple[registry.Declaration, object]]:
    """The results of the main process (`registry.MAIN`), in order: (declaration, result) pairs."""
    return registry.compute(registry.declared(*MODULES), tables, registry.MAIN)
