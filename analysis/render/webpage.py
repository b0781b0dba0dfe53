"""The HTML edition's page furniture, made in the render step for both renderers.

For each edition: citation meta tags for reference managers (Highwire `citation_*`) in the page's
head, a row of links under the title block (the PDF, the other edition, the downloads, the
citation), and after the references the downloads with their checksums and a "Cite this" block
with BibTeX and CSL-JSON for the report and for the data release. Every value comes from the
document's front matter, the build's `values.json` or the release's `datapackage.json`; every
one of them passes through `esc` on its way into HTML.
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import paths
from ..present import escape, i18n, publication
from . import downloads
from .quarto_subset import document_metadata

FRAGMENTS = ("head", "links", "downloads")  # page/<lang>/<name>.html, named in each .qmd's html format

WORDS = {
    "en": {
        "edition": "English edition",
        "links": "This edition, its data and how to cite it",
        "pdf": "PDF",
        "downloads": "Data and checksums",
        "cite": "Cite this",
        "editions": "Editions",
        "data": "Data release {release}",
        "data_intro": "The release as published: its CSV tables and datapackage.json, a Frictionless Data "
        "Package that gives each table's fields, rules and checksum.",
        "results": "Results",
        "results_intro": "Computed from this release: the values the report quotes, the model summaries and "
        "the tables behind the report's tables and figures, described column by column in their own "
        "datapackage.json.",
        "check": "To check the files, download {sums} with them and run {command} in that folder.",
        "bytes": "bytes",
        "report": "The report",
        "casefiles": "The case files",
        "dataset": "The data release",
        "release_note": "Data release {release}, datapackage.json SHA-256 {sha}",
        "data_note": "datapackage.json SHA-256 {sha}",
        "medium": "CSV tables with a Frictionless datapackage.json",
    },
    "es": {
        "edition": "Edición en español",
        "links": "Esta edición, sus datos y cómo citarla",
        "pdf": "PDF",
        "downloads": "Datos y sumas de verificación",
        "cite": "Cómo citar",
        "editions": "Ediciones",
        "data": "Versión de datos {release}",
        "data_intro": "La versión tal como se publicó: sus tablas CSV y datapackage.json, un Frictionless Data "
        "Package que da los campos, las reglas y la suma de verificación de cada tabla.",
        "results": "Resultados",
        "results_intro": "Calculados a partir de esta versión: los valores que cita el informe, los resúmenes "
        "de los modelos y las tablas en que se basan los cuadros y figuras del informe, descritas columna por "
        "columna en su propio datapackage.json.",
        "check": "Para verificar los archivos, descargue {sums} con ellos y ejecute {command} en esa carpeta.",
        "bytes": "bytes",
        "report": "El informe",
        "casefiles": "Las fichas por persona",
        "dataset": "La versión de datos",
        "release_note": "Versión de datos {release}, SHA-256 de datapackage.json {sha}",
        "data_note": "SHA-256 de datapackage.json {sha}",
        "medium": "Tablas CSV con un datapackage.json de Frictionless",
    },
}
BIBTEX_SPECIAL = {c: "\\" + c for c in "{}%&$#_"} | {"\\": r"\textbackslash{}", "~": r"\~{}", "^": r"\^{}"}
BIBTEX_TYPES = {"report": "techreport", "dataset": "misc"}
BIBTEX_LANGUAGES = {"en": "english", "es": "spanish"}  # biblatex's langid


def esc(value: object) -> str:
    """The one way a value enters these fragments: as HTML text, quotes included (safe in attributes)."""
    return str(escape.html_text(value))


def authors(meta: dict) -> list[str]:
    """Author names from front matter, given as strings or as Quarto's `name:` mappings."""
    found = meta.get("author") or []
    found = found if isinstance(found, list) else [found]
    return [str(a["name"] if isinstance(a, dict) else a) for a in found]


def date_parts(iso: str) -> list[int]:
    """An ISO date as CSL-JSON date parts, e.g. [2026, 12, 3]."""
    return [int(part) for part in iso[:10].split("-")]


def report_record(meta: dict, values: dict, stem: str) -> dict:
    """CSL-JSON for one edition of the report: this edition's title and language, the build's version."""
    names = authors(meta)
    title = meta["title"] + (f": {meta['subtitle']}" if meta.get("subtitle") else "")
    release, version = values["release"]["value"], values["package_version"]["value"]
    lang = meta.get("lang", "en")
    return {
        "id": f"{stem}-{version}-{release}",
        "type": "report",
        "title": title,
        "author": [{"literal": name} for name in names],
        "publisher": names[0] if names else "",
        "issued": {"date-parts": [date_parts(values["release_created"]["value"])]},
        "version": version,
        "language": lang,
        "note": WORDS[lang]["release_note"].format(release=release, sha=values["release_sha256"]["value"]),
    }


def data_record(package: dict, meta: dict, values: dict) -> dict:
    """CSL-JSON for the data release, from its datapackage.json; its checksum from the build."""
    names = authors(meta)
    lang = meta.get("lang", "en")
    return {
        "id": f"{package['name']}-{package['version']}",
        "type": "dataset",
        "title": package.get(f"title_{lang}", package["title"]) if lang != "en" else package["title"],
        "author": [{"literal": name} for name in names],
        "publisher": names[0] if names else "",
        "issued": {"date-parts": [date_parts(package["created"])]},
        "version": package["version"],
        "medium": WORDS[lang]["medium"],
        "note": WORDS[lang]["data_note"].format(sha=values["release_sha256"]["value"]),
    }


def bibtex_text(value: str) -> str:
    """A value with the characters BibTeX treats specially escaped."""
    return "".join(BIBTEX_SPECIAL.get(ch, ch) for ch in value)


def bibtex(record: dict) -> str:
    """A BibTeX entry for a CSL-JSON record of this module (corporate authors kept whole in braces)."""
    year, month, day = (record["issued"]["date-parts"][0] + [1, 1])[:3]
    fields = {
        "author": " and ".join("{" + bibtex_text(a["literal"]) + "}" for a in record["author"]),
        "title": bibtex_text(record["title"]),
        ("institution" if record["type"] == "report" else "publisher"): bibtex_text(record["publisher"]),
        "year": str(year),
        "date": f"{year:04d}-{month:02d}-{day:02d}",
        "version": bibtex_text(record["version"]),
        "howpublished": bibtex_text(record.get("medium", "")),
        "langid": BIBTEX_LANGUAGES.get(record.get("language", ""), ""),
        "note": bibtex_text(record["note"]),
    }
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields.items() if value)
    return f"@{BIBTEX_TYPES[record['type']]}{{{record['id']},\n{body}\n}}\n"


def highwire(record: dict, pdf: str, keywords: list[str], abstract: str = "") -> str:
    """Google Scholar's `citation_*` meta tags for the report (the PDF's address: absolute where the
    publication's base address is configured, else relative to the page)."""
    year, month, day = (record["issued"]["date-parts"][0] + [1, 1])[:3]
    tags = [("citation_title", record["title"])]
    tags += [("citation_author", a["literal"]) for a in record["author"]]
    tags += [
        ("citation_publication_date", f"{year:04d}/{month:02d}/{day:02d}"),
        ("citation_language", record["language"]),
        ("citation_technical_report_institution", record["publisher"]),
        ("citation_publisher", record["publisher"]),
        ("citation_pdf_url", pdf),
        ("citation_abstract", abstract),
    ]
    tags += [("citation_keywords", k) for k in keywords]
    return "".join(f'<meta name="{esc(name)}" content="{esc(value)}" />\n' for name, value in tags if value)


# Each document's editions, the word for it and the name its fragments start with (page/<lang>/<prefix><name>.html)
KINDS = {"report": (paths.EDITIONS, ""), "casefiles": (paths.CASEFILES, "casefiles-")}


def editions(site: Path, documents: dict[str, str] = paths.EDITIONS) -> list[tuple[str, dict]]:
    """(output stem, merged front matter) of each edition of a document (the report's: `paths.EDITIONS`)."""
    return [(stem, document_metadata(site, site / qmd)[0]) for qmd, stem in documents.items()]


def file_list(files: list[downloads.Download], lang: str) -> str:
    """The HTML list of downloads: link, size and SHA-256 of each file."""
    items = []
    for d in files:
        name = esc(d.path.rpartition("/")[2])
        title = f" · {esc(d.title_in(lang))}" if d.title_in(lang) else ""
        size = f"{esc(i18n.number(d.bytes, lang))} {esc(WORDS[lang]['bytes'])}"
        items.append(
            f'<li><a href="{esc(escape.file_url(d.path))}">{name}</a>{title} · {size}<br />'
            f'<span class="checksum">SHA-256 <code>{esc(d.sha256)}</code></span></li>'
        )
    return '<ul class="files">\n' + "\n".join(items) + "\n</ul>\n"


def fragments(
    stem: str,
    meta: dict,
    others: list[tuple[str, dict]],
    values: dict,
    package: dict,
    groups: dict,
    kind: str = "report",
    companions: dict[str, str] | None = None,
) -> dict[str, str]:
    """The three HTML fragments of one edition of a document (`kind`: the report or the case files): head (meta
    tags), links (under the title), downloads. `companions` names the edition of the other documents in the
    same language (kind: stem), linked beside this one's."""
    lang = meta.get("lang", "en")
    companions = companions or {}
    w = WORDS[lang]
    report, data = report_record(meta, values, stem), data_record(package, meta, values)
    keywords = [str(k) for k in meta.get("keywords") or []]
    base = publication.settings().get("base-url", "")  # absolute addresses where the publication address is set
    abstract = str(meta.get("abstract", ""))
    head = (
        (f'<meta name="description" content="{esc(abstract)}" />\n' if abstract else "")
        + highwire(report, f"{base}{stem}.pdf", keywords, abstract)
        + "".join(
            f'<link rel="alternate" hreflang="{esc(m.get("lang", ""))}" href="{esc(base)}{esc(s)}.html" />\n'
            for s, m in others
        )
    )
    other_links = "".join(
        f'<li><a href="{esc(s)}.html" hreflang="{esc(m.get("lang", ""))}" lang="{esc(m.get("lang", ""))}">'
        f"{esc(WORDS[m.get('lang', 'en')]['edition'])}</a></li>"
        for s, m in others
    )
    companion_links = "".join(f'<li><a href="{esc(s)}.html">{esc(w[k])}</a></li>' for k, s in companions.items())
    links = (
        f'<nav class="edition-links" aria-label="{esc(w["links"])}"><ul>'
        f'<li><a href="{esc(stem)}.pdf" type="application/pdf">{esc(w["pdf"])}</a></li>{other_links}{companion_links}'
        f'<li><a href="#downloads">{esc(w["downloads"])}</a></li><li><a href="#cite">{esc(w["cite"])}</a></li>'
        "</ul></nav>\n"
    )
    release = values["release"]["value"]
    edition_items = "".join(
        f'<li lang="{esc(m.get("lang", ""))}">{esc(WORDS[m.get("lang", "en")]["edition"])}: '
        f'<a href="{esc(s)}.html">HTML</a> · <a href="{esc(s)}.pdf" type="application/pdf">PDF</a></li>'
        for s, m in [(stem, meta), *others]
    ) + "".join(
        f'<li lang="{esc(lang)}">{esc(w[k])}: <a href="{esc(s)}.html">HTML</a> · '
        f'<a href="{esc(s)}.pdf" type="application/pdf">PDF</a></li>'
        for k, s in companions.items()
    )
    command = f"<code>sha256sum -c {esc(downloads.SUMS)}</code>"
    sums = f'<a href="{esc(downloads.SUMS)}">{esc(downloads.SUMS)}</a>'
    cite = "".join(
        f'<h3>{esc(label)}</h3>\n<p>BibTeX</p>\n<pre class="citation" tabindex="0">'
        f"<code>{esc(bibtex(record))}</code></pre>\n"
        f'<details><summary>CSL-JSON</summary>\n<pre class="citation" tabindex="0"><code>'
        f"{esc(json.dumps([record], indent=2, ensure_ascii=False))}</code></pre>\n</details>\n"
        for label, record in ((w[kind], report), (w["dataset"], data))
    )
    after = (
        f'<section id="downloads" class="downloads">\n<h2>{esc(w["downloads"])}</h2>\n'
        f"<h3>{esc(w['editions'])}</h3>\n<ul>{edition_items}</ul>\n"
        f"<h3>{esc(w['data'].format(release=release))}</h3>\n<p>{esc(w['data_intro'])}</p>\n"
        f"{file_list(groups['data'], lang)}"
        f"<h3>{esc(w['results'])}</h3>\n<p>{esc(w['results_intro'])}</p>\n{file_list(groups['results'], lang)}"
        f"<p>{esc(w['check']).format(command=command, sums=sums)}</p>\n</section>\n"
        f'<section id="cite" class="cite">\n<h2>{esc(w["cite"])}</h2>\n{cite}</section>\n'
    )
    return {"head": head, "links": links, "downloads": after}


def prepare(release: Path, out: Path, site: Path) -> None:
    """Publish the downloads next to the page and write the fragments of each edition of each document into
    `site/page/<lang>/` (the report's as `head.html`, ..., the case files' as `casefiles-head.html`, ...)."""
    groups = downloads.publish(release, out)
    values = json.loads((out / "results" / "values.json").read_text(encoding="utf-8"))
    package = json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))
    found = {kind: editions(site, documents) for kind, (documents, _) in KINDS.items()}
    for kind, documents in found.items():
        for stem, meta in documents:
            lang = meta.get("lang", "en")
            others = [(s, m) for s, m in documents if s != stem]
            companions = {k: s for k, d in found.items() if k != kind for s, m in d if m.get("lang", "en") == lang}
            folder = site / "page" / lang
            folder.mkdir(parents=True, exist_ok=True)
            written = fragments(stem, meta, others, values, package, groups, kind, companions)
            for name, text in written.items():
                (folder / f"{KINDS[kind][1]}{name}.html").write_text(text, encoding="utf-8")
