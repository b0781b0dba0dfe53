"""Deaths over time: the two waves, the deadliest days, deaths on a later day than the injury, late first
reports, and the waves' ratio under every choice of window."""

from __future__ import annotations

import pandas as pd

from ...compute import trajectory
from ...release.load import Release
from ...release.schema import CATEGORIES
from .. import i18n
from ..i18n import header, label
from ..markdown import caption, ci, markdown_table
from ..values import Values

SHARE = i18n.DECIMALS["share"]  # decimals of a percentage


def wave_values(val: Values, rel: Release, r: dict) -> None:
    """Deaths over time: waves, deadliest days, injury-to-death delays."""
    waves = r["waves"].set_index("wave")
    in_waves = val.resting_on("wave", "incident_day", "share")
    for w in ("wave1", "wave2"):
        in_waves.count(f"deaths_{w}", waves.at[w, "total"], "death")
        in_waves.number(f"share_{w}", waves.at[w, "share"], SHARE)
    top = r["deadliest_days"]
    days = val.resting_on("incident_day", "incident", "death_day", "share")
    days.date("deadliest_day", top.at[0, "date"])
    days.count("deadliest_day_deaths", top.at[0, "deaths"], "death")
    days.count("deadliest_day_incidents", top.at[0, "incidents"], "incident")
    v = rel["victims"]
    injured_that_day = trajectory.incident_date(v) == top.at[0, "date"]
    died_later = injured_that_day & (trajectory.death_date(v) > top.at[0, "date"])
    days.count("deadliest_day_died_later", int(died_later.sum()), "person")
    days.number("top_days_n", len(top), unit="day")
    days.number("top_days_share", top["share"].sum(), SHARE)
    delays = r["delays"]
    delayed = val.resting_on("delay")
    delayed.number("delayed_deaths", len(delays), unit="person")
    delayed.number("delay_max_days", delays["days"].max() if len(delays) else 0, unit="day")
    delayed.number("delay_median_days", delays["days"].median() if len(delays) else 0, 1, unit="day")
    val.date("wave2_start", trajectory.WAVE2_START)


def lag_values(val: Values, r: dict) -> None:
    """Late first reports with their denominator, overall and for the deaths linked to roadblocks."""
    val = val.resting_on("report_lag")
    val.number("late_report_days", trajectory.LATE_REPORT_DAYS, unit="day")
    lag = r["reporting_lag"].set_index("category")
    total = lag.loc["total"]
    val.number("lag_late", total["late"])
    val.number("lag_with_both_dates", total["with_both_dates"])
    val.number("lag_with_first_report", total["with_first_report"])
    val.number("lag_people", total["people"], unit="person")
    for category, key in (("roadblock_related", "roadblock"), ("clash_civilian", "clash")):
        row = lag.loc[category] if category in lag.index else None
        val.number(f"lag_{key}_late", row["late"] if row is not None else 0)
        val.number(f"lag_{key}_known", row["with_both_dates"] if row is not None else 0, unit=category)
    roadblock = lag.loc["roadblock_related"] if "roadblock_related" in lag.index else None
    val.number("lag_roadblock_max", roadblock["max_lag"] if roadblock is not None else None, unit="day")


def window_values(val: Values, r: dict) -> None:
    """How far the wave ratio moves across windows, in fatal incidents and in deaths."""
    val = val.resting_on("windows", "exact")
    w = r["windows"]
    val.number("windows_n", len(w) // 2)
    for unit, key in (("incidents", "inc"), ("deaths", "deaths")):
        ratios = w.loc[w["unit"] == unit, "ratio"]
        val.number(f"windows_{key}_min", ratios.min(), 2)
        val.number(f"windows_{key}_max", ratios.max(), 2)


def values(val: Values, rel: Release, r: dict) -> None:
    """The named values of the deaths over time."""
    wave_values(val, rel, r)
    lag_values(val, r)
    window_values(val, r)


def table_waves(r: dict, lang: str) -> str:
    """Deaths by wave and category, with each wave's dates."""
    w = r["waves"].copy()
    day = pd.Timedelta(days=1)
    bounds = {
        "wave1": (trajectory.PROTESTS_START, trajectory.WAVE2_START - day),
        "wave2": (trajectory.WAVE2_START, None),
    }
    w["wave"] = [
        label(x, lang).format(
            start=i18n.date_short(bounds[x][0], lang),
            end=i18n.date_short(bounds[x][1], lang) if bounds[x][1] is not None else "",
        )
        for x in w["wave"]
    ]
    headers = (
        [header("wave", lang)]
        + [header(f"{c}_short", lang) for c in CATEGORIES]
        + [header("total", lang), header("share", lang)]
    )
    return markdown_table(w, headers, caption("waves", lang), "tbl-waves", lang, decimals={"share": 1})


def table_delays(r: dict, lang: str) -> str:
    """People who died on a later day than the day they were injured."""
    d = r["delays"]
    frame = pd.DataFrame(
        {
            "id": d["victim_id"],
            "name": d["name"].fillna("–"),
            "injured": d["date_injured"],
            "died": d["date_died"],
            "days": d["days"],
            "category": d["category"].map(lambda c: label(f"{c}_short", lang)),
        }
    )
    headers = [header(h, lang) for h in ("victim_id", "name", "date_injured", "date_died", "days", "category")]
    return markdown_table(frame, headers, caption("delays", lang), "tbl-delays", lang)


def table_lag(r: dict, lang: str) -> str:
    """Days from death to first report by category, with the denominators."""
    lag = r["reporting_lag"]
    frame = pd.DataFrame(
        {
            "category": lag["category"].map(lambda x: label(x, lang)),
            "people": lag["people"],
            "with_first_report": lag["with_first_report"],
            "with_both_dates": lag["with_both_dates"],
            "late": lag["late"],
            "median_lag": lag["median_lag"],
            "max_lag": lag["max_lag"],
        }
    )
    headers = [i18n.text(f"tables.lag.{k}", lang, days=trajectory.LATE_REPORT_DAYS) for k in frame.columns]
    return markdown_table(
        frame, headers, caption("lag", lang), "tbl-lag", lang, decimals={"median_lag": 1, "max_lag": 0}
    )


def table_windows(r: dict, lang: str) -> str:
    """The ratio of the waves' rates per day under every window, in incidents and in deaths."""
    w = r["windows"]
    rows = []
    for _, group in w.groupby(["start", "end", "truce"], sort=False):
        u = group.set_index("unit")
        i, d = u.loc["incidents"], u.loc["deaths"]
        rows.append(
            [
                i18n.date_short(i["first_day"], lang),
                i18n.date_short(i["last_day"], lang),
                i18n.text(f"tables.windows.{i['truce']}", lang),
                f"{int(i['days_wave1'])} / {int(i['days_wave2'])}",
                f"{int(i['wave1'])} / {int(i['wave2'])}",
                ci(i["ratio"], i["low"], i["high"], lang, 2),
                f"{int(d['wave1'])} / {int(d['wave2'])}",
                ci(d["ratio"], d["low"], d["high"], lang, 2),
            ]
        )
    columns = ["start", "end", "truce", "days", "wave_incidents", "ratio_incidents", "wave_deaths", "ratio_deaths"]
    frame = pd.DataFrame(rows, columns=columns)
    right = {k: "right" for k in columns[3:]}
    headers = [i18n.text(f"tables.windows.{k}", lang) for k in columns]
    return markdown_table(frame, headers, caption("windows", lang), "tbl-windows", lang, align=right)


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The tables of the deaths over time."""
    return {
        "waves": table_waves(r, lang),
        "delays": table_delays(r, lang),
        "lag": table_lag(r, lang),
        "windows": table_windows(r, lang),
    }
