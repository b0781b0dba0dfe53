"""What the report says about itself: licences, how to report an error, where the project lives.

Everything comes from one configured place, read when the results are built: the licence of the code from
`[project] license` in pyproject.toml, the licence of the data from the release's datapackage.json,
and the rest from the `[tool.peru-report]` table of pyproject.toml (see there). A key that is not
set is left out of the report, and the render prints a warning naming it; nothing is ever filled
in with a placeholder. The build writes, per edition, `results/<lang>/publication.yml` (front
matter read by the PDF's title page) and `results/<lang>/publication.html` (the HTML title block).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import yaml

from .. import paths
from . import i18n
from .escape import html_text, html_with_links, markdown_text, markdown_with_links
from .i18n import LANGS

OPTIONAL = ("report-licence", "repository", "doi", "corrections", "base-url")  # [tool.peru-report] keys


def settings(pyproject: Path = paths.ROOT / "pyproject.toml") -> dict[str, str]:
    """The code's licence and the `[tool.peru-report]` keys that are set (empty strings count as unset)."""
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    table = config.get("tool", {}).get("peru-report", {})
    unknown = set(table) - set(OPTIONAL)
    if unknown:
        raise ValueError(f"{pyproject}: unknown key(s) in [tool.peru-report]: {', '.join(sorted(unknown))}")
    found = {key: str(value).strip() for key, value in table.items() if str(value).strip()}
    licence = config.get("project", {}).get("license")
    if licence:
        found["code-licence"] = str(licence)
    return found


# Licence titles in each edition's language, by SPDX identifier (a licence not listed shows its own title).
LICENCE_TITLES = {
    "CC-BY-4.0": {
        "en": "Creative Commons Attribution 4.0 International",
        "es": "Creative Commons Atribución 4.0 Internacional",
    },
}


def data_licence(release: Path, lang: str = "en") -> str | None:
    """The licence(s) the release's datapackage.json declares, as "title (address)", the title in the edition's
    language where `LICENCE_TITLES` has it."""
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    names = []
    for x in package.get("licenses", []):
        title = LICENCE_TITLES.get(x.get("name", ""), {}).get(lang) or x.get("title") or x.get("name")
        names.append(" ".join(filter(None, [title, f"({x['path']})" if x.get("path") else None])))
    return "; ".join(names) or None


def missing(config: dict[str, str], data: str | None) -> list[str]:
    """What the report cannot say, for the render's warning."""
    gaps = [f"[tool.peru-report] {key}" for key in OPTIONAL if key not in config]
    if "code-licence" not in config:
        gaps.insert(0, "[project] license")
    if data is None:
        gaps.insert(0, "the release's datapackage.json licenses")
    return gaps


def text(key: str, lang: str, **fill: str) -> str:
    """A notice's words in the edition's language (`publication.<key>` in the text files)."""
    return i18n.text(f"publication.{key}", lang, **fill)


def notices(config: dict[str, str], data: str | None, release: str, lang: str) -> list[tuple[str, str]]:
    """(heading, plain text) pairs in the edition's language, only for what is configured."""
    licences = []
    if "code-licence" in config:
        licences.append(text("code", lang, licence=config["code-licence"]))
    if data:
        licences.append(text("data", lang, release=release, licence=data))
    if "report-licence" in config:
        licences.append(text("report", lang, licence=config["report-licence"]))
    out = [(text("licences", lang), " ".join(licences))] if licences else []
    if "corrections" in config:
        out.append((text("corrections", lang), text("how", lang, contact=config["corrections"])))
    for key in ("repository", "doi"):
        if key in config:
            out.append((text(key, lang), config[key]))
    return out


def front_matter(pairs: list[tuple[str, str]]) -> str:
    """The notices as YAML front matter for the Typst title page (values escaped as literal Markdown)."""
    items = [{"label": markdown_text(label), "text": markdown_with_links(text)} for label, text in pairs]
    return yaml.safe_dump({"publication": items}, allow_unicode=True, sort_keys=False)


def html_block(pairs: list[tuple[str, str]]) -> str:
    """The notices as a block of the HTML edition's title (under the citation box)."""
    if not pairs:
        return ""
    rows = "".join(f"<p><strong>{html_text(label)}</strong>: {html_with_links(text)}</p>" for label, text in pairs)
    return f'<div class="publication-block">{rows}</div>\n'


def write(results: Path, release: Path, name: str) -> list[str]:
    """Write each edition's notices into `results/<lang>/`; return what is not configured."""
    config = settings()
    for lang in LANGS:
        pairs = notices(config, data_licence(release, lang), name, lang)
        (results / lang / "publication.yml").write_text(front_matter(pairs), encoding="utf-8")
        (results / lang / "publication.html").write_text(html_block(pairs), encoding="utf-8")
    return missing(config, data_licence(release))
