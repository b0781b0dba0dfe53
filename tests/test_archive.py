"""The archival PDF: PDF/A-3b and PDF/UA-1, its release attached, and `python -m analysis verify` (issue 24)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfua
import pikepdf
import pytest
from conftest import FIRST_RELEASE
from pypdf import PdfReader

from analysis import paths
from analysis.render import archive

EDITIONS = {"en": "report", "es": "report-es"}
DOCUMENTS = list(paths.DOCUMENTS.values())  # the report's editions and the case files': the same standards and files


def xmp(pdf: Path) -> str:
    reader = PdfReader(pdf)
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def release_files(release: Path) -> set[str]:
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    return {"datapackage.json", *(r["path"] for r in package["resources"])}


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_pdf_claims_pdf_a_3b_and_pdf_ua_1(out, stem):
    meta = xmp(out / f"{stem}.pdf")
    assert "<pdfaid:part>3</pdfaid:part>" in meta and "<pdfaid:conformance>B</pdfaid:conformance>" in meta
    assert "<pdfuaid:part>1</pdfuaid:part>" in meta


@pytest.mark.parametrize("qmd", paths.DOCUMENTS)
def test_xmp_gives_the_full_title_abstract_keywords_language_release_and_checksum(out, qmd):
    meta = xmp(out / f"{paths.DOCUMENTS[qmd]}.pdf")
    values = json.loads((out / "results" / "values.json").read_text(encoding="utf-8"))
    front = yaml_front((paths.REPORT / qmd).read_text(encoding="utf-8"))
    lang = front["lang"]
    assert f"{front['title']}: {front['subtitle']}".replace("'", "&#39;") in meta.replace("&apos;", "&#39;")
    description = re.search(r"<dc:description>.*?</dc:description>", meta, re.S).group()
    assert front["abstract"][:60] in description
    assert values["release"]["value"] in description and values["release_sha256"]["value"] in description
    assert f"<rdf:li>{lang}</rdf:li>" in meta and front["keywords"][0] in meta


def yaml_front(text: str) -> dict:
    import yaml

    return yaml.safe_load(text.split("---", 2)[1])


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_the_release_is_attached_with_descriptions_and_relationships(out, stem):
    with pikepdf.open(out / f"{stem}.pdf") as pdf:
        files = {name: spec for name, spec in pdf.attachments.items()}
        assert set(files) == release_files(paths.RELEASES / FIRST_RELEASE) | {
            "CHANGELOG.md",
            "CHANGELOG.es.md",
            "SHA256SUMS",
        }
        relationships = {}
        for spec in pdf.Root.AF:
            assert str(spec.Desc)  # every attachment says what it is
            relationships[str(spec.UF)] = str(spec.AFRelationship)
        assert relationships["victims.csv"] == "/Data" and relationships["datapackage.json"] == "/Data"
        assert relationships["CHANGELOG.md"] == "/Source"
        assert len(relationships) == len(files)


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_pdfua_checker_finds_nothing(out, stem):
    report = pdfua.validate(str(out / f"{stem}.pdf"))
    assert not report.findings, [f.message for f in report.findings]


def verify(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", "verify", *map(str, args)], capture_output=True, text=True, cwd=paths.ROOT
    )


@pytest.mark.parametrize("stem", ["report", "casefiles-es"])
def test_verify_accepts_an_untouched_pdf_and_its_release(out, stem):
    done = verify(out / f"{stem}.pdf", "--release", paths.RELEASES / FIRST_RELEASE)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1].startswith("verified:") and "FAIL" not in done.stdout
    assert "victims.csv: SHA-256 and size as datapackage.json gives them" in done.stdout


def altered(source: Path, target: Path, name: str, change) -> Path:
    """A copy of a PDF whose attachment `name` is replaced by `change(its bytes)`."""
    with pikepdf.open(source) as pdf:
        data = pdf.attachments[name].get_file().read_bytes()
        pdf.attachments[name] = pikepdf.AttachedFileSpec(pdf, change(data), filename=name)
        pdf.save(target)
    return target


def test_verify_rejects_a_copy_with_an_altered_table(out, tmp_path):
    copy = altered(out / "report.pdf", tmp_path / "table.pdf", "victims.csv", lambda b: b.replace(b",18,", b",19,", 1))
    done = verify(copy)
    assert done.returncode == 1
    assert "FAIL  victims.csv: SHA-256 and size as datapackage.json gives them" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("NOT verified:")


def test_verify_rejects_a_copy_with_an_altered_checksum(out, tmp_path):
    def tamper(data: bytes) -> bytes:  # a descriptor that vouches for a changed table: no longer the printed one
        package = json.loads(data)
        package["resources"][0]["hash"] = "sha256:" + "0" * 64
        return json.dumps(package).encode()

    copy = altered(out / "report.pdf", tmp_path / "checksum.pdf", "datapackage.json", tamper)
    done = verify(copy)
    assert done.returncode == 1
    assert "FAIL  attached datapackage.json has the SHA-256 printed on the title page" in done.stdout


def test_verify_against_another_release_fails(out):
    other = paths.release_names()[-1]
    done = verify(out / "report.pdf", "--release", paths.RELEASES / other)
    assert done.returncode == 1 and "FAIL" in done.stdout


def test_verify_of_a_file_that_is_not_a_pdf_says_so_in_one_line(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_text("not a pdf")
    done = verify(junk)
    assert done.returncode == 1 and "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_staged_attachments_list_every_file_with_its_checksum(tmp_path):
    listed = archive.stage(paths.RELEASES / FIRST_RELEASE, tmp_path)
    names = {a.name for a in listed}
    assert names == release_files(paths.RELEASES / FIRST_RELEASE) | {"CHANGELOG.md", "CHANGELOG.es.md", "SHA256SUMS"}
    sums = (tmp_path / archive.FOLDER / archive.SUMS).read_text(encoding="utf-8")
    assert len(sums.splitlines()) == len(names) - 1
    shutil.rmtree(tmp_path / archive.FOLDER)


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_quarto_pdfs_are_archival_and_carry_the_same_release(quarto_out, out, stem):
    """Quarto (pdf-standard in _quarto.yml) makes the same claims and carries the same files as the offline render."""
    meta = xmp(quarto_out / f"{stem}.pdf")
    assert "<pdfaid:part>3</pdfaid:part>" in meta and "<pdfuaid:part>1</pdfuaid:part>" in meta
    ours, theirs = PdfReader(out / f"{stem}.pdf").attachments, PdfReader(quarto_out / f"{stem}.pdf").attachments
    assert {name: ours[name] for name in ours} == {name: theirs[name] for name in theirs}
    assert not pdfua.validate(str(quarto_out / f"{stem}.pdf")).findings
    assert verify(quarto_out / f"{stem}.pdf").returncode == 0
