"""The release's changelog as the report's appendix prints it.

The appendix reads only the release: the changelog it carries (or, for a release made before releases
carried one, the changelog published with it; `release.changelogs`), with the entries of that release
and of earlier ones. The file is written for readers of the repository: it points to the file's other
edition, which means nothing inside the report. The appendix drops such sentences, nests the release
headings under the appendix's own heading, and shows the text through `escape.changelog_markdown`.
"""

from __future__ import annotations

import re

from ..release import changelogs
from ..release.load import Release
from . import escape, i18n

# A sentence naming a changelog file ("The Spanish edition of this file is `CHANGELOG.es.md`.").
FILE_NOTE = re.compile(r"`?CHANGELOG(\.[a-z]{2})?\.md`?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
PROSE = re.compile(r"^[^\s#>|`*+\-\d]")  # a paragraph of plain prose (not a heading, list, table or code)


def without_file_notes(markdown: str) -> str:
    """Drop, from the prose paragraphs, every sentence that names a changelog file."""
    paragraphs = []
    for paragraph in re.split(r"\n[ \t]*\n", markdown.strip()):
        if PROSE.match(paragraph) and FILE_NOTE.search(paragraph):
            kept = [s for s in SENTENCE_END.split(" ".join(paragraph.split())) if not FILE_NOTE.search(s)]
            paragraph = " ".join(kept)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs) + "\n"


def demote_headings(markdown: str, levels: int = 0) -> str:
    """Push Markdown ATX headings down so an included file nests under the report's section; drop the title."""
    lines = []
    for line in markdown.splitlines():
        if line.startswith("# "):
            continue
        lines.append("#" * levels + line if line.startswith("#") else line)
    return "\n".join(lines).strip() + "\n"


def for_report(release: Release, lang: str) -> str:
    """The release's changelog in the edition's language, as the report's appendix includes it: the entries
    of the release and of earlier releases (a sentence saying so if the release carries none)."""
    text = release.changelogs.get(lang, "")
    if not text.strip():
        return i18n.text("changelog_missing", lang) + "\n"
    shown = without_file_notes(changelogs.up_to(text, release.name))
    return with_release_ids(demote_headings(escape.changelog_markdown(shown)))


# A release's heading as escape.changelog_markdown writes it: "## 2026\-12\-06".
RELEASE_HEADING = re.compile(r"^(#+ )(\d{4})\\?-(\d{2})\\?-(\d{2})[ \t]*$", re.MULTILINE)


def with_release_ids(markdown: str) -> str:
    """Each release's heading with a stable identifier, `changelog-<release>`: a link to one release's entry
    keeps pointing at it when later releases add entries above it (positional ids would shift)."""
    return RELEASE_HEADING.sub(lambda m: f"{m[0].rstrip()} {{#changelog-{m[2]}-{m[3]}-{m[4]}}}", markdown)
