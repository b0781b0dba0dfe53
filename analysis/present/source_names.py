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

from ..compute.tolls import NOTE_WORDS, carried
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


def reporter_name(reporter: str, lang: str) -> str:
    """A toll's reporter as the report shows it: an outlet carrying an agency's story keeps the agency
    ("La Prensa Latina (EFE)"), as the methodology promises; other notes go as in `publisher_name`."""
    found = carried(reporter)  # "Outlet (Agency)"
    if found:
        return f"{publisher_name(found[0], lang)} ({publisher_name(found[1], lang)})"
    return publisher_name(reporter, lang)


# What a parenthesis after a publisher's name may hold in the bibliography: a name (an agency whose story an
# outlet carries, "El Diario (EFE)"; the country, city, edition or domain that tells publishers of one name
# apart, "La República (Ecuador)", "Wikipedia (English)"; an acronym) or the word "blog". Releases before
# 2026-12-06 also wrote notes there ("copia en …", "citing …", "fuente: AFP"): those are left out.
QUALIFIER = re.compile(r"\s*\((?P<qualifier>[^()]+)\)\s*$")
NOTE_IN_QUALIFIER = re.compile(
    r"[:;]|\b(?:cita|citing|from|reproduce|basada|con\s+informaci[oó]n|photo|foto|traducci[oó]n|translated)\b",
    re.IGNORECASE,
)

DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")  # "Nativa (ntv.pe)": the outlet's domain tells it apart


def cited_publisher(publisher: str, lang: str) -> str:
    """A source's publisher as the bibliography prints it: the name with what the data give in parentheses after
    it (the agency whose story an outlet carries, the country or edition that tells apart publishers of one
    name, that the publisher is a blog), each part in the edition's language where `sources.names` has it; a
    parenthesis holding a note on how the page was read, and anything after a note, is left out as in
    `publisher_name`; a field holding only a note gives the edition's words for an unidentified outlet."""
    if not isinstance(publisher, str):
        return publisher_name(publisher, lang)
    names = i18n.text("sources.names", lang)
    rest, qualifiers = publisher.strip(), []
    while match := QUALIFIER.search(rest):
        qualifiers.insert(0, match["qualifier"].strip())
        rest = rest[: match.start()]
    name = rest.strip()
    if not name or NOTE_START.search(name):  # only a note, or a note not in parentheses: the name alone
        return publisher_name(publisher, lang)
    kept = []
    for qualifier in qualifiers:
        named = qualifier[:1].isupper() or qualifier == "blog" or DOMAIN.fullmatch(qualifier)
        if not named or NOTE_WORDS.search(qualifier) or NOTE_IN_QUALIFIER.search(qualifier):
            break  # a note: it and what follows it are not shown
        kept.append(names.get(qualifier, qualifier))
    return "".join([names.get(name, name), *(f" ({q})" for q in kept)])


def title_text(title: str) -> str:
    """A title without the note that it was not visible or was translated: such a title is shown in brackets."""
    if not isinstance(title, str):
        return title
    title = COPY_MARK.sub("", title.strip())
    match = SUPPLIED_TITLE.match(title)
    return f"[{match['title']}]" if match else title
