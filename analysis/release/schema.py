"""The release format: one Frictionless Table Schema per table.

These schemas are written into each new release's `datapackage.json` by the `release`
command; validation then reads the schema stored in the release itself. Each field has
an English `description` and a Spanish `description_es` (used by the data dictionary).
"""

from __future__ import annotations

from .schema_accountability import PROCEEDINGS, REPARATIONS
from .schema_context import REGIONS, SOURCES
from .schema_deaths import EVENTS, VARIANTS, VICTIMS
from .schema_history import CORRECTIONS
from .schema_reports import CLAIMS, EXCLUDED, LIST_MEMBERSHIP, TALLIES, TIMELINE
from .vocabulary import CATEGORIES, FORCES, MECHANISMS

__all__ = ["ADDED_FIELDS", "ADDED_TABLES", "CATEGORIES", "FORCES", "MECHANISMS", "TABLES", "TITLES", "TITLES_ES"]


# Fields added after the first releases. A release made before they existed is read with them
# empty: its own datapackage.json describes (and validates) the fields it has.
ADDED_FIELDS: dict[str, dict[str, str]] = {
    "sources": {
        "copy_url": "2026-12-03",
        "copy_kind": "2026-12-03",
        "read_date": "2026-12-03",
        "original_found": "2026-12-03",
        "notes": "2026-12-03",
    },
    "tallies": {"report_time": "2026-12-06", "supersedes": "2026-12-06"},
    "claims": {"categories": "2026-12-06"},
}

# Tables added after the first releases (by the release that added them). A release made before a table
# existed is read with that table empty.
ADDED_TABLES: dict[str, str] = {
    "proceedings": "2026-12-06",
    "reparations": "2026-12-06",
    "variants": "2026-12-06",
    "corrections": "2026-12-06",
}

# Tables of the release format, in dependency order (referenced tables first).
TABLES: dict[str, dict] = {
    "sources": SOURCES,
    "regions": REGIONS,
    "events": EVENTS,
    "victims": VICTIMS,
    "tallies": TALLIES,
    "timeline": TIMELINE,
    "claims": CLAIMS,
    "excluded": EXCLUDED,
    "lists": LIST_MEMBERSHIP,
    "proceedings": PROCEEDINGS,
    "reparations": REPARATIONS,
    "variants": VARIANTS,
    "corrections": CORRECTIONS,
}

TITLES = {
    "sources": "Sources",
    "regions": "Departments of Peru",
    "events": "Lethal events",
    "victims": "People who died",
    "tallies": "Reported death tolls",
    "timeline": "Political context: key dates",
    "claims": "Published claims checked against the record",
    "excluded": "Reported deaths not counted, with the reason",
    "lists": "Whether each person appears in the major published lists",
    "proceedings": "Steps of the proceedings that followed the deaths",
    "reparations": "Reparations and economic support decreed",
    "variants": "Values on which sources disagree, one row per value a source states for a person",
    "corrections": "Corrections of published values applied in this release and earlier ones",
}

# The same titles in Spanish (`title_es` in a release's datapackage.json, from release 2026-12-06): the Spanish
# edition's page lists the downloads and cites the data release by them.
TITLES_ES = {
    "sources": "Fuentes",
    "regions": "Departamentos del Perú",
    "events": "Hechos letales",
    "victims": "Personas fallecidas",
    "tallies": "Balances de muertes publicados",
    "timeline": "Contexto político: fechas clave",
    "claims": "Afirmaciones publicadas cotejadas con el registro",
    "excluded": "Muertes informadas no contadas, con el motivo",
    "lists": "Si cada persona figura en las principales listas publicadas",
    "proceedings": "Pasos de los procedimientos que siguieron a las muertes",
    "reparations": "Reparaciones y apoyo económico decretados",
    "variants": "Valores en los que las fuentes discrepan, una fila por valor que da una fuente para una persona",
    "corrections": "Correcciones de valores publicados aplicadas en esta versión y en las anteriores",
}
PACKAGE_TITLES = {
    "en": "Deaths in Peru's protests, December 2022 onwards",
    "es": "Muertes en las protestas del Perú, desde diciembre de 2022",
}
