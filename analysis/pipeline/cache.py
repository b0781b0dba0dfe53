"""Content-hash cache keys for build and render, computed with the standard library only.

A key changes when the release's bytes, the analysis code (with its text files), the reference data
(boundaries and place coordinates) or the report sources change; otherwise `build` and `render` reuse their
previous outputs. The keys are cheap to compute (no pandas import), so a warm run that has nothing to do returns
in well under a second.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import paths
from ..release.checksums import sha256_file

CODE_DIR = Path(__file__).resolve().parents[1]  # the analysis package, with its subpackages


def tree_digest(files: list[Path], base: Path) -> str:
    """Hash of a set of files: their paths relative to `base` and their bytes."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def code_digest() -> str:
    """Hash of the analysis code: every module of the package and its subpackages, and the editions' text files
    (present/text/*.yml: captions, labels, definitions)."""
    return tree_digest([*CODE_DIR.rglob("*.py"), *CODE_DIR.rglob("*.yml")], CODE_DIR)


def reference_digest() -> str:
    """Hash of the reference data the figures are drawn with (paths.BOUNDARIES, paths.PLACES)."""
    return tree_digest([paths.BOUNDARIES, paths.PLACES], paths.REFERENCE)


def report_digest() -> str:
    """Hash of the report sources and pyproject.toml (whose `[tool.peru-report]` table says what the report
    gives of licences, repository and corrections).

    The changelog the report's appendix shows is the release's own (covered by the release's checksum) or,
    for a release made before releases carried one, a file pinned by its checksum in the code.
    """
    digest = tree_digest(paths.report_sources(), paths.REPORT) + sha256_file(paths.ROOT / "pyproject.toml")
    return hashlib.sha256(digest.encode()).hexdigest()


def release_fingerprint(folder: Path) -> tuple[str, str] | None:
    """(release name, sha256 of datapackage.json) if every file matches its recorded checksum, else None."""
    try:
        descriptor_path = folder / "datapackage.json"
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        for resource in descriptor["resources"]:
            expected = str(resource["hash"]).rpartition(":")[2]
            target = (folder / resource["path"]).resolve()
            if not target.is_relative_to(folder.resolve()) or sha256_file(target) != expected:
                return None
        return str(descriptor["version"]), sha256_file(descriptor_path)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def build_key(release_sha: str) -> str:
    """The key of a release's results: the release's datapackage.json hash, the analysis code, the reference
    data, the report sources."""
    key = f"build:{release_sha}:{code_digest()}:{reference_digest()}:{report_digest()}"
    return hashlib.sha256(key.encode()).hexdigest()


def render_key(release_sha: str, engine: str) -> str:
    """The key of a release's rendered editions: its build key and the engine that rendered them."""
    return hashlib.sha256(f"render:{engine}:{build_key(release_sha)}".encode()).hexdigest()


def fresh(stamp: Path, key: str, outputs: list[Path]) -> bool:
    """True if `stamp` records `key` and every output exists."""
    return stamp.is_file() and stamp.read_text() == key and all(p.is_file() for p in outputs)


def outputs(release_name: str) -> list[Path]:
    """The rendered files of a release."""
    out = paths.build_dir(release_name)
    return [out / f"{stem}.{ext}" for stem in paths.DOCUMENTS.values() for ext in ("pdf", "html")]


def up_to_date_build(fingerprint: tuple[str, str] | None) -> Path | None:
    """The results folder of a release (by its `release_fingerprint`) if built from exactly these bytes and
    this code, else None."""
    if fingerprint is None:
        return None
    name, sha = fingerprint
    out = paths.build_dir(name) / "results"
    return out if fresh(out / ".key", build_key(sha), [out / "values.json"]) else None


def up_to_date_render(fingerprint: tuple[str, str] | None, engine: str) -> list[Path] | None:
    """The outputs of a release (by its `release_fingerprint`) if rendered from exactly these bytes and this
    code, else None."""
    if fingerprint is None:
        return None
    name, sha = fingerprint
    expected = outputs(name)
    return expected if fresh(paths.build_dir(name) / ".render-key", render_key(sha, engine), expected) else None
