"""A draft or its state file reached through a symbolic link is refused in the same words, zh and en,
by status, the wizard, import and check (breaker22/23 L24: import said "the order id 'link' cannot
name a file"; the wizard, status and the state reader each had their own line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from icpfile.data.words import say

from conftest import ROOT, invoke

EXAMPLE = ROOT / "examples" / "personal-first-filing.yaml"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch) -> Path:
    """repo/ (the working folder) beside outside/, which holds another client's draft."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "repo").mkdir()
    (tmp_path / "outside" / "x.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


def _said(result) -> str:
    return " ".join(result.output.split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_of_a_draft_linked_out_and_of_a_linked_state_file(tree: Path, lang: str) -> None:
    (tree / "l.yaml").symlink_to("../outside/x.yaml")
    (tree / "d.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tree / ".icpfile").mkdir()
    (tree.parent / "outside" / "x.json").write_text('{"version": 1}', encoding="utf-8")
    (tree / ".icpfile" / "d.yaml.state.json").symlink_to("../../outside/x.json")
    for draft, key, path in (("l.yaml", "link_out_not_read", "l.yaml"),
                             ("d.yaml", "link_not_read", ".icpfile/d.yaml.state.json")):
        result = invoke("status", draft, "--lang", lang)
        assert result.exit_code == 2
        assert say(key, lang, path=path) in _said(result)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wizard_on_a_linked_draft(tree: Path, lang: str) -> None:
    (tree / "in.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tree / "l.yaml").symlink_to("in.yaml")
    (tree / "a.yaml").write_text("subject:\n  remarks: 个人网站\n", encoding="utf-8")
    result = invoke("wizard", "l.yaml", "--answers", "a.yaml", "--lang", lang)
    assert result.exit_code == 2
    assert say("link_not_written", lang, path="l.yaml") in _said(result)
    assert (tree / "in.yaml").read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wizard_in_a_folder_linked_out(tree: Path, lang: str) -> None:
    (tree / "sub").symlink_to("../outside")
    (tree / "a.yaml").write_text("subject:\n  remarks: 个人网站\n", encoding="utf-8")
    result = invoke("wizard", "sub/x.yaml", "--answers", "a.yaml", "--lang", lang)
    assert result.exit_code == 2
    assert say("link_out_not_written", lang, path=str(tree / "sub")) in _said(result)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_import_over_a_linked_draft(tree: Path, lang: str) -> None:
    """The draft an order would replace is a link out of the folder: refused for being a link."""
    (tree / "s.csv").write_text("订单编号,主办单位名称\nlink,甲公司\n", encoding="utf-8")
    (tree / "o").mkdir()
    (tree / "o" / "link.yaml").symlink_to("../../outside/x.yaml")
    result = invoke("import", "s.csv", "-o", "o", "--force", "--lang", lang)
    assert "ICP955" in result.output
    assert say("link_not_written", lang, path="link.yaml") in _said(result)
    assert (tree.parent / "outside" / "x.yaml").read_text(encoding="utf-8") == EXAMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_of_a_folder_with_a_link_out(tree: Path, lang: str) -> None:
    (tree / "l.yaml").symlink_to("../outside/x.yaml")
    result = invoke("check", ".", "--lang", lang)
    words = {"zh": "经符号链接通向被检查的文件夹之外",
             "en": "leads out of the folder being checked through a symbolic link"}
    assert "ICP015" in result.output and words[lang] in _said(result)
