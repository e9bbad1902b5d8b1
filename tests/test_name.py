"""`icpfile name`: every rule that judges a name, for a province, nature and provider, without a draft."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from icpfile.checks import load_all
from icpfile.cli import app
from icpfile.commands import name_check
from icpfile.findings import Issue
from icpfile.options import Options

from conftest import TODAY


def run(*args: str):
    return CliRunner().invoke(app, ["name", *args])


def test_a_personal_blog_name_fails_with_the_rules_a_draft_would_give() -> None:
    result = run("静夜读书博客", "--province", "浙江省", "--nature", "personal", "--format", "json", "--lang", "en")
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)["files"][0]
    assert report["path"] == "静夜读书博客" and not report["valid"]
    assert {f["rule"] for f in report["findings"]} >= {"ICP218"}
    assert {f["pointer"] for f in report["findings"]} == {"/websites/0/name"}


def test_a_clean_name_passes_and_labels_and_short_provinces_are_understood() -> None:
    result = run("静夜读书笔记", "--province", "浙江", "--nature", "个人")
    assert result.exit_code == 0, result.output
    assert result.output == "name '静夜读书笔记' (website, 浙江省, personal): passes, no problems found\n"


def test_name_prints_a_verdict_on_the_name_not_a_file_check() -> None:
    """Origin: issue 22, P22 (`云帆:1:1 …`, `1 file(s) checked`)."""
    result = run("云帆", "--province", "广东", "--nature", "enterprise")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "name '云帆' (website, 广东省, enterprise): refused, 1 error(s), 0 warning(s)"
    assert lines[1] == "  error  ICP201  website name '云帆' has 2 Chinese character(s); at least 3 are needed"
    assert lines[2].startswith("    = hint: ") and lines[3].startswith("    = source: ")
    assert "云帆:1:1" not in result.output and "file(s) checked" not in result.output
    zh = run("云帆", "--province", "广东", "--nature", "企业", "--kind", "app", "--lang", "zh")
    assert zh.output.splitlines()[0].startswith("名称“云帆”（APP 应用，广东省，企业）：")
    passes = run("静夜读书笔记", "--province", "浙江", "--nature", "personal", "--lang", "zh")
    assert passes.output == "名称“静夜读书笔记”（网站，浙江省，个人）：可以通过，没有发现问题\n"


def test_a_national_rule_holds_in_every_province() -> None:
    for province in ("河南省", "浙江省"):
        result = run("中国云栖", "--province", province, "--nature", "enterprise", "--format", "json")
        assert result.exit_code == 1
        assert "ICP204" in {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}


@pytest.mark.parametrize("args", [
    ("--province", "火星", "--nature", "personal"),
    ("--province", "浙江省", "--nature", "alien"),
    ("--province", "浙江省", "--nature", "personal", "--kind", "billboard"),
    ("--province", "浙江省", "--nature", "personal", "--format", "sarif"),
    ("--province", "浙江省", "--nature", "personal", "--provider", "no-such-provider"),
])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = run("静夜读书笔记", *args)
    assert result.exit_code == 2, result.output


def test_rules_are_chosen_by_where_they_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule added later that reports at the name is included; one reporting elsewhere is not."""
    registry = dict(load_all())

    def at_name(ctx):
        yield Issue("/websites/0/name", {"address": "x", "chars": "#"})

    def elsewhere(ctx):
        yield Issue("/subject/mailing_address", {"address": "x"})

    registry["ICP330"], registry["ICP331"] = at_name, elsewhere
    monkeypatch.setattr("icpfile.checks.REGISTRY", registry)
    monkeypatch.setattr("icpfile.checks.load_all", lambda: registry)
    report = name_check.check("静夜读书笔记", "浙江省", "personal", Options(today=TODAY))
    assert [f.rule for f in report.findings] == ["ICP330"]


def test_the_synthetic_draft_is_the_clean_base_with_the_name() -> None:
    data = name_check.synthetic("云栖示例", "广东省", "government")
    assert data["subject"]["province"] == "广东省" and data["subject"]["nature"] == "government"
    assert data["websites"][0]["name"] == "云栖示例"
    assert name_check.synthetic("x", "广东省", "personal")["subject"]["certificate"]["type"] == "resident_id"


def test_the_subject_can_be_named() -> None:
    """A personal site named after its own person is refused (ICP212); which person is the filer's."""
    args = ("--province", "浙江省", "--nature", "personal", "--format", "json")
    named = run("王小明读书笔记", *args, "--subject", "王小明")
    assert "ICP212" in {f["rule"] for f in json.loads(named.output)["files"][0]["findings"]}
    assert run("王小明读书笔记", *args).exit_code == 0


@pytest.mark.parametrize(("kind", "name", "code"),
                         [("app", "🔥记账本", "ICP550"), ("mini_program", "🔥读书", "ICP550")])
def test_app_and_mini_program_names_get_the_app_naming_rules(kind: str, name: str, code: str) -> None:
    result = run(name, "--province", "浙江省", "--nature", "enterprise", "--kind", kind, "--format", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["files"][0]["findings"]
    assert code in {f["rule"] for f in findings}
    assert {f["pointer"] for f in findings} == {"/apps/0/name"}
    clean = run("云栖记账本", "--province", "浙江省", "--nature", "personal", "--kind", kind)
    assert clean.exit_code == 0, clean.output


TYPER_ONLY = "import sys; from icpfile.cli.registry import main; sys.argv[0] = 'icpfile'; main()"


@pytest.mark.parametrize("args", [
    ("静夜读书笔记", "--province", "浙江省", "--nature", "personal"),
    ("静夜读书博客", "--province", "浙江", "--nature", "个人", "--lang", "zh", "--strict"),
    ("云栖示例科技官网", "--nature", "企业", "--format", "json", "--province", "广东",
     "--subject", "云栖示例科技有限公司"),
    ("静夜", "--province", "浙江", "--nature", "personal", "--kind", "mini_program", "-f", "json", "--lang", "en"),
    ("静夜读书笔记", "--province", "火星", "--nature", "personal"),  # a usage error: worded by typer
    ("静夜读书笔记", "--province", "浙江", "--nature", "personal", "--format", "sarif"),  # a choice typer refuses
])
def test_the_plain_form_runs_without_typer_as_the_typer_command_does(args: tuple[str, ...], tmp_path) -> None:
    """cli/fast.py runs `icpfile name` without typer (#23.2): same stdout, stderr and exit code as
    the typer command, which takes every form the fast path does not."""
    import subprocess
    import sys

    def run(*argv: str) -> tuple[int, str, str]:
        done = subprocess.run([sys.executable, *argv, "name", *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120, env={**os.environ, "ICPFILE_CACHE_DIR": str(tmp_path / "c")})
        return done.returncode, done.stdout, done.stderr

    fast, typer_path = run("-m", "icpfile"), run("-c", TYPER_ONLY)
    assert fast == typer_path
    assert fast[1] or fast[2]


@pytest.mark.parametrize("name", ["\udcff", "静夜读书博客".encode("gb18030").decode("utf-8", "surrogateescape")])
def test_a_name_of_undecodable_bytes_is_refused_not_passed(name: str) -> None:
    """breaker22 L17: `icpfile name $'\\xff'` (or a GB18030 name from a script) "passed", exit 0:
    bytes that are not UTF-8 reach the command as lone surrogates, which no rule can judge."""
    result = run(name, "--province", "浙江省", "--nature", "personal")
    assert result.exit_code == 2 and "not UTF-8" in result.output, result.output


@pytest.mark.parametrize("mark", ["\x85", "\u2028"])
def test_a_line_break_control_in_the_name_is_echoed_as_typed_and_escaped(mark: str) -> None:
    """breaker22/23 L26: NEL came back from the synthetic draft as a folded line ('静夜\\x85    读书')
    and was named a space twice; the name is the one typed, the control escaped, named once."""
    result = CliRunner().invoke(app, ["name", f"静夜{mark}读书", "--province", "浙江", "--nature", "personal",
                                      "--lang", "en"])
    escaped = mark.encode("unicode_escape").decode()
    assert mark not in result.output
    line = next(x for x in result.output.splitlines() if "ICP203" in x)
    assert line.endswith(f"website name '静夜{escaped}读书' contains special symbols: {escaped}"), line
