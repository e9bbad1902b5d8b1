"""Materials: real files checked by content, and the needed list from the rule data."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from icpfile.data.catalog import read_data
from icpfile.data.packs import builtin
from icpfile.values import material_needs as mat

from conftest import (
    SAMPLES,
    check_text,
    codes,
    dump,
    example_base,
    invoke,
)

ENTERPRISE = read_data("example_bases.yaml")["enterprise"]


def draft_with(tmp_path: Path, entries: list[dict], **changes) -> Path:
    data = copy.deepcopy(ENTERPRISE)
    data["materials"] = entries
    for pointer, value in changes.items():
        section, key = pointer.split("__")
        data[section][key] = value
    path = tmp_path / "drafts" / "acme.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(data), encoding="utf-8")
    return path


def run(path: Path) -> list:
    return check_text(path.read_bytes(), path=str(path))


def test_files_are_judged_by_content_relative_to_the_draft(tmp_path: Path) -> None:
    scans = tmp_path / "drafts" / "scans"
    scans.mkdir(parents=True)
    (scans / "licence.jpg").write_bytes(SAMPLES["jpeg"])
    (scans / "id.jpg").write_bytes(SAMPLES["png"])  # a PNG named .jpg
    (scans / "letter.pdf").write_bytes(b"PK\x03\x04 a Word document")  # not a PDF at all
    (scans / "folder.pdf").mkdir()
    path = draft_with(tmp_path, [
        {"kind": "subject_certificate", "path": "scans/licence.jpg"},
        {"kind": "principal_id", "path": "scans/id.jpg"},
        {"kind": "commitment_letter", "path": "scans/letter.pdf"},
        {"kind": "other", "path": "scans/folder.pdf"},
        {"kind": "other", "path": "scans/missing.png"},
    ])
    found = {(f.rule, f.pointer) for f in run(path)}
    assert ("ICP703", "/materials/1/path") in found
    assert ("ICP702", "/materials/2/path") in found
    assert ("ICP701", "/materials/3/path") in found and ("ICP701", "/materials/4/path") in found
    assert not any(pointer == "/materials/0/path" for _, pointer in found)
    missing = next(f for f in run(path) if f.pointer == "/materials/4/path")
    text = path.read_text(encoding="utf-8").splitlines()
    assert text[missing.line - 1].strip().startswith("path: scans/missing.png")


def needs(data: dict) -> list[str]:
    pack = builtin().province(data["subject"]["province"])
    return [f"{n.kind}×{n.count}" for n in mat.required(data, builtin().national, pack)]


def test_what_is_needed_comes_from_the_rule_data() -> None:
    data = copy.deepcopy(ENTERPRISE)
    assert needs(data) == ["subject_certificate×1", "principal_id×1", "commitment_letter×1"]  # 浙江 承诺书
    data["subject"]["province"] = "湖南省"
    assert "site_plan×1" not in needs(data)
    data["filing"] = {"type": "new_website", "existing_number": "湘ICP备12345678号", "previous_provider": "other"}
    assert "site_plan×1" in needs(data)  # 指南 3.2: 湖南 asks a subject with a filed site for a plan
    data["subject"]["province"] = "江苏省"
    data["websites"].append({**data["websites"][0], "domain": "example.org"})
    assert "domain_certificate×2" in needs(data)  # one per domain
    data["websites"][0]["pre_approvals"] = [{"category": "news", "number": "1"}, {"category": "culture", "number": "2"}]
    assert "pre_approval×2" in needs(data)
    data["subject"]["province"] = "新疆维吾尔自治区"
    assert "other×1" in needs(data)  # 党建确认函


def test_a_draft_without_materials_gets_one_info_listing_all() -> None:
    findings = [f for f in check_text(dump(ENTERPRISE), lang="zh") if f.rule == "ICP706"]
    assert len(findings) == 1 and findings[0].severity.value == "info"
    assert "主体证件" in findings[0].message and "承诺书" in findings[0].message


def test_a_missing_one_is_a_warning_naming_it(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.jpg").write_bytes(SAMPLES["jpeg"])
    path = draft_with(tmp_path, [{"kind": "subject_certificate", "path": "a.jpg"}])
    gaps = [f for f in run(path) if f.rule == "ICP705"]
    assert {f.severity.value for f in gaps} == {"warning"}
    assert any("principal_id" in f.message for f in gaps)
    assert "ICP706" not in codes(run(path))


@pytest.mark.parametrize("raw", ["/etc/passwd", "../outside.bin", "link.jpg"])
def test_material_paths_leaving_the_folder_are_refused_unread(tmp_path: Path, raw: str) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    (tmp_path / "outside.bin").write_bytes(b"root:x:0:0 secret")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    if raw == "link.jpg":
        (drafts / "link.jpg").symlink_to(tmp_path / "outside.bin")
    data = example_base("enterprise")
    data["materials"] = [{"kind": "subject_certificate", "path": raw}]
    (drafts / "d.yaml").write_text(dump(data), encoding="utf-8")
    result = invoke("check", "--isolated", "--format", "json", "--today", "2026-11-29", str(drafts / "d.yaml"))
    findings = json.loads(result.stdout)["files"][0]["findings"]
    material = [f for f in findings if f["pointer"] == "/materials/0/path"]
    assert [f["rule"] for f in material] == ["ICP708"]
    assert "72 6f 6f 74" not in result.stdout and "root:x" not in result.stdout
    allowed = invoke("check", "--isolated", "--format", "json", "--today", "2026-11-29", "--root", str(tmp_path),
                  str(drafts / "d.yaml"))
    codes_with_root = [f["rule"] for f in json.loads(allowed.stdout)["files"][0]["findings"]
                       if f["pointer"] == "/materials/0/path"]
    assert "ICP708" not in codes_with_root if raw != "/etc/passwd" else codes_with_root == ["ICP708"]


def test_a_material_that_is_not_an_image_does_not_show_its_bytes(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    (tmp_path / "licence.jpg").write_bytes(b"SECRET-CONTENT")
    data = example_base("enterprise")
    data["materials"] = [{"kind": "subject_certificate", "path": "licence.jpg"}]
    (tmp_path / "d.yaml").write_text(dump(data), encoding="utf-8")
    result = invoke("check", "--isolated", "--today", "2026-11-29", str(tmp_path / "d.yaml"))
    assert "ICP702" in result.stdout and "53 45 43" not in result.stdout and "SECRET" not in result.stdout


@pytest.mark.parametrize("bad", ["ok.pdf\0", "a\x1bb.pdf", "a\x85b.pdf", "a" * 300 + ".pdf", "d/" * 2100 + "x.pdf"])
def test_an_unusable_material_path_is_an_icp701_and_the_others_are_checked(tmp_path: Path, bad: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from conftest import check_text, dump

    (tmp_path / "ok.pdf").write_bytes(b"%PDF-1.4\n")
    data = example_base("enterprise")
    data["materials"] = [{"kind": "other", "path": bad}, {"kind": "other", "path": "/etc/hostname"},
                         {"kind": "subject_certificate", "path": "missing.pdf"}]
    found = check_text(dump(data), path=str(tmp_path / "d.yaml"))
    by_pointer = {(f.rule, f.pointer) for f in found}
    assert ("ICP701", "/materials/0/path") in by_pointer
    assert ("ICP708", "/materials/1/path") in by_pointer
    assert ("ICP701", "/materials/2/path") in by_pointer
    assert "internal" not in " ".join(f.message for f in found)


def test_path_problem_judges_without_the_file_system() -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile.values.material_needs import path_problem

    assert path_problem("scans/营业执照.pdf") is None and path_problem("../x.pdf") is None
    assert "NUL" in path_problem("a\0") and "control" in path_problem("a\tb")
    assert "too long" in path_problem("x" * 256)


def test_an_outside_material_names_the_folder_root_allows(tmp_path: Path) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from conftest import check_text, dump

    (tmp_path / "drafts").mkdir()
    data = example_base("enterprise")
    data["materials"] = [{"kind": "other", "path": "/etc/hostname"}]
    found = check_text(dump(data), path=str(tmp_path / "drafts" / "d.yaml"), root=str(tmp_path))
    message = next(f.message for f in found if f.rule == "ICP708")
    assert str(tmp_path) in message and "draft's folder" not in message
