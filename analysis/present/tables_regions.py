"""Markdown tables of the regional results: departments, macro-regions and the sensitivity to inclusion rules
(the department models: `tables_clustered.table_models`)."""

from __future__ import annotations

import pandas as pd

from ..present import i18n
from ..present.values import markdown_table
from ..release.schema import CATEGORIES
from .tables_common import CAPTIONS, h, interval


def table_departments(r: dict, lang: str) -> str:
    """Deaths by department and category, with rates, their intervals and rate ratios."""
    d = r["departments"]
    d = d[d["total"] > 0].sort_values(["total", "department"], ascending=[False, True])
    frame = pd.DataFrame({"department": d["department"]})
    for category in CATEGORIES:
        frame[category] = d[category]
    frame["total"] = d["total"]
    frame["rate"] = d["rate"]
    frame["ci"] = [interval(lo, hi, lang, 2) for lo, hi in zip(d["rate_low"], d["rate_high"])]
    frame["rr"] = [
        f"{i18n.number(x, lang, 1)} ({interval(lo, hi, lang)})"
        for x, lo, hi in zip(d["rr_rest"], d["rr_low"], d["rr_high"])
    ]
    headers = (
        [h("department", lang)]
        + [h(f"{c}_short", lang) for c in CATEGORIES]
        + [h("total", lang), h("rate", lang), h("ci", lang), h("rr", lang)]
    )
    return markdown_table(
        frame,
        headers,
        CAPTIONS["departments"][lang],
        "tbl-departments",
        lang,
        decimals={"rate": 2},
        align={"ci": "right", "rr": "right"},
    )


def table_macroregions(r: dict, lang: str) -> str:
    """Deaths and rates by macro-region."""
    m = r["macroregions"]
    frame = pd.DataFrame(
        {
            "macroregion": m["macroregion"],
            "total": m["total"],
            "share_deaths": m["share_deaths"],
            "share_population": m["share_population"],
            "rate": m["rate"],
            "ci": [interval(lo, hi, lang, 2) for lo, hi in zip(m["rate_low"], m["rate_high"])],
        }
    )
    headers = [
        h("macroregion", lang),
        h("deaths", lang),
        h("share_deaths", lang),
        h("share_population", lang),
        h("rate", lang),
        h("ci", lang),
    ]
    return markdown_table(
        frame,
        headers,
        CAPTIONS["macroregions"][lang],
        "tbl-macroregions",
        lang,
        decimals={"share_deaths": 1, "share_population": 1, "rate": 2},
        align={"ci": "right"},
    )


def table_sensitivity(r: dict, lang: str) -> str:
    """Regional results under each inclusion rule, with and without the two largest incidents."""
    s = r["sensitivity"]
    frame = pd.DataFrame(
        {
            "definition": s["definition"].map(lambda x: h(x, lang)),
            "largest_incidents": s["largest_incidents"].map(lambda x: h(x, lang)),
            "deaths": s["deaths"],
            "share": s["share_deaths_indigenous_majority"],
            "rr": [
                f"{i18n.number(x, lang, 1)} ({interval(lo, hi, lang)})"
                for x, lo, hi in zip(s["rr_indigenous_majority"], s["rr_low"], s["rr_high"])
            ],
            "irr": [
                f"{i18n.number(x, lang, 2)} ({interval(lo, hi, lang, 2)})"
                for x, lo, hi in zip(
                    s["irr_indigenous_10pt_poisson"],
                    s["irr_indigenous_10pt_qprofile_low"],
                    s["irr_indigenous_10pt_qprofile_high"],
                )
            ],
        }
    )
    headers = [
        h("definition", lang),
        h("largest_incidents", lang),
        h("deaths", lang),
        h("share_indig", lang),
        h("rr_indig", lang),
        h("irr_indig", lang),
    ]
    return markdown_table(
        frame,
        headers,
        CAPTIONS["sensitivity"][lang],
        "tbl-sensitivity",
        lang,
        decimals={"share": 1},
        align={"rr": "right", "irr": "right"},
    )
