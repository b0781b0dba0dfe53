"""The bibliography: the release's sources as CSL items for pandoc's citeproc (a CSL YAML file).

Pandoc reads the text fields of a CSL YAML bibliography as Markdown, so every item passes through
`escape.csl_item`: titles, publishers and authors are shown literally, and only http(s) addresses
become links. (A CSL JSON bibliography cannot be made literal: its fields are read as pseudo-HTML.)
"""

from __future__ import annotations

import pandas as pd
import yaml

from . import escape, i18n
from .source_names import cited_publisher, title_text

# A quotation inside a title takes the edition's inner quotation marks, the outer ones being the citation
# style's (English “…‘…’…”, Spanish «…“…”…»): the data keep the marks as published.
INNER_QUOTES = {"en": str.maketrans("“”«»", "‘’‘’"), "es": str.maketrans("«»", "“”")}

# A source whose original could not be found is cited without a link: its only known address is a copy,
# often on a host that copies other sites, and a citation must not send readers there. The copy's address
# stays in the data release (sources.csv, copy_url).


def date_parts(date: str) -> dict:
    """An ISO date, or its year-month or year, as CSL date parts."""
    return {"date-parts": [[int(p) for p in date.split("-")]]}


def inner_quotes(title: str, lang: str) -> str:
    """A title with the quotation marks inside it as the edition prints a quotation within quotation marks."""
    return title.translate(INNER_QUOTES[lang]) if isinstance(title, str) and lang in INNER_QUOTES else title


def read_on(url: object, copy_url: object, read_date: object) -> pd.Timestamp | None:
    """The day a source's cited address was read: its `read_date` where the source is cited at its own address
    (`url`) and no copy of it was read instead; None otherwise (the date a copy was read stays in the data
    release with the copy's address)."""
    if pd.notna(read_date) and isinstance(url, str) and not isinstance(copy_url, str):
        return pd.Timestamp(read_date)
    return None


def csl_references(sources_table: pd.DataFrame, lang: str = "en") -> list[dict]:
    """The sources table as CSL items (one per source, id = source_id), publishers and titles without notes,
    escaped for a CSL YAML bibliography; a source cited at a copy says so in the edition's language. The day
    a source was read is its `accessed` date only where the cited address itself was read: the date a copy
    was read stays in the data release with the copy's address."""
    items = []
    for s in sources_table.itertuples(index=False):
        publisher = cited_publisher(s.publisher, lang)  # with its agency, country or edition; notes not shown
        item = {
            "id": s.source_id,
            "type": "webpage" if s.kind == "media" else "report",
            "title": inner_quotes(title_text(s.title), lang),
            "publisher": publisher,
            "container-title": publisher,
            "language": s.language,
        }
        if isinstance(s.url, str):
            item["URL"] = s.url
        elif isinstance(getattr(s, "copy_url", None), str):  # no original found: marked, not linked
            item["note"] = i18n.text("references_copy_only", lang)
        if isinstance(s.date_published, str):
            item["issued"] = date_parts(s.date_published)
        # read_date: a date (Timestamp) in a loaded release; NaT when empty
        read = read_on(s.url, getattr(s, "copy_url", None), getattr(s, "read_date", None))
        if read is not None:
            item["accessed"] = date_parts(read.strftime("%Y-%m-%d"))  # the cited page itself
        author = s.author if isinstance(s.author, str) and s.author else None  # an organisation in the edition's words
        item["author"] = [{"literal": i18n.text("sources.names", lang).get(author, author) if author else publisher}]
        items.append(escape.csl_item(item))
    return items


def csl_yaml(sources_table: pd.DataFrame, lang: str = "en") -> str:
    """An edition's bibliography file (`references-<lang>.yaml`): `references:` and the escaped items."""
    items = csl_references(sources_table, lang)
    return yaml.dump({"references": items}, Dumper=i18n.SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
