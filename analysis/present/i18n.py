"""Words and number formats of the report's editions (English and Spanish)."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers

LANGS = ("en", "es")

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}
MONTHS_SHORT = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
}

# Labels of categorical values and table headers, by key.
LABELS: dict[str, dict[str, str]] = {
    # categories
    "clash_civilian": {"en": "Civilians killed in clashes", "es": "Civiles muertos en enfrentamientos"},
    "roadblock_related": {"en": "Deaths linked to roadblocks", "es": "Muertes vinculadas a bloqueos"},
    "police": {"en": "Police officers", "es": "Policías"},
    "soldier": {"en": "Soldiers", "es": "Militares"},
    "other": {"en": "Other", "es": "Otras"},
    "total": {"en": "Total", "es": "Total"},
    # short category labels for narrow tables
    "clash_civilian_short": {"en": "Clashes", "es": "Enfrent."},
    "roadblock_related_short": {"en": "Roadblocks", "es": "Bloqueos"},
    "police_short": {"en": "Police", "es": "Policías"},
    "soldier_short": {"en": "Soldiers", "es": "Militares"},
    "other_short": {"en": "Other", "es": "Otras"},
    # mechanisms
    "firearm": {"en": "firearm", "es": "arma de fuego"},
    "pellets": {"en": "pellets", "es": "perdigones"},
    "tear_gas_canister": {"en": "tear-gas canister", "es": "bomba lacrimógena"},
    "blunt_force": {"en": "blunt force", "es": "traumatismo contuso"},
    "burns": {"en": "burns", "es": "quemaduras"},
    "drowning": {"en": "drowning", "es": "ahogamiento"},
    "traffic_accident": {"en": "traffic accident", "es": "accidente de tránsito"},
    "lack_of_care": {"en": "lack of care", "es": "falta de atención"},
    "unknown": {"en": "unknown", "es": "desconocido"},
    # alleged forces
    "force_army": {"en": "Army", "es": "Ejército"},
    "force_police": {"en": "Police", "es": "Policía"},
    "force_unknown": {"en": "Unknown", "es": "Desconocida"},
    "force_not_applicable": {"en": "Not applicable", "es": "No aplica"},
    "sex_unknown": {"en": "unknown", "es": "desconocido"},
    # confidence
    "high": {"en": "high", "es": "alta"},
    "medium": {"en": "medium", "es": "media"},
    "low": {"en": "low", "es": "baja"},
    # sex
    "M": {"en": "male", "es": "hombre"},
    "F": {"en": "female", "es": "mujer"},
    # waves
    "wave1": {"en": "First wave ({start} to {end})", "es": "Primera ola ({start} a {end})"},
    "wave2": {"en": "Second wave (from {start})", "es": "Segunda ola (desde el {start})"},
    # scopes, kinds
    "national": {"en": "national", "es": "nacional"},
    "event": {"en": "event", "es": "hecho"},
    "official": {"en": "official", "es": "oficial"},
    "intergovernmental": {"en": "intergovernmental", "es": "intergubernamental"},
    "ngo": {"en": "NGO", "es": "ONG"},
    "media": {"en": "media", "es": "prensa"},
    "academic": {"en": "academic", "es": "académica"},
    # exclusion reasons
    "not_in_civil_registry": {"en": "not in the civil registry", "es": "no figura en el registro civil"},
    "found_alive": {"en": "found alive", "es": "persona viva"},
    "double_count": {"en": "double count", "es": "doble conteo"},
    "unrelated": {"en": "not shown to be linked to the protests", "es": "sin vínculo demostrado con las protestas"},
    "not_confirmed": {"en": "never confirmed", "es": "nunca confirmada"},
    "insufficient_data": {"en": "too little to identify", "es": "datos insuficientes para identificar"},
    "outside_period": {
        "en": "later protest wave, outside this record",
        "es": "ola de protestas posterior, fuera de este registro",
    },
    # lists
    "list_defensoria": {"en": "Defensoría del Pueblo", "es": "Defensoría del Pueblo"},
    "list_iachr": {"en": "IACHR (Annex I)", "es": "CIDH (Anexo I)"},
    "list_hrw": {"en": "Human Rights Watch", "es": "Human Rights Watch"},
    "list_amnesty": {"en": "Amnesty International", "es": "Amnistía Internacional"},
    "list_fiscalia": {"en": "Fiscalía (prosecutors)", "es": "Fiscalía"},
    # models
    "model_none": {"en": "no model (too few data)", "es": "ningún modelo (datos insuficientes)"},
    # column headers
    "name": {"en": "Name as published", "es": "Nombre publicado"},
    "age": {"en": "Age", "es": "Edad"},
    "sex": {"en": "Sex", "es": "Sexo"},
    "date_died": {"en": "Died", "es": "Falleció"},
    "date_injured": {"en": "Injured", "es": "Herido"},
    "date": {"en": "Date", "es": "Fecha"},
    "place": {"en": "Place", "es": "Lugar"},
    "department": {"en": "Department", "es": "Departamento"},
    "category": {"en": "Category", "es": "Categoría"},
    "sources": {"en": "Sources", "es": "Fuentes"},
    "deaths": {"en": "Deaths", "es": "Muertes"},
    "injured": {"en": "Injured", "es": "Heridos"},
    "reporter": {"en": "Reported by", "es": "Informado por"},
    "report_date": {"en": "Report date", "es": "Fecha del informe"},
    "reported": {"en": "Reported", "es": "Informado"},
    "reconstructed": {"en": "In this record", "es": "En este registro"},
    "tolls_published": {"en": "Tolls published", "es": "Balances publicados"},
    "deaths_reported_range": {"en": "Deaths reported (lowest–highest)", "es": "Muertes informadas (mín.–máx.)"},
    "deaths_latest": {"en": "Latest toll: deaths (date)", "es": "Último balance: muertes (fecha)"},
    "injured_reported_range": {"en": "Injured reported (lowest–highest)", "es": "Heridos informados (mín.–máx.)"},
    "source": {"en": "Source", "es": "Fuente"},
    "claim": {"en": "Claim", "es": "Afirmación"},
    "event_name": {"en": "Event", "es": "Hecho"},
    "population": {"en": "Population 2022", "es": "Población 2022"},
    "rate": {"en": "Rate per 100,000", "es": "Tasa por 100.000"},
    "ci": {"en": "95% interval", "es": "Intervalo 95%"},
    "share_deaths": {"en": "Share of deaths (%)", "es": "Porcentaje de muertes"},
    "share_population": {"en": "Share of population (%)", "es": "Porcentaje de población"},
    "field": {"en": "Field", "es": "Campo"},
    "type": {"en": "Type", "es": "Tipo"},
    "description": {"en": "Description", "es": "Descripción"},
    "table": {"en": "Table", "es": "Tabla"},
    "victim_id": {"en": "ID", "es": "ID"},
}


# Decimals of each kind of number, the same in prose, tables and figure titles.
DECIMALS = {"share": 1, "rate": 2, "rate_ratio": 1, "irr": 2}

# What a count counts: its noun, (singular, plural), in each edition. Named counts record their unit, so
# that the prose gets the number and its noun together and a test can catch a count printed with the
# noun of another unit.
NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "death": {"en": ("death", "deaths"), "es": ("muerte", "muertes")},
    "person": {"en": ("person", "people"), "es": ("persona", "personas")},
    "injured": {"en": ("injured", "injured"), "es": ("herido", "heridos")},
    "severely_injured": {"en": ("severely injured", "severely injured"), "es": ("herido grave", "heridos graves")},
    "incident": {"en": ("incident", "incidents"), "es": ("hecho", "hechos")},
    "fatal_incident": {"en": ("fatal incident", "fatal incidents"), "es": ("hecho fatal", "hechos fatales")},
    "toll": {"en": ("toll", "tolls"), "es": ("balance", "balances")},
    "national_toll": {"en": ("national toll", "national tolls"), "es": ("balance nacional", "balances nacionales")},
    "source": {"en": ("source", "sources"), "es": ("fuente", "fuentes")},
    "department": {"en": ("department", "departments"), "es": ("departamento", "departamentos")},
    "publisher": {"en": ("publisher", "publishers"), "es": ("medio o entidad", "medios o entidades")},
    "reporter": {"en": ("reporter", "reporters"), "es": ("informante", "informantes")},
    "report": {"en": ("report", "reports"), "es": ("informe", "informes")},
    "day": {"en": ("day", "days"), "es": ("día", "días")},
    # deaths of one category
    "clash_civilian": {
        "en": ("civilian killed in clashes", "civilians killed in clashes"),
        "es": ("civil muerto en enfrentamientos", "civiles muertos en enfrentamientos"),
    },
    "roadblock_related": {
        "en": ("death linked to roadblocks", "deaths linked to roadblocks"),
        "es": ("muerte vinculada a bloqueos", "muertes vinculadas a bloqueos"),
    },
    "police": {"en": ("police officer", "police officers"), "es": ("policía", "policías")},
    "soldier": {"en": ("soldier", "soldiers"), "es": ("militar", "militares")},
}


def noun(unit: str, n: float, lang: str) -> str:
    """The noun of `unit` in the grammatical number that `n` takes (singular only for exactly 1; None: plural)."""
    singular, plural = NOUNS[unit][lang]
    return singular if n == 1 else plural


def count(n: int, unit: str, lang: str) -> str:
    """A count with its noun: "1 death", "0 deaths", "1.327 muertes"."""
    return f"{number(n, lang)} {noun(unit, n, lang)}"


def label(key: str, lang: str) -> str:
    """The edition's word for a key; unknown keys are returned unchanged (e.g. place names)."""
    return LABELS.get(key, {}).get(lang, key)


def rounded(value: float, decimals: int = 0) -> decimal.Decimal:
    """`value` rounded to `decimals` places, halves away from zero (81.25 -> 81.3, as a reader rounds by hand),
    from its shortest decimal form, so that 2.675 rounds to 2.68 although its binary value lies below."""
    return decimal.Decimal(repr(float(value))).quantize(decimal.Decimal(1).scaleb(-decimals), decimal.ROUND_HALF_UP)


def number(value: float | int, lang: str, decimals: int = 0) -> str:
    """1,327 / 9.5 in English; 1.327 / 9,5 in Spanish. Missing values print as an en dash."""
    if not isinstance(value, numbers.Real) or math.isnan(value):  # None, NaN, pandas' NA
        return "–"
    text = f"{rounded(value, decimals):,.{decimals}f}"
    if lang == "es":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def date(value: dt.date, lang: str, year: bool = True) -> str:
    """10 January 2023 / 10 de enero de 2023."""
    month = MONTHS[lang][value.month - 1]
    if lang == "es":
        return f"{value.day} de {month}" + (f" de {value.year}" if year else "")
    return f"{value.day} {month}" + (f" {value.year}" if year else "")


def date_short(value: dt.date, lang: str) -> str:
    """10 Jan 2023 / 10 ene 2023 (for tables)."""
    return f"{value.day} {MONTHS_SHORT[lang][value.month - 1]} {value.year}"


def localized(frame, lang: str):
    """A table whose event `name` is in the edition's language (events carry `name` and `name_es`)."""
    if lang == "es" and "name_es" in frame.columns:
        return frame.assign(name=frame["name_es"])
    return frame
