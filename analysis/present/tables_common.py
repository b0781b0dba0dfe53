"""What the Markdown table builders share: captions, column headers and cell formatting."""

from __future__ import annotations

import pandas as pd

from . import escape, i18n
from .i18n import label

CAPTIONS = {
    "tolls": {
        "en": (
            "National death tolls as published, next to the deaths in this record that had occurred by "
            "each report date."
        ),
        "es": (
            "Balances nacionales de muertes tal como se publicaron, junto a las muertes de este registro "
            "ocurridas hasta la fecha de cada informe."
        ),
    },
    "seed": {
        "en": (
            "The seed article's figures next to other reporters' figures published on the same day or the day "
            "before (each reporter's last toll of the day), and this record's count of the deaths that had "
            "occurred by that date, by category where it mixes several. Injured as each reporter counts them: the "
            "seed article's are those it calls severely injured."
        ),
        "es": (
            "Las cifras del artículo de origen junto a las de otras fuentes publicadas el mismo día o el anterior "
            "(el último balance del día de cada una), y el recuento de este registro de las muertes ocurridas "
            "hasta esa fecha, por categoría cuando mezcla varias. Heridos según los cuenta cada fuente: los del "
            "artículo de origen son los que llama heridos graves."
        ),
    },
    "waves": {
        "en": "Deaths by wave (date of the fatal incident) and category.",
        "es": "Muertes por ola (fecha del hecho fatal) y categoría.",
    },
    "departments": {
        "en": (
            "Deaths by department and category, with rates per 100,000 (exact Poisson 95% intervals) and "
            "the rate ratio against the rest of Peru."
        ),
        "es": (
            "Muertes por departamento y categoría, con tasas por 100.000 habitantes (intervalos de Poisson "
            "exactos al 95%) y la razón de tasas frente al resto del Perú."
        ),
    },
    "macroregions": {"en": "Deaths and rates by macro-region.", "es": "Muertes y tasas por macrorregión."},
    "events": {
        "en": "Lethal events: deaths in this record, and the death tolls published for each event in this release: "
        "how many, their lowest and highest counts of deaths and of injured, and the latest toll (the last one "
        "published on the latest day; empty when that day's tolls disagree and their order is not known).",
        "es": "Hechos letales: muertes en este registro y los balances publicados de cada hecho en esta versión: "
        "cuántos, sus cifras mínima y máxima de muertos y de heridos, y el último balance (el último publicado el "
        "día más reciente; vacío cuando los balances de ese día discrepan y no se conoce su orden).",
    },
    "event_claims": {
        "en": "Every published death toll of an event on which sources disagree.",
        "es": "Todos los balances publicados de los hechos sobre los que las fuentes discrepan.",
    },
    "victims": {
        "en": (
            "The people who died, by date of death. Cause and alleged responsible force as the sources state "
            "them; confidence rating of each record. Minors are identified by their initials."
        ),
        "es": (
            "Las personas fallecidas, por fecha de muerte. Causa y fuerza presuntamente responsable según las "
            "fuentes; grado de confianza de cada registro. Los menores de edad se identifican por sus iniciales."
        ),
    },
    "mechanisms": {
        "en": "Deaths by cause (as the sources state it) and alleged responsible force.",
        "es": "Muertes por causa (según las fuentes) y fuerza presuntamente responsable.",
    },
    "sensitivity": {
        "en": (
            "Regional results under three inclusion rules, with and without the two largest incidents: "
            "rate ratio with its exact interval (independent deaths), and the IRR of Indigenous share in the "
            "joint Poisson model with its profile-likelihood interval scaled by the Pearson dispersion."
        ),
        "es": (
            "Resultados regionales con tres reglas de inclusión, con y sin los dos hechos con más muertes: razón de "
            "tasas con su intervalo exacto (muertes independientes), y RTI del porcentaje indígena en el modelo "
            "de Poisson conjunto con su intervalo de verosimilitud perfil escalado por la dispersión de Pearson."
        ),
    },
    "delays": {
        "en": "People who died on a later day than the one on which they were injured.",
        "es": "Personas que murieron un día posterior al de la lesión.",
    },
    "timeline": {
        "en": "Key dates of the political crisis documented in this release.",
        "es": "Fechas clave de la crisis política documentadas en esta versión.",
    },
    "claims": {
        "en": (
            "Claims published in the seed article and elsewhere, next to the value this record gives for "
            "the same quantity."
        ),
        "es": (
            "Afirmaciones publicadas en el artículo de origen y en otros medios, junto al valor que da "
            "este registro para la misma magnitud."
        ),
    },
    "reconciliation": {
        "en": (
            "The largest national count of each major reporter: its total, or where it gave only counts by "
            "category, their sum (reported / this record for the same period, which ends on the last day the "
            "count covers where the reporter states it, else on its report date; – where the reporter gave no "
            "figure)."
        ),
        "es": (
            "El mayor conteo nacional de cada fuente principal: su total o, cuando solo dio cifras por categoría, "
            "su suma (informado / este registro para el mismo período, que termina el último día que cubre el "
            "conteo cuando la fuente lo indica, si no en la fecha del informe; – cuando la fuente no dio cifra)."
        ),
    },
    "crosswalk": {
        "en": "People of this record known to be on each major list, as far as the lists could be read.",
        "es": (
            "Personas de este registro que se sabe que figuran en cada lista principal, en la medida en "
            "que las listas pudieron leerse."
        ),
    },
    "excluded": {
        "en": "Reported deaths this record does not count, with the reason.",
        "es": "Muertes informadas que este registro no cuenta, con el motivo.",
    },
    "dictionary": {
        "en": "Data dictionary of the release, generated from its schema.",
        "es": "Diccionario de datos de la versión, generado a partir de su esquema.",
    },
}
HEADERS = {
    "rr": {"en": "Rate ratio vs rest (95%)", "es": "Razón de tasas vs. resto (95%)"},
    "figure": {"en": "Figure", "es": "Cifra"},
    "seed_article": {"en": "Seed article", "es": "Artículo de origen"},
    "this_record": {"en": "This record", "es": "Este registro"},
    "national_toll": {"en": "National toll", "es": "Balance nacional"},
    "term": {"en": "Term", "es": "Término"},
    "irr": {"en": "IRR", "es": "RTI"},
    "p": {"en": "p", "es": "p"},
    "indigenous_10pt": {"en": "Indigenous share (+10 points)", "es": "Población indígena (+10 puntos)"},
    "castillo_10pt": {"en": "Castillo 2021 vote (+10 points)", "es": "Voto por Castillo 2021 (+10 puntos)"},
    "definition": {"en": "Deaths included", "es": "Muertes incluidas"},
    "largest_incidents": {"en": "Two largest incidents", "es": "Los dos hechos con más muertes"},
    "share_indig": {"en": "Share in Indigenous-majority depts. (%)", "es": "En dptos. de mayoría indígena (%)"},
    "rr_indig": {"en": "Rate ratio (95%)", "es": "Razón de tasas (95%)"},
    "irr_indig": {"en": "IRR Indigenous +10 pts (95%)", "es": "RTI indígena +10 pts (95%)"},
    "clashes": {"en": "Clashes only", "es": "Solo enfrentamientos"},
    "clashes_roadblocks": {"en": "Clashes and roadblocks", "es": "Enfrentamientos y bloqueos"},
    "all": {"en": "All, incl. security forces", "es": "Todas, incl. fuerzas del orden"},
    "included": {"en": "included", "es": "incluidas"},
    "excluded": {"en": "excluded", "es": "excluidas"},
    "mechanism": {"en": "Cause", "es": "Causa"},
    "alleged_force": {"en": "Alleged force", "es": "Fuerza presunta"},
    "confidence": {"en": "Confidence", "es": "Confianza"},
    "macroregion": {"en": "Macro-region", "es": "Macrorregión"},
    "wave": {"en": "Wave", "es": "Ola"},
    "share": {"en": "Share (%)", "es": "Porcentaje"},
    "what": {"en": "What happened", "es": "Qué ocurrió"},
    "period_end": {"en": "Period to", "es": "Período hasta"},
    "added": {"en": "Added", "es": "Añadidos"},
    "records": {"en": "Records", "es": "Registros"},
    "days": {"en": "Days", "es": "Días"},
    "removed": {"en": "Removed", "es": "Retirados"},
    "changed": {"en": "Changed", "es": "Modificados"},
    "list": {"en": "List", "es": "Lista"},
    "listed": {"en": "On the list", "es": "En la lista"},
    "not_listed": {"en": "Not on the list", "es": "Fuera de la lista"},
    "not_established": {"en": "Not established", "es": "Sin determinar"},
    "reason": {"en": "Reason not counted", "es": "Motivo por el que no se cuenta"},
    "claimant": {"en": "Claimed by", "es": "Afirmado por"},
    "claim_text": {"en": "Claim", "es": "Afirmación"},
    "claimed": {"en": "Claimed", "es": "Cifra afirmada"},
    "at_least": {"en": "at least", "es": "al menos"},
    "about": {"en": "about", "es": "alrededor de"},
    "close_to": {"en": "close to", "es": "cerca de"},
    "exact": {"en": "", "es": ""},
}


def h(key: str, lang: str) -> str:
    """A table header in the edition's language (table-specific first, then shared labels)."""
    return HEADERS[key][lang] if key in HEADERS else label(key, lang)


def interval(low: float, high: float, lang: str, decimals: int = 1) -> str:
    """'1.2–3.4' with the edition's decimal mark."""
    return f"{i18n.number(low, lang, decimals)}–{i18n.number(high, lang, decimals)}"


def cite(ids: str) -> str:
    """Pandoc citation of `;`-separated source ids (`escape.Markdown`, passed through by the table cells)."""
    return escape.markdown_citation(ids)


def place(row: pd.Series) -> str:
    """'District, Department' (or the province where no district is known)."""
    parts = [row.get("district"), row.get("province"), row.get("department_name")]
    named = [p for p in parts if isinstance(p, str) and p]
    return ", ".join(dict.fromkeys([named[0], named[-1]])) if named else "–"
