"""Command line: validate, build, render, stage, release, diff (`python -m analysis --help`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .release.problems import Problem, ReleaseError, RenderError, ReportError, report_lines


def is_staging(folder: str | None) -> bool:
    """True for a folder of tables without a datapackage.json: staging, not a release."""
    return folder is not None and Path(folder).is_dir() and not (Path(folder) / "datapackage.json").exists()


def cmd_validate(args: argparse.Namespace) -> int:
    """`validate`: check a release, or a staging folder as `release` would; print OK and the tables' sizes,
    or every problem and exit 1."""
    if is_staging(args.release):
        from .publish.new_release import check_staging

        release, previous = check_staging(Path(args.release), args.name, **release_options(args))
        counts = ", ".join(f"{name} {len(frame)}" for name, frame in release.tables.items())
        since = f"; every change since release {previous.name} is in corrections.csv" if previous else ""
        print(f"OK: {args.release} can be released as {release.name}{since}: {counts}")
        return 0
    if args.name:
        raise ReleaseError([Problem("--name", None, None, "usage", "--name is for a staging folder, not a release")])
    from .release.load import validate_release

    release, problems = validate_release(args.release)
    if problems:
        print("\n".join(report_lines(problems)), file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in release.tables.items())
    print(f"OK: release {release.name} ({release.path}) sha256 {release.sha256[:12]}: {counts}")
    return 0


def release_options(args: argparse.Namespace) -> dict:
    """The options `release` and the validation of a staging folder share."""
    return {
        "releases_dir": Path(args.releases_dir),
        "changelog": Path(args.changelog),
        "corrections": Path(args.corrections),
        "created": args.created,
    }


def cmd_build(args: argparse.Namespace) -> int:
    """`build`: compute and write a release's results (reused if nothing changed)."""
    from .pipeline import cache

    folder = paths.resolve_release(args.release)
    fingerprint = cache.release_fingerprint(folder)
    if not args.force and (out := cache.up_to_date_build(fingerprint)):
        print(f"up to date: {out}")
        return 0
    from .pipeline.workers import Workers

    with Workers() as workers:  # the workers import while the import below runs
        from .pipeline.run import build

        out = build(folder, force=args.force, workers=workers, fingerprint=fingerprint)
    print(f"built {out}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """`render`: build if needed, then render the report's editions and print the files written."""
    from .render.engines import render

    for output in render(args.release, force=args.force, engine=args.engine):
        print(f"wrote {output}")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    """`release`: publish a new release from staging tables and corrections."""
    from .publish.new_release import make_release

    target = make_release(args.name, Path(args.source), **release_options(args))
    print(f"released {target}")
    return 0


def cmd_stage(args: argparse.Namespace) -> int:
    """`stage`: build a release if needed, then put what the report's sources read beside them, in report/."""
    from .render.engines import stage_in_place

    folder = stage_in_place(args.release)
    print(f"staged {folder}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """`diff`: print the records added, removed and changed between two releases."""
    from .publish.diff import diff_releases, format_diff, headline, record_labels
    from .release.load import load_release

    old, new = load_release(args.old), load_release(args.new)
    print(headline(old, new))
    print(format_diff(diff_releases(old, new), limit=None if args.all else 50, labels=record_labels(old, new)))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """`verify`: check a report's PDF against the release it carries (and a release folder); exit 1 on any failure."""
    from .render.verify import report, verify

    pdf = Path(args.pdf)
    if not pdf.is_file():
        raise FileNotFoundError(f"no such file: {pdf}")
    try:
        checks = verify(pdf, Path(args.release) if args.release else None)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    lines, ok = report(checks, pdf)
    print("\n".join(lines))
    return 0 if ok else 1


def parser() -> argparse.ArgumentParser:
    """The command line's argument parser, one subcommand per command."""
    main = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = main.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "validate",
        help="check a release (checksums, schemas, keys, cross-table rules), or a staging folder with every check "
        "of `release`",
    )
    p.add_argument("release", nargs="?", help="release name or folder, or a staging folder (default: latest release)")
    p.add_argument("--name", help="for a staging folder: the release name to check it as (default: today)")
    add_release_options(p)
    p.set_defaults(func=cmd_validate)

    for name, func, text in (
        ("build", cmd_build, "compute results, tables and figures into _build/<release>/"),
        ("render", cmd_render, "build, then render the PDF and HTML editions"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--release", help="release name or folder (default: latest)")
        p.add_argument("--force", action="store_true", help="ignore the cache and redo everything")
        if name == "render":
            p.add_argument(
                "--engine",
                choices=["auto", "quarto", "offline"],
                default="auto",
                help="quarto if installed (auto), or the offline pandoc+Typst renderer",
            )
        p.set_defaults(func=func)

    p = sub.add_parser("release", help="make a new immutable release from a staging folder")
    p.add_argument("name", help="release name: its cut-off date, YYYY-MM-DD, later than the latest release")
    p.add_argument("--from", dest="source", default=str(paths.STAGING), help="staging folder of CSV tables")
    add_release_options(p)
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("stage", help="build a release, then put its results where `quarto render report/` reads them")
    p.add_argument("--release", help="release name or folder (default: latest)")
    p.set_defaults(func=cmd_stage)

    p = sub.add_parser("diff", help="what changed between two releases")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--all", action="store_true", help="print every change (default: the first 50)")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("verify", help="check a report's PDF against the release attached to it (and a release folder)")
    p.add_argument("pdf", help="the PDF to check")
    p.add_argument("--release", help="a release folder to compare the attached files with")
    p.set_defaults(func=cmd_verify)
    return main


def add_release_options(p: argparse.ArgumentParser) -> None:
    """The options of `release`, shared by `validate` for a staging folder."""
    p.add_argument("--releases-dir", default=str(paths.RELEASES), help="where releases live")
    p.add_argument(
        "--changelog",
        default=str(paths.CHANGELOG),
        help="changelog that must describe the release (its Spanish edition is the .es.md file beside it)",
    )
    p.add_argument("--corrections", default=str(paths.CORRECTIONS), help="corrections file")
    p.add_argument("--created", help="publication date (default: today)")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; a problem with the release or its report ends in a one-line message and exit 1."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ReleaseError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ReportError as exc:
        print(f"error: the report cannot be built from this release: {exc}", file=sys.stderr)
        return 1
    except RenderError as exc:
        print(f"error: the report could not be rendered: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader stopped reading (`... | head`): `__main__` ends quietly
        raise
    except OSError as exc:  # a missing release or file, a folder that cannot be written
        print(f"error: {exc}", file=sys.stderr)
        return 1
