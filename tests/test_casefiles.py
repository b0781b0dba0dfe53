"""The case files (issue 26): one section per person, in both editions, in the HTML (anchored by the victim id) and
in the PDF (a person per page), each with the person's incident, every source, the values on which sources differ
as the data give them, and a line to cite it; minors by initials only, no notes (which can name relatives).

The render tests read the first release (its newer tables empty) and the latest published one (conftest); the
unit tests build the parts from small tables, with every table the newer releases carry.
"""

from __future__ import annotations

import dataclasses
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIRST_RELEASE, table
from pypdf import PdfReader

from analysis import paths
from analysis.compute import casefiles as compute
from analysis.compute.events import event_summary
from analysis.compute.models import analyse
from analysis.present import casefile_measures, casefile_parts, casefiles, i18n
from analysis.release.load import load_release
from analysis.release.rules_accountability import INITIALS, NOT_REPRODUCED

STEMS = {"en": "casefiles", "es": "casefiles-es"}
REPORTS = {"en": "report", "es": "report-es"}
LATEST = paths.release_names()[-1]


# ---------------------------------------------------------------- the results


VARIANTS = """
variant_id,victim_id,field,value,source_id,in_record,notes
D001,V002,age,38,a,yes,
D002,V001,name,Ana Pérez,,yes,
D003,V001,age,23,b,no,
D004,V001,name,ANA PEREZ,c,no,
D005,V001,age,38,c,yes,
D006,V001,name,Ana Pérez,d,yes,
"""


def strings(text: str) -> pd.DataFrame:
    """A table of text cells from inline CSV (the variants' values are text, whatever they hold)."""
    return pd.read_csv(io.StringIO(text.strip()), dtype=str)


def test_stated_values_group_a_persons_sources_by_value_the_records_value_first():
    out = compute.stated_values(strings(VARIANTS), compute.case_order(table("victim_id\nV001\nV002")))
    assert out.to_dict("list") == {
        "victim_id": ["V001", "V001", "V001", "V001", "V002"],
        "field": ["name", "name", "age", "age", "age"],
        "value": ["Ana Pérez", "ANA PEREZ", "38", "23", "38"],
        "in_record": ["yes", "no", "yes", "no", "yes"],
        "source_ids": ["d", "c", "c", "b", "a"],
        "n_sources": [1, 1, 1, 1, 1],
    }


def test_stated_values_of_a_release_without_variants_have_the_declared_columns():
    out = compute.stated_values(strings(VARIANTS).iloc[0:0], compute.case_order(table("victim_id\nV001")))
    assert list(out.columns) == list(compute.VARIANT_COLUMNS) and out.empty


STEPS = """
step_id,proceeding,title_en,title_es,body,body_name,stage,date,event_ids,victim_ids,people_investigated,people_charged,source_id
PR001,p-one,One,Uno,prosecutors,Fiscalía,complaint,2023-01,ev-a,,,,s1
PR002,p-two,Two,Dos,courts,Juzgado,trial,2024-05-02,,V002,,,s2
PR003,p-one,One,Uno,prosecutors,Fiscalía,formal_investigation,2023-03-04,ev-a,V001,3,,s3
PR004,p-three,Three,Tres,congress,Congreso,report,2023-02-01,,,,,s4
PR005,p-one,One,Uno,prosecutors,Fiscalía,other,,,V001,,,s5
"""
PEOPLE = """
victim_id,event_id
V002,ev-b
V001,ev-a
V003,ev-a
V004,
"""


def test_person_steps_are_the_steps_that_name_the_person_or_the_incident():
    out = compute.person_steps(strings(STEPS), strings(PEOPLE))
    rows = list(zip(out["victim_id"], out["step_id"], out["names"]))
    assert rows == [
        ("V002", "PR002", "person"),
        ("V001", "PR001", "incident"),
        ("V001", "PR003", "person;incident"),
        ("V001", "PR005", "person"),  # undated: after the dated steps of its proceeding
        ("V003", "PR001", "incident"),
        ("V003", "PR003", "incident"),
    ]  # PR004 names no one; V004 has no incident and no step names them
    one = out[out["proceeding"] == "p-one"]
    assert set(one["proceeding_stage"]) == {"formal_investigation"}
    assert set(one["proceeding_latest"]) == {"2023-03-04"}  # as published: a day or a month


def test_person_steps_of_a_release_without_proceedings_have_the_declared_columns():
    out = compute.person_steps(strings(STEPS).iloc[0:0], strings(PEOPLE))
    assert list(out.columns) == list(compute.PROCEEDING_COLUMNS) and out.empty


# ---------------------------------------------------------------- the parts, from a release with every table


@pytest.fixture(scope="module")
def first() -> tuple:
    rel = load_release(FIRST_RELEASE)
    return rel, analyse(rel)


def with_tables(rel, **tables: pd.DataFrame):
    """The release with `tables` replaced and carried (as a release made after they existed)."""
    descriptor = dict(rel.descriptor)
    descriptor["resources"] = [*descriptor["resources"], *({"name": name} for name in tables)]
    return dataclasses.replace(rel, tables={**rel.tables, **tables}, descriptor=descriptor)


def minor_and_adult(rel) -> tuple[pd.Series, pd.Series]:
    v = rel["victims"]
    minors = v[(v["age"] < 18) & v["name"].notna()]
    adults = v[(v["age"] >= 18) & v["name"].notna()]
    return minors.iloc[0], adults.iloc[0]


def section_of(markdown: str, victim_id: str) -> str:
    """One person's section of the case files' Markdown, from its heading to the next person's."""
    start = markdown.index(f"# {victim_id} · ")
    following = re.search(r"^# V\d+ · ", markdown[start + 2 :], re.M)
    return markdown[start : start + 2 + following.start()] if following else markdown[start:]


@pytest.fixture(scope="module")
def hostile_parts(first) -> tuple:
    """The first release with a minor's full name in a variant, a list and a correction, and a correction of notes
    that names a relative: the parts must show none of them."""
    rel, r = first
    minor, adult = minor_and_adult(rel)
    source = rel["sources"]["source_id"].iloc[0]
    variants = pd.DataFrame(
        {
            "variant_id": ["D001", "D002", "D003", "D004", "D005"],
            "victim_id": [minor["victim_id"], minor["victim_id"], minor["victim_id"], adult["victim_id"], "V001"],
            "field": ["name", "name", "age", "mechanism", "date_died"],
            "value": [minor["name"], "Fulanito Menor De Edad", "14", "pellets", "2022-12-01"],
            "source_id": [None, source, source, source, source],
            "in_record": ["yes", "no", "no", "no", "no"],
            "notes": [None, None, None, None, None],
        }
    )
    lists = (
        rel["lists"]
        .iloc[0:0]
        .reindex(range(1))
        .assign(
            victim_id=minor["victim_id"], list_id="hrw", listed="yes", name_in_list="Fulanito Menor", source_id=source
        )
    )
    corrections = pd.DataFrame(
        {
            "correction_id": ["K1", "K2"],
            "release": ["2026-12-06", "2026-12-06"],
            "table": ["victims", "victims"],
            "record_id": [minor["victim_id"], adult["victim_id"]],
            "field": ["name", "notes"],
            "old_value": ["Fulanito Menor De Edad", "travelling with his wife, Zoila Relativa"],
            "new_value": [minor["name"], "travelling with his wife"],
            "reason": ["initials only", "a relative's name removed"],
            "source_id": [source, "a-source-merged-since"],
        }
    )
    hostile = with_tables(rel, variants=variants, lists=pd.concat([rel["lists"], lists]), corrections=corrections)
    results = {**r, "case_variants": compute.stated_values(variants, compute.case_order(r["victims"]))}
    return hostile, results, minor, adult, source


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_minor_is_named_only_by_initials_and_no_note_is_shown(hostile_parts, lang):
    rel, r, minor, adult, _ = hostile_parts
    text = casefiles.markdown(rel, r, lang)
    assert "Fulanito" not in text and "Zoila" not in text and "Relativa" not in text
    minor_section = section_of(text, minor["victim_id"])
    assert INITIALS.fullmatch(minor["name"]) and casefile_parts.lit(minor["name"]) in minor_section.split("\n")[0]
    hidden = casefile_parts.lit(casefile_parts.t("not_reproduced", lang))
    assert minor_section.count(hidden) == 3  # the variant, the list's name, the correction's old value
    assert NOT_REPRODUCED not in text or lang == "en"


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_variants_shown_are_the_data_each_with_its_source(hostile_parts, lang):
    rel, r, minor, adult, source = hostile_parts
    text = casefiles.markdown(rel, r, lang)
    adult_section = section_of(text, adult["victim_id"])
    row = next(line for line in adult_section.splitlines() if i18n.label("pellets", lang) in line)
    assert f"[@{source}]" in row and casefile_parts.t("kept", lang)[0] in row
    date_row = next(
        line
        for line in section_of(text, "V001").splitlines()
        if "| " + i18n.date(pd.Timestamp("2022-12-01").date(), lang) in line
    )
    assert f"[@{source}]" in date_row
    assert "`a-source-merged-since`" in text  # a source no longer in the release: named, not cited


@pytest.mark.parametrize("defendants", ["A Convicted Officer", None])
def test_a_force_is_alleged_unless_a_verdict_naming_the_person_convicts_a_member_of_it(first, defendants):
    rel, r = first
    victims = rel["victims"]
    person = victims[victims["alleged_force"] == "police"].iloc[0]
    steps = (
        strings(STEPS)
        .iloc[0:1]
        .assign(step_id="PR900", stage="verdict", victim_ids=person["victim_id"], event_ids=None, force="police")
    )
    steps["defendants_named"] = defendants  # the release gives names only where convicted
    steps["outcome"] = None
    proceedings = with_tables(rel, proceedings=steps)
    results = {**r, "case_proceedings": compute.person_steps(steps, compute.in_case_order(victims, r["victims"]))}
    record = casefile_parts.record(casefile_parts.Context(proceedings, results, "en"), person.to_dict())
    force = i18n.label("force_police", "en")
    expected = casefile_parts.t("established" if defendants else "alleged", "en", force=force)
    assert casefile_parts.lit(expected) in record


def test_a_release_made_before_the_newer_tables_says_so_in_every_case_file(first):
    rel, r = first
    text = casefiles.markdown(rel, r, "en")
    n = len(rel["victims"])
    for table_name in ("variants", "corrections", "proceedings", "reparations"):
        assert text.count(casefile_parts.t("absent", "en", table=table_name)) == n, table_name


# ---------------------------------------------------------------- the rendered documents


class Sections(HTMLParser):
    """A case-file page: its ids in order, the text of each person's section (up to the next person's heading),
    the sources each section cites (`#ref-<id>` links) with the numbers shown for them, and the links of the
    page."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.cited: dict[str, set[str]] = {}
        self.numbers: dict[str, str] = {}
        self.current: str | None = None
        self.link: str | None = None
        self.hidden = 0
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.hidden += tag in ("style", "script")
        person = attrs.get("id") or ""
        if re.fullmatch(r"V\d{3,}", person):
            self.ids.append(person)
            self.current = person
            self.text[person], self.cited[person] = [], set()
        elif person in ("references", "refs") or (tag == "section" and person in ("downloads", "cite")):
            self.current = None
        href = attrs.get("href") or ""
        self.link = href[len("#ref-") :] if tag == "a" and href.startswith("#ref-") else None
        if self.link and self.current:
            self.cited[self.current].add(self.link)

    def handle_endtag(self, tag):
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data):
        if self.link and data.strip().isdigit():
            self.numbers[self.link] = data.strip()
        if self.current and not self.hidden:
            self.text[self.current].append(data)

    def of(self, person: str) -> str:
        return " ".join(" ".join(self.text[person]).split())


def rendered(request, which: str) -> tuple[object, Path]:
    """(the release, its render) of the first or the latest release."""
    if which == "first":
        return load_release(FIRST_RELEASE), request.getfixturevalue("out")
    return load_release(LATEST), request.getfixturevalue("latest_out")


def pdf_sections(pdf: Path, release: str) -> dict[str, str]:
    """The text of each person's pages (from the page their heading opens, right under the running header that
    ends with the release's name, to the next person's), by id."""
    pages = [" ".join(page.extract_text().replace("\u00ad", "").split()) for page in PdfReader(pdf).pages]
    starts = {}
    for number, text in enumerate(pages):
        heading = re.match(rf".{{0,60}}?{re.escape(release)} (V\d{{3,}}) · ", text)
        if heading:
            starts[heading.group(1)] = number
    order = sorted(starts, key=starts.get)
    ends = {p: starts[n] for p, n in zip(order, order[1:])}
    return {p: " ".join(pages[starts[p] : ends.get(p, starts[p] + 3)]) for p in order}


def numbers_cited(text: str) -> set[str]:
    """The numbers of the citations in a text: [3], [3, 17], [3–5]."""
    found = set()
    for group in re.findall(r"\[([\d,\s–-]+)\]", text):
        for part in group.split(","):
            ends = [int(x) for x in re.split(r"[–-]", part.strip()) if x]
            found |= {str(n) for n in range(ends[0], ends[-1] + 1)} if ends else set()
    return found


@pytest.mark.parametrize("which", ["first", "latest"])
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_person_has_a_case_file_with_their_incident_and_all_their_sources(request, which, lang):
    rel, out = rendered(request, which)
    page = Sections((out / f"{STEMS[lang]}.html").read_text(encoding="utf-8"))
    victims = casefiles.in_case_order(rel["victims"], analyse_victims(rel))
    assert page.ids == list(victims["victim_id"])  # each once, by date of death as the per-person table
    pdf = pdf_sections(out / f"{STEMS[lang]}.pdf", rel.name)
    assert list(pdf) == list(victims["victim_id"])  # a person per page, in the same order
    events = rel["events"].set_index("event_id")
    for person in victims.to_dict("records"):
        vid, own = person["victim_id"], set(person["source_ids"].split(";"))
        text = page.of(vid)
        if isinstance(person["event_id"], str):
            name = events.at[person["event_id"], "name_es" if lang == "es" else "name"]
            assert name in text and name.replace(" ", "") in pdf[vid].replace(" ", ""), vid
        assert own <= page.cited[vid], (vid, own - page.cited[vid])
        assert {page.numbers[s] for s in own} <= numbers_cited(pdf[vid]), vid
        assert f"{STEMS[lang]}.html#{vid}" in text and rel.name in text and rel.sha256 in text  # the cite line


def analyse_victims(rel) -> pd.DataFrame:
    from analysis.compute.people import victims_list

    return victims_list(rel["victims"], rel["regions"])


@pytest.mark.parametrize("which", ["first", "latest"])
def test_minors_appear_by_their_initials_only(request, which):
    rel, out = rendered(request, which)
    v = rel["victims"]
    minors = v[v["age"] < 18]
    assert len(minors) >= 5
    for lang in i18n.LANGS:
        page = Sections((out / f"{STEMS[lang]}.html").read_text(encoding="utf-8"))
        for person in minors.to_dict("records"):
            text = page.of(person["victim_id"])
            names = [person["name"]] if isinstance(person["name"], str) else []
            names += list(rel["lists"].loc[rel["lists"]["victim_id"] == person["victim_id"], "name_in_list"].dropna())
            assert all(INITIALS.fullmatch(n) for n in names), names
            assert all(n in text for n in names)
            shown = re.findall(r"(?:as|como) “([^”]+)”", text)  # the names the lists give (titles are quoted too)
            assert all(INITIALS.fullmatch(n) for n in shown), shown


def case_results(rel) -> dict:
    """The results the case files are made from, computed without the models."""
    victims = analyse_victims(rel)
    ordered = casefiles.in_case_order(rel["victims"], victims)
    return {
        "victims": victims,
        "case_variants": compute.stated_values(rel["variants"], compute.case_order(victims)),
        "case_proceedings": compute.person_steps(rel["proceedings"], ordered),
        "events": event_summary(rel["victims"], rel["events"], rel["tallies"]),
    }


@pytest.mark.parametrize("which", ["first", "latest"])
@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_variants_shown_equal_the_data(request, which, lang):
    """Every value a source states for a person is in that person's section, cited to its source; a release
    without the variants table says so in every case file."""
    rel, out = rendered(request, which)
    page = Sections((out / f"{STEMS[lang]}.html").read_text(encoding="utf-8"))
    ctx = casefile_parts.Context(rel, case_results(rel), lang)
    for v in rel["variants"].to_dict("records"):
        person = rel["victims"].set_index("victim_id").loc[v["victim_id"]]
        shown = ctx.value(v["field"], v["value"], casefile_parts.is_minor(person))
        assert shown in page.of(v["victim_id"]), (v["variant_id"], shown)
        if isinstance(v["source_id"], str):
            assert v["source_id"] in page.cited[v["victim_id"]], v["variant_id"]
    if not ctx.has("variants"):
        absent = casefile_parts.t("absent", lang, table="variants")
        assert all(absent in page.of(p) for p in page.ids)


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_per_person_table_of_the_report_links_each_id_to_its_case_file(out, lang):
    report = (out / f"{REPORTS[lang]}.html").read_text(encoding="utf-8")
    ids = list(load_release(FIRST_RELEASE)["victims"]["victim_id"])
    links = re.findall(rf'<a href="{STEMS[lang]}\.html#(V\d+)"', report)
    assert sorted(links) == sorted(ids)
    assert "casefile" not in " ".join(PdfReader(out / f"{REPORTS[lang]}.pdf").pages[0].extract_text())


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_pdf_is_stamped_like_the_report_and_lists_the_people_by_date_of_death(out, lang):
    pages = [page.extract_text() for page in PdfReader(out / f"{STEMS[lang]}.pdf").pages]
    rel = load_release(FIRST_RELEASE)
    assert rel.name in pages[0] and rel.sha256 in "".join(pages[0].split())
    contents = " ".join(" ".join(pages[1:4]).split())
    positions = [
        contents.index(f"{vid} · ")
        for vid in casefiles.in_case_order(rel["victims"], analyse_victims(rel))["victim_id"]
    ]
    assert positions == sorted(positions)
    header = {"en": "Case files", "es": "Fichas por persona"}[lang]
    assert all(header in page for page in pages[1:])


def test_an_address_is_absolute_where_the_base_address_is_configured(first, monkeypatch):
    rel, r = first
    monkeypatch.setattr(casefiles.publication, "settings", lambda: {"base-url": "https://example.org/peru/"})
    text = casefiles.markdown(rel, r, "es")
    assert "<https://example.org/peru/casefiles-es.html#V001>" in text
    assert casefiles.casefile_link("V001", "es") == '[V001]{.casefile target="casefiles-es.html#V001"}'
    assert casefiles.casefile_link("<b>", "en") == "<b>"  # not an id: text, never a link


# ---------------------------------------------------------------- the staging data: every newer table filled


@pytest.fixture(scope="module")
def staged(tmp_path_factory) -> tuple:
    """The staging tables made into a release (variants, proceedings and reparations filled, the corrections
    carried) and each edition's case files in Markdown, made without the models or a render."""
    from analysis.publish.new_release import make_release

    root = tmp_path_factory.mktemp("staged")
    changelog = root / "CHANGELOG.md"  # the release's entry in both editions, as a release needs
    changelog.write_text("# Changelog\n\n## 2099-01-01\nThe staging data.\n", encoding="utf-8")
    (root / "CHANGELOG.es.md").write_text("# Registro\n\n## 2099-01-01\nLos datos en preparación.\n", "utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PERU_PROTESTS_TODAY", "2099-01-01")
        folder = make_release("2099-01-01", paths.STAGING, root / "releases", changelog, created="2099-01-01")
    rel = load_release(folder)
    r = case_results(rel)
    return rel, r, {lang: casefiles.markdown(rel, r, lang) for lang in i18n.LANGS}


def csv_rows(name: str, folder: Path = paths.STAGING) -> list[dict[str, str]]:
    """A CSV's rows as text, read with the standard library (not the release loader)."""
    import csv

    with (folder / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def part(section: str, name: str) -> str:
    """One part of a person's section (`## ... {#V001-variants}` up to the next part)."""
    start = re.search(rf"^## .*\{{#V\d+-{name}\}}$", section, re.M).end()
    following = re.search(r"^## ", section[start:], re.M)
    return section[start : start + following.start()] if following else section[start:]


def table_rows(text: str) -> list[list[str]]:
    """The body rows of a pipe table, each as its cells with Markdown's escapes removed (citations kept)."""
    rows = [line for line in text.splitlines() if line.startswith("| ")][1:]
    return [[re.sub(r"\\(.)", r"\1", c).strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_variants_of_the_staging_data_are_shown_as_stated_each_with_its_sources(staged, lang):
    """Computed here from variants.csv: per person, field and value, whether the record keeps it and the set of
    sources that state it; each case file's table holds exactly those rows."""
    rel, r, markdown = staged
    expected: dict[str, dict[tuple, set[str]]] = {}
    for v in csv_rows("variants.csv"):
        key = (v["field"], v["value"], v["in_record"])
        expected.setdefault(v["victim_id"], {}).setdefault(key, set()).update(filter(None, [v["source_id"]]))
    ctx = casefile_parts.Context(rel, r, lang)
    people = rel["victims"].set_index("victim_id")
    kept, fields = casefile_parts.t("kept", lang), casefile_parts.t("fields", lang)
    for vid in people.index:
        table_part = part(section_of(markdown[lang], vid), "variants")
        minor = casefile_parts.is_minor(people.loc[vid])
        want = sorted(
            (fields[f], ctx.value(f, value, minor), kept[in_record == "yes"], tuple(sorted(s)))
            for (f, value, in_record), s in expected.get(vid, {}).items()
        )
        shown = sorted(
            (field, value, keep, tuple(sorted(re.findall(r"@([^;\]\s]+)", sources))))
            for field, value, keep, sources in table_rows(table_part)
        )
        assert shown == want, vid


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_a_minor_of_the_staging_data_is_named_by_initials_wherever_a_name_is_shown(staged, lang):
    """Every name a minor's case file shows (heading, record, the values sources state, the lists' names) is
    initials or says that a full name was published and is not reproduced (the data hold no minor's full name;
    the hostile tables above test one that slipped in)."""
    rel, _, markdown = staged
    minors = [v["victim_id"] for v in csv_rows("victims.csv") if v["age"] and int(v["age"]) < 18]
    hidden = casefile_parts.t("not_reproduced", lang)
    fields = casefile_parts.t("fields", lang)
    assert minors
    for vid in minors:
        section = section_of(markdown[lang], vid)
        flat = re.sub(r"\\(.)", r"\1", section)
        names = [flat.split("\n")[0].split(" · ")[1]]
        names += [row[1] for row in table_rows(part(section, "variants")) if row[0] == fields["name"]]
        names += re.findall(r"“([^”]+)”", re.sub(r"\\(.)", r"\1", part(section, "lists")))
        unnamed = (hidden, casefile_parts.t("no_name", lang), casefile_parts.t("missing", lang))
        assert all(INITIALS.fullmatch(n) or n in unnamed for n in names), (vid, names)
        record_name = table_rows(part(section, "record"))[0][1]
        assert INITIALS.match(record_name) or record_name.startswith(unnamed), (vid, record_name)
        assert lang == "en" or NOT_REPRODUCED not in flat


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_source_proceeding_and_correction_of_a_person_is_in_their_case_file(staged, lang):
    """From the CSVs: each person's own sources with their titles, every step that names the person or their
    incident, and every correction of their record, each cited or named in their section."""
    rel, _, markdown = staged
    sources = {s["source_id"]: s for s in csv_rows("sources.csv")}
    steps = csv_rows("proceedings.csv")
    corrections = [c for c in csv_rows("corrections.csv", paths.DATA) if c["table"] == "victims"]
    for person in csv_rows("victims.csv"):
        vid = person["victim_id"]
        section = section_of(markdown[lang], vid)
        listed = part(section, "sources")
        for s in person["source_ids"].split(";"):
            assert f"[@{s}]" in listed, (vid, s)
            title = re.sub(r"^\[[^\]]*\]\s*|\s*\([^)]*\)$", "", sources[s]["title"])  # no note on the title
            quotes = str.maketrans("", "", "“”‘’«»\"'")  # quotes inside a title print as the edition quotes them
            assert title[:30].translate(quotes) in re.sub(r"\\(.)", r"\1", listed).translate(quotes), (vid, s)
        naming = [
            p["source_id"]
            for p in steps
            if vid in p["victim_ids"].split(";")
            or (person["event_id"] and person["event_id"] in p["event_ids"].split(";"))
        ]
        assert all(f"@{s}" in part(section, "proceedings") for s in naming), vid
        theirs = [c for c in corrections if c["record_id"] == vid]
        rows = table_rows(part(section, "corrections"))
        assert len(rows) == len(theirs) and [row[0] for row in rows] == [c["release"] for c in theirs], vid


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_the_measures_for_the_families_are_listed_once_each_with_its_source(staged, lang):
    """From reparations.csv: every measure for the families of the people who died, with its source."""
    rel, _, _ = staged
    listed = casefile_measures.measures(rel, lang)
    theirs = [m for m in csv_rows("reparations.csv") if m["beneficiary"] == "death"]
    items = [line for line in listed.splitlines() if line.startswith("- ")]
    assert theirs and len(items) == len(theirs)
    assert all(f"[@{m['source_id']}]" in item for m, item in zip(theirs, items))
