"""Markdown tables about the release itself: data dictionary, timeline, contents and changes."""

from __future__ import annotations

import pandas as pd

from ..present.values import markdown_table
from ..release.load import Release
from .escape import Markdown, markdown_code, markdown_text
from .tables_common import CAPTIONS, cite, h


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
    headers = [h("table", lang), h("field", lang), h("type", lang), h("description", lang)]
    return markdown_table(frame, headers, CAPTIONS["dictionary"][lang], "tbl-dictionary", lang)


def table_timeline(rel: Release, lang: str) -> str:
    """Key dates of the political crisis, with their sources."""
    t = rel["timeline"].sort_values(["date", "key"])
    frame = pd.DataFrame({"date": t["date"], "what": t[f"description_{lang}"], "source": t["source_ids"].map(cite)})
    headers = [h("date", lang), h("what", lang), h("source", lang)]
    return markdown_table(frame, headers, CAPTIONS["timeline"][lang], "tbl-timeline", lang)


CHANGES = {
    "first": {"en": "This is the first release.", "es": "Esta es la primera versión."},
    "contents": {
        "en": "Records in each table of release {release}.",
        "es": "Registros de cada tabla de la versión {release}.",
    },
    "none": {
        "en": "No record changed since the previous release.",
        "es": "Ningún registro cambió desde la versión anterior.",
    },
    "caption": {
        "en": "Records added, removed and changed since release {old}.",
        "es": "Registros añadidos, retirados y modificados desde la versión {old}.",
    },
}


def changes_markdown(rel: Release, changes: pd.DataFrame | None, old_name: str | None, lang: str) -> str:
    """The changelog's tables: records per table in this release, then the changes since the previous one."""
    counts = pd.DataFrame(
        {"table": [markdown_code(t) for t in rel.tables], "records": [len(t) for t in rel.tables.values()]}
    )
    contents = markdown_table(
        counts,
        [h("table", lang), h("records", lang)],
        CHANGES["contents"][lang].format(release=markdown_text(rel.name)),
        "tbl-contents",
        lang,
    )
    return contents + "\n" + changes_section(changes, old_name, lang)


def changes_section(changes: pd.DataFrame | None, old_name: str | None, lang: str) -> str:
    """A sentence for a first release or one without changes, else the table of changes."""
    if changes is None:
        return CHANGES["first"][lang] + "\n"
    if changes.empty:
        return CHANGES["none"][lang] + "\n"
    frame = changes.assign(table=changes["table"].map(markdown_code))
    headers = [h("table", lang), h("added", lang), h("removed", lang), h("changed", lang)]
    return markdown_table(
        frame, headers, CHANGES["caption"][lang].format(old=markdown_text(old_name)), "tbl-changes", lang
    )
