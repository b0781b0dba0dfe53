"""The release itself: its identity (version, citation, cut-off, table sizes), what changed since the previous
release, and the appendix's data dictionary and tables of contents and changes."""

from __future__ import annotations

import pandas as pd

from ... import __version__
from ...release import rules
from ...release.load import Release
from .. import i18n
from ..escape import Markdown, markdown_code, markdown_text
from ..i18n import LANGS, header
from ..markdown import caption, markdown_table
from ..values import Values

CHANGED = {"victims": "person", "events": "incident", "tallies": "toll", "sources": "source"}  # table: unit


def identity_values(val: Values, rel: Release) -> None:
    """Report and release identity: version, citation, release name, checksum, dates, people and sources."""
    val.text("package_version", __version__)
    fill = {"year": rel.created.year, "version": __version__, "release": rel.name, "sha": rel.sha256[:12]}
    val.text("citation", {lang: i18n.text("values.citation", lang, **fill) for lang in LANGS})
    counted = val.resting_on("counted")
    counted.text("release", rel.name)
    val.text("release_sha256", rel.sha256)
    counted.date("release_created", rel.created)
    cutoff = rel.cutoff if rel.cutoff is not None else rel.created
    latest = rules.latest_dated_value(rel.tables)
    later = latest is not None and latest > cutoff  # only in a release made before the cut-off rule (load.py)
    val.date("release_cutoff", cutoff, rests_on=("cutoff",))
    val.date("latest_dated_value", latest if later else cutoff, rests_on=("cutoff",))
    val.flag("dated_within_cutoff", not later)
    val.flag("dated_after_cutoff", later)
    val.count("n_victims", len(rel["victims"]), "person", rests_on=("counted", "categories"))
    val.count("n_sources", len(rel["sources"]), "source", rests_on=("counted",))


def change_values(val: Values, r: dict) -> None:
    """What changed since the previous release, per table of `CHANGED`: records added, removed, changed."""
    changes = r.get("changes")  # None: the first release (or results computed outside a build)
    val.flag("first_release", changes is None)
    val.flag("has_changes", changes is not None and not changes.empty)
    val.flag("no_changes", changes is not None and changes.empty)
    val.text("previous_release", r.get("previous") or "", rests_on=("counted",))
    counts = changes.set_index("table") if changes is not None else pd.DataFrame()
    for table, unit in CHANGED.items():
        for change in ("added", "removed", "changed"):
            n = int(counts.at[table, change]) if table in counts.index else 0
            val.count(f"changes_{table}_{change}", n, unit, rests_on=("changes",))


def values(val: Values, rel: Release, r: dict) -> None:
    """The release's named values."""
    identity_values(val, rel)
    change_values(val, r)


def table_dictionary(rel: Release, lang: str) -> str:
    """The release's data dictionary, from the schemas in its datapackage.json."""
    rows = []
    for resource in rel.descriptor["resources"]:
        if resource["name"] not in rel.tables:  # the changelog files a release carries have no fields
            continue
        for f in resource["schema"]["fields"]:
            text = markdown_text(f.get("description_es" if lang == "es" else "description", f.get("description", "")))
            cons = f.get("constraints", {})
            if "enum" in cons:
                text += " (" + ", ".join(markdown_code(x) for x in cons["enum"]) + ")"
            rows.append(
                [
                    markdown_code(resource["name"]),
                    markdown_code(f["name"]),
                    Markdown(markdown_code(f["type"]) + (" \\*" if cons.get("required") else "")),
                    Markdown(text),
                ]
            )
    frame = pd.DataFrame(rows, columns=["table", "field", "type", "description"])
    headers = [header(h, lang) for h in ("table", "field", "type", "description")]
    return markdown_table(frame, headers, caption("dictionary", lang), "tbl-dictionary", lang)


def changes_markdown(rel: Release, changes: pd.DataFrame | None, old_name: str | None, lang: str) -> str:
    """The changelog's tables: records per table in this release, then the changes since the previous one."""
    counts = pd.DataFrame(
        {"table": [markdown_code(t) for t in rel.tables], "records": [len(t) for t in rel.tables.values()]}
    )
    contents = markdown_table(
        counts,
        [header("table", lang), header("records", lang)],
        i18n.text("tables.changes.contents", lang, release=markdown_text(rel.name)),
        "tbl-contents",
        lang,
    )
    return contents + "\n" + changes_section(changes, old_name, lang)


def changes_section(changes: pd.DataFrame | None, old_name: str | None, lang: str) -> str:
    """A sentence for a first release or one without changes, else the table of changes."""
    if changes is None:
        return i18n.text("tables.changes.first", lang) + "\n"
    if changes.empty:
        return i18n.text("tables.changes.none", lang) + "\n"
    frame = changes.assign(table=changes["table"].map(markdown_code))
    headers = [header(h, lang) for h in ("table", "added", "removed", "changed")]
    text = i18n.text("tables.changes.caption", lang, old=markdown_text(old_name))
    return markdown_table(frame, headers, text, "tbl-changes", lang)


def tables(rel: Release, r: dict, lang: str) -> dict[str, str]:
    """The appendix's tables: the data dictionary, and the release's contents and changes."""
    return {
        "dictionary": table_dictionary(rel, lang),
        "changes": changes_markdown(rel, r.get("changes"), r.get("previous"), lang),
    }
