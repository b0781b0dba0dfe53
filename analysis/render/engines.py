"""Render the report of a release to PDF (Typst, A4) and HTML, in English and Spanish.

The Quarto sources in report/ are staged with the build results in `_build/<release>/site/`.
With Quarto installed they are rendered by `quarto render`; otherwise by the offline
renderer: the Quarto subset expanded here, Pandoc (pypandoc-binary wheel) to Typst and
HTML, and the typst wheel to PDF. Both paths use report/typst-template.typ.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import mimetypes
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from .. import paths
from ..pipeline import cache
from ..pipeline.workers import Workers
from ..present import publication
from ..release.problems import RenderError
from . import archive, font_subset, webpage
from .quarto_subset import document_metadata, expand, mark_cross_references

# One Pandoc run per document: Markdown to Typst, with the HTML page written on the way (crossref.lua, after
# citeproc).
PANDOC = ["--from", "markdown", "--citeproc", "--lua-filter", "crossref.lua"]
PANDOC += ["--wrap", "none", "--resource-path", ".", "--to", "typst", "--template", "offline-template.typ"]
HTML_OPTIONS = ("toc", "toc-depth", "number-sections", "shift-heading-level-by", "css")
HTML_OPTIONS += ("include-in-header", "include-after-body")
# Typst uses its own fonts and these only (the figures' DejaVu Sans, staged from matplotlib, and the subset for
# the data's characters that no other font has, font_subset.py), never the machine's: the PDF comes out the same
# everywhere. _quarto.yml names the same folder (font-paths).
FONTS = "fonts"
# The PDFs are archival and accessible: PDF/A-3b (which allows the release attached inside, archive.py) and
# PDF/UA-1. _quarto.yml names the same standards (pdf-standard) for Quarto's Typst.
PDF_STANDARDS = ["a-3b", "ua-1"]


def furnish(release: Path, results: Path, out: Path, site: Path) -> None:
    """Put beside the report's sources in `site` everything they read that is not a source.

    The build's results (`site/results`), the fonts of the figures (`site/fonts`), the release's files the
    PDF carries (`site/attachments`, archive.py) and the HTML page's furniture (webpage.py: the downloads
    published in `out`, next to the outputs, and the fragments in `site/page/`). `render` furnishes its staged
    copy of report/; `stage_in_place`, run by Quarto's pre-render step, furnishes report/ itself, so that
    `quarto render report/` reads the same files.
    """
    target = site / "results"
    if target.resolve() != results.resolve():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(results, target, ignore=shutil.ignore_patterns(".key"))
    fonts = site / FONTS
    shutil.rmtree(fonts, ignore_errors=True)
    fonts.mkdir()
    for font in (*paths.figure_fonts(), font_subset.SUBSET):
        shutil.copy2(font, fonts / font.name)
    webpage.prepare(release, out, site)
    archive.stage(release, site)


def stage(results: Path, site: Path, release: Path) -> None:
    """Copy the report sources into one project folder next to the outputs, and furnish it (`furnish`)."""
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(paths.REPORT, site, ignore=shutil.ignore_patterns(*paths.REPORT_GENERATED))
    furnish(release, results, results.parent, site)


def built(folder: Path, fingerprint: tuple[str, str] | None, force: bool = False) -> Path:
    """The results of a release: those of its last build if up to date, else a new build's."""
    results = None if force else cache.up_to_date_build(fingerprint)
    if results is None:  # the workers and the heavy imports only when there is a build to do
        with Workers() as workers:  # the workers import while the import below runs
            from ..pipeline.run import build

            results = build(folder, force=force, workers=workers, fingerprint=fingerprint)
    return results


def stage_in_place(release: str | Path | None = None) -> Path:
    """Build a release if needed and furnish report/ with it (`furnish`), for `quarto render report/`.

    Its outputs land in report/, so the downloads are published there too (report/data, report/SHA256SUMS).
    """
    folder = paths.resolve_release(release)
    results = built(folder, cache.release_fingerprint(folder))
    furnish(folder, results, paths.REPORT, paths.REPORT)
    return paths.REPORT


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


def first_line(text: str, limit: int = 300) -> str:
    """A tool's message on one line: its lines up to a stack trace, joined, cut at `limit` characters."""
    lines = []
    for line in text.splitlines():
        if line.strip().lower().startswith(("stack traceback", "traceback")):
            break
        lines.append(line.strip())
    joined = " ".join(line for line in lines if line) or "no message"
    return joined if len(joined) <= limit else joined[:limit] + " [...]"


def pandoc(args: list[str], cwd: Path) -> None:
    """Run the wheel's pandoc; any error or warning stops the render with pandoc's first message line.

    Pandoc's whole message is kept in `<document>.pandoc.log` in `cwd`.
    """
    import pypandoc

    try:
        executable = pypandoc.get_pandoc_path()
    except OSError as exc:
        raise RenderError(f"pandoc is not available: {first_line(str(exc))}") from None
    # Garbage collection took over a third of Pandoc's run on this report. A 64 MB allocation area
    # and a suggested heap of 256 MB make collections rare: about 0.7 s of collection becomes 0.3 s
    # per edition, for about 270 MB of memory while Pandoc runs (`+RTS -s` shows both).
    command = [executable, "+RTS", "-A64m", "-H256m", "-RTS", *args]
    try:
        proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    except OSError as exc:
        raise RenderError(f"pandoc could not be run ({executable}): {exc.strerror or exc}") from None
    warnings = [line for line in proc.stderr.splitlines() if "WARNING" in line]
    if proc.returncode != 0 or warnings:
        log = cwd / f"{Path(args[0]).stem}.pandoc.log"
        log.write_text(proc.stderr, encoding="utf-8")
        what = (
            f"pandoc failed (exit {proc.returncode})" if proc.returncode else "pandoc warned (warnings stop the render)"
        )
        message = first_line(warnings[0] if warnings else proc.stderr)
        raise RenderError(f"{what} on {args[0]}: {message} (full message: {log})")


def offline_document(site: Path, qmd: str) -> Path:
    """Expand one .qmd into plain Pandoc Markdown with merged front matter.

    The HTML format's options the report uses go into the metadata as `offline-html`, for
    crossref.lua to write the HTML page in the same Pandoc run.
    """
    meta, body = document_metadata(site, site / qmd)
    body = mark_cross_references(expand(body, meta, site, qmd))
    html = meta.pop("_formats").get("html", {})
    meta.pop("metadata-files", None)
    meta.pop("format", None)
    stem = Path(qmd).stem
    meta["offline-html"] = {"output": f"{stem}.html", "template": "offline-template.html5"}
    meta["offline-html"] |= {k: html[k] for k in HTML_OPTIONS if k in html}
    # what goes into the title block after the title: the page template's include-before (in its header)
    if "title-block-includes" in html:
        meta["offline-html"]["include-before-body"] = html["title-block-includes"]
    md = site / f"{stem}.md"
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    md.write_text("---\n" + front + "---\n\n" + body, encoding="utf-8")
    return md


STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)" />')
IMAGE = re.compile(r'<img src="([^"]+)"')


def embed_resources(page: str, folder: Path) -> str:
    """Inline a page's stylesheets and images, so the HTML file stands alone.

    This is what Pandoc's --embed-resources does for this report (a stylesheet and SVG figures)
    at a fraction of its cost. Anything not found in `folder` stops the render.
    """

    def local(name: str) -> Path:
        path = (folder / name).resolve()
        if not path.is_file() or not path.is_relative_to(folder.resolve()):
            raise RenderError(f"HTML resource not found in {folder}: {name}")
        return path

    def stylesheet(match: re.Match) -> str:
        return "<style>\n" + local(match.group(1)).read_text(encoding="utf-8") + "</style>"

    def image(match: re.Match) -> str:
        path = local(match.group(1))
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return f'<img src="data:{kind};base64,{base64.b64encode(path.read_bytes()).decode("ascii")}"'

    return IMAGE.sub(image, STYLESHEET.sub(stylesheet, page))


def render_offline(site: Path, out: Path, epoch: int) -> list[Path]:
    """Pandoc + Typst on the same sources, without Quarto.

    Per document (each edition of the report and of the case files), one Pandoc run parses the Markdown,
    resolves citations and writes both the Typst source and the HTML page; the typst wheel then makes the PDF.
    Two documents run side by side.
    """
    import typst

    def edition(qmd: str, stem: str) -> dict[str, bytes]:
        md = offline_document(site, qmd)  # an unsupported Quarto feature raises RenderError (UnsupportedQuarto)
        pandoc([md.name, *PANDOC, "-o", f"{stem}.typ"], site)
        page = embed_resources((site / f"{stem}.html").read_text(encoding="utf-8"), site)
        try:
            pdf_bytes = typst.compile(
                str(site / f"{stem}.typ"),
                root=str(site),
                timestamp=epoch,
                font_paths=[str(site / FONTS)],
                ignore_system_fonts=True,
                pdf_standards=PDF_STANDARDS,
            )
        except Exception as exc:  # typst.TypstError, or an error of the wheel itself
            raise RenderError(f"typst could not make the PDF of {stem}.typ: {first_line(str(exc))}") from None
        return {f"{stem}.pdf": pdf_bytes, f"{stem}.html": page.encode()}

    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(edition, qmd, stem) for qmd, stem in paths.DOCUMENTS.items()]
        outputs = [job.result() for job in jobs]
    # Written only when every edition has rendered: a failure leaves the last good outputs as they were.
    return [replace_atomically(data, out / name) for files in outputs for name, data in files.items()]


def render_quarto(site: Path, out: Path, epoch: int) -> list[Path]:
    """`quarto render` of the staged project, with the release date as SOURCE_DATE_EPOCH.

    Two Quarto processes side by side, one per format, each rendering every document (`paths.DOCUMENTS`: both
    editions of the report and of the case files): Quarto's time
    goes into per-document work (Pandoc runs with its Lua filters walking the whole document, a
    Pandoc pass over the Markdown for Typst, Sass, HTML post-processing), which one process does
    one step at a time. Per format rather than per edition: the HTML process compiles the Sass
    theme once for both editions. Quarto's messages are shown only when it fails.
    """
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch))
    command = ["quarto", "render", ".", "--to"]
    jobs = {
        fmt: subprocess.Popen(
            [*command, fmt], cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for fmt in ("typst", "html")
    }
    failed = []
    for fmt, job in jobs.items():
        log, _ = job.communicate()
        if job.returncode != 0:
            sys.stderr.write(log)
            failed.append(f"quarto render --to {fmt} (exit {job.returncode})")
    if failed:
        raise RenderError(f"{' and '.join(failed)} failed in {site}; Quarto's messages are above")
    return [
        replace_atomically((site / f"{stem}.{ext}").read_bytes(), out / f"{stem}.{ext}")
        for stem in paths.DOCUMENTS.values()
        for ext in ("pdf", "html")
    ]


QUARTO_MISSING = (
    "--engine quarto needs `quarto` on the PATH: install Quarto (https://quarto.org/docs/get-started/) "
    "or use --engine offline"
)


def choose_engine(engine: str) -> str:
    """quarto when asked for or when installed (auto), else the offline renderer."""
    if engine == "auto":
        return "quarto" if shutil.which("quarto") else "offline"
    if engine == "quarto" and not shutil.which("quarto"):
        raise RenderError(QUARTO_MISSING)
    return engine


def render(release: str | Path | None = None, force: bool = False, engine: str = "auto") -> list[Path]:
    """Build a release's results, then render both editions of the report and of the case files to PDF and HTML
    in `_build/<release>/`."""
    engine = choose_engine(engine)
    folder = paths.resolve_release(release)
    unset = publication.missing(publication.settings(), publication.data_licence(folder))
    if unset:
        print(f"warning: the report leaves out what is not configured: {'; '.join(unset)}", file=sys.stderr)
    fingerprint = cache.release_fingerprint(folder)  # hashes every file: once for the render and the build
    if not force and (ready := cache.up_to_date_render(fingerprint, engine)):
        return ready
    results = built(folder, fingerprint, force)
    out = results.parent
    release_sha = json.loads((results / "values.json").read_text(encoding="utf-8"))["release_sha256"]["value"]
    site = out / "site"
    stage(results, site, folder)  # with the downloads next to the page; its head, links and citation
    print(f"rendering {out.name} with {engine} ...", file=sys.stderr)
    epoch = source_epoch(results)
    outputs = render_quarto(site, out, epoch) if engine == "quarto" else render_offline(site, out, epoch)
    (out / ".render-key").write_text(cache.render_key(release_sha, engine))
    return outputs
