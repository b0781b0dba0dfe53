"""The case files: one section per person of the release, in the order of the report's per-person table (by date of
death, people without one last), each headed by the person's id, which is its anchor in the HTML and its label
in Typst (`casefiles.html#V001`).

`write` puts beside the results, per edition: `<lang>/casefiles.md` (the sections, which casefiles.qmd
includes), `<lang>/casefiles-measures.md` (the reparations decreed for the families, listed once at the start),
`<lang>/casefiles.yml` (the case files' citation, for the title page) and
`<lang>/casefiles-title-block.html` (the HTML title block with that citation). The parts of a section are in
`casefile_parts`.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import yaml

from .. import __version__, paths
from ..compute.casefiles import in_case_order
from ..release.load import Release
from ..release.vocabulary import LISTS
from . import casefile_measures as measures
from . import casefile_parts as parts
from . import escape, i18n, publication
from .casefile_parts import Context, day, given, is_minor, lit, t
from .references import inner_quotes, read_on
from .source_names import cited_publisher, title_text
from .title_block import title_block

VICTIM_ID = re.compile(r"V\d{3,}")  # the release's pattern: safe as an anchor, a label and in an address
STEMS = dict(zip(i18n.LANGS, paths.CASEFILES.values(), strict=True))  # each edition's case files, by language
PARTS = ("record", "incident", "variants", "lists", "proceedings", "reparations", "corrections", "sources", "cite")


def address(victim_id: str, lang: str, base: str = "", kind: str = "html") -> str:
    """The address of a person's case file in the web page (`casefiles.html#V001`) or the PDF (`casefiles.pdf#V001`,
    a named destination): relative, or absolute where the publication's base address is configured."""
    return f"{base}{STEMS[lang]}.{kind}#{victim_id}"


def casefile_link(victim_id: object, lang: str) -> str:
    """A person's id as a link to their case file in the HTML edition (a span that the HTML page's layout,
    page-layout.lua, turns into a link; the PDF shows the id): Markdown, or the id as text if it is not one."""
    if not VICTIM_ID.fullmatch(str(victim_id)):
        return str(victim_id)
    return escape.Markdown(f'[{victim_id}]{{.casefile target="{address(str(victim_id), lang)}"}}')


def heading(person: dict, lang: str) -> str:
    """'V001 · Name · 11 December 2022', labelled with the id."""
    name = parts.shown_name(person["name"], is_minor(person), lang) if given(person["name"]) else t("no_name", lang)
    died = day(person["date_died"], lang) if given(person["date_died"]) else t("no_date", lang)
    return "# " + t("heading", lang, id=person["victim_id"], name=lit(name), died=died) + f" {{#{person['victim_id']}}}"


def corrections(ctx: Context, person: dict) -> str:
    """Every correction of the person's record that the release carries: the release that made it, the field, the
    values before and after (a list of sources as the ids removed and added; notes never: they are in the data
    release), the reason (the data give it in English only; the Spanish edition says so) and its source."""
    lang, vid = ctx.lang, person["victim_id"]
    if vid not in ctx.corrections:
        return ctx.empty("corrections")
    rows = []
    for c in (SimpleNamespace(**row) for row in ctx.corrections[vid]):
        if c.field == "notes":
            before = after = t("notes_hidden", lang)
        elif c.field == "source_ids":
            old, new = (set(str(v).split(";")) if given(v) else set() for v in (c.old_value, c.new_value))
            before = parts.cite_known(";".join(sorted(old - new)), ctx.known) if old - new else "–"
            after = parts.cite_known(";".join(sorted(new - old)), ctx.known) if new - old else "–"
        else:
            before, after = (ctx.value(c.field, v, is_minor(person)) for v in (c.old_value, c.new_value))
        row = [c.release, ctx.field(c.field), before, after, c.reason]
        rows.append([*row, parts.cite_known(c.source_id, ctx.known)])
    names = ["release", "field", "before", "after", "reason" if lang == "en" else "reason_en", "source"]
    widths = [11, 14, 18, 18, 22, 10]
    return parts.plain_table(rows, [t(f"headers.{h}", lang) for h in names], lang, widths)


def source_item(ctx: Context, source_id: str) -> str:
    """One source: its citation (numbered, linked to the references at the end), publisher, title, date of
    publication, the address it is cited at and the day that address was read (`references.read_on`: where the
    data record it); a source known only from a copy says so, as the references do."""
    lang, s = ctx.lang, ctx.sources[source_id]
    date = day(s["date_published"], lang) if given(s["date_published"]) else t("no_source_date", lang)
    url = escape.safe_url(s["url"])
    if url:
        where = f" <{url}>."
    elif given(s["url"]):
        where = f" {lit(s['url'])}."
    else:
        where = f" {lit(i18n.text('references_copy_only', lang))}." if given(s.get("copy_url")) else ""
    read = read_on(s["url"], s.get("copy_url"), s.get("read_date"))
    title = inner_quotes(title_text(s["title"]), lang)  # as the references print it
    fill = {"publisher": lit(cited_publisher(s["publisher"], lang)), "title": lit(title)}
    fill |= {"date": date, "address": where, "read": t("read", lang, date=day(read, lang)) if read else ""}
    return f"- {escape.markdown_citation(source_id)} {t('source', lang, **fill)}"


def cited_sources(ctx: Context, person: dict) -> tuple[list[str], list[str]]:
    """The person's sources (the victims table's), then the others the parts of the case file cite (its values,
    lists, incident, proceedings and corrections), each once, by date of publication (undated last) within each
    group; ids the sources table no longer has are left out (a correction names them as code)."""
    vid = person["victim_id"]
    own = [s for s in str(person["source_ids"]).split(";") if s in ctx.known]
    others = [v["source_ids"] for v in ctx.variants.get(vid, [])]
    others += [ctx.lists[(vid, list_id)]["source_id"] for list_id in LISTS if (vid, list_id) in ctx.lists]
    event = ctx.events.get(person["event_id"]) if given(person["event_id"]) else None
    others += [event["source_ids"], event["figures_source_id"]] if event else []
    others += [step["source_id"] for step in ctx.steps.get(vid, [])]
    others += [c["source_id"] for c in ctx.corrections.get(vid, [])]
    found = [s for ids in others if given(ids) for s in str(ids).split(";")]

    def by_date(group: list[str]) -> list[str]:
        dates = {
            s: str(ctx.sources[s]["date_published"]) if given(ctx.sources[s]["date_published"]) else "~" for s in group
        }
        return sorted(dict.fromkeys(group), key=lambda s: (dates[s], s))

    return by_date(own), by_date([s for s in found if s in ctx.known and s not in own])


def sources(ctx: Context, person: dict) -> str:
    """Every source the case file cites, with what a citation needs: the record's own, then the others."""
    own, others = cited_sources(ctx, person)
    out = t("sources_intro", ctx.lang) + "\n\n" + "\n".join(source_item(ctx, s) for s in own) + "\n"
    if others:
        out += "\n" + t("others_intro", ctx.lang) + "\n\n" + "\n".join(source_item(ctx, s) for s in others) + "\n"
    return out


def cite(ctx: Context, person: dict, base: str) -> str:
    """The line that cites this record: the project, the case file's id and name, the release, its checksum and
    the address of the section."""
    lang, rel = ctx.lang, ctx.rel
    name = parts.shown_name(person["name"], is_minor(person), lang) if given(person["name"]) else ""
    where = [address(person["victim_id"], lang, base), address(person["victim_id"], lang, base, "pdf")]
    # an absolute address is a link; a relative one is set as code, which is never hyphenated where it breaks
    shown = " · ".join(f"<{w}>" if escape.safe_url(w) == w else escape.markdown_code(w) for w in where)
    return t(
        "cite",
        lang,
        year=rel.created.year,
        id=person["victim_id"],
        name=f", {lit(name.removesuffix('.'))}" if name else "",  # initials' last period ends the sentence
        release=lit(rel.name),
        sha=rel.sha256,
        address=shown,
    )


def section(ctx: Context, person: dict, base: str) -> str:
    """One person's case file: the heading, then every part under its own heading (`V001-record`, ...)."""
    lang, vid = ctx.lang, person["victim_id"]
    bodies = {
        "record": parts.record(ctx, person),
        "incident": parts.incident(ctx, person),
        "variants": parts.variants(ctx, person),
        "lists": parts.lists(ctx, person),
        "proceedings": parts.proceedings(ctx, person),
        "reparations": measures.reparations(ctx),
        "corrections": corrections(ctx, person),
        "sources": sources(ctx, person),
        "cite": cite(ctx, person, base),
    }
    out = [heading(person, lang)]
    for part in PARTS:
        out += [f"## {t(f'parts.{part}', lang)} {{#{vid}-{part}}}", bodies[part].rstrip("\n")]
    return "\n\n".join(out) + "\n"


def markdown(rel: Release, r: dict, lang: str) -> str:
    """Every case file of the release in the edition `lang`, in the order of the per-person table."""
    people = in_case_order(rel["victims"], r["victims"])
    bad = [v for v in people["victim_id"] if not VICTIM_ID.fullmatch(str(v))]
    if bad:
        raise ValueError(f"victim ids that cannot be anchors: {bad[:5]}")
    ctx = Context(rel, r, lang)
    base = publication.settings().get("base-url", "")
    return "\n".join(section(ctx, person, base) for person in people.to_dict("records"))


def citation(rel: Release, lang: str) -> str:
    """How to cite the case files (their title page and title block)."""
    return t("citation", lang, year=rel.created.year, version=__version__, release=rel.name, sha=rel.sha256[:12])


def write(folder: Path, rel: Release, r: dict, formatted: dict[str, dict[str, str]]) -> None:
    """Write each edition's case files, their citation (front matter) and their HTML title block into
    `folder/<lang>/`; `formatted` holds the named values as each edition prints them."""
    for lang in i18n.LANGS:
        (folder / lang / "casefiles.md").write_text(markdown(rel, r, lang), encoding="utf-8")
        (folder / lang / "casefiles-measures.md").write_text(measures.measures(rel, lang), encoding="utf-8")
        cited = citation(rel, lang)
        front = {"casefiles": {"citation": escape.markdown_text(cited)}}
        (folder / lang / "casefiles.yml").write_text(yaml.safe_dump(front, allow_unicode=True, width=1000), "utf-8")
        block = title_block({**formatted[lang], "citation": cited}, lang, version=t("version", lang))
        (folder / lang / "casefiles-title-block.html").write_text(block, encoding="utf-8")
