"""Render the report of a release to PDF (Typst, A4) and HTML, in English and Spanish.

The Quarto sources in report/ are staged with the build results in `_build/<release>/site/`.
With Quarto installed they are rendered by `quarto render`; otherwise by the offline
renderer: the Quarto subset expanded here, Pandoc (pypandoc-binary wheel) to Typst and
HTML, and the typst wheel to PDF. Both paths use report/typst-template.typ.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pypandoc
import yaml

from . import paths
from .quarto_subset import document_metadata, expand
from .results import build, code_digest

DOCUMENTS = {"report.qmd": "report", "report-es.qmd": "report-es"}
HTML_OPTIONS = {"toc": "--toc", "number-sections": "--number-sections"}


def stage(results: Path, site: Path) -> None:
    """Copy the report sources and the build results into one project folder."""
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(paths.REPORT, site, ignore=shutil.ignore_patterns("_output", "*.pdf", "*.html", ".quarto"))
    shutil.copytree(results, site / "results", ignore=shutil.ignore_patterns(".key"))


def source_epoch(results: Path) -> int:
    """The release's creation date as a Unix time: the only date the outputs carry."""
    values = json.loads((results / "values.json").read_text(encoding="utf-8"))
    iso = values["release_created"]["value"]
    return int(dt.datetime.fromisoformat(iso).replace(tzinfo=dt.UTC).timestamp())


def replace_atomically(data: bytes, target: Path) -> Path:
    """Write bytes next to `target`, then rename over it, so a failed render leaves the old file."""
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return target


def pandoc(args: list[str], cwd: Path) -> None:
    """Run the wheel's pandoc; fail with its message."""
    proc = subprocess.run([pypandoc.get_pandoc_path(), *args], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"pandoc failed ({' '.join(args[:3])} ...):\n{proc.stderr}")
    warnings = [line for line in proc.stderr.splitlines() if "WARNING" in line]
    if warnings:
        raise RuntimeError("pandoc warnings (treated as errors):\n" + "\n".join(warnings))


def offline_document(site: Path, qmd: str) -> tuple[Path, dict]:
    """Expand one .qmd into plain Pandoc Markdown with merged front matter."""
    meta, body = document_metadata(site, site / qmd)
    body = expand(body, meta, site, qmd)
    formats = meta.pop("_formats")
    meta.pop("metadata-files", None)
    meta.pop("format", None)
    md = site / f"{Path(qmd).stem}.md"
    md.write_text(
        "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n" + body, encoding="utf-8"
    )
    return md, formats


def render_offline(site: Path, out: Path, epoch: int) -> list[Path]:
    """Pandoc + Typst: the same sources, without Quarto."""
    import typst

    outputs = []
    for qmd, stem in DOCUMENTS.items():
        md, formats = offline_document(site, qmd)
        common = [
            "--from",
            "markdown",
            "--wrap",
            "none",
            "--lua-filter",
            "crossref.lua",
            "--citeproc",
            "--resource-path",
            ".",
        ]
        typ = site / f"{stem}.typ"
        pandoc([md.name, "--to", "typst", "--template", "offline-template.typ", *common, "-o", typ.name], site)
        pdf = typst.compile(str(typ), root=str(site), timestamp=epoch)
        outputs.append(replace_atomically(pdf, out / f"{stem}.pdf"))
        html_opts = formats.get("html", {})
        flags = [flag for key, flag in HTML_OPTIONS.items() if html_opts.get(key)]
        if html_opts.get("css"):
            flags += ["--css", html_opts["css"]]
        for fragment in [html_opts.get("include-before-body")] if html_opts.get("include-before-body") else []:
            flags += ["--include-before-body", fragment]
        html = site / f"{stem}.html"
        pandoc([md.name, "--to", "html5", "--standalone", "--embed-resources", *flags, *common, "-o", html.name], site)
        outputs.append(replace_atomically(html.read_bytes(), out / f"{stem}.html"))
    return outputs


def render_quarto(site: Path, out: Path, epoch: int) -> list[Path]:
    """`quarto render` of the staged project, with the release date as SOURCE_DATE_EPOCH."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    outputs = []
    for fmt in ("typst", "html"):
        subprocess.run(["quarto", "render", str(site), "--to", fmt], check=True, env=env)
    for stem in DOCUMENTS.values():
        for ext in ("pdf", "html"):
            outputs.append(replace_atomically((site / f"{stem}.{ext}").read_bytes(), out / f"{stem}.{ext}"))
    return outputs


def sources_digest(results: Path, engine: str) -> str:
    digest = hashlib.sha256(engine.encode())
    digest.update((results / ".key").read_bytes())
    for path in sorted(paths.REPORT.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(paths.REPORT)).encode() + b"\0" + path.read_bytes())
    digest.update(code_digest().encode())
    return digest.hexdigest()


def choose_engine(engine: str) -> str:
    if engine == "auto":
        return "quarto" if shutil.which("quarto") else "offline"
    if engine == "quarto" and not shutil.which("quarto"):
        raise RuntimeError("quarto is not installed; use --engine offline (or auto)")
    return engine


def render(release: str | Path | None = None, force: bool = False, engine: str = "auto") -> list[Path]:
    """Build a release's results, then render both editions to PDF and HTML in `_build/<release>/`."""
    results = build(release, force=force)
    out = results.parent
    engine = choose_engine(engine)
    key = sources_digest(results, engine)
    expected = [out / f"{stem}.{ext}" for stem in DOCUMENTS.values() for ext in ("pdf", "html")]
    stamp = out / ".render-key"
    if not force and stamp.is_file() and stamp.read_text() == key and all(p.is_file() for p in expected):
        return expected
    site = out / "site"
    stage(results, site)
    epoch = source_epoch(results)
    print(f"rendering {out.name} with {engine} ...", file=sys.stderr)
    outputs = render_quarto(site, out, epoch) if engine == "quarto" else render_offline(site, out, epoch)
    stamp.write_text(key)
    return outputs
