"""The bibliography: the release's sources as CSL-JSON for pandoc's citeproc."""

from __future__ import annotations

import pandas as pd

from .source_names import publisher_name, title_text


def csl_references(sources_table: pd.DataFrame) -> list[dict]:
    """The sources table as CSL-JSON items (one per source, id = source_id), publishers and titles without notes."""
    items = []
    for s in sources_table.itertuples(index=False):
        address = s.url if isinstance(s.url, str) else getattr(s, "copy_url", None)
        publisher = publisher_name(s.publisher, url=address)  # free-text notes are in one language: not shown
        item = {
            "id": s.source_id,
            "type": "webpage" if s.kind == "media" else "report",
            "title": title_text(s.title),
            "publisher": publisher,
            "container-title": publisher,
            "language": s.language,
        }
        if isinstance(s.url, str):
            item["URL"] = s.url
        elif isinstance(getattr(s, "copy_url", None), str):  # no original found: the copy, marked as such
            item["URL"] = s.copy_url
            item["note"] = "copy only / solo copia"
        if isinstance(s.date_published, str):
            item["issued"] = {"date-parts": [[int(p) for p in s.date_published.split("-")]]}
        item["author"] = [{"literal": s.author if isinstance(s.author, str) and s.author else publisher}]
        items.append(item)
    return items
