"""A release's changelog: the files it carries, their sections, and the published ones kept for older releases.

A release made with `python -m analysis release` carries its changelog in English and Spanish
(`CHANGELOG.md`, `CHANGELOG.es.md`), listed in its datapackage.json with their size and sha256 like the
tables: its own entry (`## <name>`) first, then the entries of earlier releases as they were published.
The report's appendix reads only these files.

The releases made before releases carried a changelog (2023-01-10, 2026-11-26, 2026-12-03) are read with
the changelog files as they stood in the repository when each release reached its published bytes,
recovered from git into `data/published-changelogs/<name>/` (see the README there). `PUBLISHED` pins each
of them to the release's datapackage.json and to the files' own checksums: only those three releases use
them, and an edited file is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import paths
from .checksums import sha256_file
from .problems import Problem, ReleaseError
from .text_rules import BIDI, CONTROL_FREE_TEXT, NUL, describe

# Edition -> (resource name in datapackage.json, file name in the release, title).
FILES = {
    "en": ("changelog", "CHANGELOG.md", "Data changelog"),
    "es": ("changelog-es", "CHANGELOG.es.md", "Registro de cambios de los datos"),
}
RESOURCE_NAMES = {resource for resource, _, _ in FILES.values()}
MAX_BYTES = 1 << 20  # 1 MiB: a changelog of many releases is a few dozen kB

PUBLISHED_DIR = paths.DATA / "published-changelogs"
# Release name -> sha256 of its datapackage.json, the commit the files come from, and each file's sha256.
PUBLISHED = {
    "2023-01-10": {
        "datapackage.json": "539e141809a92c702f9418ed423b11d69240819da567232f6fabcb35336b7e67",
        "commit": "f9355f3c43c22c9c7e99f9fe5fc137daa5f080bc",
        "CHANGELOG.md": "376842f8124a4a9a86cc95b4a3a801bd47d8dfd759a1fa712d5e46409d5295af",
        "CHANGELOG.es.md": "6afc8b907e22faf4c363b00059e1902cd0d3d12b06660eeb13d13b32253ff7f3",
    },
    "2026-11-26": {
        "datapackage.json": "a54c2c382c79e50d4b0749212da886d284e4ae9c7af340fb7f56b12a09f2152f",
        "commit": "924c73b01d4bd26ae5e2e4741ee23b6b598055d3",
        "CHANGELOG.md": "495a8ab000fe8efbfcfe513a42096055360168c93df0ce77cfa79d35167a5110",
        "CHANGELOG.es.md": "100d26f0f00b30a2c12d3caa80afbee9e11ddacdf50d1103493d74d5e679dcaf",
    },
    "2026-12-03": {
        "datapackage.json": "0ed96c8bfe14ed69eca79d58306c56c08f5254d1424a48faef03407dfa8c42ad",
        "commit": "97813d2607df044b7d24e451335c415308ff91dd",
        "CHANGELOG.md": "e3839a31961b77825d17d7050c495d04bfbd431f1f60c8fa8629e5e9fd7330ca",
        "CHANGELOG.es.md": "4792fd7208bd01e91c8dd4c8efc3002d8e1348da3b2018ba2d1dd41a8e7da80d",
    },
}

HEADING = re.compile(r"^## +(\S+)", re.MULTILINE)


def split_sections(text: str) -> tuple[str, dict[str, str]]:
    """A changelog's preamble (the text before its first `## ` heading) and its sections by heading word.

    `## 2026-12-03` opens the section of release 2026-12-03, which runs to the next `## ` heading.
    """
    starts = [m.start() for m in HEADING.finditer(text)]
    preamble = text[: starts[0]] if starts else text
    sections = {}
    for start, end in zip(starts, [*starts[1:], len(text)]):
        section = text[start:end]
        sections.setdefault(HEADING.match(section).group(1), section.rstrip("\n") + "\n")
    return preamble, sections


def up_to(text: str, name: str) -> str:
    """The changelog as a release named `name` shows it: the preamble and the sections of releases named up to
    `name` (a file kept from before a release was published may hold a later release's entry)."""
    preamble, sections = split_sections(text)
    kept = [section for heading, section in sections.items() if is_release_name(heading) and heading <= name]
    return "\n".join([preamble.rstrip("\n") + "\n", *kept]) if kept else preamble


RELEASE_NAME = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_release_name(word: str) -> bool:
    """True for a word shaped like a release name (an ISO date)."""
    return RELEASE_NAME.fullmatch(word) is not None


def has_entry(text: str, name: str) -> bool:
    """True if the changelog has a `## <name>` section."""
    return name in split_sections(text)[1]


def read_text(path: Path, label: str, name: str) -> tuple[str | None, list[Problem]]:
    """A release's changelog file as text: UTF-8, no control or bidirectional characters, an entry `## name`."""
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [Problem(label, None, None, "changelog", f"{len(raw):,} bytes; the limit is {MAX_BYTES:,}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(label, line, None, "encoding", f"byte 0x{raw[exc.start]:02x} is not UTF-8")]
    problems = []
    for rule, pattern in (("nul-character", NUL), ("control-character", CONTROL_FREE_TEXT), ("bidi-control", BIDI)):
        if hit := pattern.search(text):
            line = text[: hit.start()].count("\n") + 1
            problems.append(Problem(label, line, None, rule, f"contains {describe(hit.group()[0])}"))
    if not has_entry(text, name):
        problems.append(Problem(label, None, None, "changelog", f"has no '## {name}' section, the release's own entry"))
    return (None if problems else text), problems


def published(name: str, descriptor_sha256: str) -> dict[str, str] | None:
    """The changelog kept for a release published before releases carried one, by edition; None for any other.

    Raises `ReleaseError` naming the file if a kept file is missing or differs from its recorded checksum.
    """
    pinned = PUBLISHED.get(name)
    if pinned is None or pinned["datapackage.json"] != descriptor_sha256:
        return None
    texts = {}
    for lang, (_, file, _) in FILES.items():
        path = PUBLISHED_DIR / name / file
        if not path.is_file() or sha256_file(path) != pinned[file]:
            message = (
                f"the changelog published with release {name} is missing or was edited (expected sha256 "
                f"{pinned[file][:12]}...; git show {pinned['commit'][:12]}:data/{file} gives it)"
            )
            raise ReleaseError([Problem(str(path), None, None, "checksum", message)])
        texts[lang] = path.read_text(encoding="utf-8")
    return texts
