"""The release format: one Frictionless Table Schema per table.

These schemas are written into each new release's `datapackage.json` by the `release`
command; validation then reads the schema stored in the release itself. Each field has
an English `description` and a Spanish `description_es` (used by the data dictionary).
"""

from __future__ import annotations

from typing import Any

CATEGORIES = ["clash_civilian", "roadblock_related", "police", "soldier", "other"]
MECHANISMS = [
    "firearm",
    "pellets",
    "tear_gas_canister",
    "blunt_force",
    "burns",
    "drowning",
    "traffic_accident",
    "lack_of_care",
    "unknown",
]
FORCES = ["army", "police", "unknown", "not_applicable"]
CONFIDENCE = ["high", "medium", "low"]
SOURCE_KINDS = ["official", "intergovernmental", "ngo", "media", "academic", "other"]
COPY_KINDS = ["mirror", "syndication", "translation", "archive"]
LISTS = ["defensoria", "iachr", "hrw", "amnesty", "fiscalia"]

SLUG = r"[a-z0-9][a-z0-9-]*"
SOURCE_IDS = rf"{SLUG}(;{SLUG})*"
MISSING = [""]


def field(name: str, type_: str, en: str, es: str, **constraints: Any) -> dict:
    """A Table Schema field with bilingual descriptions and optional constraints."""
    out: dict[str, Any] = {"name": name, "type": type_, "description": en, "description_es": es}
    if type_ == "date":
        out["format"] = "%Y-%m-%d"
    if constraints:
        out["constraints"] = constraints
    return out


def place_fields() -> list[dict]:
    """Province, district, district ubigeo and locality: the place of an incident below the department."""
    return [
        field("province", "string", "Province.", "Provincia."),
        field("district", "string", "District.", "Distrito."),
        field(
            "district_ubigeo",
            "string",
            "INEI district code (6 digits), where the sources allow.",
            "Código INEI del distrito (6 dígitos), cuando las fuentes lo permiten.",
            pattern=r"\d{6}",
        ),
        field(
            "locality",
            "string",
            "Place (town, street, airport, bridge...).",
            "Lugar (localidad, calle, aeropuerto, puente...).",
        ),
    ]


def _count(name: str, en: str, es: str) -> dict:
    return field(name, "integer", en, es, minimum=0)


SOURCES = {
    "fields": [
        field(
            "source_id",
            "string",
            "Stable identifier of the source.",
            "Identificador estable de la fuente.",
            required=True,
            unique=True,
            pattern=SLUG,
        ),
        field(
            "publisher",
            "string",
            "Organisation or outlet that published it.",
            "Organización o medio que la publicó.",
            required=True,
        ),
        field("author", "string", "Author(s), if named.", "Autor(es), si se indican."),
        field("title", "string", "Title as published.", "Título tal como se publicó.", required=True),
        field(
            "date_published",
            "string",
            "Publication date (YYYY-MM-DD; YYYY-MM or YYYY when only the month or year is known).",
            "Fecha de publicación (AAAA-MM-DD; AAAA-MM o AAAA si solo se conoce el mes o el año).",
            pattern=r"\d{4}(-\d{2}(-\d{2})?)?",
        ),
        field(
            "url",
            "string",
            "Citation address: the original publisher's page (empty only when no original could be found; then "
            "copy_url is given).",
            "Dirección de cita: la página del editor original (vacía solo si no se encontró el original; entonces "
            "se da copy_url).",
            pattern=r"https?://\S+",
        ),
        field(
            "language",
            "string",
            "Language of the document (ISO 639-1).",
            "Idioma del documento (ISO 639-1).",
            required=True,
            pattern=r"[a-z]{2}",
        ),
        field("kind", "string", "Kind of publisher.", "Tipo de emisor.", required=True, enum=SOURCE_KINDS),
        field(
            "copy_url",
            "string",
            "Address of the copy actually read, when the page was not read at its publisher.",
            "Dirección de la copia que se leyó, cuando la página no se leyó en el sitio de su editor.",
            pattern=r"https?://\S+",
        ),
        field(
            "copy_kind",
            "string",
            "Kind of copy read: mirror, syndication (an outlet carrying another's story), translation, archive.",
            "Tipo de copia leída: espejo, sindicación (un medio que reproduce la nota de otro), traducción, archivo.",
            enum=COPY_KINDS,
        ),
        field(
            "read_date",
            "date",
            "Date the page was read (empty when no record of it was kept).",
            "Fecha en que se leyó la página (vacía si no se guardó constancia).",
        ),
        field(
            "original_found",
            "string",
            "Whether the original publisher's page was established (no: the source is cited as a copy only; "
            "empty: not recorded).",
            "Si se estableció la página del editor original (no: la fuente se cita solo como copia; vacío: no consta).",
            enum=["yes", "no"],
        ),
        field(
            "notes",
            "string",
            "How the citation address was established; the copy; doubts.",
            "Cómo se estableció la dirección de cita; la copia; dudas.",
        ),
    ],
    "primaryKey": ["source_id"],
    "missingValues": MISSING,
}

REGIONS = {
    "fields": [
        field(
            "ubigeo",
            "string",
            "INEI department code (2 digits).",
            "Código INEI del departamento (2 dígitos).",
            required=True,
            unique=True,
            pattern=r"\d{2}",
        ),
        field("department", "string", "Department name.", "Nombre del departamento.", required=True),
        field("capital", "string", "Capital city.", "Capital.", required=True),
        field(
            "lat",
            "number",
            "Latitude of the capital district (degrees).",
            "Latitud del distrito capital (grados).",
            minimum=-19,
            maximum=0,
        ),
        field(
            "lon",
            "number",
            "Longitude of the capital district (degrees).",
            "Longitud del distrito capital (grados).",
            minimum=-82,
            maximum=-68,
        ),
        field(
            "location_source_id",
            "string",
            "Source of code, capital and coordinates.",
            "Fuente del código, la capital y las coordenadas.",
            required=True,
        ),
        _count(
            "pop_2017_census",
            "Population counted in the 2017 census (población censada).",
            "Población censada en el censo de 2017.",
        ),
        field(
            "pop_2017_source_ids",
            "string",
            "Sources of the 2017 census count.",
            "Fuentes de la población censada 2017.",
            pattern=SOURCE_IDS,
        ),
        _count(
            "pop_2022",
            "INEI population projection for 30 June 2022.",
            "Proyección de población del INEI al 30 de junio de 2022.",
        ),
        field("pop_2022_source_id", "string", "Source of the 2022 projection.", "Fuente de la proyección 2022."),
        field(
            "indigenous_pct_2017",
            "number",
            "Share (%) of people aged 12+ who self-identified as Indigenous (Quechua, Aymara, Amazonian or other) in 2017.",
            "Porcentaje de la población de 12 años o más que se autoidentificó como indígena (quechua, aimara, amazónica u otra) en 2017.",
            minimum=0,
            maximum=100,
        ),
        field(
            "quechua_pct_2017",
            "number",
            "Share (%) self-identified as Quechua, 2017.",
            "Porcentaje autoidentificado como quechua, 2017.",
            minimum=0,
            maximum=100,
        ),
        field(
            "aymara_pct_2017",
            "number",
            "Share (%) self-identified as Aymara, 2017.",
            "Porcentaje autoidentificado como aimara, 2017.",
            minimum=0,
            maximum=100,
        ),
        field(
            "amazonian_pct_2017",
            "number",
            "Share (%) self-identified as Amazonian Indigenous, 2017.",
            "Porcentaje autoidentificado como indígena amazónico, 2017.",
            minimum=0,
            maximum=100,
        ),
        field(
            "ethnicity_source_id",
            "string",
            "Source of the self-identification shares.",
            "Fuente de la autoidentificación étnica.",
        ),
        field(
            "castillo_runoff_pct_2021",
            "number",
            "Pedro Castillo's share (%) of the valid votes in the 6 June 2021 runoff.",
            "Porcentaje de votos válidos de Pedro Castillo en la segunda vuelta del 6 de junio de 2021.",
            minimum=0,
            maximum=100,
        ),
        field("vote_source_id", "string", "Source of the runoff vote share.", "Fuente del voto en segunda vuelta."),
        field(
            "macroregion",
            "string",
            "Macro-region used for grouping.",
            "Macrorregión usada para agrupar.",
            required=True,
        ),
        field(
            "macroregion_source_id",
            "string",
            "Source of the macro-region grouping.",
            "Fuente de la agrupación en macrorregiones.",
        ),
        field(
            "tile_row",
            "integer",
            "Row of the department in the tile-grid map (0 = north).",
            "Fila del departamento en el mapa de mosaicos (0 = norte).",
            required=True,
            minimum=0,
        ),
        field(
            "tile_col",
            "integer",
            "Column of the department in the tile-grid map (0 = west).",
            "Columna del departamento en el mapa de mosaicos (0 = oeste).",
            required=True,
            minimum=0,
        ),
        field("notes", "string", "Notes on the values and their sources.", "Notas sobre los valores y sus fuentes."),
    ],
    "primaryKey": ["ubigeo"],
    "foreignKeys": [
        {"fields": [column], "reference": {"resource": "sources", "fields": ["source_id"]}}
        for column in (
            "location_source_id",
            "pop_2022_source_id",
            "ethnicity_source_id",
            "vote_source_id",
            "macroregion_source_id",
        )
    ],
    "missingValues": MISSING,
}

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
        _count(
            "deaths_reported",
            "Deaths at the incident, as reported by the source in figures_source_id.",
            "Muertes en el hecho según la fuente indicada en figures_source_id.",
        ),
        _count(
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
            "Nombre tal como se publicó; los menores de edad solo por sus iniciales; vacío si ninguna fuente lo nombra.",
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
            "Defensoría scheme: civilian killed in clashes with security forces, death linked to roadblocks, police officer, soldier, other.",
            "Esquema de la Defensoría: civil muerto en enfrentamientos con fuerzas del orden, muerte vinculada a bloqueos, policía, militar, otra.",
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
            "alta: 2+ fuentes independientes coinciden; media: una buena fuente o discrepancias menores; baja: en otro caso.",
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
        _count("total_deaths", "Total deaths as reported.", "Total de muertes según el informe."),
        _count(
            "clash_civilians",
            "Civilians killed in clashes, as reported.",
            "Civiles muertos en enfrentamientos, según el informe.",
        ),
        _count(
            "roadblock_related",
            "Deaths linked to roadblocks, as reported.",
            "Muertes vinculadas a bloqueos, según el informe.",
        ),
        _count("police", "Police officers killed, as reported.", "Policías fallecidos, según el informe."),
        _count("soldiers", "Soldiers killed, as reported.", "Militares fallecidos, según el informe."),
        _count("other", "Other deaths, as reported.", "Otras muertes, según el informe."),
        _count("injured", "Injured, as reported.", "Heridos, según el informe."),
        field("source_id", "string", "Source of the toll.", "Fuente del balance.", required=True),
        field("notes", "string", "What the toll includes; contradictions.", "Qué incluye el balance; contradicciones."),
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
            "Why the report is not counted: withdrawn (not in the civil registry, found alive, double count, unrelated), "
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
}

# Tables every release has, in dependency order (referenced tables first).
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
}
