"""`icpfile init`: what it takes and how it writes the draft (issue 22: P20, P27)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from icpfile.cli import app


def _init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(app, ["init", *args])


def test_the_nature_and_type_by_their_chinese_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """P20: `name --nature 企业` took the label and `init --nature 个人` did not."""
    done = _init(tmp_path, monkeypatch, "--nature", "个人", "-o", "mine.yaml")
    assert done.exit_code == 0, done.output
    draft = yaml.safe_load((tmp_path / "mine.yaml").read_text(encoding="utf-8"))
    assert draft["subject"]["nature"] == "personal"
    assert draft["filing"]["type"] == "first_filing"


def test_an_unknown_nature_lists_the_choices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    done = _init(tmp_path, monkeypatch, "--nature", "robot")
    assert done.exit_code == 2
    assert "unknown nature 'robot' (choose from personal, enterprise," in done.output
    assert not list(tmp_path.iterdir())


def test_the_draft_is_written_for_its_owner_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """P27: the draft holds ID and phone numbers; like the .bak and the state it is 0600."""
    assert _init(tmp_path, monkeypatch, "-o", "mine.yaml").exit_code == 0
    assert stat.S_IMODE((tmp_path / "mine.yaml").stat().st_mode) == 0o600


def test_an_app_draft_and_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Origin: issue 22, P13 (`init` could not make an apps skeleton)."""
    from conftest import check_text

    result = _init(tmp_path, monkeypatch, "--files", "apps", "-o", "app.yaml", "--lang", "zh")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "app.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert "websites" not in data and data["apps"][0]["kind"] == "app"
    assert set(data["apps"][0]["platforms"][0]) == {"os", "package", "public_key", "signature"}
    found = {f.rule for f in check_text(text)}
    assert "ICP101" not in found and "ICP108" not in found and "ICP106" in found  # only what is left empty
    both = _init(tmp_path, monkeypatch, "--files", "both", "-o", "both.yaml")
    assert both.exit_code == 0
    assert {"websites", "apps"} <= set(yaml.safe_load((tmp_path / "both.yaml").read_text(encoding="utf-8")))
    bad = _init(tmp_path, monkeypatch, "--files", "app")
    assert bad.exit_code == 2 and "--files cannot be 'app' (choose from websites, apps, both)" in bad.output


def test_comments_in_the_chosen_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Origin: issue 22, P20 (`init` had no --lang; its comments were Chinese whatever the locale)."""
    en = _init(tmp_path, monkeypatch, "--nature", "personal", "--lang", "en").stdout
    assert en.startswith("# icpfile draft (format 1).")
    assert '  province: ""  # Province: The full name of the province-level region' in en
    assert "emergency_mobile: \"\"  # Emergency phone: Another mobile" in en
    zh = _init(tmp_path, monkeypatch, "--nature", "personal", "--lang", "zh").stdout
    assert '  province: ""  # 省份' in zh and "须与手机号码不同" in zh
    assert "最常用" not in zh  # the old help led straight to ICP406 (P10)
