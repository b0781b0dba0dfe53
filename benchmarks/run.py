"""Benchmark: prints a table of times, CPU times and peak memory (not a test; run `make benchmark`).

Measures, in one run on this machine (the shared machine's speed drifts, so the timings that
are compared with a target are medians of --repeat runs; the cold render is compared with the
yardstick measured just before and after it):
- the time Python takes just to import pandas, matplotlib and statsmodels (the yardstick);
- a cold build + render of both editions of the latest release (offline renderer);
- the render tools alone on the documents that cold render staged (Pandoc reading the Markdown, citeproc and
  writing Typst, without the Lua filter and the HTML page; Typst making the PDFs; two documents side by side as
  the render runs them): the part of the cold render that no code of ours can remove;
- a cold build + render of the report alone (both editions; the build is the same, the case files are not
  rendered), for comparison;
- a warm rebuild with nothing changed (the content-hash cache should make it a no-op);
- validation + analysis of synthetic releases of 1k, 10k, 100k and 1M victims (time, CPU time, growth
  per tenfold size, peak memory; target for 1M: under 30 s and 4 GB);
- rejection of a release whose victims.csv is 160 MB of junk (400,000 rows of `xxxx...`, as one field
  per row and as the right number of fields per row), against the time and memory pandas takes just
  to read that file as strings (target: within 3x the time; under 2 GB for a file of 400 MB);
- when `quarto` is on the PATH, the render of both editions by Quarto against the offline renderer,
  on the same built release, in alternating runs (medians, and their ratio).

Wall time is what a reader waits; CPU time (user + system, of the command and every process it
started, a fork server that outlives it included) is what the work costs, and moves less when others
use the machine. `--busy` keeps one CPU-bound process running meanwhile, as another engineer's tests do.

Usage: python benchmarks/run.py [--sizes 1000,10000,100000,1000000] [--release NAME] [--repeat 3]
                             [--junk-only | --only-quarto | --only-cold] [--busy]
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource as rusage
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import paths  # noqa: E402
from analysis.publish.new_release import descriptor_for  # noqa: E402
from analysis.release.checksums import sha256_file  # noqa: E402
from analysis.release.schema import TABLES  # noqa: E402

PEAK = "import resource,sys; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"


class Run(NamedTuple):
    """One timed child process: wall seconds, peak resident memory (KiB) and CPU seconds (user + system)
    of the child and of every process it started, a fork server left running included."""

    seconds: float
    peak_kib: int
    cpu: float


def adopt_orphans() -> None:
    """Make this process the reaper of its descendants (Linux), so that the CPU time of a process its
    child leaves behind (a fork server ending after the child) is counted in RUSAGE_CHILDREN."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def children_cpu() -> float:
    """CPU seconds of every descendant that has ended and been waited for."""
    usage = rusage.getrusage(rusage.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_pids() -> set[int]:
    """This process's children, adopted orphans included (from /proc; none where there is no /proc)."""
    pids = set()
    try:
        entries = list(os.scandir("/proc"))
    except OSError:
        return pids
    for entry in entries:
        try:
            stat = Path(entry.path, "stat").read_text() if entry.name.isdigit() else ""
        except OSError:
            continue
        if stat and int(stat.rpartition(")")[2].split()[1]) == os.getpid():
            pids.add(int(entry.name))
    return pids


def reap_descendants(keep: set[int]) -> None:
    """Wait for every child but those in `keep` (the busy process of --busy) to end, adopted ones too."""
    while pids := child_pids() - keep:
        for pid in pids:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass


BUSY: list[subprocess.Popen] = []  # the CPU-bound process of --busy, while it runs


def timed(args: list[str], env: dict | None = None) -> Run:
    """Wall time (to the child's end), peak resident memory (KiB) and CPU time of a child process and
    its descendants; fails loudly if it fails."""
    cpu = children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    reap_descendants({p.pid for p in BUSY})
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    lines = proc.stderr.strip().splitlines()
    peak = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return Run(elapsed, peak, children_cpu() - cpu)


def timed_rejection(args: list[str]) -> tuple[float, int, int]:
    """Wall time, peak memory (KiB, of the child: GNU time's maximum resident set) and lines printed
    by a command that must fail with a message and no traceback."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *args], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    lines = proc.stderr.strip().splitlines()
    if proc.returncode == 0 or "Traceback" in proc.stderr:
        raise RuntimeError(f"{' '.join(args)} did not reject the release cleanly:\n{proc.stderr[-3000:]}")
    return elapsed, int(lines[-1]), len(lines) - 1 + len(proc.stdout.splitlines())


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code + "\n" + PEAK]


def synthetic_release(size: int, base: Path, folder: Path, seed: int = 0) -> Path:
    """A valid release with `size` victims resampled from a real one (unique names and ids)."""
    rng = np.random.default_rng(seed)
    tables = {name: pd.read_csv(base / f"{name}.csv", dtype=str, keep_default_na=False) for name in TABLES}
    victims = tables["victims"]
    sample = victims.iloc[rng.integers(0, len(victims), size)].reset_index(drop=True)
    sample["victim_id"] = [f"V{i:07d}" for i in range(1, size + 1)]
    sample["name"] = [f"Synthetic Person {i}" for i in range(1, size + 1)]
    sample["notes"] = ""
    tables["victims"] = sample
    tables["lists"] = tables["lists"].iloc[0:0]
    folder.mkdir(parents=True)
    files = {}
    for name, frame in tables.items():
        files[name] = folder / f"{name}.csv"
        frame.to_csv(files[name], index=False, lineterminator="\n")
    descriptor = descriptor_for(f"2099-01-{len(str(size)):02d}", "2099-01-01", files)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return folder


def junk_release(base: Path, folder: Path, rows: int, fields: int) -> Path:
    """A copy of a release whose victims.csv has the right header, then `rows` rows of x's
    (400 bytes a row, in `fields` fields); its checksum matches, so validation reads it."""
    shutil.copytree(base, folder)
    header = (base / "victims.csv").read_bytes().split(b"\n", 1)[0] + b"\n"
    row = b",".join([b"x" * (400 // fields - 1)] * fields)
    row = row + b"x" * (399 - len(row)) + b"\n"
    path = folder / "victims.csv"
    with open(path, "wb") as out:
        out.write(header)
        block = row * 10_000
        for _ in range(rows // 10_000):
            out.write(block)
    dp = folder / "datapackage.json"
    descriptor = json.loads(dp.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == "victims.csv":
            resource["hash"] = "sha256:" + sha256_file(path)
            resource["bytes"] = path.stat().st_size
    dp.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return folder


def junk_rows(release: str, tmp: Path) -> list[tuple]:
    """Rejection of junk victims.csv files against pandas reading them as strings."""
    rows = []
    width = len(TABLES["victims"]["fields"])
    for n_rows, fields in ((400_000, 1), (400_000, width), (1_000_000, width)):
        folder = junk_release(paths.RELEASES / release, tmp / f"junk-{n_rows}-{fields}", n_rows, fields)
        size = (folder / "victims.csv").stat().st_size
        print(f"junk release, victims.csv of {size / 1e6:,.0f} MB ({fields} field(s) a row) ...", file=sys.stderr)
        read = f"import pandas as pd; pd.read_csv({str(folder / 'victims.csv')!r}, dtype=str, keep_default_na=False)"
        pandas_seconds, pandas_peak, _ = timed(python(read))
        seconds, peak, lines = timed_rejection([sys.executable, "-m", "analysis", "validate", str(folder)])
        ratio = seconds / pandas_seconds
        ok = ratio <= 3 and peak / 1024 < 2048
        rows.append(
            (
                f"reject junk victims.csv, {size / 1e6:,.0f} MB, {fields} field(s) a row",
                seconds,
                None,
                peak / 1024,
                f"pandas read as strings {pandas_seconds:.1f} s, {pandas_peak / 1024:,.0f} MB; {ratio:.1f} x its time; "
                f"{lines} lines printed; target <= 3 x and < 2 GB: {'met' if ok else 'NOT met'}",
            )
        )
        shutil.rmtree(folder)
    return rows


def print_rows(rows: list[tuple]) -> None:
    """Rows of (step, wall seconds, CPU seconds or None, peak MB or None, note)."""
    width = max(len(r[0]) for r in rows)
    print(f"\n{'step'.ljust(width)}  {'seconds':>8}  {'CPU s':>8}  {'peak MB':>8}  note")
    for name, seconds, cpu, peak, note in rows:
        cpu_text = f"{cpu:8.2f}" if cpu is not None else " " * 8
        peak_text = f"{peak:8.0f}" if peak is not None else " " * 8
        print(f"{name.ljust(width)}  {seconds:8.2f}  {cpu_text}  {peak_text}  {note}")


def quarto_vs_offline(release: str, repeat: int, build: Path) -> tuple[str, float, None, None, str]:
    """Both engines render the same built release, alternately, `repeat` times each.

    The results are built once beforehand; a render by one engine leaves the other's render key
    out of date, so each run re-renders the four outputs (PDF and HTML, two editions) without
    rebuilding.
    """
    env = {"PERU_PROTESTS_BUILD": str(build)}
    command = [sys.executable, "-m", "analysis", "render", "--release", release, "--engine"]
    timed([*command, "offline"], env)
    times: dict[str, list[float]] = {"quarto": [], "offline": []}
    for run in range(repeat):
        print(f"render with quarto and offline, run {run + 1} of {repeat} ...", file=sys.stderr)
        for engine in times:
            times[engine].append(timed([*command, engine], env).seconds)
    quarto, offline = (statistics.median(times[e]) for e in ("quarto", "offline"))
    spread = ", ".join(f"{e} {min(t):.1f}-{max(t):.1f} s" for e, t in times.items())
    note = (
        f"Quarto / offline = {quarto:.2f} / {offline:.2f} s = {quarto / offline:.1f} x "
        f"(medians of {repeat} alternating runs: {spread}); "
        f"target <= 3 x: {'met' if quarto <= 3 * offline else 'NOT met'}"
    )
    return (f"render only, Quarto vs offline ({release})", quarto, None, None, note)


# The documents a render staged, through the render's tools and nothing else: Pandoc from the expanded Markdown to
# Typst (with citeproc, as the render runs it, but neither the Lua filter nor the HTML page) and Typst from the
# Typst source the render wrote (with the render's options) to a PDF; two documents side by side, as the render.
TOOLS_ALONE = """
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import pypandoc, typst
from analysis import paths
from analysis.render.engines import FONTS, PDF_STANDARDS
site = Path({site!r})
pandoc = [pypandoc.get_pandoc_path(), "+RTS", "-A64m", "-H256m", "-RTS", "--from", "markdown", "--citeproc"]
def document(stem):
    to_typst = [*pandoc, "--wrap", "none", "--to", "typst", "--template", "offline-template.typ"]
    out = "tools-alone-" + stem + ".typ"
    subprocess.run([*to_typst, stem + ".md", "-o", out], cwd=site, check=True, capture_output=True)
    fonts = [str(site / FONTS)]
    typst.compile(str(site / (stem + ".typ")), root=str(site), font_paths=fonts, ignore_system_fonts=True,
                  pdf_standards=PDF_STANDARDS)
with ThreadPoolExecutor(max_workers=2) as pool:
    list(pool.map(document, paths.DOCUMENTS.values()))
"""


# A cold build and render that makes the report's two editions and not the case files.
REPORT_ALONE = """
from analysis import paths
paths.DOCUMENTS = dict(paths.EDITIONS)
from analysis.render.engines import render
render({release!r}, engine="offline")
"""


def cold_rows(release: str, repeat: int, tmp: Path) -> list[tuple]:
    """The yardstick, the cold build + render and the warm rebuild.

    The yardstick and the cold render alternate, `repeat` times each: on a shared machine the speed
    drifts. Each cold render is compared with the mean of the yardsticks measured just before and just
    after it, and the target is checked on the median of those ratios. CPU time counts every process
    of the build (the workers' fork server too)."""
    render = [sys.executable, "-m", "analysis", "render", "--release", release, "--engine", "offline"]
    yardstick_code = python("import pandas, matplotlib.pyplot, statsmodels.api")
    imports, colds = [timed(yardstick_code)], []
    for run in range(repeat):
        print(f"cold build + render and imports, run {run + 1} of {repeat} ...", file=sys.stderr)
        colds.append(timed(render, {"PERU_PROTESTS_BUILD": str(tmp / f"build-{run}")}))
        imports.append(timed(yardstick_code))
    ratios = [cold.seconds / ((imports[i].seconds + imports[i + 1].seconds) / 2) for i, cold in enumerate(colds)]
    ratio = statistics.median(ratios)
    walls, cpus = [r.seconds for r in imports], [r.cpu for r in imports]
    cold_walls = [r.seconds for r in colds]
    tools = [timed(python(TOOLS_ALONE.format(site=str(tmp / "build-0" / release / "site")))) for _ in range(repeat)]
    tool_walls = [r.seconds for r in tools]
    yardstick = statistics.median(walls)
    alone = [
        timed(python(REPORT_ALONE.format(release=release)), {"PERU_PROTESTS_BUILD": str(tmp / f"report-{run}")})
        for run in range(repeat)
    ]
    alone_walls = [r.seconds for r in alone]
    warm = timed(render, {"PERU_PROTESTS_BUILD": str(tmp / "build-0")})
    return [
        (
            "import pandas + matplotlib + statsmodels",
            statistics.median(walls),
            statistics.median(cpus),
            None,
            f"yardstick, median of {len(imports)}: {min(walls):.1f}-{max(walls):.1f} s",
        ),
        (
            f"cold build + render, report and case files, 2 languages x PDF+HTML ({release})",
            statistics.median(cold_walls),
            statistics.median(r.cpu for r in colds),
            None,
            f"median of {repeat}: {min(cold_walls):.1f}-{max(cold_walls):.1f} s; {ratio:.2f} x the yardstick "
            f"(median ratio, {min(ratios):.2f}-{max(ratios):.2f}); target <= 3 x: {'met' if ratio <= 3 else 'NOT met'}",
        ),
        (
            "Pandoc + Typst alone on the staged documents",
            statistics.median(tool_walls),
            statistics.median(r.cpu for r in tools),
            None,
            f"median of {repeat}: {min(tool_walls):.1f}-{max(tool_walls):.1f} s; "
            f"{statistics.median(tool_walls) / yardstick:.2f} x the yardstick's median: the render tools' share "
            "of the cold render (no Lua filter, no HTML page)",
        ),
        (
            f"cold build + render, the report alone, 2 languages x PDF+HTML ({release})",
            statistics.median(alone_walls),
            statistics.median(r.cpu for r in alone),
            None,
            f"median of {repeat}: {min(alone_walls):.1f}-{max(alone_walls):.1f} s; "
            f"{statistics.median(alone_walls) / yardstick:.2f} x the yardstick's median (the case files not rendered)",
        ),
        (
            "warm rebuild, nothing changed",
            warm.seconds,
            warm.cpu,
            None,
            f"target < 1 s: {'met' if warm.seconds < 1 else 'NOT met'}",
        ),
    ]


def synthetic_rows(release: str, sizes: list[int], repeat: int, tmp: Path) -> list[tuple]:
    """Validation + analysis of synthetic releases of each size (medians of `repeat` runs from 100,000 victims)."""
    rows, previous = [], None
    for size in sizes:
        print(f"synthetic release of {size:,} victims ...", file=sys.stderr)
        folder = synthetic_release(size, paths.RELEASES / release, tmp / f"synthetic-{size}")
        code = (
            f"from analysis.release.load import load_release; from analysis.compute.models import analyse; "
            f"analyse(load_release({str(folder)!r}))"
        )
        runs = [timed(python(code)) for _ in range(repeat if size >= 100_000 else 1)]
        seconds, peak_kib = statistics.median(r.seconds for r in runs), max(r.peak_kib for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        notes = []
        if len(runs) > 1:
            notes.append(
                f"median of {len(runs)}: {min(r.seconds for r in runs):.1f}-{max(r.seconds for r in runs):.1f} s"
            )
        if previous:
            growth = f"x{seconds / previous[1]:.1f} time (x{cpu / previous[2]:.1f} CPU)"
            notes.append(f"{growth} for x{size / previous[0]:.0f} victims")
        previous = (size, seconds, cpu)
        if size == 1_000_000:
            ok = seconds < 30 and peak_kib < 4 * 1024 * 1024
            notes.append(f"target < 30 s and < 4 GB: {'met' if ok else 'NOT met'}")
        rows.append((f"validate + analyse, {size:,} victims", seconds, cpu, peak_kib / 1024, "; ".join(notes)))
        shutil.rmtree(folder)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--release", default=None)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of the yardstick, the cold render and the releases of 100k+ victims"
    )
    parser.add_argument("--junk-only", action="store_true", help="only the rejection of junk files")
    parser.add_argument("--only-quarto", action="store_true", help="only the Quarto against offline row")
    parser.add_argument("--only-cold", action="store_true", help="only the yardstick, cold render and warm rows")
    parser.add_argument(
        "--busy", action="store_true", help="keep a CPU-bound process running meanwhile (one core of the machine busy)"
    )
    args = parser.parse_args()
    release = args.release or paths.release_names()[-1]
    adopt_orphans()
    if args.busy:
        BUSY.append(subprocess.Popen([sys.executable, "-c", "while True: pass"]))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            print_rows(benchmark_rows(args, release, Path(tmp)))
    finally:
        for process in BUSY:
            process.kill()


def benchmark_rows(args: argparse.Namespace, release: str, tmp: Path) -> list[tuple]:
    """The rows the options ask for."""
    if args.only_quarto:
        if not shutil.which("quarto"):
            sys.exit("no `quarto` on the PATH")
        return [quarto_vs_offline(release, args.repeat, tmp)]
    if args.junk_only:
        return junk_rows(release, tmp)
    rows = cold_rows(release, args.repeat, tmp)
    if args.only_cold:
        return rows
    if shutil.which("quarto"):
        rows.append(quarto_vs_offline(release, args.repeat, tmp / "build-0"))
    else:
        print("no `quarto` on the PATH: the Quarto row is left out", file=sys.stderr)
    rows += synthetic_rows(release, [int(s) for s in args.sizes.split(",")], args.repeat, tmp)
    return rows + junk_rows(release, tmp)


if __name__ == "__main__":
    main()
