"""The data changelog as the report's appendix prints it.

data/CHANGELOG.md (and its Spanish edition) is written for readers of the repository: it points
to the file's other edition, which means nothing inside the report. The appendix drops such
sentences and nests the release headings under the appendix's own heading.
"""

from __future__ import annotations

import re

from .. import paths

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


def for_report(lang: str) -> str:
    """The edition's changelog (empty if the file is missing) as the report's appendix includes it."""
    source = paths.changelog(lang)
    text = source.read_text(encoding="utf-8") if source.is_file() else ""
    return demote_headings(without_file_notes(text)) if text.strip() else ""
