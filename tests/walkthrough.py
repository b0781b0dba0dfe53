"""Following the README's walk-throughs in a copy of the repository: the copy, the README's command blocks, bash
with today fixed, and the Quarto walk-through as a job that runs beside the other tests (test_readme_walkthrough).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from background import Background
from pypdf import PdfReader

from analysis import paths

TODAY = "2029-12-31"  # later than any release this repository will hold for a while, and fixed


def pdf_text(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages).replace("\u00ad", ""))


def readme_block(heading: str) -> str:
    """The first ```sh block of the README after `heading`."""
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


def repository_copy(target: Path) -> Path:
    """The repository's files (tracked and not ignored) copied to `target`, using this checkout's .venv."""
    venv = paths.ROOT / ".venv"
    if not (venv / "bin" / ".installed").is_file():
        pytest.skip("no .venv made by `make` in this checkout to lend to the copy")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=paths.ROOT,
        capture_output=True,
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout: cannot tell the repository's files from generated ones")
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = paths.ROOT / name
        if source.is_file() and not name.startswith(("_build/", ".venv/")):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / ".venv").symlink_to(venv)
    installed = (venv / "bin" / ".installed").stat().st_mtime
    for name in ("pyproject.toml", "constraints.txt"):  # make: the lent .venv is up to date, nothing to reinstall
        os.utime(target / name, (installed - 60, installed - 60))
    return target


def run(command: str, cwd: Path, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(
        ["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def environment(tmp_path: Path, quarto: bool) -> dict:
    """This environment with today fixed, no build folder set, and Quarto on the PATH or not."""
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "date").write_text('#!/bin/sh\n[ "$1" = "+%F" ] && echo "$PERU_PROTESTS_TODAY" || exec /bin/date "$@"\n')
    (shims / "date").chmod(0o755)
    path = [p for p in os.environ["PATH"].split(os.pathsep) if quarto or not (Path(p) / "quarto").exists()]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PERU_PROTESTS_", "PYTEST"))}
    return env | {"PATH": os.pathsep.join([str(shims), *path]), "PERU_PROTESTS_TODAY": TODAY}


QUARTO_TEST = "test_the_readme_quarto_walkthrough_renders_both_editions_in_a_clean_copy"


def quarto_lines() -> list[str]:
    """The README's "Rendering with Quarto" commands, without their comments."""
    return [line.split("#")[0].strip() for line in readme_block("## Rendering with Quarto").splitlines()]


class QuartoWalkthrough:
    """The README's Quarto walk-through in a clean copy, its commands run one after another by bash in the
    background: the walk-through renders the latest release and the first, every document twice with Quarto,
    which takes minutes; started when the session starts (conftest.py), it runs beside the other tests and its
    test waits for it. After each command the copy's report/*.pdf and *.html are kept in `step-<n>/`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.repo = repository_copy(folder / "repo")
        self.lines = quarto_lines()
        script = ["set -e", "shopt -s nullglob"]
        for number, line in enumerate(self.lines):
            step = folder / f"step-{number}"
            script += [
                f"echo '== {line}'",
                line,
                f"mkdir -p '{step}'",
                f"for f in report/*.pdf report/*.html; do cp \"$f\" '{step}/'; done",
            ]
        command = ["bash", "-c", "\n".join(script)]
        self.job = Background(command, self.repo, environment(folder, quarto=True), folder / "walkthrough.log")

    def step(self, number: int) -> Path:
        return self.folder / f"step-{number}"
