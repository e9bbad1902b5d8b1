"""One set of choices, one settings step, one exit-code enum, one date parser: for every command."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from icpfile.cli import main
from icpfile.cli.choices import ReportFormat
from icpfile.exit_codes import ExitCode, for_findings
from icpfile.values.dates import add_months, day_of, parse_day, parse_moment

from conftest import (
    ROOT,
    check_text,
    dump,
    example_base,
    invoke,
)


def icpfile(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    """Run the console script's entry point in-process: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["icpfile", *args])
    with pytest.raises(SystemExit) as stop:
        main()
    out, err = capsys.readouterr()
    return int(stop.value.code or 0), out, err


@pytest.fixture(autouse=True)
def _clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("rules", "--lang", "fr"), "icpfile rules: Invalid value for '--lang': 'fr'"),
        (("footer", "check", "examples", "--number", "苏ICP备12345678号-1", "--lang", "fr"),
         "icpfile footer check: Invalid value for '--lang': 'fr'"),
        (("status", "x.yaml", "--lang", "fr"), "icpfile status: Invalid value for '--lang'"),
        (("wizard", "x.yaml", "--lang", "fr"), "icpfile wizard: Invalid value for '--lang'"),
        (("check", "examples", "--format", "xml"), "icpfile check: Invalid value for '--format'"),
        (("rules", "--format", "sarif"), "icpfile rules: Invalid value for '--format'"),
        (("footer", "snippet", "--number", "苏ICP备12345678号-1", "--format", "pdf"), "Invalid value for '--format'"),
        (("rules", "NOPE"), "icpfile: no rule NOPE"),
        (("rules", "--bogus"), "icpfile rules: No such option: --bogus"),
        (("check", "examples", "--select", "ICP2O1"), "unknown rule code or prefix 'ICP2O1'"),
        (("check", "examples", "--ignore", "ICP99"), "unknown rule code or prefix 'ICP99'"),
        (("check", "examples", "--today", "20261129"), "--today must be a date like 2026-11-29"),
    ],
)
def test_a_bad_choice_is_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], words: str
) -> None:
    code, out, err = icpfile(capsys, monkeypatch, *args)
    assert code == ExitCode.USAGE
    assert out == ""
    assert err.count("\n") == 1 and words in err, err
    assert "internal error" not in err and "None" not in err


def test_a_good_choice_still_runs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = icpfile(capsys, monkeypatch, "rules", "icp204", "--lang", "zh", "--format", "json")
    assert code == ExitCode.OK and '"code": "ICP204"' in out and "网站名称" in out
    code, out, _ = icpfile(capsys, monkeypatch, "check", "tests/data/broken.yaml", "--select", "icp2", "-f", "json")
    assert code == ExitCode.FINDINGS and '"rule": "ICP2' in out and '"rule": "ICP3' not in out


def test_the_settings_file_gives_every_command_its_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".icpfile.toml").write_text('lang = "zh"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "规则: " in icpfile(capsys, monkeypatch, "rules", "ICP204")[1]
    assert "rule: " in icpfile(capsys, monkeypatch, "rules", "ICP204", "--lang", "en")[1]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[tool]\nicpfile = "x"\n', "pyproject.toml:2: [tool.icpfile] must be a table, not a string"),
        ('[tool.ruff]\nselect = 5\n[tool.icpfile]\nlang = "fr"\n',
         "pyproject.toml:4: tool.icpfile.lang: 'fr' is not one"),
        ("[tool.icpfile]\nstrict = 1\n", "pyproject.toml:2: tool.icpfile.strict: must be boolean, not an integer"),
        ("[tool.icpfile]\nignore = [5]\n", "tool.icpfile.ignore: must be a string or a list of strings"),
        ('[tool.icpfile]\nselect = ["ICP2O1"]\n', "select: unknown rule code or prefix 'ICP2O1'"),
        ("[tool.icpfile\n", "pyproject.toml: "),
    ],
)
def test_a_bad_settings_file_is_a_located_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str, words: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = icpfile(capsys, monkeypatch, "check", str(ROOT / "examples" / "access.yaml"))
    assert code == ExitCode.USAGE and out == ""
    assert words in err and "internal error" not in err, err


def test_report_formats_are_the_reporters() -> None:
    """One list of formats (#17.5): `--format`'s choices and the settings schema's enum are the registry's."""

    from icpfile.cli.settings import SCHEMA
    from icpfile.report import REPORTERS

    assert [f.value for f in ReportFormat] == list(REPORTERS)
    assert json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["format"]["enum"] == list(REPORTERS)


def test_machine_formats_are_utf8_whatever_the_console() -> None:
    """The machine-format flag is the reporter's own (`UTF8 = True`), not a list in the CLI."""
    from icpfile.report import REPORTERS, is_utf8

    assert {name for name in REPORTERS if is_utf8(name)} == {"json", "sarif", "gitlab", "junit"}


def test_exit_codes_are_the_documented_ones() -> None:
    """README's exit codes: 0 clean, 1 findings, 2 usage or internal error, 130 interrupted."""
    assert (ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE, ExitCode.INTERRUPTED) == (0, 1, 2, 130)
    assert for_findings(True) is ExitCode.FINDINGS and for_findings(True, exit_zero=True) is ExitCode.OK
    assert for_findings(False) is ExitCode.OK


def test_dates_are_parsed_one_way() -> None:
    assert parse_day("2026-11-29") == dt.date(2026, 11, 29)
    for bad in ("20261129", "2026-W48-7", "2026-02-30", "29/11/2026", "", None, 20261129):
        assert parse_day(bad) is None
    assert parse_moment("2026-11-29T10:00") == dt.datetime(2026, 11, 29, 10, 0)
    aware = parse_moment("2026-11-29T10:00+08:00")
    assert aware is not None and aware.tzinfo is None
    assert parse_moment("soon") is None and parse_moment("2026-13-01") is None
    assert day_of("2026-11-29T23:00") == dt.date(2026, 11, 29) and day_of("x") is None


def test_a_moment_with_a_zone_is_refused_when_asked() -> None:
    """One parse_moment (#17.8): the state file's reading (zone=False) refuses what check converts."""
    assert parse_moment("2026-11-29T10:00+08:00", zone=False) is None
    assert parse_moment("2026-11-29T10:00", zone=False) == dt.datetime(2026, 11, 29, 10, 0)
    assert parse_moment("2026-11-29T10:00+08:00") is not None
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)


@pytest.mark.parametrize("when", ["2026-11-29T10:00+08:00", "2026-11-29", "tomorrow", "2026-13-45"])
def test_status_reads_any_recorded_date(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, when: str
) -> None:
    """A plain date in the state is read; a time-zone-aware or broken one (the state is validated on
    load, issue 11) is one line naming the state file, exit 2, never a traceback."""

    from icpfile.filing.state import STATE_VERSION, state_path

    draft = tmp_path / "mine.yaml"
    draft.write_text("version: 1\n", encoding="utf-8")
    path = state_path(draft)
    path.parent.mkdir()
    state = {"version": STATE_VERSION, "draft": "mine.yaml", "step": "authority_review",
             "dates": {"sms_received": when, "authority_submitted": when, "site_opened": when}}
    path.write_text(json.dumps(state), encoding="utf-8")
    code, out, err = icpfile(capsys, monkeypatch, "status", str(draft), "--format", "json", "--today", "2026-11-30")
    if parse_moment(when, zone=False) is None:  # the state refuses a time zone
        assert code == ExitCode.USAGE and out == "" and len(err.strip().splitlines()) == 1, err
        assert "state.json" in err and "Traceback" not in err
        return
    assert code == ExitCode.OK, err
    shown = json.loads(out)
    assert shown["step"] == "authority_review"
    assert (shown["authority_review_expected"] is not None) == (parse_moment(when) is not None)
    assert shown["authority_review_expected"] in (None, {"from": "2026-11-30", "to": "2026-12-25",
                                                         "holidays_counted": True, "past": False})


@pytest.mark.parametrize("given", ["/etc/hostname", "../outside.yaml", "link.yaml"])
def test_a_settings_file_names_rule_packs_in_its_own_folder_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, given: str
) -> None:
    """A pull request's .icpfile.toml cannot make icpfile open, or show, a file outside the repository
    (`rules = ["/etc/shadow"]` printed its lines as unknown pack keys)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (tmp_path / "outside.yaml").write_text("secret: line\n", encoding="utf-8")
    (repo / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    (repo / ".icpfile.toml").write_text(f'rules = ["{given}"]\n', encoding="utf-8")
    draft = ROOT / "examples" / "access.yaml"
    monkeypatch.chdir(repo)
    code, out, err = icpfile(capsys, monkeypatch, "check", str(draft))
    assert code == ExitCode.USAGE and out == ""
    assert "outside" in err and "secret" not in err and len(err.strip().splitlines()) == 1
    (repo / "pack.yaml").write_text("rules:\n  ICP214: {severity: error}\n", encoding="utf-8")
    (repo / ".icpfile.toml").write_text('rules = ["pack.yaml"]\n', encoding="utf-8")
    code, _, err = icpfile(capsys, monkeypatch, "check", str(draft))
    assert code == ExitCode.OK, err


def test_a_far_future_today_is_a_usage_error() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    result = invoke("check", "--isolated", "--today", "9999-12-31", "tests/data/broken.yaml")
    assert result.exit_code == 2 and "--today" in result.output and "internal" not in result.output


@pytest.mark.parametrize("args", [["--select", "ICP2O1"], ["--ignore", "ICP00"], ["--ignore", "ICPX"]])
def test_unknown_or_loader_codes_in_select_and_ignore_are_usage_errors(args: list[str]) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    result = invoke("check", "--isolated", *args, "tests/data/broken.yaml")
    assert result.exit_code == 2 and args[1] in result.output


def test_loader_findings_cannot_be_deselected_or_downgraded() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    findings = check_text("a: [\n", select=("ICP2",), ignore=("ICP0",), severities=(("ICP006", "info"),))
    assert [(f.rule, f.severity.value) for f in findings] == [("ICP006", "error")]


def test_o_naming_the_draft_being_checked_is_refused(tmp_path: Path) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""

    draft = tmp_path / "p.yaml"
    draft.write_text(dump(example_base("enterprise")), encoding="utf-8")
    before = draft.read_bytes()
    result = invoke("check", str(draft), "-o", str(draft), "--isolated")
    assert result.exit_code == 2 and "being checked" in result.output
    assert draft.read_bytes() == before


@pytest.mark.parametrize("args", [["--lang", ""], ["--select", ""], ["--select", ",,"], ["--ignore", " , "]])
def test_empty_lang_or_code_lists_are_usage_errors(tmp_path: Path, args: list[str]) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""

    draft = tmp_path / "p.yaml"
    draft.write_text(dump(example_base("enterprise")), encoding="utf-8")
    assert invoke("check", str(draft), "--isolated", *args).exit_code == 2


@pytest.mark.parametrize("written",
                         ["2026-12-01", "2026/12/01", "2026/12/1", "2026.12.01", "2026年12月1日", " 2026-12-01 "])
def test_today_takes_the_days_the_wizards_date_prompts_take(written: str) -> None:
    """Origin: walker41 item 12: `--today 2026/12/01` was refused while the wizard's date prompts
    took `2026/11/20`. One reader for both (values.dates.written_day)."""
    import datetime as dt

    from icpfile.cli.common import parse_today
    from icpfile.values.dates import written_day

    assert parse_today(written) == written_day(written) == dt.date(2026, 12, 1)
    result = invoke("check", "--isolated", "--today", written, "-f", "json", "examples/personal-first-filing.yaml")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("written", ["20261129", "2026/02/30", "2026-W48-7", "12/01/2026", "tomorrow"])
def test_a_day_neither_reads_is_refused_by_both_with_the_form(written: str) -> None:
    from icpfile.values.dates import written_day

    assert written_day(written) is None
    result = invoke("check", "--isolated", "--today", written, "examples/personal-first-filing.yaml")
    assert result.exit_code == 2 and "2026-11-29" in result.output, result.output
