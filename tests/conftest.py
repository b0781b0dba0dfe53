"""Shared fixtures: tiny typed tables from inline CSV, and the committed releases."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from background import Background

from analysis import paths

FIRST_RELEASE = "2023-01-10"
DATES = [
    "date_injured",
    "date_died",
    "date_first_reported",
    "report_date",
    "date_start",
    "date_end",
    "claim_date",
    "date",
]
INTS = [
    "age",
    "total_deaths",
    "clash_civilians",
    "roadblock_related",
    "police",
    "soldiers",
    "other",
    "injured",
    "deaths_reported",
    "injured_reported",
    "pop_2022",
    "pop_2017_census",
    "tile_row",
    "tile_col",
]


def shown_figures(out: Path, lang: str) -> list[str]:
    """The figures a rendered edition shows: those whose condition (figures.SHOWN_WHEN) its results meet."""
    from analysis.present.figures import shown

    return shown(yaml.safe_load((out / "results" / f"meta-{lang}.yml").read_text(encoding="utf-8")))


def printed(markdown: str) -> str:
    """The text a value of meta-<lang>.yml prints: those values are escaped (escape.markdown_text)."""
    from analysis.present.escape import SHORTCODE_GUARD

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown.replace(SHORTCODE_GUARD, ""))


def table(text: str) -> pd.DataFrame:
    """A typed table from inline CSV, typed like a validated release (dates, nullable integers)."""
    frame = pd.read_csv(io.StringIO(text.strip()), dtype=str, keep_default_na=False)
    frame = frame.mask(frame == "")
    for column in frame.columns:
        if column in DATES:
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
        elif column in INTS:
            frame[column] = frame[column].astype("Int64")
        elif column.endswith("_pct_2017") or column.startswith("castillo") or column in ("value",):
            frame[column] = frame[column].astype("Float64")
    return frame


@pytest.fixture(scope="session")
def departments() -> pd.DataFrame:
    """The real departments table of the first release."""
    from analysis.release.load import load_release

    return load_release(FIRST_RELEASE)["regions"]


@pytest.fixture
def release_copy(tmp_path: Path) -> Path:
    """A writable copy of the first release, for tampering."""
    target = tmp_path / FIRST_RELEASE
    shutil.copytree(paths.RELEASES / FIRST_RELEASE, target)
    return target


LOCAL_CONNECT = socket.socket.connect


def no_network(sock: socket.socket, address) -> None:
    """Refuse Internet connections; local (Unix) sockets, used by the figure workers, still work."""
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        raise OSError("network access attempted during render")
    LOCAL_CONNECT(sock, address)


@pytest.fixture(scope="session")
def build_root(tmp_path_factory) -> Path:
    """One offline render of the first release, without network access, shared by the render and browser tests."""
    from analysis.render.engines import render

    root = tmp_path_factory.mktemp("build")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PERU_PROTESTS_BUILD", str(root))
        mp.setattr(socket.socket, "connect", no_network)
        render(FIRST_RELEASE, engine="offline")
    return root


@pytest.fixture(scope="session")
def latest_out(tmp_path_factory) -> Path:
    """One offline render of the latest release, without network access, shared by the modules that read it."""
    from analysis.render.engines import render

    latest = paths.release_names()[-1]
    root = tmp_path_factory.mktemp("latest")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PERU_PROTESTS_BUILD", str(root))
        mp.setattr(socket.socket, "connect", no_network)
        render(latest, engine="offline")
    return root / latest


@pytest.fixture(scope="session")
def out(build_root) -> Path:
    """The rendered release's folder: report*.pdf, report*.html, data/, results/."""
    return build_root / FIRST_RELEASE


@pytest.fixture(scope="session", autouse=True)
def readme_quarto_walkthrough(request, tmp_path_factory):
    """The README's Quarto walk-through, started when the session starts if its test is to run and Quarto is on the
    PATH, so that its minutes of rendering overlap the other tests; its test waits for it. The fixture's value is the
    running `walkthrough.QuartoWalkthrough`, or why it cannot run."""
    from walkthrough import QUARTO_TEST, QuartoWalkthrough

    if not any(item.name == QUARTO_TEST for item in request.session.items):
        yield "the README's Quarto walk-through is not among the tests to run"
        return
    if shutil.which("quarto") is None:
        yield "no `quarto` on the PATH: the README's Quarto walk-through needs it"
        return
    try:
        walk = QuartoWalkthrough(tmp_path_factory.mktemp("readme-quarto"))
    except pytest.skip.Exception as exc:  # no .venv or no git checkout to copy
        yield str(exc)
        return
    yield walk
    walk.job.stop()


def reads_quarto_out(item: pytest.Item) -> bool:
    """Whether a test reads the Quarto render of the first release (`quarto_out`), by name or as an engine it is
    parametrized with (test_browser.py asks for the fixture by name)."""
    callspec = getattr(item, "callspec", None)
    return "quarto_out" in item.fixturenames or (callspec is not None and "quarto" in callspec.id.split("-"))


@pytest.fixture(scope="session", autouse=True)
def quarto_render(request, tmp_path_factory):
    """Quarto's render of the first release (`quarto_out`), started when the session starts if a test to run reads
    it and Quarto is on the PATH, so that it runs beside the other tests: (the job, its build folder), or None."""
    if shutil.which("quarto") is None or not any(reads_quarto_out(item) for item in request.session.items):
        yield None
        return
    root = tmp_path_factory.mktemp("quarto")
    command = [sys.executable, "-m", "analysis", "render", "--release", FIRST_RELEASE, "--engine", "quarto"]
    job = Background(command, paths.ROOT, {**os.environ, "PERU_PROTESTS_BUILD": str(root)}, root / "render.log")
    yield job, root
    job.stop()


@pytest.fixture(scope="session")
def quarto_out(quarto_render, tmp_path_factory) -> Path:
    """The first release rendered with Quarto, shared by the parity, archive and browser tests: the render the
    session started (`quarto_render`), or one made now."""
    from analysis.render.engines import render

    if shutil.which("quarto") is None:
        pytest.skip("no `quarto` on the PATH: only the offline renderer can be tested (README: rendering with Quarto)")
    if quarto_render is not None:
        job, root = quarto_render
        job.wait(timeout=1800)
        return root / FIRST_RELEASE
    root = tmp_path_factory.mktemp("quarto")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PERU_PROTESTS_BUILD", str(root))
        render(FIRST_RELEASE, engine="quarto")
    return root / FIRST_RELEASE
