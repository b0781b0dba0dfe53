"""Table Schemas of the context tables: the sources and the departments of Peru."""

from __future__ import annotations

from .vocabulary import (
    COPY_KINDS,
    MISSING,
    SLUG,
    SOURCE_IDS,
    SOURCE_KINDS,
    count_field,
    field,
)

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
        count_field(
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
        count_field(
            "pop_2022",
            "INEI population projection for 30 June 2022.",
            "Proyección de población del INEI al 30 de junio de 2022.",
        ),
        field("pop_2022_source_id", "string", "Source of the 2022 projection.", "Fuente de la proyección 2022."),
        field(
            "indigenous_pct_2017",
            "number",
            "Share (%) of people aged 12+ who self-identified as Indigenous (Quechua, Aymara, Amazonian or "
            "other) in 2017.",
            "Porcentaje de la población de 12 años o más que se autoidentificó como indígena (quechua, "
            "aimara, amazónica u otra) en 2017.",
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
