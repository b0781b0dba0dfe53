"""The report's figures, drawn from analysis results in the edition's language."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.patches import Rectangle

from . import i18n, paths, trajectory
from .i18n import label
from .schema import CATEGORIES
from .style import CATEGORY_COLOURS, MARKERS, OKABE_ITO, REPORTER_COLOURS, figure, save, source_line

TEXT = {
    "source": {
        "en": "Data: release {release} of the Peru protest deaths record",
        "es": "Datos: versión {release} del registro de muertes en las protestas de Perú",
    },
    "source_victims": {"en": "one row per person, with sources.", "es": "una fila por persona, con fuentes."},
    "source_tallies": {"en": "reported tolls as published.", "es": "balances tal como se publicaron."},
    "source_pop": {"en": "population: INEI projection 2022.", "es": "población: proyección INEI 2022."},
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
    "rates_title": {
        "en": "{dept}: {rate} deaths per 100,000 people, the highest rate",
        "es": "{dept}: {rate} muertes por cada 100.000 habitantes, la tasa más alta",
    },
    "rates_x": {
        "en": "Deaths per 100,000 people (exact Poisson 95% interval)",
        "es": "Muertes por cada 100.000 habitantes (intervalo de Poisson exacto al 95%)",
    },
    "map_title": {
        "en": "Deaths by department: {n} of 25 departments recorded deaths",
        "es": "Muertes por departamento: {n} de 25 departamentos registraron muertes",
    },
    "map_scale": {"en": "Deaths per 100,000 people", "es": "Muertes por cada 100.000 habitantes"},
    "map_number": {"en": "Number in a square: deaths", "es": "Número en cada casilla: muertes"},
    "map_none": {"en": "No deaths", "es": "Sin muertes"},
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


NO_DEATHS = "#f2f2f2"  # the map's tile of a department without deaths
STYLED_REPORTERS = 6  # the palette's yellow (faint on white) and black (this record's line) are left out
TOLL_GID = "national-tolls"  # SVG id prefix of every group of toll markers (tests count the markers in them)


def reporter_styles(tolls: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Colour and marker of each reporter with at least three tolls (most tolls first, then by name);
    the others share one grey marker."""
    counts = tolls["reporter"].value_counts()
    frequent = sorted((r for r in counts.index if counts[r] >= 3), key=lambda r: (-counts[r], r))
    return {r: (REPORTER_COLOURS[i], MARKERS[i]) for i, r in enumerate(frequent[:STYLED_REPORTERS])}


def draw_tolls(ax, x, tolls: pd.DataFrame, styles: dict, lang: str, gid: str) -> int:
    """Markers for national tolls at positions `x`: a reporter's symbol at the published total, or, for a
    toll that gives only counts by category, a tick on the horizontal axis. Returns the number drawn."""
    x = pd.Series(list(x), index=tolls.index)
    has_total = tolls["total_deaths"].notna()
    drawn = 0
    groups = [(r, tolls["reporter"] == r) for r in styles] + [(None, ~tolls["reporter"].isin(list(styles)))]
    for number, (reporter, chosen) in enumerate(groups, start=1):
        rows = tolls[chosen & has_total]
        if rows.empty:
            continue
        colour, marker = styles[reporter] if reporter else (OKABE_ITO["grey"], "o")
        points = ax.scatter(
            x[rows.index],
            rows["total_deaths"].astype(float),
            s=20 if reporter else 14,
            marker=marker,
            color=colour,
            zorder=3 if reporter else 2,
            label=reporter or t("cum_others", lang),
            alpha=0.9 if reporter else 0.75,
        )
        points.set_gid(f"{gid}-{number if reporter else 'others'}")
        drawn += len(rows)
    without = tolls[~has_total]
    if len(without):
        ticks = ax.scatter(
            x[without.index],
            np.zeros(len(without)),
            marker="|",
            s=90,
            lw=1.4,
            color="#444444",
            clip_on=False,
            zorder=4,
            label=t("cum_no_total", lang),
        )
        ticks.set_gid(f"{gid}-without-total")
        drawn += len(without)
    return drawn


def cumulative_vs_reported(
    daily: pd.DataFrame, gap: pd.DataFrame, events: pd.DataFrame, release: str, lang: str, path: Path
) -> Path:
    """Cumulative deaths in this record (step line) against every national toll of the release (markers).

    The time axis ends shortly after the last death. Tolls published later (the official and
    human-rights reports of the following months and years) stand in a second panel, one slot per
    toll in date order, next to this record's final count. A toll that gives only counts by category
    is a tick on the horizontal axis. Each group of markers has an SVG id starting with `TOLL_GID`.
    """
    last = daily.loc[daily["total"] > 0, "date"].max()
    end = trajectory.later_cutoff(daily)
    tolls = gap.sort_values(["report_date", "reporter"], kind="stable")
    early, late = tolls[tolls["report_date"] <= end], tolls[tolls["report_date"] > end]
    if len(late):
        fig, (ax, ax_late) = figure(
            4.6, ncols=2, sharey=True, gridspec_kw={"width_ratios": [4.2, 0.42 + 0.22 * len(late)]}
        )
    else:
        fig, ax = figure(4.2)
    styles = reporter_styles(tolls[tolls["total_deaths"].notna()])
    ax.step(
        daily["date"], daily["cumulative"], where="post", color=OKABE_ITO["black"], lw=1.8, label=t("cum_line", lang)
    )
    drawn = draw_tolls(ax, early["report_date"], early, styles, lang, TOLL_GID)
    start = daily["date"].min() - pd.Timedelta(days=2)
    top = max(float(daily["cumulative"].max()), float(tolls["total_deaths"].max()))
    for _, event in events.head(2).iterrows():
        y = daily.loc[daily["date"] <= event["date_start"], "cumulative"].max()
        # Below the step, where no toll is plotted, on the side of the event with more room.
        right = (event["date_start"] - start) / (end - start) < 0.6
        ax.annotate(
            event["name"],
            xy=(event["date_start"], y),
            xytext=(event["date_start"] + pd.Timedelta(days=5 if right else -5), max(0.5 * y, 0.14 * top)),
            fontsize=7,
            ha="left" if right else "right",
            va="center",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.9},
            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6},
        )
    ax.set_xlim(start, end)
    _date_axis(ax, lang)
    ax.set_ylabel(t("cum_y", lang))
    ax.set_ylim(0, top * 1.06)
    numbers(ax.yaxis, lang)
    total = int(daily["cumulative"].iloc[-1])
    title = t("cum_title", lang, total=total, date=i18n.date(last.date(), lang))
    if len(late):  # over both panels
        fig.suptitle(textwrap.fill(title, 70), x=0.01, ha="left", fontsize=10, fontweight="bold")
    else:
        set_title(ax, title)
    if len(late):
        ax_late.axhline(total, color=OKABE_ITO["black"], lw=1.2, ls=(0, (3, 2)), zorder=1)
        ax_late.text(-0.5, total + 0.01 * top, t("cum_record_total", lang), fontsize=6.3, va="bottom", in_layout=False)
        drawn += draw_tolls(ax_late, range(len(late)), late, styles, lang, TOLL_GID + "-later")
        ax_late.set_xlim(-0.6, len(late) - 0.4)
        ax_late.set_xticks(
            range(len(late)),
            [f"{r.reporter}, {i18n.date_short(r.report_date.date(), lang)}" for r in late.itertuples()],
            rotation=90,
            fontsize=6.3,
        )
        ax_late.tick_params(axis="y", left=False)
        ax_late.grid(axis="x", visible=False)
        ax_late.spines["left"].set_visible(False)
        ax_late.set_title(t("cum_later", lang), fontsize=7.5, fontweight="normal", loc="left")
    if drawn != len(gap):
        raise ValueError(f"figure 1 draws {drawn} of {len(gap)} national tolls")
    handles, labels = ax.get_legend_handles_labels()
    if len(late):  # reporters seen only in the later panel belong in the legend too
        for handle, name in zip(*ax_late.get_legend_handles_labels()):
            if name not in labels:
                handles.append(handle)
                labels.append(name)
    source_line(fig, source_text(release, lang, "source_tallies"))
    if len(late):  # the legend goes under the first panel, beside the second panel's long labels
        fig.tight_layout(rect=(0, 0.04, 1, 1), w_pad=0.6)
        box = ax.get_position()
        anchor = (box.x0 - 0.07, box.y0 - 0.075, box.x1 - box.x0 + 0.07, 0.0)
        fig.legend(handles, labels, loc="upper left", bbox_to_anchor=anchor, ncol=2, fontsize=6.3)
    else:
        fig.tight_layout(rect=(0, 0.2, 1, 1))
        fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 0.045), ncol=3, fontsize=6.5)
    return save(fig, path)


def daily_by_category(daily: pd.DataFrame, deadliest: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """Stacked daily deaths per category (by incident date)."""
    fig, ax = figure(3.4)
    bottom = np.zeros(len(daily))
    for category in CATEGORIES:
        values = daily[category].to_numpy()
        drawn = values > 0  # days without deaths in this category add no bar (and no SVG element)
        if not drawn.any():
            continue
        ax.bar(
            daily["date"][drawn],
            values[drawn],
            bottom=bottom[drawn],
            width=0.9,
            color=CATEGORY_COLOURS[category],
            label=label(category, lang),
        )
        bottom += values
    # The axis spans every day of the table, with or without deaths (as bars of every day would).
    half_day = pd.Timedelta(hours=12)
    span = mdates.date2num([daily["date"].min() - half_day, daily["date"].max() + half_day])
    ax.update_datalim([(span[0], 0), (span[1], 0)], updatey=False)
    ax.autoscale_view()
    _date_axis(ax, lang)
    ax.set_ylabel(t("daily_y", lang))
    numbers(ax.yaxis, lang)
    ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    share = i18n.number(deaths_share(deadliest), lang)
    set_title(ax, t("daily_title", lang, share=share, n=len(deadliest)))
    inside_axes(ax.legend(loc="upper right"))
    source_line(fig, source_text(release, lang, "source_victims"))
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return save(fig, path)


def deaths_share(deadliest: pd.DataFrame) -> float:
    """Share of all deaths on the listed days."""
    return float(deadliest["share"].sum())


def department_rates(rates: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """Dot-and-interval plot of death rates for departments with at least one death."""
    data = rates[rates["total"] > 0].sort_values("rate")
    fig, ax = figure(0.9 + 0.28 * max(len(data), 3))
    y = np.arange(len(data))
    ax.errorbar(
        data["rate"],
        y,
        xerr=[data["rate"] - data["rate_low"], data["rate_high"] - data["rate"]],
        fmt="o",
        color=OKABE_ITO["blue"],
        ecolor="#8fb8d8",
        elinewidth=2,
        capsize=0,
        ms=4,
    )
    ax.set_yticks(y, [f"{d} ({k})" for d, k in zip(data["department"], data["total"])])
    ax.set_xlabel(t("rates_x", lang))
    ax.set_xlim(left=0)
    numbers(ax.xaxis, lang, 1)
    ax.grid(axis="y", visible=False)
    top = data.iloc[-1]
    set_title(ax, t("rates_title", lang, dept=top["department"], rate=i18n.number(top["rate"], lang, 1)))
    source_line(fig, source_text(release, lang, "source_pop"))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return save(fig, path)


NICE_BREAKS = (0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100)


def rate_breaks(rates: pd.Series) -> list[float]:
    """Class limits of the map's colour scale: 0, then round numbers up to the first one at or above the
    highest rate (at most six classes: the lowest limits are dropped first)."""
    top = float(rates.max())
    upper = [b for b in NICE_BREAKS if b < top] + [next((b for b in NICE_BREAKS if b >= top), top)]
    return [0.0] + upper[-6:]


def short_number(value: float, lang: str) -> str:
    """A class limit with as many decimals as it needs (0.25, 0.5, 1) and the edition's decimal mark."""
    decimals = next(d for d in (0, 1, 2, 3) if round(value, d) == round(value, 3))
    return i18n.number(value, lang, decimals)


def empty_block(occupied: set[tuple[int, int]], rows: range, cols: range) -> bool:
    """True if no department's tile lies in the block of grid cells."""
    return not any((r, c) in occupied for r in rows for c in cols)


def tile_map(rates: pd.DataFrame, regions: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """Tile-grid map: one square per department at its grid position, shaded by rate class, labelled with
    deaths; a colour scale with labelled class limits.

    The scale and the key go into the grid's empty corners (Peru's shape leaves the bottom left and the top
    right free); if a corner is taken, below the map.
    """
    import matplotlib as mpl
    from matplotlib.colors import BoundaryNorm, ListedColormap

    data = rates.merge(regions[["ubigeo", "tile_row", "tile_col"]], on="ubigeo")
    n_rows, n_cols = int(data["tile_row"].max()) + 1, int(data["tile_col"].max()) + 1
    occupied = {(int(r), int(c)) for r, c in zip(data["tile_row"], data["tile_col"])}
    scale_free = n_cols >= 4 and empty_block(occupied, range(n_rows - 2, n_rows), range(0, 3))
    key_free = n_cols >= 5 and empty_block(occupied, range(0, 2), range(n_cols - 2, n_cols))
    extra_rows = 0 if scale_free and key_free else 2
    tile_in = 0.56  # wide enough for the longest department name at 5.6 pt
    fig, ax = figure(0.9 + tile_in * (n_rows + extra_rows))
    fig.set_figwidth(0.3 + tile_in * n_cols)
    breaks = rate_breaks(data.loc[data["total"] > 0, "rate"])
    cmap = ListedColormap(mpl.colormaps["YlOrRd"](np.linspace(0.12, 1.0, len(breaks) - 1)))
    norm = BoundaryNorm(breaks, cmap.N)
    for _, row in data.iterrows():
        x, y = int(row["tile_col"]), -int(row["tile_row"])
        has_deaths = row["total"] > 0
        colour = cmap(norm(row["rate"])) if has_deaths else NO_DEATHS
        ax.add_patch(Rectangle((x, y), 0.95, 0.95, facecolor=colour, edgecolor="white", lw=1))
        dark = has_deaths and norm(row["rate"]) >= cmap.N / 2
        for dy, text, size, weight in (
            (0.62, row["department"], 5.6, "normal"),
            (0.3, f"{int(row['total'])}", 9, "bold"),
        ):
            ax.text(
                x + 0.475,
                y + dy,
                text,
                ha="center",
                va="center",
                fontsize=size,
                fontweight=weight,
                color="white" if dark else "#222222",
                in_layout=False,  # inside its tile: see inside_axes
            )
    bottom = -(n_rows - 1) - extra_rows
    ax.set_xlim(-0.1, n_cols + 0.05)
    ax.set_ylim(bottom - 0.1, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    # The colour scale: a horizontal bar with one labelled limit per class boundary.
    scale_x, scale_y = 0.1, (-(n_rows - 1) + 0.35 if scale_free else bottom + 0.9)
    cax = ax.inset_axes((scale_x, scale_y, 2.7, 0.22), transform=ax.transData)
    bar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax, orientation="horizontal")
    bar.set_ticks(breaks, labels=[short_number(b, lang) for b in breaks])
    bar.ax.tick_params(labelsize=6.3, length=2)
    bar.outline.set_linewidth(0.5)
    cax.set_title(t("map_scale", lang), fontsize=6.8, loc="left", fontweight="normal")
    # The key: what the number says, and the colour of departments without deaths.
    key_x, key_y = (n_cols - 2 + 0.05, 0.6) if key_free else (3.2, bottom + 1.0)
    ax.add_patch(Rectangle((key_x, key_y - 0.75), 0.3, 0.3, facecolor=NO_DEATHS, edgecolor="#bbbbbb", lw=0.5))
    ax.text(key_x + 0.4, key_y - 0.6, t("map_none", lang), fontsize=6.5, va="center", in_layout=False)
    ax.text(key_x, key_y, textwrap.fill(t("map_number", lang), 17), fontsize=6.5, va="center", in_layout=False)
    fig.suptitle(
        textwrap.fill(t("map_title", lang, n=int((data["total"] > 0).sum())), 44),
        x=0.02,
        ha="left",
        fontsize=10,
        fontweight="bold",
    )
    source_line(fig, textwrap.fill(source_text(release, lang, "source_pop"), 64))
    fig.tight_layout(rect=(0, 0.045, 1, 1))
    return save(fig, path)


def age_distribution(groups: pd.DataFrame, summary: dict, release: str, lang: str, path: Path) -> Path:
    """Deaths by age group, stacked by sex."""
    fig, ax = figure(3.0)
    names = [g if g != "unknown" else t("unknown_age", lang) for g in groups["age_group"]]
    bottom = np.zeros(len(groups))
    for sex, colour in (("M", OKABE_ITO["blue"]), ("F", OKABE_ITO["orange"]), ("unknown", OKABE_ITO["grey"])):
        if sex not in groups.columns or groups[sex].sum() == 0:
            continue
        ax.bar(
            names,
            groups[sex],
            bottom=bottom,
            color=colour,
            label=label(sex if sex != "unknown" else "sex_unknown", lang),
        )
        bottom += groups[sex].to_numpy()
    ax.set_xlabel(t("age_x", lang))
    ax.set_ylabel(t("age_y", lang))
    numbers(ax.yaxis, lang)
    ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    inside_axes(ax.legend())
    median = i18n.number(summary["median"], lang, 0 if float(summary["median"]).is_integer() else 1)
    set_title(ax, t("age_title", lang, minors=summary["minors"], median=median))
    source_line(fig, source_text(release, lang, "source_victims"))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return save(fig, path)


def source_discrepancies(claims: pd.DataFrame, summary: pd.DataFrame, release: str, lang: str, path: Path) -> Path:
    """For each event with conflicting tolls: every distinct published value (dot area = number of reports)
    and this record's count (bar)."""
    disputed = claims.groupby("event_id")["total_deaths"].nunique()
    disputed = disputed[disputed > 1].index
    order = summary[summary["event_id"].isin(disputed)].sort_values(["deaths", "event_id"]).reset_index(drop=True)
    fig, ax = figure(1.6 + 0.38 * max(len(order), 2))
    position = {e: i for i, e in enumerate(order["event_id"])}
    values = (
        claims[claims["event_id"].isin(disputed)]
        .dropna(subset=["total_deaths"])
        .groupby(["event_id", "total_deaths"])
        .size()
        .rename("reports")
        .reset_index()
    )
    ax.scatter(
        values["total_deaths"],
        values["event_id"].map(position),
        s=18 + 14 * values["reports"],
        color=OKABE_ITO["sky"],
        edgecolor=OKABE_ITO["blue"],
        lw=0.6,
        label=t("disc_published", lang),
        zorder=3,
    )
    ax.scatter(
        order["deaths"],
        np.arange(len(order)),
        marker="|",
        s=260,
        color=OKABE_ITO["black"],
        lw=2,
        label=t("disc_record", lang),
        zorder=4,
    )
    ax.set_yticks(np.arange(len(order)), [n for n in order["name"]])
    ax.set_xlabel(t("disc_x", lang))
    ax.set_xlim(left=0)
    numbers(ax.xaxis, lang)
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    # over the whole figure: the event names push the axes far to the right
    fig.suptitle(
        textwrap.fill(t("disc_title", lang, n=len(order)), 70), x=0.01, ha="left", fontsize=10, fontweight="bold"
    )
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28 - 0.3 / max(len(order), 1)), ncol=2, fontsize=7)
    source_line(fig, source_text(release, lang, "source_tallies"))
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return save(fig, path)


DRAWERS = {  # figure name (paths.FIGURES) -> how it is drawn from `results.describe` and the regions
    "cumulative": lambda d, release, lang, path: cumulative_vs_reported(
        d["daily_died"], d["gap"], i18n.localized(d["events"], lang), release, lang, path
    ),
    "daily": lambda d, release, lang, path: daily_by_category(
        d["daily_incident"], d["deadliest_days"], release, lang, path
    ),
    "rates": lambda d, release, lang, path: department_rates(d["departments"], release, lang, path),
    "map": lambda d, release, lang, path: tile_map(d["departments"], d["regions"], release, lang, path),
    "ages": lambda d, release, lang, path: age_distribution(d["ages"], d["age_summary"], release, lang, path),
    "discrepancies": lambda d, release, lang, path: source_discrepancies(
        d["event_claims"], i18n.localized(d["events"], lang), release, lang, path
    ),
}


def draw(name: str, data: dict[str, pd.DataFrame], release: str, lang: str, folder: Path) -> Path:
    """One figure of one edition as `folder/<name>.svg`, from `results.describe` and the regions table."""
    return DRAWERS[name](data, release, lang, folder / f"{name}.svg")


def draw_all(data: dict[str, pd.DataFrame], release: str, lang: str, folder: Path) -> list[Path]:
    """Every figure of one edition (`paths.FIGURES`) as SVG in `folder`."""
    return [draw(name, data, release, lang, folder) for name in paths.FIGURES]
