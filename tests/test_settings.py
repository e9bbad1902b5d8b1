"""Settings files (icpfile/cli/settings.py): the README's `[tool.icpfile]` block in either file,
`quiet`, and an unknown key with its nearest known one. Origin: issue 22, P16."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, invoke

EXAMPLE = ROOT / "examples" / "personal-first-filing.yaml"  # clean, with info reminders


def _infos(result) -> int:
    return json.loads(result.stdout)["summary"]["infos"]


def test_the_readme_table_works_in_icpfile_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".icpfile.toml").write_text('[tool.icpfile]\nlang = "zh"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("检查了 1 个文件")


def test_top_level_keys_and_the_table_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".icpfile.toml").write_text('lang = "zh"\n[tool.icpfile]\nquiet = true\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", str(EXAMPLE))
    assert result.stdout.splitlines()[-1].startswith("检查了 1 个文件：0 个错误，0 个警告，0 个提示")


@pytest.mark.parametrize("name, text", [
    ("pyproject.toml", "[tool.icpfile]\nquiet = true\n"),
    (".icpfile.toml", "quiet = true\n"),
])
def test_quiet_setting_and_no_quiet_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                         text: str) -> None:
    monkeypatch.chdir(tmp_path)
    loud = _infos(invoke("check", str(EXAMPLE), "--format", "json"))
    assert loud > 0
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert _infos(invoke("check", str(EXAMPLE), "--format", "json")) == 0
    assert _infos(invoke("check", str(EXAMPLE), "--format", "json", "--no-quiet")) == loud


def test_unknown_key_names_the_nearest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = tmp_path / "pyproject.toml"
    settings.write_text('[project]\nname = "x"\n\n[tool.icpfile]\nquite = true\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", str(EXAMPLE))
    assert result.exit_code == 2
    assert result.output.startswith(f"icpfile: {settings}:5: unknown setting 'tool.icpfile.quite' "
                                    "(did you mean tool.icpfile.quiet? known: select, ignore, lang,")
    monkeypatch.setattr("sys.argv", ["icpfile", "check", str(EXAMPLE), "--lang", "zh"])  # run_lang reads argv
    zh = invoke("check", str(EXAMPLE), "--lang", "zh")
    assert f"{settings}:5：未知的设置“tool.icpfile.quite”（是不是 tool.icpfile.quiet？" in zh.output


def test_unknown_key_far_from_every_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".icpfile.toml").write_text("colour = true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", str(EXAMPLE))
    assert result.exit_code == 2
    assert "unknown setting 'colour' (known: " in result.output and "did you mean" not in result.output


def test_a_run_language_does_not_leak_into_the_next_test_1() -> None:
    from icpfile.cli import language

    language.set_run_lang("zh")
    assert language.run_lang() == "zh"


def test_a_run_language_does_not_leak_into_the_next_test_2() -> None:
    """The autouse fixture of conftest.py cleared what the test above set."""
    from icpfile.cli import language

    assert language._RUN_LANG == []


def test_a_clean_summary_in_chinese_takes_full_width_brackets() -> None:
    """Origin: issue 22, B16 (`… 0 个提示 (没有发现问题)` under zh)."""
    zh = invoke("check", str(EXAMPLE), "--lang", "zh", "-q")
    assert zh.stdout.splitlines()[-1] == "检查了 1 个文件：0 个错误，0 个警告，0 个提示（没有发现问题）"
    en = invoke("check", str(EXAMPLE), "--lang", "en", "-q")
    assert en.stdout.splitlines()[-1] == "1 file(s) checked: 0 error(s), 0 warning(s), 0 info (no problems found)"


def test_schema_in_english_only_when_asked() -> None:
    """Origin: issue 22, P10 (the schema's Chinese help under English): `schema --lang en` titles
    and describes in English and leaves out a description that has no English; without it the
    schema keeps its Chinese (editors of Chinese drafts)."""
    import re

    default = json.loads(invoke("schema").stdout)
    assert default["$defs"]["person"]["title"] == "负责人"
    english = json.loads(invoke("schema", "--lang", "en").stdout)
    assert english["$defs"]["person"]["title"] == "Principal"
    assert english["$defs"]["person"]["properties"]["id_expiry"]["description"].startswith("An ISO date")
    chinese = re.compile(r"[\u4e00-\u9fff]")
    shown = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            shown.extend(str(node[k]) for k in ("title", "description") if isinstance(node.get(k), str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(english)
    assert [t for t in shown if chinese.search(re.sub(r"`[^`]*`", "", t))] == []  # examples quoted in `…`
    assert len(shown) > 200
    assert json.loads(invoke("--lang", "en", "schema").stdout)["title"] == "ICP filing draft"


@pytest.mark.parametrize("text", ["[tool.other]\nseed = " + "1" * 4301 + "\n", "a = " + "[" * 5000 + "]" * 5000 + "\n"])
def test_a_settings_file_python_cannot_read_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   text: str) -> None:
    """breaker22 L16: an integer of more than 4,300 digits in any table of pyproject.toml made every
    command print two tracebacks and exit 1 (a ValueError, not a TOMLDecodeError)."""
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", str(EXAMPLE))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "pyproject.toml" in result.output and len(result.output.strip().splitlines()) == 1, result.output
