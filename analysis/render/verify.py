"""`python -m analysis verify FILE.pdf [--release DIR]`: check a copy of the report against the data it carries.

A report's PDF carries its release as attachments (archive.py) and prints the SHA-256 of the release's
`datapackage.json` on its title page. Whoever holds only the PDF can check, without this project's data:
that the attached descriptor is the one the title page names, that every attached table is the one that
descriptor describes (SHA-256 and size), and that the attached `SHA256SUMS` agrees. Given a release folder,
every attached file is also compared with the folder's. Each check prints one line; the verdict comes last.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

CHECKSUM = re.compile(r"\b[0-9a-f]{64}\b")


@dataclass(frozen=True)
class Check:
    """One check: whether it passed (`None`: not made, and why) and what it compared."""

    ok: bool | None
    what: str


def sha256(data: bytes) -> str:
    """The SHA-256 of some bytes, in hex."""
    return hashlib.sha256(data).hexdigest()


def read_pdf(path: Path) -> tuple[str | None, dict[str, bytes], str]:
    """The checksum printed on the title page (the first SHA-256 on page 1), the attached files by name, and the
    document's description (XMP / document information)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise ValueError(f"{path} is not a PDF (it does not start with %PDF-)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about a damaged file: the one line below says it
    try:
        reader = PdfReader(io.BytesIO(data))
        first = reader.pages[0].extract_text() if reader.pages else ""
        attached = {name: data[0] for name, data in reader.attachments.items()}
        subject = str((reader.metadata or {}).get("/Subject", ""))
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ValueError(f"{path} is not a readable PDF: {exc}") from None
    printed = CHECKSUM.search(re.sub(r"\s+", "", first) if not CHECKSUM.search(first) else first)
    return (printed.group() if printed else None), attached, subject


def package_checks(printed: str | None, attached: dict[str, bytes], subject: str) -> list[Check]:
    """The attached descriptor against the printed checksum, and every attached file against the descriptor and
    the attached SHA256SUMS."""
    if printed is None:
        return [Check(False, "the title page prints no SHA-256 of datapackage.json")]
    checks = [Check(printed in subject, "the document's description names the same checksum as the title page")]
    descriptor = attached.get("datapackage.json")
    if descriptor is None:
        return [*checks, Check(False, "no datapackage.json is attached")]
    checks.append(
        Check(
            sha256(descriptor) == printed,
            f"attached datapackage.json has the SHA-256 printed on the title page ({printed[:12]}...)",
        )
    )
    try:
        package = json.loads(descriptor)
        resources = {r["path"]: r for r in package["resources"]}
    except (ValueError, KeyError, TypeError):
        return [*checks, Check(False, "the attached datapackage.json cannot be read")]
    for name, resource in resources.items():
        data = attached.get(name)
        expected = str(resource.get("hash", "")).removeprefix("sha256:")
        if data is None:
            checks.append(Check(False, f"{name}: described by datapackage.json but not attached"))
            continue
        same = sha256(data) == expected and len(data) == resource.get("bytes", len(data))
        checks.append(Check(same, f"{name}: SHA-256 and size as datapackage.json gives them"))
    sums = attached.get("SHA256SUMS")
    if sums is None:
        checks.append(Check(False, "no SHA256SUMS is attached"))
    else:
        for line in sums.decode("utf-8", errors="replace").splitlines():
            digest, _, name = line.partition("  ")
            data = attached.get(name)
            checks.append(Check(data is not None and sha256(data) == digest, f"{name}: as SHA256SUMS lists it"))
    return checks


def release_checks(attached: dict[str, bytes], release: Path, printed: str | None) -> list[Check]:
    """Every attached file against the file of the same name in a release folder."""
    checks = []
    descriptor = release / "datapackage.json"
    if not descriptor.is_file():
        return [Check(False, f"{release} has no datapackage.json")]
    checks.append(
        Check(
            sha256(descriptor.read_bytes()) == printed,
            f"{release}/datapackage.json has the SHA-256 printed on the title page",
        )
    )
    for name, data in sorted(attached.items()):
        if name == "SHA256SUMS":
            continue
        theirs = release / name
        if not theirs.is_file() and name.startswith("CHANGELOG"):  # a release made before releases carried one
            checks.append(Check(None, f"{name}: not compared, {release} does not carry its changelog"))
            continue
        if not theirs.is_file():
            checks.append(Check(False, f"{name}: attached but not in {release}"))
            continue
        checks.append(Check(theirs.read_bytes() == data, f"{name}: the same bytes as in {release}"))
    return checks


def verify(pdf: Path, release: Path | None = None) -> list[Check]:
    """Every check of a PDF, and of its attachments against `release` when given."""
    printed, attached, subject = read_pdf(pdf)
    checks = package_checks(printed, attached, subject)
    if release is not None:
        checks += release_checks(attached, release, printed)
    return checks


def report(checks: list[Check], pdf: Path) -> tuple[list[str], bool]:
    """One line per check, then the verdict; and whether no check failed."""
    lines = [f"{ {True: 'ok  ', False: 'FAIL', None: 'skip'}[c.ok] }  {c.what}" for c in checks]
    failed = sum(c.ok is False for c in checks)
    verdict = (
        f"verified: {pdf} carries the release its title page names ({len(checks)} checks)"
        if not failed
        else f"NOT verified: {failed} of {len(checks)} checks failed for {pdf}"
    )
    return [*lines, verdict], not failed
