"""Table Schemas of what was reported: tolls, the political timeline, published claims, reported deaths
not counted, and membership of the major lists."""

from __future__ import annotations

from .vocabulary import (
    CATEGORIES,
    LISTS,
    MISSING,
    SLUG,
    SOURCE_IDS,
    count_field,
    field,
)

TALLIES = {
    "fields": [
        field(
            "tally_id",
            "string",
            "Identifier of the reported toll.",
            "Identificador del balance publicado.",
            required=True,
            unique=True,
            pattern=r"T\d{3,}",
        ),
        field(
            "report_date", "date", "Date the toll was published.", "Fecha de publicación del balance.", required=True
        ),
        field(
            "as_of",
            "date",
            "Last day the toll covers, when the reporter states it (empty: the report date).",
            "Último día que cubre el balance, cuando la fuente lo indica (vacío: la fecha del informe).",
        ),
        field(
            "reporter",
            "string",
            "Organisation that produced the figure.",
            "Organización que produjo la cifra.",
            required=True,
        ),
        field(
            "scope",
            "string",
            "national, or one event.",
            "nacional, o un hecho.",
            required=True,
            enum=["national", "event"],
        ),
        field("event_id", "string", "Event, when scope is event.", "Hecho, cuando el alcance es un hecho."),
        count_field("total_deaths", "Total deaths as reported.", "Total de muertes según el informe."),
        count_field(
            "clash_civilians",
            "Civilians killed in clashes, as reported.",
            "Civiles muertos en enfrentamientos, según el informe.",
        ),
        count_field(
            "roadblock_related",
            "Deaths linked to roadblocks, as reported.",
            "Muertes vinculadas a bloqueos, según el informe.",
        ),
        count_field("police", "Police officers killed, as reported.", "Policías fallecidos, según el informe."),
        count_field("soldiers", "Soldiers killed, as reported.", "Militares fallecidos, según el informe."),
        count_field("other", "Other deaths, as reported.", "Otras muertes, según el informe."),
        count_field("injured", "Injured, as reported.", "Heridos, según el informe."),
        field("source_id", "string", "Source of the toll.", "Fuente del balance.", required=True),
        field("notes", "string", "What the toll includes; contradictions.", "Qué incluye el balance; contradicciones."),
        field(
            "report_time",
            "string",
            "Local time (Peru, HH:MM) at which the toll was published, where a source gives it.",
            "Hora local (Perú, HH:MM) en que se publicó el balance, cuando una fuente la indica.",
            pattern=r"([01]\d|2[0-3]):[0-5]\d",
        ),
        field(
            "supersedes",
            "string",
            "The same reporter's toll of the same day, scope and event that this one replaced (an update or "
            "correction), where the sources show the order; empty otherwise.",
            "El balance del mismo emisor, día, alcance y hecho al que este reemplazó (actualización o "
            "corrección), cuando las fuentes muestran el orden; vacío si no.",
            pattern=r"T\d{3,}",
        ),
    ],
    "primaryKey": ["tally_id"],
    "foreignKeys": [
        {"fields": ["event_id"], "reference": {"resource": "events", "fields": ["event_id"]}},
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
    ],
    "missingValues": MISSING,
}

TIMELINE = {
    "fields": [
        field(
            "key",
            "string",
            "Stable identifier of the moment.",
            "Identificador estable del momento.",
            required=True,
            unique=True,
            pattern=SLUG,
        ),
        field("date", "date", "Date.", "Fecha.", required=True),
        field("description_en", "string", "What happened (English).", "Qué ocurrió (en inglés).", required=True),
        field("description_es", "string", "What happened (Spanish).", "Qué ocurrió (en castellano).", required=True),
        field(
            "source_ids",
            "string",
            "Sources (semicolon-separated).",
            "Fuentes (separadas por punto y coma).",
            required=True,
            pattern=SOURCE_IDS,
        ),
    ],
    "primaryKey": ["key"],
    "missingValues": MISSING,
}

CATEGORY_NAMES = "|".join(CATEGORIES)
CLAIM_METRICS = [
    "national_deaths",
    "deaths_before",
    "event_deaths",
    "event_injured",
    "event_minors",
    "indigenous_population_share",
    "indigenous_death_share",
]
CLAIMS = {
    "fields": [
        field(
            "claim_id",
            "string",
            "Identifier of the claim.",
            "Identificador de la afirmación.",
            required=True,
            unique=True,
            pattern=r"C\d{3,}",
        ),
        field(
            "source_id", "string", "Where the claim was published.", "Dónde se publicó la afirmación.", required=True
        ),
        field("claim_date", "date", "Date the claim was made.", "Fecha de la afirmación.", required=True),
        field("claimant", "string", "Who made the claim.", "Quién hizo la afirmación.", required=True),
        field(
            "metric",
            "string",
            "What the claim quantifies.",
            "Qué cuantifica la afirmación.",
            required=True,
            enum=CLAIM_METRICS,
        ),
        field("event_id", "string", "Event, for event metrics.", "Hecho, para las métricas de un hecho."),
        field("value", "number", "The figure claimed.", "La cifra afirmada.", required=True, minimum=0),
        field(
            "qualifier",
            "string",
            "How the figure was qualified.",
            "Cómo se matizó la cifra.",
            required=True,
            enum=["exact", "at_least", "about", "close_to"],
        ),
        field(
            "description_en",
            "string",
            "The claim in brief (English).",
            "La afirmación en breve (inglés).",
            required=True,
        ),
        field(
            "description_es",
            "string",
            "The claim in brief (Spanish).",
            "La afirmación en breve (castellano).",
            required=True,
        ),
        field("notes", "string", "Notes.", "Notas."),
        field(
            "categories",
            "string",
            "For a count of deaths: the categories the claim counts, as its words state them (semicolon-"
            "separated); empty when it does not say, and this record's count is then shown by category.",
            "Para un recuento de muertes: las categorías que cuenta la afirmación, según sus palabras (separadas "
            "por punto y coma); vacío si no lo dice, y el recuento de este registro se muestra por categoría.",
            pattern=rf"({CATEGORY_NAMES})(;({CATEGORY_NAMES}))*",
        ),
    ],
    "primaryKey": ["claim_id"],
    "foreignKeys": [
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
        {"fields": ["event_id"], "reference": {"resource": "events", "fields": ["event_id"]}},
    ],
    "missingValues": MISSING,
}

EXCLUSION_REASONS = [
    "not_in_civil_registry",
    "found_alive",
    "double_count",
    "unrelated",
    "not_confirmed",
    "insufficient_data",
    "outside_period",
]
EXCLUDED = {
    "fields": [
        field(
            "excluded_id",
            "string",
            "Identifier of the excluded report.",
            "Identificador del caso excluido.",
            required=True,
            unique=True,
            pattern=r"X\d{3,}",
        ),
        field("name", "string", "Name as published, if any.", "Nombre publicado, si lo hay."),
        field("reported_date", "date", "Date the death was reported.", "Fecha en que se informó la muerte."),
        field(
            "excluded_date",
            "date",
            "Date the report was withdrawn or contradicted, if known.",
            "Fecha en que se retiró o desmintió el reporte, si se conoce.",
        ),
        field(
            "department",
            "string",
            "INEI department code, if known.",
            "Código INEI del departamento, si se conoce.",
            pattern=r"\d{2}",
        ),
        field(
            "reason",
            "string",
            "Why the report is not counted: withdrawn (not in the civil registry, found alive, double count, "
            "unrelated), "
            "never confirmed, or too little information to identify a person and a date of death.",
            "Por qué no se cuenta: retirado (no figura en Reniec, persona viva, doble conteo, no relacionado), "
            "nunca confirmado, o información insuficiente para identificar a una persona y su fecha de muerte.",
            required=True,
            enum=EXCLUSION_REASONS,
        ),
        field(
            "source_ids",
            "string",
            "Sources (semicolon-separated).",
            "Fuentes (separadas por punto y coma).",
            required=True,
            pattern=SOURCE_IDS,
        ),
        field("notes", "string", "Notes.", "Notas."),
    ],
    "primaryKey": ["excluded_id"],
    "foreignKeys": [{"fields": ["department"], "reference": {"resource": "regions", "fields": ["ubigeo"]}}],
    "missingValues": MISSING,
}

LIST_MEMBERSHIP = {
    "fields": [
        field("victim_id", "string", "Person in this record.", "Persona de este registro.", required=True),
        field("list_id", "string", "Published list or count.", "Lista o conteo publicado.", required=True, enum=LISTS),
        field(
            "listed",
            "string",
            "Whether the list includes the person (yes/no), as far as it could be read.",
            "Si la lista incluye a la persona (yes/no), en la medida en que pudo leerse.",
            required=True,
            enum=["yes", "no"],
        ),
        field("name_in_list", "string", "The name as that list gives it.", "El nombre tal como lo da la lista."),
        field(
            "source_id",
            "string",
            "Where the list (or the part of it that was read) was published.",
            "Dónde se publicó la lista (o la parte que pudo leerse).",
            required=True,
        ),
        field("notes", "string", "Notes.", "Notas."),
    ],
    "primaryKey": ["victim_id", "list_id"],
    "foreignKeys": [
        {"fields": ["victim_id"], "reference": {"resource": "victims", "fields": ["victim_id"]}},
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
    ],
    "missingValues": MISSING,
}
