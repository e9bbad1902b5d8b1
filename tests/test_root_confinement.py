"""`check --root`: drafts named on the command line, `-o` and materials are confined to the root it
names, component by component, symlinks and `..` judged as the system follows them (issue 24.2)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from icpfile.load import files

from conftest import POSIX, ROOT, invoke

SECRET = "AKIA-SECRET-TOKEN-123"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/repo (the root: a draft) and tmp/outside (a draft holding a secret), run from tmp: the
    working folder holds both, so only --root can tell them apart."""
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    (repo / "drafts").mkdir(parents=True)
    (outside / "sub").mkdir(parents=True)
    shutil.copy(ROOT / "examples/personal-first-filing.yaml", repo / "drafts/mine.yaml")
    text = (ROOT / "examples/personal-first-filing.yaml").read_text(encoding="utf-8")
    (outside / "creds.yaml").write_text(text.replace("type: first_filing", f"type: {SECRET}"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str):
    return invoke("check", "--today", "2026-11-29", "-f", "json", *args)


@POSIX
def test_a_symlinked_folder_out_of_the_root_is_not_read(tree: Path) -> None:
    os.symlink(tree / "outside", tree / "repo/linked")
    result = _check("--root", "repo", "repo/linked")
    assert SECRET not in result.output
    found = json.loads(result.stdout)["files"][0]["findings"]
    assert [f["rule"] for f in found] == ["ICP015"]
    inside = _check("repo/linked")  # without --root the working folder holds the target: read
    assert inside.exit_code == 1 and SECRET in inside.output


@POSIX
def test_a_symlinked_draft_out_of_the_root_is_not_read(tree: Path) -> None:
    os.symlink(tree / "outside/creds.yaml", tree / "repo/drafts/direct.yaml")
    result = _check("--root", "repo", "repo/drafts/direct.yaml")
    assert SECRET not in result.output and "ICP015" in result.output


@POSIX
def test_a_dotdot_after_a_symlink_is_followed_as_the_system_does(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`repo/link/../creds.yaml` reads as repo/creds.yaml; the system goes to outside/creds.yaml."""
    os.symlink(tree / "outside/sub", tree / "repo/link")
    monkeypatch.chdir(tree / "repo")
    assert files.escapes("link/../creds.yaml") == "link/../creds.yaml"
    result = _check("link/../creds.yaml")
    assert SECRET not in result.output and "ICP015" in result.output
    assert files.escapes("drafts/../drafts/mine.yaml") is None  # a `..` that stays inside is fine


@POSIX
def test_output_through_a_symlink_out_of_the_root_is_refused(tree: Path) -> None:
    os.symlink(tree / "outside", tree / "repo/reports")
    result = invoke("check", "--today", "2026-11-29", "--root", "repo", "repo/drafts/mine.yaml",
                    "-f", "sarif", "-o", "repo/reports/icpfile.sarif")
    assert result.exit_code == 2 and "out of --root" in result.output
    assert not (tree / "outside/icpfile.sarif").exists()
    assert sorted(p.name for p in (tree / "outside").iterdir()) == ["creds.yaml", "sub"]


def test_materials_reach_below_the_root_and_no_further(tree: Path) -> None:
    draft = tree / "repo/drafts/mine.yaml"
    (tree / "repo/shared").mkdir()
    (tree / "repo/shared/id.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text + "materials:\n  - {kind: principal_id, path: ../shared/id.png}\n"
                     "  - {kind: commitment_letter, path: ../../outside/creds.yaml}\n", encoding="utf-8")
    within = [f["pointer"] for f in json.loads(_check("--root", "repo", str(draft)).stdout)["files"][0]["findings"]
              if f["rule"] == "ICP708"]
    assert within == ["/materials/1/path"]
    alone = [f["pointer"] for f in json.loads(_check(str(draft)).stdout)["files"][0]["findings"]
             if f["rule"] == "ICP708"]
    assert alone == ["/materials/0/path", "/materials/1/path"]  # default root: the draft's folder
