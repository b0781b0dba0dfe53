"""Table Schemas of what followed the deaths: the steps of the proceedings (investigations, complaints, trials,
reports) and the reparations decreed for the families and the injured."""

from __future__ import annotations

from .vocabulary import MISSING, SLUG, count_field, field

BODIES = ["prosecutors", "courts", "congress", "inter_american", "united_nations", "executive", "other"]
STAGES = [
    "request",
    "complaint",
    "preliminary_investigation",
    "formal_investigation",
    "indictment",
    "trial",
    "verdict",
    "appeal",
    "closed",
    "archived",
    "transfer",
    "report",
    "other",
]
FORCES_ACCUSED = ["police", "army", "police;army", "government"]
BENEFICIARIES = ["death", "serious_injury", "injury", "other"]
AMOUNT_UNITS = ["per_victim", "per_family", "total", "total_maximum"]

PROCEEDINGS = {
    "fields": [
        field(
            "step_id",
            "string",
            "Identifier of the step of a proceeding.",
            "Identificador del paso de un procedimiento.",
            required=True,
            unique=True,
            pattern=r"PR\d{3,}",
        ),
        field(
            "proceeding",
            "string",
            "The proceeding the step belongs to (a stable name shared by its steps).",
            "El procedimiento al que pertenece el paso (un nombre estable común a sus pasos).",
            required=True,
            pattern=SLUG,
        ),
        field(
            "title_en",
            "string",
            "The proceeding's name in English (the same for all its steps).",
            "Nombre del procedimiento en inglés (el mismo para todos sus pasos).",
            required=True,
        ),
        field(
            "title_es",
            "string",
            "The proceeding's name in Spanish (the same for all its steps).",
            "Nombre del procedimiento en castellano (el mismo para todos sus pasos).",
            required=True,
        ),
        field("body", "string", "Kind of body that took the step.", "Tipo de órgano.", required=True, enum=BODIES),
        field("body_name", "string", "The body, as published.", "El órgano, según se publicó.", required=True),
        field("case_number", "string", "Case or complaint number, as published.", "Número de caso o denuncia."),
        field("stage", "string", "Stage the step marks.", "Etapa que marca el paso.", required=True, enum=STAGES),
        field(
            "date",
            "string",
            "Date of the step (YYYY-MM-DD; YYYY-MM when only the month is known).",
            "Fecha del paso (AAAA-MM-DD; AAAA-MM si solo se conoce el mes).",
            pattern=r"\d{4}-\d{2}(-\d{2})?",
        ),
        field(
            "event_ids",
            "string",
            "Lethal incidents the step concerns, where the source names them (semicolon-separated).",
            "Hechos letales a los que se refiere el paso, cuando la fuente los nombra (separados por punto y coma).",
            pattern=rf"{SLUG}(;{SLUG})*",
        ),
        field(
            "victim_ids",
            "string",
            "People of the record the step concerns, where the source names them (semicolon-separated).",
            "Personas del registro a las que se refiere el paso, cuando la fuente las nombra.",
            pattern=r"V\d{3,}(;V\d{3,})*",
        ),
        count_field("people_investigated", "People investigated, as published.", "Personas investigadas."),
        count_field("people_charged", "People charged, as published.", "Personas acusadas."),
        field(
            "force",
            "string",
            "Force or office of the people investigated or accused.",
            "Fuerza o cargo de las personas investigadas o acusadas.",
            enum=FORCES_ACCUSED,
        ),
        field(
            "accused_role",
            "string",
            "Roles of the people investigated or accused, as published (no names).",
            "Cargos de las personas investigadas o acusadas, según se publicó (sin nombres).",
        ),
        field(
            "defendants_named",
            "string",
            "Names of defendants, only where convicted and published.",
            "Nombres de los procesados, solo si fueron condenados y se publicaron.",
        ),
        field("outcome", "string", "What the step decided or found.", "Qué decidió o constató el paso."),
        field("source_id", "string", "Source of the step.", "Fuente del paso.", required=True),
        field("notes", "string", "Notes; disagreements between sources.", "Notas; discrepancias entre fuentes."),
    ],
    "primaryKey": ["step_id"],
    "foreignKeys": [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}],
    "missingValues": MISSING,
}

REPARATIONS = {
    "fields": [
        field(
            "reparation_id",
            "string",
            "Identifier of the measure.",
            "Identificador de la medida.",
            required=True,
            unique=True,
            pattern=r"RP\d{2,}",
        ),
        field("instrument", "string", "Kind of legal instrument.", "Tipo de norma.", required=True),
        field("instrument_number", "string", "Its number, as published.", "Su número, según se publicó."),
        field("date", "date", "Date of the instrument.", "Fecha de la norma."),
        field("issuer", "string", "Who issued it.", "Quién la emitió.", required=True),
        field(
            "beneficiary",
            "string",
            "Whom it pays: the families of the dead, the seriously injured, the injured, or other.",
            "A quién beneficia: familias de los fallecidos, heridos graves, heridos u otros.",
            required=True,
            enum=BENEFICIARIES,
        ),
        field("amount", "number", "Amount, as published.", "Monto, según se publicó.", minimum=0),
        field("currency", "string", "Currency (ISO 4217).", "Moneda (ISO 4217).", pattern=r"[A-Z]{3}"),
        field(
            "amount_unit",
            "string",
            "What the amount is: per person, per family, the total, or the most the total may reach.",
            "Qué es el monto: por persona, por familia, el total o lo más que puede alcanzar el total.",
            enum=AMOUNT_UNITS,
        ),
        count_field(
            "beneficiaries",
            "People paid or to be paid (relatives, or the injured themselves), as published.",
            "Personas que reciben el pago (familiares, o los propios heridos), según se publicó.",
        ),
        count_field(
            "people_covered",
            "Dead or injured people whose case the measure covers, as published.",
            "Personas fallecidas o heridas cuyo caso cubre la medida, según se publicó.",
        ),
        field("source_id", "string", "Source of the measure.", "Fuente de la medida.", required=True),
        field("notes", "string", "Notes.", "Notas."),
    ],
    "primaryKey": ["reparation_id"],
    "foreignKeys": [{"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}],
    "missingValues": MISSING,
}
