"""Assemble everything the report shows from one validated release into `_build/<release>/results/`.

`build` reads like a table of contents: load and validate, compute every declared result (pure functions
of the tables: `compute.summary`, `compute.models`), then write named values (values.json, meta-<lang>.yml),
the tables and summaries the declarations publish (tables/*.csv with the datapackage.json that describes them,
models.json), Markdown tables and SVG figures for each edition, and the bibliography. Writing is atomic and
cached by a hash of the release and the code.
"""

from __future__ import annotations

import json
import shutil
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path

from .. import paths
from ..compute import registry, summary
from ..present import casefiles, changelog, publication
from ..present.figures import FIGURES
from ..present.glossary import glossary_markdown
from ..present.i18n import LANGS
from ..present.references import csl_yaml
from ..present.report import collect_values, markdown_tables
from ..present.title_block import title_block
from ..publish import diff
from ..release.load import Release, load_release
from . import cache, datapackage
from .datapackage import write_table_csv
from .workers import Workers


def previous_name(name: str) -> str | None:
    """The published release that precedes release `name` by name, if any."""
    earlier = [n for n in paths.release_names(paths.RELEASES) if n < name]
    return earlier[-1] if earlier else None


@contextmanager
def atomic_folder(target: Path):
    """Yield a temporary folder that replaces `target` only if the block succeeds."""
    tmp = target.with_name(f".{target.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        yield tmp
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        tmp.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_results(rel: Release, folder: Path, workers: Workers, earlier: str | None) -> None:
    """Compute and write every result of a release into `folder`.

    The worker processes fit the statistical models (`registry.WORKER_JOBS`; statsmodels takes over a
    second to import) and draw the figures of the two editions (matplotlib is CPU-bound), each figure as
    soon as the results it is drawn from are computed, while this process computes the other results
    (`summary.compute`), loads the release before this one (`earlier`, for the changelog) and writes
    the values and tables.
    """
    fitting = [workers.submit("analysis.compute.models", "fit", job, rel.tables) for job in registry.WORKER_JOBS]
    computed = summary.compute(rel.tables)
    r = {declaration.name: value for declaration, value in computed}
    waiting = dict(FIGURES)
    drawing = draw_ready(workers, waiting, r, rel.name, folder)
    previous = load_release(paths.RELEASES / earlier) if earlier else None
    r["previous"] = previous.name if previous else None
    r["changes"] = diff.summary(diff.diff_releases(previous, rel)) if previous else None
    for lang in LANGS:
        (folder / f"references-{lang}.yaml").write_text(csl_yaml(rel["sources"], lang), encoding="utf-8")
    for lang in LANGS:
        (folder / lang).mkdir(parents=True, exist_ok=True)
        (folder / lang / "changelog.md").write_text(changelog.for_report(rel, lang), encoding="utf-8")
    publication.write(folder, rel.path, rel.name)
    for job in fitting:  # everything below needs the models
        fitted = job.result()
        computed += fitted
        r.update({declaration.name: value for declaration, value in fitted})
    drawing += draw_ready(workers, waiting, r, rel.name, folder)
    values = collect_values(rel, r)
    values.write(folder)
    for declaration, value in computed:
        if declaration.is_table:
            write_table_csv(value, folder / "tables" / f"{declaration.name}.csv")
    datapackage.write([declaration for declaration, _ in computed], folder, rel)
    published = {d.name: value for d, value in computed if d.published and not d.is_table}
    (folder / "models.json").write_text(
        json.dumps(published, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8"
    )
    for lang in LANGS:
        for stem, text in markdown_tables(rel, r, lang).items():
            path = folder / lang / "tables" / f"{stem}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for lang in LANGS:
        (folder / lang / "title-block.html").write_text(title_block(values.formatted(lang), lang), encoding="utf-8")
        (folder / lang / "glossary.md").write_text(glossary_markdown(values, lang), encoding="utf-8")
    casefiles.write(folder, rel, r, {lang: values.formatted(lang) for lang in LANGS})
    if waiting:
        raise KeyError(f"figures drawn from results no job computes: {waiting}")
    for job in drawing:
        job.result()


def draw_ready(workers: Workers, waiting: dict[str, tuple[str, ...]], r: dict, release: str, folder: Path) -> list:
    """Hand the workers each figure of `waiting` (name: the results it is drawn from) whose results are all in
    `r`, in both editions, and take it off `waiting`: the jobs drawing them."""
    ready = [name for name, inputs in waiting.items() if all(i in r for i in inputs)]
    jobs = [
        workers.submit(
            "analysis.present.figures.draw",
            "draw",
            name,
            {i: r[i] for i in waiting[name]},
            release,
            lang,
            folder / lang / "figures",
        )
        for name in ready
        for lang in LANGS
    ]
    for name in ready:
        del waiting[name]
    return jobs


def build(
    release: str | Path | None = None,
    force: bool = False,
    workers: Workers | None = None,
    fingerprint: tuple[str, str] | None = None,
) -> Path:
    """Validate a release and write its results to `_build/<release>/results/` (cached by content hash).

    `workers` fit the models and draw the figures; a caller that starts them before importing this
    module lets their imports run while this module's do.
    `fingerprint` is the release's `cache.release_fingerprint` if the caller has just computed it.
    """
    folder = paths.resolve_release(release)
    fingerprint = fingerprint or cache.release_fingerprint(folder)
    if not force and (out := cache.up_to_date_build(fingerprint)):
        return out
    with nullcontext(workers) if workers else Workers() as pool:
        print(f"validating {folder.name} ...", file=sys.stderr)
        rel = load_release(folder)
        print(f"computing results, tables and figures of {rel.name} ...", file=sys.stderr)
        out = paths.build_dir(rel.name) / "results"
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_folder(out) as tmp:
            write_results(rel, tmp, pool, previous_name(rel.name))
            (tmp / ".key").write_text(cache.build_key(rel.sha256))
    return out
