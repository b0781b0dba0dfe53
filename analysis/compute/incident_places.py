"""Where each fatal incident is drawn on the map: the capital of its district, or of its province when the
record gives no district, or of its department when neither is in the places table.

The places table (`analysis.reference.places`) holds sourced coordinates of district and province capitals
by INEI code; the regions table holds each department's capital. No coordinate is guessed: a place missing
from the table falls back to the next level up, and the level is kept so that the report can say how many
incidents were drawn at a department's capital.
"""

from __future__ import annotations

import unicodedata

import pandas as pd

from .. import reference
from .incidents import UNLINKED, incident_table
from .registry import Results, Tables, table

LEVELS = ("district", "province", "department")  # most to least precise
NAMED = 5  # the map names the places of this many incidents, those with the most deaths
COLUMNS = {
    "incident_id": "string",
    "department": "string",
    "deaths": "integer",
    "level": "string",
    "place_ubigeo": "string",
    "place": "string",
    "lat": "number",
    "lon": "number",
    "named": "boolean",
}


def plain(name: object) -> str:
    """A place name for matching: accents removed, upper case, single spaces ("San Román" -> "SAN ROMAN")."""
    text = unicodedata.normalize("NFKD", str(name))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).upper().split())


def incident_locations(victims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Per fatal incident: department, province name and district code as the record gives them (the event's
    for an event; the victim's own for a death linked to no event)."""
    table = incident_table(victims)
    fields = ["department", "province", "district_ubigeo"]
    of_events = events.set_index("event_id")[fields]
    of_victims = victims.assign(incident_id=UNLINKED + victims["victim_id"].astype(str)).set_index("incident_id")
    where = pd.concat([of_events, of_victims[fields]])
    where = where[~where.index.duplicated()]
    return table[["incident_id", "department", "deaths"]].join(where[["province", "district_ubigeo"]], on="incident_id")


def incident_places(
    victims: pd.DataFrame, events: pd.DataFrame, places: pd.DataFrame, regions: pd.DataFrame
) -> pd.DataFrame:
    """One row per fatal incident (largest first, as `incidents.incident_table`): the level it is drawn at
    (district, province or department), the place's code and capital, the capital's latitude and longitude,
    and whether the map names it (`named`: the first `NAMED`).
    """
    located = incident_locations(victims, events)
    districts = places[places["level"] == "district"].set_index("ubigeo")
    provinces = places[places["level"] == "province"]
    provinces = provinces.set_index([provinces["ubigeo"].str[:2], provinces["province"].map(plain)])
    capitals = regions.set_index("ubigeo")
    rows = []
    for incident in located.itertuples(index=False):
        district, province = incident.district_ubigeo, incident.province
        province_key = (incident.department, plain(province)) if pd.notna(province) else None
        if pd.notna(district) and district in districts.index:
            level, code, place = "district", district, districts.loc[district]
        elif province_key in provinces.index:
            place = provinces.loc[province_key]
            level, code = "province", place["ubigeo"]
        else:
            level, code, place = "department", incident.department, capitals.loc[incident.department]
        rows.append(
            [incident.incident_id, incident.department, incident.deaths, level, code]
            + [place["capital"], float(place["lat"]), float(place["lon"]), len(rows) < NAMED]
        )
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    return out.astype({"deaths": "int64", "lat": "float64", "lon": "float64", "named": "bool"})


@table("incident_places", COLUMNS)
def incident_places_result(rel: Tables, r: Results) -> pd.DataFrame:
    """Where the map draws each fatal incident (reference data: the places' coordinates)."""
    return incident_places(rel["victims"], rel["events"], reference.places(), rel["regions"])
