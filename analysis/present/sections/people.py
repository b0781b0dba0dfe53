"""Who died: ages and sex, causes and alleged forces, and the list of the people who died."""

from __future__ import annotations

import pandas as pd

from ...release.load import Release
from .. import i18n
from ..casefiles import casefile_link
from ..i18n import header, label
from ..markdown import caption, cite, markdown_table
from ..values import Values

SHARE = i18n.DECIMALS["share"]
NBSP = "\u00a0"


def values(val: Values, rel: Release, r: dict) -> None:
    """Ages and sex of the people who died, firearm deaths, and the alleged forces."""
    val = val.resting_on("as_stated", "share")
    s = r["age_summary"]
    for key in ("minors", "women", "men", "unknown"):
        val.number(f"age_{key}", s[key], unit="person")
    val.count("age_known", s["known"], "person")
    for key in ("youngest", "oldest"):
        val.number(f"age_{key}", s[key])
    val.number("age_median", s["median"], 0 if float(s["median"]).is_integer() else 1)
    v = rel["victims"]
    val.count("firearm_deaths", int((v["mechanism"] == "firearm").sum()), "death")
    val.number("firearm_share", 100 * (v["mechanism"] == "firearm").mean(), SHARE)
    for force in ("army", "police"):
        val.count(f"alleged_{force}", int((v["alleged_force"] == force).sum()), "death")


def place(row: pd.Series) -> str:
    """'District, Department' (or the province where no district is known)."""
    parts = [row.get("district"), row.get("province"), row.get("department_name")]
    named = [p for p in parts if isinstance(p, str) and p]
    return ", ".join(dict.fromkeys([named[0], named[-1]])) if named else "–"


# Relative column widths of the per-person table (characters): a date on one line needs its full width.
VICTIM_WIDTHS = {
    "id": 6,
    "name": 19,
    "age": 6,
    "sex": 8,
    "died": 13,
    "place": 14,
    "category": 11,
    "cause": 13,
    "force": 13,
    "confidence": 12,
    "sources": 14,
}


def victims_caption(v: pd.DataFrame, lang: str) -> str:
    """The per-person table's caption; it says where people without a date of death are and why."""
    text = caption("victims", lang)
    n = int(v["date_died"].isna().sum())
    if n:
        words = {
            k: i18n.text(f"tables.victims.undated_{k}", lang)[0 if n == 1 else 1] for k in ("verb", "them", "their")
        }
        text += " " + i18n.text("tables.victims.undated", lang, n=i18n.count(n, "person", lang), **words)
    return text


def table_victims(r: dict, lang: str) -> str:
    """The people who died, by date of death (people without one last): who, when, where, how, on what sources;
    each id links to the person's case file on the HTML page."""
    v = r["victims"]
    frame = pd.DataFrame(
        {
            "id": v["victim_id"].map(lambda i: casefile_link(i, lang)),  # on the page, a link to the case file
            "name": v["name"],
            "age": v["age"],
            "sex": v["sex"].map(lambda x: label(x, lang) if isinstance(x, str) else None),
            "died": v["date_died"].map(lambda d: i18n.date_short(d, lang).replace(" ", NBSP) if pd.notna(d) else None),
            "place": v.apply(place, axis=1),
            "category": v["category"].map(lambda c: label(f"{c}_short", lang)),
            "cause": v["mechanism"].map(lambda m: label(m, lang)),
            "force": v["alleged_force"].map(lambda f: label(f"force_{f}", lang)),
            "confidence": v["confidence"].map(lambda c: label(c, lang)),
            "sources": v["source_ids"].map(cite),
        }
    )
    headers = [
        header("victim_id", lang),
        header("name", lang),
        header("age", lang),
        header("sex", lang),
        header("date_died", lang),
        header("place", lang),
        header("category", lang),
        header("mechanism", lang),
        header("alleged_force", lang),
        header("confidence", lang),
        header("sources", lang),
    ]
    return markdown_table(frame, headers, victims_caption(v, lang), "tbl-victims", lang, widths=VICTIM_WIDTHS)


def table_mechanisms(r: dict, lang: str) -> str:
    """Deaths by cause and alleged responsible force."""
    m = r["mechanisms"].copy()
    m["mechanism"] = m["mechanism"].map(lambda x: label(x, lang))
    headers = (
        [header("mechanism", lang)] + [label(f"force_{c}", lang) for c in m.columns[1:-1]] + [header("total", lang)]
    )
    return markdown_table(m, headers, caption("mechanisms", lang), "tbl-mechanisms", lang)


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The people who died, and the causes by alleged force."""
    return {"victims": table_victims(r, lang), "mechanisms": table_mechanisms(r, lang)}
