"""Table Schema of the corrections a release carries: every field-by-field correction applied in it or in an
earlier release (`data/corrections.csv` up to the release's name), so that a person's record can show how it
changed, from the release alone."""

from __future__ import annotations

from .vocabulary import MISSING, field

CORRECTIONS = {
    "fields": [
        field(
            "correction_id",
            "string",
            "Identifier of the correction.",
            "Identificador de la corrección.",
            required=True,
            unique=True,
            pattern=r"K\d+",
        ),
        field(
            "release",
            "string",
            "The release that applied it.",
            "La versión que la aplicó.",
            required=True,
            pattern=r"\d{4}-\d{2}-\d{2}(-[a-z0-9]+)?",
        ),
        field("table", "string", "The table corrected.", "La tabla corregida.", required=True),
        field("record_id", "string", "The record corrected.", "El registro corregido.", required=True),
        field(
            "field",
            "string",
            "The field corrected (`record`: the record was removed).",
            "El campo corregido (`record`: se eliminó el registro).",
            required=True,
        ),
        field("old_value", "string", "The value before.", "El valor anterior."),
        field("new_value", "string", "The value after.", "El valor nuevo."),
        field("reason", "string", "Why.", "Por qué.", required=True),
        field(
            "source_id",
            "string",
            "The source of the new value, by the identifier it had then (a source merged into another since keeps "
            "its old identifier here).",
            "La fuente del valor nuevo, con el identificador que tenía entonces (una fuente fusionada después con "
            "otra conserva aquí su identificador anterior).",
            required=True,
        ),
    ],
    "primaryKey": ["correction_id"],
    "missingValues": MISSING,
}
