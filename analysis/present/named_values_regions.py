"""Named values of the regional comparisons beyond the rates: Amnesty International's claim against this
record's deaths by its date, and what the map draws."""

from __future__ import annotations

from ..compute.regions import SOUTH
from . import i18n
from .i18n import LANGS
from .values import Values

SHARE = i18n.DECIMALS["share"]


def amnesty_pairing(val: Values, r: dict) -> None:
    """Amnesty International's claim of a share of deaths in Indigenous-majority regions, and this record's
    shares of all deaths and of clash deaths that had occurred by the claim's date (`claim_pairing`)."""
    claims = r["claims"]
    amnesty = claims[(claims["claimant"] == "Amnesty International") & (claims["metric"] == "indigenous_death_share")]
    pairing = r["claim_pairing"]
    if amnesty.empty:
        return
    rows = pairing[pairing["claim_id"] == amnesty.iloc[0]["claim_id"]].set_index(["categories", "population"])
    val.date("amnesty_claim_date", amnesty.iloc[0]["claim_date"])
    for key, categories, unit in (("all", "all", "death"), ("clash", "clashes", "clash_civilian")):
        row = rows.loc[(categories, "pop_2017_census")]
        val.count(f"amnesty_pair_{key}_deaths", row["deaths_group"] + row["deaths_rest"], unit)
        val.number(f"amnesty_pair_{key}_indig", row["deaths_group"], unit="death")
        val.number(f"amnesty_pair_{key}_share", row["share_deaths"], SHARE)
    for population in ("pop_2017_census", "pop_2022"):
        val.number(f"amnesty_pair_{population}", rows.loc[("all", population), "share_population"], SHARE)


MAP_PLACES = {  # how the map places incidents, by level (compute.incident_places): the caption's words
    "district": {"en": "{n} at the capital of their district", "es": "{n} en la capital de su distrito"},
    "province": {
        "en": "{n} at that of their province, where the record gives no district",
        "es": "{n} en la de su provincia, cuando el registro no da el distrito",
    },
    "department": {
        "en": "{n} at that of their department, their district and province being missing from the reference table",
        "es": "{n} en la de su departamento, por faltar su distrito y su provincia en la tabla de referencia",
    },
}


def map_values(val: Values, r: dict) -> None:
    """The map (figures.department_map): the south's shares, the incidents drawn and where, the incidents named."""
    south = r["macroregions"].set_index("macroregion").loc[SOUTH]
    val.number("south_share_deaths", south["share_deaths"], SHARE)
    val.number("south_share_population", south["share_population"], SHARE)
    val.text("south_departments", ", ".join(r["departments"].query("macroregion == @SOUTH")["department"]))
    places = r["incident_places"]
    val.count("map_incidents", len(places), "fatal_incident")
    val.count("map_named", int(places["named"].sum()), "fatal_incident")
    levels = places["level"].value_counts()
    for level in MAP_PLACES:
        val.count(f"map_at_{level}", int(levels.get(level, 0)), "fatal_incident")
    parts = {
        lang: [
            text[lang].format(n=i18n.count(int(levels[level]), "fatal_incident", lang))
            for level, text in MAP_PLACES.items()
            if levels.get(level, 0)
        ]
        for lang in LANGS
    }
    val.text("map_places", {lang: "; ".join(p) for lang, p in parts.items()})
