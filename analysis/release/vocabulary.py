"""The release format's vocabularies (allowed values, identifier patterns) and the helpers that write a
Table Schema field with its English and Spanish descriptions."""

from __future__ import annotations

from typing import Any

CATEGORIES = ["clash_civilian", "roadblock_related", "police", "soldier", "other"]
MECHANISMS = [
    "firearm",
    "pellets",
    "tear_gas_canister",
    "blunt_force",
    "burns",
    "drowning",
    "traffic_accident",
    "lack_of_care",
    "unknown",
]
FORCES = ["army", "police", "unknown", "not_applicable"]
CONFIDENCE = ["high", "medium", "low"]
SOURCE_KINDS = ["official", "intergovernmental", "ngo", "media", "academic", "other"]
COPY_KINDS = ["mirror", "syndication", "translation", "archive"]
LISTS = ["defensoria", "iachr", "hrw", "amnesty", "fiscalia"]

SLUG = r"[a-z0-9][a-z0-9-]*"
SOURCE_IDS = rf"{SLUG}(;{SLUG})*"
MISSING = [""]


def field(name: str, type_: str, en: str, es: str, **constraints: Any) -> dict:
    """A Table Schema field with bilingual descriptions and optional constraints."""
    out: dict[str, Any] = {"name": name, "type": type_, "description": en, "description_es": es}
    if type_ == "date":
        out["format"] = "%Y-%m-%d"
    if constraints:
        out["constraints"] = constraints
    return out


def place_fields() -> list[dict]:
    """Province, district, district ubigeo and locality: the place of an incident below the department."""
    return [
        field("province", "string", "Province.", "Provincia."),
        field("district", "string", "District.", "Distrito."),
        field(
            "district_ubigeo",
            "string",
            "INEI district code (6 digits), where the sources allow.",
            "Código INEI del distrito (6 dígitos), cuando las fuentes lo permiten.",
            pattern=r"\d{6}",
        ),
        field(
            "locality",
            "string",
            "Place (town, street, airport, bridge...).",
            "Lugar (localidad, calle, aeropuerto, puente...).",
        ),
    ]


def count_field(name: str, en: str, es: str) -> dict:
    """A field holding a count: an integer, at least 0."""
    return field(name, "integer", en, es, minimum=0)
