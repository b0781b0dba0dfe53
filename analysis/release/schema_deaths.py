"""Table Schemas of the lethal events and the people who died."""

from __future__ import annotations

from .vocabulary import (
    CATEGORIES,
    CONFIDENCE,
    FORCES,
    MECHANISMS,
    MISSING,
    SLUG,
    SOURCE_IDS,
    count_field,
    field,
    place_fields,
)

EVENTS = {
    "fields": [
        field(
            "event_id",
            "string",
            "Stable identifier of the lethal incident.",
            "Identificador estable del hecho letal.",
            required=True,
            unique=True,
            pattern=SLUG,
        ),
        field(
            "name",
            "string",
            "Short name of the incident (English).",
            "Nombre breve del hecho (en inglés).",
            required=True,
        ),
        field(
            "name_es",
            "string",
            "Short name of the incident (Spanish).",
            "Nombre breve del hecho (en castellano).",
            required=True,
        ),
        field("date_start", "date", "First day of the incident.", "Primer día del hecho.", required=True),
        field("date_end", "date", "Last day of the incident.", "Último día del hecho.", required=True),
        field(
            "department",
            "string",
            "INEI department code.",
            "Código INEI del departamento.",
            required=True,
            pattern=r"\d{2}",
        ),
        *place_fields(),
        count_field(
            "deaths_reported",
            "Deaths at the incident, as reported by the source in figures_source_id.",
            "Muertes en el hecho según la fuente indicada en figures_source_id.",
        ),
        count_field(
            "injured_reported",
            "Injured at the incident, as reported by the source in figures_source_id.",
            "Heridos en el hecho según la fuente indicada en figures_source_id.",
        ),
        field(
            "figures_source_id",
            "string",
            "Source of the reported deaths and injured.",
            "Fuente de las cifras de muertos y heridos.",
        ),
        field(
            "source_ids",
            "string",
            "Sources describing the incident (semicolon-separated).",
            "Fuentes que describen el hecho (separadas por punto y coma).",
            required=True,
            pattern=SOURCE_IDS,
        ),
        field(
            "notes",
            "string",
            "Notes, including disagreements between sources.",
            "Notas, incluidas las discrepancias entre fuentes.",
        ),
    ],
    "primaryKey": ["event_id"],
    "foreignKeys": [
        {"fields": ["department"], "reference": {"resource": "regions", "fields": ["ubigeo"]}},
        {"fields": ["figures_source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
    ],
    "missingValues": MISSING,
}

VICTIMS = {
    "fields": [
        field(
            "victim_id",
            "string",
            "Stable identifier of the person (never reused).",
            "Identificador estable de la persona (nunca se reutiliza).",
            required=True,
            unique=True,
            pattern=r"V\d{3,}",
        ),
        field(
            "name",
            "string",
            "Name as published; minors by their initials only; empty if no source names the person.",
            "Nombre tal como se publicó; los menores de edad solo por sus iniciales; vacío si ninguna fuente "
            "lo nombra.",
        ),
        field(
            "age", "integer", "Age in years as published.", "Edad en años según las fuentes.", minimum=0, maximum=110
        ),
        field("sex", "string", "Sex as published (M/F).", "Sexo según las fuentes (M/F).", enum=["M", "F"]),
        field("date_injured", "date", "Date of the fatal injury or incident.", "Fecha de la lesión o del hecho fatal."),
        field(
            "date_died",
            "date",
            "Date of death (empty if no source gives the day; then date_first_reported is required).",
            "Fecha de fallecimiento (vacía si ninguna fuente da el día; entonces se exige date_first_reported).",
        ),
        field(
            "date_first_reported",
            "date",
            "Earliest publication date of a source reporting the death.",
            "Fecha de la primera publicación que informó del fallecimiento.",
        ),
        field(
            "department",
            "string",
            "INEI code of the department where the fatal incident happened.",
            "Código INEI del departamento donde ocurrió el hecho fatal.",
            required=True,
            pattern=r"\d{2}",
        ),
        *place_fields(),
        field(
            "event_id", "string", "Lethal incident the death belongs to.", "Hecho letal al que corresponde la muerte."
        ),
        field(
            "category",
            "string",
            "Defensoría scheme: civilian killed in clashes with security forces, death linked to roadblocks, "
            "police officer, soldier, other.",
            "Esquema de la Defensoría: civil muerto en enfrentamientos con fuerzas del orden, muerte "
            "vinculada a bloqueos, policía, militar, otra.",
            required=True,
            enum=CATEGORIES,
        ),
        field(
            "mechanism",
            "string",
            "Cause of death as the sources state it.",
            "Causa de muerte según las fuentes.",
            required=True,
            enum=MECHANISMS,
        ),
        field(
            "alleged_force",
            "string",
            "Force alleged by the sources to be responsible (not a court finding).",
            "Fuerza señalada por las fuentes como presunta responsable (no es una determinación judicial).",
            required=True,
            enum=FORCES,
        ),
        field(
            "source_ids",
            "string",
            "Sources for this person (semicolon-separated).",
            "Fuentes sobre esta persona (separadas por punto y coma).",
            required=True,
            pattern=SOURCE_IDS,
        ),
        field(
            "confidence",
            "string",
            "high: 2+ independent sources agree; medium: one good source or minor disagreements; low: otherwise.",
            "alta: 2+ fuentes independientes coinciden; media: una buena fuente o discrepancias menores; "
            "baja: en otro caso.",
            required=True,
            enum=CONFIDENCE,
        ),
        field(
            "notes",
            "string",
            "Notes, including disagreements between sources.",
            "Notas, incluidas las discrepancias entre fuentes.",
        ),
    ],
    "primaryKey": ["victim_id"],
    "foreignKeys": [
        {"fields": ["department"], "reference": {"resource": "regions", "fields": ["ubigeo"]}},
        {"fields": ["event_id"], "reference": {"resource": "events", "fields": ["event_id"]}},
    ],
    "missingValues": MISSING,
}

VARIANT_FIELDS = [
    "name",
    "age",
    "sex",
    "date_injured",
    "date_died",
    "date_first_reported",
    "place",
    "mechanism",
    "alleged_force",
    "event_id",
]
VARIANTS = {
    "fields": [
        field(
            "variant_id",
            "string",
            "Identifier of the stated value.",
            "Identificador del valor declarado.",
            required=True,
            unique=True,
            pattern=r"D\d{3,}",
        ),
        field("victim_id", "string", "The person.", "La persona.", required=True, pattern=r"V\d{3,}"),
        field(
            "field",
            "string",
            "The field of the person's record on which sources differ.",
            "El campo del registro de la persona en el que las fuentes difieren.",
            required=True,
            enum=VARIANT_FIELDS,
        ),
        field(
            "value",
            "string",
            "The value as the source states it (dates ISO; causes, forces and incidents as the record's codes; a "
            "minor's name only as initials).",
            "El valor tal como lo da la fuente (fechas ISO; causas, fuerzas y hechos con los códigos del registro; "
            "el nombre de un menor solo con iniciales).",
            required=True,
        ),
        field(
            "source_id",
            "string",
            "The source that states the value (empty only for the record's own value, which the person's sources "
            "support).",
            "La fuente que da el valor (vacía solo para el valor del propio registro, que respaldan las fuentes de "
            "la persona).",
        ),
        field(
            "in_record",
            "string",
            "yes if the record keeps this value.",
            "yes si el registro conserva este valor.",
            required=True,
            enum=["yes", "no"],
        ),
        field("notes", "string", "Notes.", "Notas."),
    ],
    "primaryKey": ["variant_id"],
    "foreignKeys": [
        {"fields": ["victim_id"], "reference": {"resource": "victims", "fields": ["victim_id"]}},
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
    ],
    "missingValues": MISSING,
}
