"""Quarto's pre-render step for `quarto render report/`: build a release, then put what the report reads in report/.

The .qmd files read, next to them, what `python -m analysis render` puts beside them in its staged copy:
`results/` (named values, tables, figures, bibliography, the report's notices), `fonts/` (the figures'
fonts, Typst's only fonts) and `page/` (the HTML page's head, links and downloads), with the downloads
the page links to (`data/`, `SHA256SUMS`). This script, run by Quarto before it renders (`project:
pre-render` in _quarto.yml), runs `python -m analysis stage` with the repository's .venv: it validates
and builds the release named by the environment variable PERU_PROTESTS_RELEASE (a name in data/releases or
a folder; default: the latest release) and furnishes report/ with it, as `render` furnishes its copy.
In a copy of report/ staged by `python -m analysis render` (everything already in place, no repository
around it) it does nothing.
"""

import os
import re
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
    command = [str(python), "-m", "analysis", "stage", *(["--release", release] if release else [])]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        fail(f"`{' '.join(command[1:])}` failed (exit {done.returncode})")
    # `stage` ends by printing "staged <folder>", the folder it furnished
    lines = done.stdout.strip().splitlines()
    if not lines or not re.fullmatch(r"staged .+", lines[-1]):
        fail(f"`{' '.join(command[1:])}` did not say what it staged:\n{done.stdout}")
    print(f"pre-render: {release or 'the latest release'} {lines[-1]}", file=sys.stderr)


if __name__ == "__main__":
    main()
