"""Each result is declared once (compute/registry.py): the build writes every declared table and nothing else, with
exactly the declared columns, and describes them in results/datapackage.json, which Frictionless accepts."""

from __future__ import annotations

import csv
import json
import types

import pandas as pd
import pytest

from analysis.compute import models, registry, summary
from analysis.pipeline import datapackage

DECLARATIONS = models.declarations()
TABLES = [d for d in DECLARATIONS if d.is_table]


def test_every_result_has_one_name_and_a_known_job():
    names = [d.name for d in DECLARATIONS]
    assert len(names) == len(set(names))
    assert {d.job for d in DECLARATIONS} == {registry.MAIN, *registry.WORKER_JOBS}


def test_the_main_process_computes_every_result_of_its_job():
    """The build's main process imports `summary.MODULES` only (not statsmodels): every main result is there."""
    main = {f.declaration.name for f in registry.declared(*summary.MODULES) if f.declaration.job == registry.MAIN}
    assert main == {d.name for d in DECLARATIONS if d.job == registry.MAIN}
    assert set(summary.MODULES) <= set(models.MODULES)


def test_every_written_table_is_declared_and_every_declared_table_written(out):
    written = {p.stem for p in (out / "results" / "tables").glob("*.csv")}
    assert written == {d.name for d in TABLES}


@pytest.mark.parametrize("declaration", TABLES, ids=lambda d: d.name)
def test_a_written_table_has_exactly_its_declared_columns(out, declaration):
    with (out / "results" / "tables" / f"{declaration.name}.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header == [c.name for c in declaration.columns]


@pytest.mark.parametrize("declaration", TABLES, ids=lambda d: d.name)
def test_every_declared_table_and_column_is_described_in_both_languages(declaration):
    for lang in ("en", "es"):
        for column in declaration.columns:
            assert datapackage.column_description(declaration.name, column.name, lang)


def test_models_json_holds_the_published_results_that_are_not_tables(out):
    published = {d.name for d in DECLARATIONS if d.published and not d.is_table}
    assert set(json.loads((out / "results" / "models.json").read_text())) == published


def test_the_results_datapackage_describes_every_table_and_frictionless_accepts_it(out):
    from frictionless import validate

    path = out / "results" / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == [d.name for d in TABLES]
    for resource in package["resources"]:
        assert resource["description"] and resource["description_es"]
        assert all(f["description"] and f["description_es"] for f in resource["schema"]["fields"])
    report = validate(path)
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[:10]


def fake_module(frame: pd.DataFrame) -> types.ModuleType:
    """A compute module that declares one table, `counts` with columns a and b, computed as `frame`."""
    module = types.ModuleType("fake")

    @registry.table("counts", {"a": "integer", "b": "string"})
    def counts_result(rel: registry.Tables, r: registry.Results) -> pd.DataFrame:
        return frame

    @registry.result("total")
    def total_result(rel: registry.Tables, r: registry.Results) -> int:
        return int(r["counts"]["a"].sum())

    for function in (counts_result, total_result):
        function.__module__ = module.__name__  # defined in that module
        setattr(module, function.__name__, function)
    return module


def test_the_runner_computes_in_order_and_checks_the_declared_columns():
    good = fake_module(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}))
    computed = registry.compute(registry.declared(good), {}, registry.MAIN)
    assert [(d.name, d.function.rpartition(".")[2]) for d, _ in computed] == [
        ("counts", "counts_result"),
        ("total", "total_result"),
    ]
    assert computed[1][1] == 3
    bad = fake_module(pd.DataFrame({"a": [1], "c": ["x"]}))
    with pytest.raises(
        ValueError, match=r"result 'counts' .*columns \['a', 'c'\] differ from the declared \['a', 'b'\]"
    ):
        registry.compute(registry.declared(bad), {}, registry.MAIN)


def test_a_declared_function_imported_by_another_module_counts_in_its_own_only():
    module = fake_module(pd.DataFrame({"a": [1], "b": ["x"]}))
    importer = types.ModuleType("importer")
    importer.counts_result = module.counts_result
    assert registry.declared(importer) == [] and len(registry.declared(module, importer)) == 2


def test_a_result_read_before_it_is_computed_says_so():
    module = fake_module(pd.DataFrame({"a": [1], "b": ["x"]}))
    with pytest.raises(KeyError, match="'counts' is read before it is computed"):
        registry.compute([module.total_result], {}, registry.MAIN)


def test_a_column_without_a_description_is_an_error_naming_it():
    with pytest.raises(KeyError, match="column 'nowhere' of result 'waves' is described neither"):
        datapackage.column_description("waves", "nowhere", "en")
