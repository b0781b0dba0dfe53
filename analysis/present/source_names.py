"""Publisher names and titles of sources as the report shows them, without the release's editorial notes.

Release 2026-11-26 writes notes about how a page was read into the `publisher` and `title` fields, in one
language only ("OjoPúblico (copia en …)", "El Vocero (reproducing The New York Times)", "Wikipedia (Russian)
mirror translated: …", "[título no visible en la copia] …"). An edition shows only text in its own language,
so the report shows the publisher's name alone and marks a title the project supplied with square
brackets (the bibliographic convention for a supplied title), in both editions. Later releases record
copies in their own fields (`copy_url`, `copy_kind`, `read_date`).
"""

from __future__ import annotations

import re

from . import i18n

# Where a publisher's name ends and a note begins: a parenthesis, ", nota de", "mirror", "via".
NOTE_START = re.compile(r"\s*\(|,\s+nota de\s|\s+(?:offline\s+|machine-translated\s+)?mirror\b|\s+via\s", re.IGNORECASE)
SUPPLIED_TITLE = re.compile(
    r"^\[(?:título|title)\b[^\]]*\]\s*(?P<title>.+?)\s*(?:\((?:traducción propia|our translation)[^)]*\))?$",
    re.IGNORECASE,
)
COPY_MARK = re.compile(r"\s*\(mirror\)$", re.IGNORECASE)  # "… (mirror)": the page was read on a copy


def publisher_name(publisher: str, lang: str) -> str:
    """The publisher's name without the notes after it, in the edition's language where it has one there
    (`sources.names` in the text files: the Spanish edition names some organisations in Spanish, as its prose
    does); where the field holds only a note (an unidentified outlet), the edition's words for
    that, never the host of a copy."""
    name = NOTE_START.split(publisher, maxsplit=1)[0].strip() if isinstance(publisher, str) else ""
    name = i18n.text("sources.names", lang).get(name, name)
    return name or i18n.text("sources.unidentified", lang)


# A reporter written "Outlet (Agency)": an outlet carrying another's story, whose name the report keeps.
CARRIED = re.compile(r"^(?P<outlet>[^()]+?)\s*\((?P<agency>[A-Z][^()]{0,40})\)$")
NOTE_WORDS = re.compile(r"\b(?:v[ií]a|reproducing|copia|copy|mirror|fuente|source|relayed)\b", re.IGNORECASE)


def reporter_name(reporter: str, lang: str) -> str:
    """A toll's reporter as the report shows it: an outlet carrying an agency's story keeps the agency
    ("La Prensa Latina (EFE)"), as the methodology promises; other notes go as in `publisher_name`."""
    match = CARRIED.match(reporter) if isinstance(reporter, str) else None
    if match and not NOTE_WORDS.search(match["agency"]):
        return f"{publisher_name(match['outlet'], lang)} ({publisher_name(match['agency'], lang)})"
    return publisher_name(reporter, lang)


def title_text(title: str) -> str:
    """A title without the note that it was not visible or was translated: such a title is shown in brackets."""
    if not isinstance(title, str):
        return title
    title = COPY_MARK.sub("", title.strip())
    match = SUPPLIED_TITLE.match(title)
    return f"[{match['title']}]" if match else title
