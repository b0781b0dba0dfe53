"""Counts carry their unit: the noun of each count in each edition, and no count printed with another unit's noun."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
import yaml
from conftest import table

from analysis import paths
from analysis.compute import people
from analysis.compute.models import analyse
from analysis.present import i18n
from analysis.present.report import collect_values
from analysis.present.sections.people import table_victims
from analysis.present.values import Values
from analysis.release.load import load_release

EDITIONS = {"en": "report.qmd", "es": "report-es.qmd"}
META = re.compile(r"\{\{<\s*meta\s+results\.(\w+)\s*>\}\}")
WORD = re.compile(r"[^\W\d_]+")
CLAUSE_END = re.compile(r"[.,;:!?()\[\]]|\n\s*[-*]|\n\n")  # a noun after these is not the number's
# Words that name what a number counts without being a unit's own noun: they must not follow a number either.
LINKS = {
    "en": {"to", "of", "in", "on", "by", "for", "from", "with", "at", "than", "that", "who"},
    "es": {"a", "al", "de", "del", "en", "por", "con", "que", "para", "sobre"},
}
SYNONYMS = {
    "en": {"fatalities": "death", "killings": "death", "victims": "person", "events": "incident"},
    "es": {"muertos": "death", "fallecidos": "death", "víctimas": "person", "incidentes": "incident"},
}


@pytest.mark.parametrize(
    ("n", "unit", "en", "es"),
    [
        (0, "death", "0 deaths", "0 muertes"),
        (1, "death", "1 death", "1 muerte"),
        (20, "death", "20 deaths", "20 muertes"),
        (1, "person", "1 person", "1 persona"),
        (71, "person", "71 people", "71 personas"),
        (1, "incident", "1 incident", "1 hecho"),
        (2, "incident", "2 incidents", "2 hechos"),
        (1, "national_toll", "1 national toll", "1 balance nacional"),
        (92, "national_toll", "92 national tolls", "92 balances nacionales"),
        (1327, "source", "1,327 sources", "1.327 fuentes"),
        (None, "day", "– days", "– días"),
        (1, "police", "1 police officer", "1 policía"),
        (6, "soldier", "6 soldiers", "6 militares"),
        (1, "roadblock_related", "1 death linked to roadblocks", "1 muerte vinculada a bloqueos"),
    ],
)
def test_count_prints_number_and_noun_per_edition(n, unit, en, es):
    assert i18n.count(n, unit, "en") == en
    assert i18n.count(n, unit, "es") == es


def test_values_count_records_its_unit_and_prints_the_phrase(tmp_path):
    val = Values()
    val.count("deaths", 1, "death")
    val.count("incidents", 2, "incident")
    val.number("minors", 10, unit="person")
    val.write(tmp_path)
    raw = json.loads((tmp_path / "values.json").read_text())
    assert raw["deaths"] == {"value": 1, "kind": "count", "decimals": 0, "unit": "death"}
    assert raw["minors"]["unit"] == "person" and raw["minors"]["kind"] == "number"
    en = yaml.safe_load((tmp_path / "meta-en.yml").read_text())["results"]
    es = yaml.safe_load((tmp_path / "meta-es.yml").read_text())["results"]
    assert (en["deaths"], en["incidents"], en["minors"]) == ("1 death", "2 incidents", "10")
    assert (es["deaths"], es["incidents"], es["minors"]) == ("1 muerte", "2 hechos", "10")


def test_values_refuse_a_count_without_a_known_unit():
    with pytest.raises(KeyError, match="unknown unit"):
        Values().count("x", 3, "fatality")


def noun_table(lang: str) -> list[tuple[list[str], str, int]]:
    """Every noun of every unit as (words, unit, grammatical number), longest first; synonyms last."""
    nouns = [
        (form.lower().split(), unit, number)
        for unit, forms in i18n.words(lang)["nouns"].items()
        for number, form in enumerate(forms)
    ]
    nouns.sort(key=lambda n: -len(n[0]))
    return nouns + [([word], unit, 1) for word, unit in SYNONYMS[lang].items()]


def typed_noun(following: str, lang: str) -> tuple[str, int] | None:
    """The unit and grammatical number (0 singular, 1 plural) of a noun among the next two words, if any.

    Words after a preposition or a relative pronoun do not say what the number counts.
    A noun followed by "per"/"por" is a rate's unit ("deaths per 100,000"), not what the number counts.
    """
    words = [w.lower() for w in WORD.findall(following)]
    if words and words[0] in LINKS[lang]:  # "19 deaths [typed: to the event]": the noun is not what is counted
        return None
    for start in range(min(2, len(words))):
        for phrase, unit, number in noun_table(lang):
            end = start + len(phrase)
            if words[start:end] == phrase:
                return None if words[end : end + 1] in (["per"], ["por"]) else (unit, number)
    return None


def misprinted_counts(text: str, values: dict, lang: str) -> list[str]:
    """Each `{{< meta results.X >}}` followed by a noun that X's unit does not allow, described."""
    problems = []
    matches = list(META.finditer(text))
    for i, match in enumerate(matches):
        name = match.group(1)
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        found = typed_noun(CLAUSE_END.split(text[match.end() : end], maxsplit=1)[0], lang)
        if found is None:
            continue
        value = values.get(name, {})
        if value.get("kind") not in ("number", "count"):  # a date or a name may stand before a noun
            continue
        unit, number = value.get("unit"), 0 if value.get("value") == 1 else 1
        if value.get("kind") == "count":
            problems.append(f"{name}: a count prints its own noun, yet is followed by a {found[0]} noun")
        elif unit is None:
            problems.append(f"{name}: followed by a {found[0]} noun but is not a count of anything")
        elif found != (unit, number):
            problems.append(f"{name}: a count of {unit} (value {value.get('value')}) followed by {found}")
    return problems


def test_scanner_catches_the_false_headline_and_accepts_the_fixed_one():
    values = {
        "deadliest_day_deaths": {"value": 20, "kind": "number", "unit": "death"},
        "deadliest_day_incidents": {"value": 2, "kind": "count", "unit": "incident"},
        "one": {"value": 1, "kind": "number", "unit": "death"},
        "rate": {"value": 2.69, "kind": "number"},
    }
    false = "with {{< meta results.deadliest_day_deaths >}} fatal incidents."
    assert misprinted_counts(false, values, "en") == [
        "deadliest_day_deaths: a count of death (value 20) followed by ('fatal_incident', 1)"
    ]
    assert misprinted_counts("con {{< meta results.deadliest_day_deaths >}} hechos fatales", values, "es")
    assert misprinted_counts("{{< meta results.one >}} deaths", values, "en")  # grammatical number
    fixed = "with {{< meta results.deadliest_day_deaths >}} deaths in {{< meta results.deadliest_day_incidents >}}."
    assert misprinted_counts(fixed, values, "en") == []
    assert misprinted_counts("{{< meta results.deadliest_day_incidents >}} incidents", values, "en")  # twice
    assert misprinted_counts("{{< meta results.rate >}} deaths per 100,000", values, "en") == []
    assert misprinted_counts("{{< meta results.rate >}} muertes", values, "es")


@pytest.fixture(scope="module")
def latest_values() -> dict:
    return release_values(None)


def release_values(name: str | None) -> dict:
    """The named values of a release (None: the latest) with their kinds, units and decimals."""
    rel = load_release(paths.resolve_release(name))
    values = collect_values(rel, analyse(rel))
    return {name: {"value": v.plain(), "kind": v.kind, "unit": v.unit} for name, v in values.items.items()} | {
        "_decimals": {name: v.decimals for name, v in values.items.items()}
    }


@pytest.mark.parametrize("lang", EDITIONS)
def test_report_prints_no_count_with_another_units_noun(latest_values, lang):
    text = (paths.REPORT / EDITIONS[lang]).read_text(encoding="utf-8")
    assert misprinted_counts(text, latest_values, lang) == []


def test_deadliest_day_of_release_2026_11_26_is_deaths_in_incidents():
    """Release 2026-11-26: 20 deaths on 9 January 2023, in 2 incidents (Juliaca alone holds 19)."""
    latest_values = release_values("2026-11-26")
    assert latest_values["deadliest_day"]["value"] == "2023-01-09"
    assert latest_values["deadliest_day_deaths"] == {"value": 20, "kind": "count", "unit": "death"}
    assert latest_values["deadliest_day_incidents"] == {"value": 2, "kind": "count", "unit": "incident"}


def test_prose_and_figure_titles_share_decimals(latest_values):
    """Figure titles format the highest rate and the deadliest days' share with these same decimals."""
    assert latest_values["_decimals"]["top_rate_rate"] == i18n.DECIMALS["rate"]
    assert latest_values["_decimals"]["top_days_share"] == i18n.DECIMALS["share"]


VICTIMS = """
victim_id,name,age,sex,date_injured,date_died,date_first_reported,department,province,district,category,mechanism,alleged_force,confidence,source_ids
V001,Ana,30,F,2023-01-09,2023-01-09,2023-01-09,21,Puno,Juliaca,clash_civilian,firearm,police,high,a;b
V002,Luis,,M,,,2022-12-15,08,Canas,Yanaoca,roadblock_related,lack_of_care,not_applicable,medium,c
V003,J.C.,17,,2022-12-11,2022-12-11,2022-12-11,03,Andahuaylas,Andahuaylas,clash_civilian,unknown,unknown,low,d
"""
REGIONS = """
ubigeo,department
03,Apurímac
08,Cusco
21,Puno
"""


@pytest.mark.parametrize(
    ("lang", "header", "row", "note"),
    [
        (
            "en",
            "ID|Name as published|Age|Sex|Died|Place|Category|Cause|Alleged force|Confidence|Sources",
            '[V001]{.casefile target="casefiles.html#V001"}'
            "|Ana|30|female|9\u00a0Jan\u00a02023|Juliaca\\, Puno|Clashes|firearm|Police|high|[@a; @b]",
            "1 person with no date of death in any source is listed last (–)",
        ),
        (
            "es",
            "ID|Nombre publicado|Edad|Sexo|Falleció|Lugar|Categoría|Causa|Fuerza presunta|Confianza|Fuentes",
            '[V001]{.casefile target="casefiles-es.html#V001"}'
            "|Ana|30|mujer|9\u00a0ene\u00a02023|Juliaca\\, Puno|Enfrent\\.|arma de fuego|Policía|alta|[@a; @b]",
            "1 persona sin fecha de muerte en ninguna fuente figura al final (–)",
        ),
    ],
)
def test_table_victims_gives_sex_cause_force_confidence_and_places_the_undated_last(lang, header, row, note):
    listed = people.victims_list(table(VICTIMS), table(REGIONS))
    assert listed["victim_id"].tolist() == ["V003", "V001", "V002"]  # by date of death, the undated last
    lines = table_victims({"victims": listed}, lang).splitlines()
    assert lines[0] == "| " + header.replace("|", " | ") + " |"
    assert lines[3] == "| " + row.replace("|", " | ") + " |"  # text escaped (escape.markdown_cell), citations not
    assert lines[4].startswith("| [V002]{.casefile") and "| – |" in lines[4]
    assert note in lines[-1]


def test_table_victims_without_undated_people_says_nothing_about_them():
    listed = people.victims_list(table(VICTIMS), table(REGIONS))
    text = table_victims({"victims": listed[listed["date_died"].notna()]}, "en")
    assert "no date of death" not in text


def test_empty_count_phrase_is_never_a_number_with_a_pandas_missing_value():
    val = Values()
    val.count("injured", pd.NA, "injured")
    assert val.formatted("en")["injured"] == "– injured"
