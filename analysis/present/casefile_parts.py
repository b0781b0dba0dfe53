"""The parts of one person's case file, each as Pandoc Markdown in the edition's language.

Every value from the data is text made literal by `escape` (directly or through `markdown.cell`); sources are
citations of their ids, resolved by citeproc against the edition's bibliography. What the case files never
print: the notes of the release (free text in English only, which can name relatives), a correction's old and new
notes, a minor's name in any form but initials. A part with nothing to show says so.
"""

from __future__ import annotations

import re

import pandas as pd

from ..compute.accountability import bodies_in_order, step_dates
from ..compute.casefiles import in_case_order
from ..release.rules_accountability import INITIALS, NOT_REPRODUCED
from ..release.vocabulary import LISTS
from . import escape, i18n
from .markdown import cell, cell_text, column_width

Markdown = escape.Markdown
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
DATE_FIELDS = ("date_injured", "date_died", "date_first_reported")


def t(key: str, lang: str, **fill: object):
    """The case files' words (`casefiles.<key>` in the text files)."""
    return i18n.text(f"casefiles.{key}", lang, **fill)


def lit(value: object) -> str:
    """Text from the data, literal in Markdown."""
    return escape.markdown_text(value)


def given(value: object) -> bool:
    """A value the data give (not missing, not empty)."""
    if value is None:
        return False
    try:
        if pd.isna(value):
            return False
    except (TypeError, ValueError):  # a list or an array: given
        return True
    return str(value) != ""


def day(value: object, lang: str) -> str:
    """A date as the edition writes it in prose; a partial ISO date (a year, a month) as far as it goes."""
    if isinstance(value, pd.Timestamp):
        return i18n.date(value.date(), lang)
    text = str(value)
    if not ISO_DATE.fullmatch(text):
        return text
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return i18n.date(pd.Timestamp(text).date(), lang)
    if len(parts) == 2:
        return t("month", lang, month=i18n.text("months", lang)[parts[1] - 1], year=parts[0])
    return str(parts[0])


def is_minor(person: dict) -> bool:
    """Under 18 by the record's age: named by initials only."""
    return given(person["age"]) and int(person["age"]) < 18


def shown_name(value: object, minor: bool, lang: str) -> str:
    """A name as a case file may show it: a minor's only as initials (anything else as 'not reproduced')."""
    if minor and not INITIALS.fullmatch(str(value)):
        return t("not_reproduced", lang)
    if value == NOT_REPRODUCED:
        return t("not_reproduced", lang)
    return str(value)


def cite_known(ids: object, known: set[str]) -> str:
    """Citations of `;`-separated source ids the release's sources table has; an id it no longer has (a source
    merged into another since, named by a correction) as code."""
    if not given(ids):
        return "–"
    found = [i for i in str(ids).split(";") if i]
    cited = escape.markdown_citation(";".join(i for i in found if i in known)) if set(found) & known else ""
    codes = [escape.markdown_code(i) for i in found if i not in known]
    return Markdown(" ".join(filter(None, [cited, *codes])))


def plain_table(rows: list[list[object]], headers: list[str], lang: str, widths: list[int] | None = None) -> str:
    """A pipe table without caption: a header row, then the rows (text from the data escaped by `markdown.cell`)."""
    shown = [[cell_text(v, lang) for v in row] for row in rows]
    widths = widths or [column_width(h, [r[i] for r in shown]) for i, h in enumerate(headers)]
    lines = [
        "| " + " | ".join(lit(h) for h in headers) + " |",
        "|" + "|".join(":" + "-" * (w - 1) for w in widths) + "|",
    ]
    lines += ["| " + " | ".join(cell(v, lang) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def records(frame: pd.DataFrame, key: str) -> dict[str, dict]:
    """A table's rows as mappings, by the value of `key` (unique)."""
    return {row[key]: row for row in frame.to_dict("records")}


def grouped(frame: pd.DataFrame, key: str) -> dict[str, list[dict]]:
    """A table's rows as mappings, grouped by the value of `key`, each group in the table's order."""
    out: dict[str, list[dict]] = {}
    for row in frame.to_dict("records"):
        out.setdefault(row[key], []).append(row)
    return out


def body_names(proceedings: pd.DataFrame) -> dict[str, str]:
    """Each proceeding's bodies as the data name them ('; '-separated), each once, in the order of the steps
    they took (by date, undated last: `accountability.bodies_in_order`)."""
    steps = proceedings.assign(_day=step_dates(proceedings)).sort_values(["_day", "step_id"], na_position="last")
    return steps.groupby("proceeding", sort=False)["body_name"].agg(bodies_in_order).str.replace(";", "; ").to_dict()


def carries(rel, table: str) -> bool:
    """Whether the release carries `table` (a release made before a table existed reads it empty)."""
    return table in {resource.get("name") for resource in rel.descriptor.get("resources", [])}


def nothing(rel, table: str, lang: str) -> str:
    """What an empty part says: none recorded, or that the release predates its table."""
    return t("none", lang) if carries(rel, table) else t("absent", lang, table=table)


class Context:
    """What the parts of every case file read: the release's tables, the results and the edition's language."""

    def __init__(self, rel, r: dict, lang: str):
        self.lang = lang
        self.rel = rel
        self.events = records(rel["events"], "event_id")
        self.event_tolls = records(r["events"], "event_id")  # the tolls published for each event (results)
        self.regions = rel["regions"].set_index("ubigeo")["department"].to_dict()
        self.sources = records(rel["sources"], "source_id")
        self.known = set(self.sources)
        self.variants = grouped(r["case_variants"], "victim_id")
        self.steps = grouped(r["case_proceedings"], "victim_id")
        self.lists = {(row["victim_id"], row["list_id"]): row for row in rel["lists"].to_dict("records")}
        corrections = rel["corrections"]
        self.corrections = grouped(corrections[corrections["table"] == "victims"], "record_id")
        self.titles = records(rel["proceedings"].drop_duplicates("proceeding"), "proceeding")
        self.bodies = body_names(rel["proceedings"])
        self.step_rows = records(rel["proceedings"], "step_id")
        self.incidents = grouped(in_case_order(rel["victims"], r["victims"]), "event_id")

    def convicted(self, person: dict) -> bool:
        """Whether a court has established the force the record alleges: a verdict step that names the person
        convicts someone (it names defendants, which the release gives only where convicted) of that force."""
        for step in self.steps.get(person["victim_id"], []):
            found = self.step_rows[step["step_id"]]
            named = "person" in step["names"].split(";") and given(found["defendants_named"])
            forces = str(found["force"]).split(";") if given(found["force"]) else []
            if step["stage"] == "verdict" and named and person["alleged_force"] in forces:
                return True
        return False

    def has(self, table: str) -> bool:
        """Whether the release carries `table` (`carries`)."""
        return carries(self.rel, table)

    def empty(self, table: str) -> str:
        """What an empty part says (`nothing`)."""
        return nothing(self.rel, table, self.lang)

    def event_name(self, event_id: str) -> str:
        """An incident's name in the edition's language."""
        event = self.events[event_id]
        return event["name_es"] if self.lang == "es" else event["name"]

    def value(self, field: str, value: object, minor: bool) -> str:
        """A value of a person's record (as the variants and corrections tables give it) as the edition shows it."""
        lang = self.lang
        if not given(value):
            return t("missing", lang)
        if field == "name":
            return shown_name(value, minor, lang)
        if field in DATE_FIELDS or field == "date":
            return day(value, lang)
        if field == "sex":
            return i18n.label(str(value), lang)
        if field == "mechanism":
            return i18n.label(str(value), lang)
        if field == "alleged_force":
            return i18n.label(f"force_{value}", lang)
        if field == "category":
            return t(f"categories.{value}", lang) if value in t("categories", lang) else str(value)
        if field == "confidence":
            return i18n.label(str(value), lang)
        if field == "department":
            return f"{self.regions.get(value, value)} ({value})"
        if field == "event_id" and value in self.events:
            return f"{self.event_name(value)} ({value})"
        return str(value)

    def place(self, row: dict) -> str:
        """'locality; district, province, department (ubigeo)': a person's or an incident's place as recorded,
        with its INEI code (the district's, or the department's where the record gives no district)."""
        ubigeo = row["district_ubigeo"] if given(row["district_ubigeo"]) else row["department"]
        area = [str(row[f]) for f in ("district", "province") if given(row[f])]
        area.append(str(self.regions.get(row["department"], row["department"])))
        named = "; ".join(filter(None, [str(row["locality"]) if given(row["locality"]) else "", ", ".join(area)]))
        return t("place", self.lang, place=named, ubigeo=ubigeo)

    def field(self, field: str) -> str:
        """A field's name as the edition prints it."""
        names = t("fields", self.lang)
        return names.get(field, field)


def record(ctx: Context, person: dict) -> str:
    """The person's record: name, age, sex, the three dates, the place and its ubigeo, the incident, category,
    cause, alleged force and confidence."""
    lang, minor = ctx.lang, is_minor(person)
    name = ctx.value("name", person["name"], minor)
    if minor:
        name = t("minor", lang, name=name)
    force = ctx.value("alleged_force", person["alleged_force"], minor)
    if person["alleged_force"] in ("army", "police"):
        force = t("established" if ctx.convicted(person) else "alleged", lang, force=force)
    rows = [
        ("name", name),
        ("age", i18n.number(int(person["age"]), lang) if given(person["age"]) else t("missing", lang)),
        ("sex", ctx.value("sex", person["sex"], minor)),
        *((f, ctx.value(f, person[f], minor)) for f in DATE_FIELDS),
        ("place", ctx.place(person)),
        ("event_id", incident_link(ctx, person)),
        ("category", ctx.value("category", person["category"], minor)),
        ("mechanism", ctx.value("mechanism", person["mechanism"], minor)),
        ("alleged_force", force),
        ("confidence", ctx.value("confidence", person["confidence"], minor)),
    ]
    headers = [t("headers.field", lang), t("headers.value", lang)]
    return plain_table([[ctx.field(f), v] for f, v in rows], headers, lang, widths=[24, 56])


def incident_link(ctx: Context, person: dict) -> str:
    """The incident as the record names it, linked to the case file's part on it (`V001-incident`)."""
    shown = ctx.value("event_id", person["event_id"], is_minor(person))
    if not given(person["event_id"]) or person["event_id"] not in ctx.events:
        return shown
    return Markdown(f"[{lit(shown)}](#{person['victim_id']}-incident)")


def link(victim_id: str) -> str:
    """A link to a case file in the same document."""
    return f"[{victim_id}](#{victim_id})"


def incident(ctx: Context, person: dict) -> str:
    """The incident the record links the death to: its name, dates and place, the people of this record it
    holds (linked to their case files), the figures reported for it and its sources."""
    lang = ctx.lang
    if not given(person["event_id"]) or person["event_id"] not in ctx.events:
        return t("no_incident", lang)
    event = ctx.events[person["event_id"]]
    start, end = day(event["date_start"], lang), day(event["date_end"], lang)
    lines = [
        t(
            "incident",
            lang,
            name=f"**{lit(ctx.event_name(person['event_id']))}**",
            dates=start if start == end else f"{start} – {end}",
            place=lit(ctx.place(event)),
            id=escape.markdown_code(person["event_id"]),
        )
    ]
    ids = [p["victim_id"] for p in ctx.incidents[person["event_id"]]]
    lines.append(
        t("incident_people", lang, deaths=i18n.count(len(ids), "death", lang), people=", ".join(map(link, ids)))
    )
    lines += incident_tolls(ctx, person["event_id"])
    lines.append(t("incident_sources", lang, sources=cite_known(event["source_ids"], ctx.known)))
    lines.append(t("incident_report", lang))
    return " ".join(lines)


def incident_tolls(ctx: Context, event_id: str) -> list[str]:
    """What the tolls published for the incident say, as the report's table of lethal events gives it: how many,
    their lowest and highest deaths, and the latest (the last of the latest day; where that day's tolls give
    different deaths and their order is not recorded, only that they differ). Never the first, partial count."""
    lang = ctx.lang
    span = ctx.event_tolls.get(event_id)
    if span is None or not given(span["n_tolls"]) or int(span["n_tolls"]) == 0:
        return [t("incident_no_tolls", lang)]
    date = i18n.date(pd.Timestamp(span["latest_date"]).date(), lang)
    source = cite_known(span["latest_source_id"], ctx.known) if given(span["latest_source_id"]) else ""
    latest = i18n.count(int(span["latest_deaths"]), "death", lang) if given(span["latest_deaths"]) else None
    fill = {"date": date, "latest": latest, "source": source}
    if int(span["n_tolls"]) == 1:
        return [t("incident_toll", lang, **fill).replace(" .", ".")]
    low, high = (i18n.count(int(span[c]), "death", lang) for c in ("deaths_min", "deaths_max"))
    spread = low if low == high else t("toll_range", lang, low=low, high=high)
    key = "incident_tolls" if latest is not None else "incident_tolls_differ"
    tolls = i18n.count(int(span["n_tolls"]), "toll", lang)
    return [t(key, lang, tolls=tolls, range=spread, **fill).replace(" .", ".")]


def variants(ctx: Context, person: dict) -> str:
    """Every value on which sources differ, side by side: the field, the value, whether the record keeps it and
    the sources that state it."""
    lang = ctx.lang
    if person["victim_id"] not in ctx.variants:
        return ctx.empty("variants")
    rows = []
    for v in ctx.variants[person["victim_id"]]:
        sources = cite_known(v["source_ids"], ctx.known) if given(v["source_ids"]) else t("record_value", lang)
        kept = t("kept", lang)[v["in_record"] == "yes"]
        rows.append([ctx.field(v["field"]), ctx.value(v["field"], v["value"], is_minor(person)), kept, sources])
    headers = [t(f"headers.{h}", lang) for h in ("field", "stated", "kept", "sources")]
    return plain_table(rows, headers, lang, widths=[18, 34, 10, 20])


def lists(ctx: Context, person: dict) -> str:
    """Each major published list that could be read for the person: whether it includes them, the name it gives
    and where it was read; then the lists for which that is not established."""
    lang, items, unknown = ctx.lang, [], []
    for list_id in LISTS:
        name = i18n.label(f"list_{list_id}", lang)
        key = (person["victim_id"], list_id)
        if key not in ctx.lists:
            unknown.append(name)
            continue
        row = ctx.lists[key]
        given_name = ctx.value("name", row["name_in_list"], is_minor(person)) if given(row["name_in_list"]) else ""
        shown = t("as_named", lang, name=lit(given_name)) if given_name else ""
        status = t(f"listed.{row['listed']}", lang)
        source = cite_known(row["source_id"], ctx.known)
        items.append("- " + t("list", lang, list=lit(name), status=status, named=shown, source=source))
    if unknown:
        items.append("- " + t("not_established", lang, lists=lit(", ".join(unknown))))
    return "\n".join(items) + "\n"


def proceedings(ctx: Context, person: dict) -> str:
    """The proceedings with a step that names the person or the incident: each with its body and the stage of its
    latest dated step, then those steps with their dates, stages and sources."""
    lang = ctx.lang
    if person["victim_id"] not in ctx.steps:
        return t("proceedings_none", lang) if ctx.has("proceedings") else ctx.empty("proceedings")
    by_proceeding: dict[str, list[dict]] = {}
    for step in ctx.steps[person["victim_id"]]:
        by_proceeding.setdefault(step["proceeding"], []).append(step)
    items = []
    for proceeding, found in by_proceeding.items():
        first = ctx.titles[proceeding]
        title = f"**{lit(first['title_es' if lang == 'es' else 'title_en'])}**"
        latest = found[0]["proceeding_latest"]
        if given(latest):
            stage = i18n.label(f"stage_{found[0]['proceeding_stage']}", lang)
            head = t(
                "proceeding", lang, title=title, body=lit(ctx.bodies[proceeding]), stage=stage, date=day(latest, lang)
            )
        else:
            head = t("proceeding_undated", lang, title=title, body=lit(ctx.bodies[proceeding]))
        items.append(f"- {head}")
        for step in found:
            when = day(step["date"], lang) if given(step["date"]) else t("no_step_date", lang)
            fill = {
                "stage": i18n.label(f"stage_{step['stage']}", lang),
                "names": t(f"step_names.{step['names']}", lang),
            }
            items.append("  - " + t("step", lang, date=when, source=cite_known(step["source_id"], ctx.known), **fill))
    return "\n".join(items) + "\n"
