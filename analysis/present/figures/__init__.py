"""The report's figures: one module per figure, the figures' kit and style, and `draw`, which the build's worker
processes run (this module imports nothing: the build's main process reads `FIGURES` without matplotlib).
"""

# Each figure (results/<lang>/figures/<name>.svg) and the results it is drawn from, the slowest to draw first:
# a build hands a figure to its workers as soon as its results are computed, in this order.
FIGURES = {
    "cumulative": ("daily_died", "gap", "events"),
    "discrepancies": ("event_claims", "events"),
    "daily": ("daily_incident", "deadliest_days"),
    "ages": ("ages", "age_summary"),
    "map": ("departments", "incident_places", "events", "macroregions"),
    "funnel": ("funnel",),
    "proceedings": ("proceeding_steps",),
}
# A figure the editions show only when a flag of the results is true (the .qmd's `content-visible when-meta`):
# a release without proceedings has no proceedings figure.
SHOWN_WHEN = {"proceedings": "has_proceedings"}


def shown(flags: dict) -> list[str]:
    """The figures an edition shows, given its results' values and flags (meta-<lang>.yml's `results`)."""
    return [name for name in FIGURES if name not in SHOWN_WHEN or flags.get(SHOWN_WHEN[name]) is True]
