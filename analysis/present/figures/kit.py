"""What every figure shares: its strings in both languages, number and date axes, titles and source lines."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
from matplotlib import ticker

from .. import i18n

TEXT = {
    "source": {
        "en": "Data: release {release} of the Peru protest deaths record",
        "es": "Datos: versión {release} del registro de muertes en las protestas de Perú",
    },
    "source_victims": {"en": "one row per person, with sources.", "es": "una fila por persona, con fuentes."},
    "source_tallies": {"en": "reported tolls as published.", "es": "balances tal como se publicaron."},
    "source_pop": {
        "en": "population: INEI 2022 projection (district figures from a public compilation).",
        "es": "población: proyección INEI 2022 (cifras distritales de una recopilación pública).",
    },
    "cum_title": {
        "en": "{total} deaths recorded by {date}",
        "es": "{total} muertes registradas hasta el {date}",
    },
    "cum_y": {"en": "Deaths (cumulative)", "es": "Muertes (acumuladas)"},
    "cum_line": {"en": "This record, by date of death", "es": "Este registro, por fecha de muerte"},
    "daily_title": {
        "en": "{share}% of deaths happened on the {n} deadliest days",
        "es": "El {share}% de las muertes ocurrió en los {n} días más letales",
    },
    "daily_y": {"en": "Deaths per day (by date of incident)", "es": "Muertes por día (fecha del hecho)"},
    "map_title": {
        "en": "{share}% of the deaths were in the south, home to {population}% of Peru's residents",
        "es": "El {share}% de las muertes ocurrió en el sur, donde vive el {population}% de la población del Perú",
    },
    "map_scale": {"en": "Deaths per 100,000 people", "es": "Muertes por cada 100.000 habitantes"},
    "map_none": {"en": "No deaths", "es": "Sin muertes"},
    "map_south": {"en": "South (macro-region Sur)", "es": "Sur (macrorregión Sur)"},
    "map_sizes": {"en": "Deaths in a fatal incident", "es": "Muertes en un hecho fatal"},
    "map_inset": {"en": "{department}, enlarged", "es": "{department}, ampliado"},
    "source_map": {
        "en": "Boundaries: Natural Earth (public domain). Incidents at the capital of their district or province "
        "(INEI codes; coordinates: ubigeo-peru-aumentado).",
        "es": "Límites: Natural Earth (dominio público). Hechos en la capital de su distrito o provincia "
        "(códigos INEI; coordenadas: ubigeo-peru-aumentado).",
    },
    "age_title": {
        "en": "{minors} of the people who died were minors; median age {median}",
        "es": "{minors} de las personas fallecidas eran menores de edad; mediana de edad {median}",
    },
    "age_x": {"en": "Age group (years)", "es": "Grupo de edad (años)"},
    "age_y": {"en": "Deaths", "es": "Muertes"},
    "unknown_age": {"en": "unknown", "es": "desconocida"},
    "disc_title": {
        "en": "Sources disagree on the death toll of {n} events",
        "es": "Las fuentes discrepan sobre el número de muertes en {n} hechos",
    },
    "disc_x": {"en": "Deaths reported for the event", "es": "Muertes informadas para el hecho"},
    "disc_record": {"en": "This record", "es": "Este registro"},
    "disc_published": {
        "en": "Published tolls (area: number of reports)",
        "es": "Balances publicados (área: número de informes)",
    },
    "cum_others": {"en": "Other reporters", "es": "Otras fuentes"},
    "cum_no_total": {
        "en": "Toll without a total (by category only)",
        "es": "Balance sin total (solo por categoría)",
    },
    "cum_later": {"en": "Later reports", "es": "Informes posteriores"},
    "cum_record_total": {"en": "This record, total", "es": "Este registro, total"},
}


def numbers(axis, lang: str, decimals: int = 0) -> None:
    """Tick labels with the edition's decimal mark (0,5 in Spanish)."""
    axis.set_major_formatter(ticker.FuncFormatter(lambda x, _: i18n.number(x, lang, decimals)))


def set_title(ax, text: str, width: int = 64) -> None:
    """A figure title stating the finding, wrapped so that it never runs off the figure."""
    ax.set_title(textwrap.fill(text, width))


def inside_axes(artist):
    """Leave an artist placed inside the axes out of `tight_layout`'s measurements.

    It cannot change the margins, and measuring text is most of the layout's cost (the figures
    come out the same without it).
    """
    artist.set_in_layout(False)
    return artist


def t(key: str, lang: str, **values) -> str:
    """A figure string in the edition's language with values filled in."""
    return TEXT[key][lang].format(**values)


def source_text(release: str, lang: str, extra: str | None = None) -> str:
    """The source line: the data release, then what the figure draws from it (if anything is said)."""
    parts = [t("source", lang, release=release)] + ([t(extra, lang)] if extra else [])
    return "; ".join(parts)


def _date_axis(ax, lang: str) -> None:
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_minor_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
    ax.xaxis.set_major_formatter(
        ticker.FuncFormatter(lambda x, _: i18n.date_short(mdates.num2date(x).date(), lang).split(" ", 1)[1])
    )
