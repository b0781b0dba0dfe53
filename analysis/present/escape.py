"""The one place where text from a release is made literal for the format it enters.

A name, place, note or title from the data is text, never markup. Every data string that
goes into the report passes through one of these functions on its way into:

- Pandoc Markdown (tables, captions, prose values, the bibliography): `markdown_text`.
  Every ASCII punctuation character is backslash-escaped (Pandoc's `all_symbols_escapable`),
  and line breaks and tabs become spaces. Every Markdown construct (emphasis, links, raw HTML,
  entities, citations, math, spans, list markers, headings, pipes, smart quotes and dashes)
  and every Quarto shortcode (`{{<`) needs an unescaped punctuation character or a line
  break, so an escaped string reads back as exactly its characters. Quarto also looks for
  shortcodes in the *parsed* metadata (a word ending in `{{<`, or starting with `>}}`, which
  stops its render), so `{{<` and `>}}` are split there by an empty raw inline that every
  writer drops (`SHORTCODE_GUARD`). Markdown that the code
  itself writes (citations of source ids, made by `markdown_citation`, for instance) is wrapped in
  `Markdown` so that `markdown_cell` passes it through and escapes everything else. Identifiers shown as code
  (table and field names) go through `markdown_code`.
- a release's changelog (Markdown written for readers of the repository): `changelog_markdown` keeps
  its headings, list items, inline code of file and field names, and *emphasis*, and makes every
  other character literal, as `markdown_text` does.
- the bibliography: `csl_item` makes a CSL item literal for a CSL *YAML* bibliography, whose
  string fields Pandoc reads as Markdown. (CSL JSON cannot be made literal: Pandoc reads its
  fields as "pseudo-HTML" with no escape for `<i>` or `<b>`.)
- HTML written by the code (the title block): `html_text` (markupsafe).
- Typst written by the code: `typst_text` (a string literal, which cannot carry markup).
  Nothing writes Typst from data today: Pandoc's Typst writer does it from the parsed document.
- links: `safe_url` keeps only http(s) addresses; `file_url` makes the address of a published file.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# Line breaks end a table row or a paragraph; tabs and form feeds are layout. All become spaces.
BREAKS = frozenset("\r\n\t\v\f\x85\u2028\u2029")
_MARKDOWN = {ord(c): "\\" + c for c in ASCII_PUNCTUATION} | {ord(c): " " for c in BREAKS}
_TYPST_STRING = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
WEB_SCHEMES = ("http", "https")


class Markdown(str):
    """Markdown written by the code (not from the data): `markdown_cell` leaves it as it is."""


# A raw inline for a format no writer knows: it parses to its own node, and no output shows it.
SHORTCODE_GUARD = "`-`{=shortcode-guard}"
_SHORTCODE_EDGES = (
    ("\\{\\{\\<", "\\{\\{" + SHORTCODE_GUARD + "\\<"),
    ("\\>\\}\\}", "\\>" + SHORTCODE_GUARD + "\\}\\}"),
)


def markdown_text(value: object) -> str:
    """Inline Pandoc Markdown that Pandoc (and Quarto) read back as exactly the characters of `value`.

    Safe in a paragraph, a table cell, a caption and a YAML metadata string. Runs of spaces
    are collapsed by every output format, as for any text.
    """
    text = str(value).translate(_MARKDOWN)
    for edge, guarded in _SHORTCODE_EDGES:
        text = text.replace(edge, guarded)
    return text


def markdown_cell(value: object) -> str:
    """A table cell: Markdown the code wrote (`Markdown`) as it is, anything else as literal text."""
    return value if isinstance(value, Markdown) else markdown_text(value)


CODE_WORD = re.compile(r"[A-Za-z0-9_.:#-]+")  # "#": a case file's address (casefiles.html#V001)


def markdown_code(value: object) -> str:
    """An identifier from the data (a table, field or enum name) or a relative address as inline code, if it is
    one word of letters, digits and `_.:#-`; anything else as literal text (`markdown_text`)."""
    text = str(value)
    return Markdown(f"`{text}`") if CODE_WORD.fullmatch(text) else markdown_text(text)


# A changelog line: its indentation and block marker (heading, list item), then its inline text.
CHANGELOG_LINE = re.compile(r"^(?P<lead> {0,8}(?:#{1,6} +|[-*+] +)?)(?P<text>.*)$")
# Inline: a code span of a path or identifier, or emphasis (no * or ` inside, no space at its edges).
CHANGELOG_INLINE = re.compile(r"`(?P<code>[A-Za-z0-9_./:-]+)`|\*(?P<em>[^*`\s](?:[^*`]*[^*`\s])?)\*")


def changelog_markdown(text: str) -> str:
    """A changelog as Markdown that keeps its headings, list items, code spans and emphasis, and shows every
    other character as itself (`markdown_text`): a changelog carried in a release cannot bring raw HTML or
    Typst, links, citations, math or shortcodes into the report."""
    lines = []
    for line in text.split("\n"):
        match = CHANGELOG_LINE.match(line.rstrip("\r"))
        lead, inline = match.group("lead"), match.group("text")
        out, end = [], 0
        for span in CHANGELOG_INLINE.finditer(inline):
            out.append(markdown_text(inline[end : span.start()]))
            if span.group("code") is not None:
                out.append(f"`{span.group('code')}`")
            else:
                out.append(f"*{markdown_text(span.group('em'))}*")
            end = span.end()
        out.append(markdown_text(inline[end:]))
        lines.append(lead + "".join(out))
    return "\n".join(lines)


CITATION_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")  # a source id (the release's SLUG pattern)


def markdown_citation(keys: object, separator: str = ";") -> str:
    """A Pandoc citation of `separator`-separated source ids, e.g. `[@a; @b]` (`Markdown`).

    Only ids of lower-case letters, digits and hyphens (what the validator accepts) become a
    citation; anything else is shown as literal text (`markdown_text`).
    """
    ids = str(keys).split(separator)
    if not all(CITATION_KEY.fullmatch(i) for i in ids):
        return markdown_text(keys)
    return Markdown("[" + "; ".join(f"@{i}" for i in ids) + "]")


WEB_ADDRESS = re.compile(r"https?://[^\s()<>]+[^\s()<>.,;:]")


def markdown_with_links(text: object) -> str:
    """Text shown literally (`markdown_text`), with each http(s) address in it as a link to that address."""
    out, end = [], 0
    for found in WEB_ADDRESS.finditer(str(text)):
        url = safe_url(found.group())
        out.append(markdown_text(str(text)[end : found.start()]))
        out.append(f"<{url}>" if url else markdown_text(found.group()))
        end = found.end()
    return "".join(out) + markdown_text(str(text)[end:])


def html_with_links(text: object) -> Markup:
    """HTML text (`html_text`), with each http(s) address in it as a link to that address."""
    out, end = [], 0
    for found in WEB_ADDRESS.finditer(str(text)):
        url = safe_url(found.group())
        out.append(html_text(str(text)[end : found.start()]))
        shown = html_text(found.group())
        out.append(Markup(f'<a href="{html_text(url)}">{shown}</a>') if url else shown)
        end = found.end()
    return Markup("").join([*out, html_text(str(text)[end:])])


def html_text(value: object) -> Markup:
    """HTML text or attribute value showing `value` literally (escapes & < > " ')."""
    return escape(str(value))


def typst_text(value: object) -> str:
    """Typst markup showing `value` literally: an embedded string literal, ended by `;`."""
    return '#"' + str(value).translate(_TYPST_STRING) + '";'


UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\"<>\\^`{|}]")


def safe_url(value: object) -> str | None:
    """`value` if it is an absolute http(s) address with a host and no space or control character (with any
    non-ASCII character percent-encoded), else None.

    `javascript:`, `data:`, `file:`, relative and scheme-relative addresses never become links.
    """
    if not isinstance(value, str) or UNSAFE_IN_URL.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    return quote(value, safe=URL_SAFE)  # non-ASCII as %XX (UTF-8): a link's address is ASCII, as the URI rules say


URL_SAFE = "!#$%&'()*+,/:;=?@[]~"  # reserved characters and `%` of an existing escape, kept as they are


def file_url(path: str) -> str:
    """The address of a file published next to the page, from its relative path (`data/victims.csv`).

    Every character but letters, digits, `-._~` and the `/` between folders is percent-encoded, so
    the address links to that file and nothing else: it has no scheme (`javascript:`), query or fragment.
    """
    return quote(path, safe="/")


CSL_CODES = frozenset({"id", "type", "language", "issued", "accessed"})


def csl_item(item: dict) -> dict:
    """A CSL item for a CSL YAML bibliography, its text fields escaped with `markdown_text`.

    `id`, `type`, `language` and dates are codes and numbers, kept as they are; a `URL` that is
    not http(s) is dropped. Lists and mappings (authors) are escaped field by field.
    """

    def literal(value):
        if isinstance(value, str):
            return markdown_text(value)
        if isinstance(value, list):
            return [literal(v) for v in value]
        if isinstance(value, dict):
            return {k: literal(v) for k, v in value.items()}
        return value

    out = {}
    for key, value in item.items():
        if key == "URL":
            url = safe_url(value)
            if url is not None:
                out[key] = markdown_text(url)
        elif key in CSL_CODES:
            out[key] = value
        else:
            out[key] = literal(value)
    return out
