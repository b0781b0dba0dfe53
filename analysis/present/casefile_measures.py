"""The case files' reparations: the measures for the families of the people who died, listed once at the start
of each edition, and each case file's line pointing to them (the release links no person to a payment)."""

from __future__ import annotations

import pandas as pd

from . import i18n
from .casefile_parts import Context, carries, cite_known, day, given, lit, nothing, t


def amount(measure: pd.Series, lang: str) -> str:
    """': 50,000 PEN per person who died', or nothing where the measure gives no amount."""
    if not given(measure["amount"]):
        return ""
    unit = i18n.label(f"unit_{measure['amount_unit']}", lang) if given(measure["amount_unit"]) else ""
    number = i18n.number(float(measure["amount"]), lang, 0 if float(measure["amount"]).is_integer() else 2)
    return t("amount", lang, amount=number, currency=lit(measure["currency"]), unit=unit).rstrip()


def reparations(ctx: Context) -> str:
    """That no published list links the person to a payment (the release links no person to one), pointing to
    the measures for the families of the people who died, listed once at the start of the document."""
    if not ctx.has("reparations"):
        return ctx.empty("reparations")
    measures = ctx.rel["reparations"]
    found = (measures["beneficiary"] == "death").any()
    return f"{t('payments', ctx.lang)} {t('see_measures' if found else 'measures_none', ctx.lang)}"


def measures(rel, lang: str) -> str:
    """The measures the release records for the families of the people who died, each with its date, issuer,
    amount, the people it covers and its source (or that there are none, or that the release predates them)."""
    if not carries(rel, "reparations"):
        return nothing(rel, "reparations", lang) + "\n"
    known = set(rel["sources"]["source_id"])
    found = rel["reparations"][rel["reparations"]["beneficiary"] == "death"]
    if found.empty:
        return t("measures_none", lang) + "\n"
    items = []
    for _, m in found.iterrows():
        covered = m["people_covered"]
        items.append(
            "- "
            + t(
                "measure",
                lang,
                instrument=lit(m["instrument"]),
                number=lit(m["instrument_number"]) if given(m["instrument_number"]) else "",
                date=day(m["date"], lang) if given(m["date"]) else t("no_source_date", lang),
                issuer=lit(m["issuer"]),
                amount=amount(m, lang),
                covered=t("covered", lang, people=i18n.count(int(covered), "person", lang)) if given(covered) else "",
                source=cite_known(m["source_id"], known),
            ).replace(" ,", ",")
        )
    return f"{t('measures', lang)}\n\n" + "\n".join(items) + "\n"
