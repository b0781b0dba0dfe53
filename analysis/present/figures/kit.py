"""What every figure shares: its texts (`figures` in the text files), number and date axes, titles and source lines."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
from matplotlib import ticker

from .. import i18n


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
    """A figure's text in the edition's language (`figures.<key>` in the text files) with values filled in."""
    return i18n.text(f"figures.{key}", lang, **values)


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
