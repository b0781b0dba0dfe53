"""Command line: validate, build, render, release, diff (`python -m analysis --help`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths
from .problems import ReleaseError, RenderError, ReportError


def cmd_validate(args: argparse.Namespace) -> int:
    from .release import validate_release

    release, problems = validate_release(args.release)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"INVALID: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in release.tables.items())
    print(f"OK: release {release.name} ({release.path}) sha256 {release.sha256[:12]}: {counts}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from . import cache

    folder = paths.resolve_release(args.release)
    fingerprint = cache.release_fingerprint(folder)
    if not args.force and (out := cache.up_to_date_build(fingerprint)):
        print(f"up to date: {out}")
        return 0
    from .workers import Workers

    with Workers() as workers:  # the workers import while the import below runs
        from .results import build

        out = build(folder, force=args.force, workers=workers, fingerprint=fingerprint)
    print(f"built {out}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from .render import render

    for output in render(args.release, force=args.force, engine=args.engine):
        print(f"wrote {output}")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from .publish import make_release

    target = make_release(
        args.name,
        Path(args.source),
        releases_dir=Path(args.releases_dir),
        changelog=Path(args.changelog),
        created=args.created,
    )
    print(f"released {target}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import diff_releases, format_diff
    from .release import load_release

    print(format_diff(diff_releases(load_release(args.old), load_release(args.new))))
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = main.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a release: checksums, schemas, keys, cross-table rules")
    p.add_argument("release", nargs="?", help="release name or folder (default: latest)")
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
    p.add_argument("name", help="release name: its cut-off date, YYYY-MM-DD")
    p.add_argument("--from", dest="source", default=str(paths.STAGING), help="staging folder of CSV tables")
    p.add_argument("--releases-dir", default=str(paths.RELEASES), help="where releases live")
    p.add_argument("--changelog", default=str(paths.CHANGELOG), help="changelog that must describe the release")
    p.add_argument("--created", help="creation date (default: today)")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("diff", help="what changed between two releases")
    p.add_argument("old")
    p.add_argument("new")
    p.set_defaults(func=cmd_diff)
    return main


def main(argv: list[str] | None = None) -> int:
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
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
