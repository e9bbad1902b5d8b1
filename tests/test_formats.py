"""Every machine format against its consumer's schema or spec, and against a golden file."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.report import github

from conftest import (
    POSIX,
    ROOT,
    SHARED,
    dump,
    example_base,
    golden,
    invoke,
)

BROKEN = "tests/data/broken.yaml"
SCHEMAS = SHARED / "reference" / "schemas"
needs_shared = pytest.mark.skipif(not SCHEMAS.is_dir(), reason="shared/ not beside the project")


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796000000")
    monkeypatch.setattr("socket.gethostname", lambda: "ci-host")
    for var in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "LANG", "LC_ALL"):
        monkeypatch.delenv(var, raising=False)


def report(fmt: str, *paths: str) -> str:
    result = CliRunner().invoke(app, ["check", *(paths or [BROKEN]), "--format", fmt, "--today", "2026-11-29"])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.mark.parametrize(("fmt", "name"), [("sarif", "broken.sarif"), ("github", "broken.github.txt"),
                                           ("junit", "broken.junit.xml"), ("gitlab", "broken.gitlab.json")])
def test_golden(fmt: str, name: str) -> None:

    golden(name, report(fmt))


@needs_shared
def test_sarif_validates_against_the_oasis_schema() -> None:
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(report("sarif", BROKEN, "examples/access.yaml"))
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0].message
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    first = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert first == {"uri": "tests/data/broken.yaml", "uriBaseId": "%SRCROOT%"}


def test_sarif_rule_help_has_no_unfilled_field() -> None:
    """A rule's help stands without a finding: `{field}` would be a template leaking (walker30)."""
    rules = json.loads(report("sarif"))["runs"][0]["tool"]["driver"]["rules"]
    helps = [r["help"]["text"] for r in rules]
    assert any("…" in text for text in helps)  # some hints do have fields: they read as …
    leaked = [text for text in helps if re.search(r"\{[A-Za-z_]+\}", text)]
    assert not leaked, leaked[0]


@needs_shared
def test_sarif_negative_control() -> None:
    """The schema check can fail: a result with a bad level is rejected."""
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(report("sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(Draft4Validator(schema).iter_errors(log))


@needs_shared
def test_junit_validates_against_the_ant_schema() -> None:
    import xmlschema

    xsd = xmlschema.XMLSchema(str(SCHEMAS / "junit-windyroad.xsd"))
    text = report("junit", BROKEN, "examples/access.yaml")
    xsd.validate(text)
    assert 'tests="2" failures="1"' in text
    assert text.count("<testcase ") == 2
    assert "tests/data/broken.yaml:21:16 error ICP306" in text


def test_github_escaping() -> None:
    assert github.escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert github.escape_property("a:b,c") == "a%3Ab%2Cc"
    lines = report("github").splitlines()
    first_error = next(line for line in lines if line.startswith("::error"))
    assert first_error.startswith("::error file=tests/data/broken.yaml,line=5,col=20,title=icpfile ICP105::")
    assert all("\n" not in line for line in lines)


def test_github_is_the_default_in_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = CliRunner().invoke(app, ["check", BROKEN])
    assert result.stdout.startswith(("::error file=", "::notice file=", "::warning file="))


def test_gitlab_fingerprint_survives_moving_lines(tmp_path) -> None:
    draft = tmp_path / "broken.yaml"
    original = (ROOT / BROKEN).read_text(encoding="utf-8")
    draft.write_text(original, encoding="utf-8")
    before = json.loads(report("gitlab", str(draft)))
    draft.write_text("# a new comment line\n# and another\n" + original, encoding="utf-8")
    after = json.loads(report("gitlab", str(draft)))
    assert [i["location"]["lines"]["begin"] + 2 for i in before] == [i["location"]["lines"]["begin"] for i in after]
    assert [i["fingerprint"] for i in before] == [i["fingerprint"] for i in after]
    assert len({i["fingerprint"] for i in before}) == len(before)


def test_gitlab_severities() -> None:
    severities = {i["check_name"]: i["severity"] for i in json.loads(report("gitlab"))}
    assert severities["ICP105"] == "major" and severities["ICP331"] == "minor" and severities["ICP706"] == "info"


@POSIX
def test_a_non_utf8_file_name_under_sarif_and_o(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"bad\xff.yaml"), "wb") as handle:
        handle.write(dump(example_base("enterprise")).encode())
    out = tmp_path / "r.sarif"
    result = invoke("check", "--isolated", "--format", "sarif", "-o", str(out), "--today", "2026-11-29", str(tmp_path))
    assert result.exit_code == 0, result.output
    log = json.loads(out.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"


@pytest.mark.parametrize("fmt", ["text", "github", "json", "sarif", "junit", "gitlab"])
def test_control_characters_never_reach_the_output(tmp_path: Path, fmt: str) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("enterprise")
    data["websites"][0]["name"] = "云\x1b[31m栖\x1b]0;pwned\x07\n::warning file=x.py::forged\u2028网\x85站\x00"
    draft = tmp_path / "d\nx.yaml"
    draft.write_text(dump(data), encoding="utf-8")
    out = tmp_path / "out"
    invoke("check", "--isolated", "--format", fmt, "-o", str(out), "--today", "2026-11-29", str(draft))
    body = out.read_text(encoding="utf-8")
    for bad in ("\x1b", "\x07", "\x00", "\x85", "\u2028"):
        assert bad not in body
    assert not any(line.startswith("::warning file=x.py") for line in body.splitlines())
    if fmt == "junit":
        from xml.etree import ElementTree as ET

        ET.fromstring(body.split("\n", 1)[1])


@POSIX
def test_a_file_named_like_a_workflow_command_is_not_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    monkeypatch.chdir(tmp_path)
    Path("::error file=x.py::forged.yaml").write_text("a: [\n", encoding="utf-8")
    result = invoke("check", "--isolated", "--format", "text", "::error file=x.py::forged.yaml")
    assert result.exit_code == 1
    assert not any(line.lstrip().startswith("::") for line in result.output.splitlines())


@pytest.mark.parametrize("fmt", ["json", "junit"])
def test_a_crashing_rule_makes_the_machine_report_invalid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          fmt: str) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    from icpfile import checks

    from conftest import dump

    registry = dict(checks.load_all())
    code = next(iter(registry))

    def boom(ctx):
        raise ValueError("embedded null byte")

    monkeypatch.setattr(checks, "load_all", lambda: {**registry, code: boom})
    draft = tmp_path / "p.yaml"
    draft.write_text(dump(example_base("enterprise")), encoding="utf-8")
    result = invoke("check", str(draft), "--isolated", "--format", fmt)
    assert result.exit_code == 2
    if fmt == "json":
        report = json.loads(result.stdout)["files"][0]
        assert not report["valid"] and "ICP019" in {f["rule"] for f in report["findings"]}
    else:
        assert 'failures="0"' not in result.stdout
