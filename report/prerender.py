"""Quarto's pre-render step for `quarto render report/`: build a release, then put its results in report/results.

The .qmd files read `results/` (named values, tables, figures, bibliography) next to them. This script,
run by Quarto before it renders (`project: pre-render` in _quarto.yml), validates and builds the release
named by the environment variable PERU_PROTESTS_RELEASE (a name in data/releases or a folder; default:
the latest release) with the repository's .venv, then copies the build's results into report/results.
In a copy of report/ staged by `python -m analysis render` (results already in place, no repository
around it) it does nothing.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def fail(message: str) -> None:
    print(f"pre-render: {message}", file=sys.stderr)
    sys.exit(1)


def main() -> None:
    if not (ROOT / "analysis" / "__init__.py").is_file():
        return  # a staged copy: `python -m analysis render` put the results next to the sources
    python = ROOT / ".venv" / "bin" / "python"
    if not python.is_file():
        fail(f"no {python.relative_to(ROOT)}: run `make .venv/bin/.installed` (see README.md) first")
    release = os.environ.get("PERU_PROTESTS_RELEASE")
    command = [str(python), "-m", "analysis", "build", *(["--release", release] if release else [])]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        fail(f"`{' '.join(command[1:])}` failed (exit {done.returncode})")
    # `build` ends by printing "built <folder>" or "up to date: <folder>", the folder of the results
    printed = re.fullmatch(r"(?:built|up to date:) (.+)", done.stdout.strip().splitlines()[-1])
    if not printed:
        fail(f"`{' '.join(command[1:])}` did not say where it wrote the results:\n{done.stdout}")
    results = Path(printed.group(1))
    target = HERE / "results"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(results, target, ignore=shutil.ignore_patterns(".key"))
    print(f"pre-render: results of {results.parent.name} copied to {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
