"""Reference data kept beside the releases (data/reference/): the departments' boundaries and the coordinates
of the places where incidents happened. Both are read and checked here; data/reference/README.md says where
they come from.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import paths

PLACE_COLUMNS = [
    "ubigeo",
    "level",
    "department",
    "province",
    "district",
    "capital",
    "lat",
    "lon",
    "source_repository",
    "source_path",
    "source_commit",
    "source_licence",
]
CODE_LENGTH = {"district": 6, "province": 4}  # INEI ubigeo digits of each level
PERU = {"lat": (-18.5, 0.1), "lon": (-81.5, -68.5)}  # bounds a coordinate of Peru lies within


def places(path: Path = paths.PLACES) -> pd.DataFrame:
    """The places table: one row per INEI district or province code, with the latitude and longitude of its
    capital and the source of the coordinate.

    Raises ValueError naming the file and row if a column is missing, a code is repeated or does not have its
    level's length, a coordinate lies outside Peru, or a source field is empty.
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    problems = [f"missing column {c}" for c in PLACE_COLUMNS if c not in table.columns]
    if problems:
        raise ValueError(f"{path}: {'; '.join(problems)}")
    table[["lat", "lon"]] = table[["lat", "lon"]].apply(pd.to_numeric, errors="coerce")
    for row, place in table.iterrows():
        where = f"{path}, row {row + 2} ({place['ubigeo']})"
        if len(place["ubigeo"]) != CODE_LENGTH.get(place["level"], -1) or not place["ubigeo"].isdigit():
            problems.append(f"{where}: a {place['level']!r} code must have {CODE_LENGTH} digits")
        for axis, (low, high) in PERU.items():
            if not low <= place[axis] <= high:
                problems.append(f"{where}: {axis} {place[axis]} is not in Peru")
        if not all(place[c] for c in PLACE_COLUMNS if c.startswith("source_")):
            problems.append(f"{where}: every coordinate needs its source (repository, path, commit, licence)")
    repeated = table["ubigeo"][table["ubigeo"].duplicated()]
    problems += [f"{path}: code {code} appears more than once" for code in repeated]
    if problems:
        raise ValueError("\n".join(problems))
    return table[PLACE_COLUMNS]


def boundaries(path: Path = paths.BOUNDARIES) -> dict:
    """Each department's shape (shapely geometry, longitude and latitude in degrees) by INEI code.

    Raises ValueError if a code appears twice.
    """
    from shapely.geometry import shape  # only the figure workers draw maps

    shapes: dict = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        code = feature["properties"]["ubigeo"]
        if code in shapes:
            raise ValueError(f"{path}: department {code} has more than one shape")
        shapes[code] = shape(feature["geometry"])
    return shapes
