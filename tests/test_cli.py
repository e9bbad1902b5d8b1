"""The command line: exit codes, formats against golden files, options, and the installed script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icpfile.cli import app

from conftest import (
    POSIX,
    ROOT,
    golden,
    invoke,
)

BROKEN = "tests/data/broken.yaml"
EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the project folder, with no colour or CI settings leaking in from outside."""
    monkeypatch.chdir(ROOT)
    for var in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def test_examples_are_clean() -> None:
    result = run("check", *EXAMPLES, "--today", "2026-11-29")
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


@pytest.mark.parametrize(("fmt", "lang", "name"), [("text", "en", "broken.en.txt"), ("text", "zh", "broken.zh.txt"),
                                                   ("json", "en", "broken.json")])
def test_golden_output(fmt: str, lang: str, name: str) -> None:
    result = run("check", BROKEN, "--format", fmt, "--lang", lang, "--today", "2026-11-29")
    assert result.exit_code == 1
    golden(name, result.stdout)


def test_json_contract() -> None:
    result = run("check", BROKEN, EXAMPLES[0], "--format", "json", "--today", "2026-11-29")
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert [f["path"] for f in document["files"]] == [BROKEN, EXAMPLES[0]]
    assert document["files"][0]["valid"] is False and document["files"][1]["valid"] is True
    first = document["files"][0]["findings"][0]
    assert set(first) == {"rule", "severity", "pointer", "line", "column", "message", "hint", "source"}
    assert document["summary"]["files"] == 2


def test_missing_path_is_a_usage_error() -> None:
    result = run("check", "no/such/draft.yaml")
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_bad_options_are_usage_errors() -> None:
    assert run("check", BROKEN, "--today", "29/11/2026").exit_code == 2
    assert run("check", BROKEN, "--format", "xml").exit_code == 2
    assert run("check", BROKEN, "--lang", "fr").exit_code == 2
    assert run("check").exit_code == 2


def test_folder_is_walked_recursively_in_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".icpfile").mkdir()
    for rel in ("b/z.yaml", "a.yml", ".hidden/x.yaml", ".icpfile/s.yaml", "b/notes.txt"):
        (tmp_path / rel).write_text("version: 1\n", encoding="utf-8")
    result = run("check", str(tmp_path), "--format", "json")
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [str(tmp_path / "a.yml"), str(tmp_path / "b" / "z.yaml")]


def test_stdin_with_a_name() -> None:
    text = (ROOT / EXAMPLES[0]).read_text(encoding="utf-8")
    result = run("check", "-", "--stdin-filename", "client/acme.yaml", "--format", "json", stdin=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"][0]["path"] == "client/acme.yaml"


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    draft = (ROOT / "examples" / "enterprise-first-filing.yaml").read_text(encoding="utf-8")
    draft = draft.replace("name: 云栖示例科技官网", "name: 云栖示例维权服务")  # ICP207, a warning
    path = tmp_path / "warn.yaml"
    path.write_text(draft, encoding="utf-8")
    assert run("check", str(path), "--today", "2026-11-29").exit_code == 0
    assert run("check", str(path), "--today", "2026-11-29", "--strict").exit_code == 1


def test_select_and_ignore_take_prefixes() -> None:
    result = run("check", BROKEN, "--format", "json", "--select", "ICP3,ICP4", "--ignore", "ICP306")
    rules = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert rules and all(r.startswith(("ICP3", "ICP4")) for r in rules)
    assert "ICP306" not in rules


def test_personal_data_is_masked_unless_asked() -> None:
    masked = run("check", BROKEN, "--today", "2026-11-29").stdout
    assert "11010519491231002x" not in masked and "110***********002x" in masked
    assert "1380013800" not in masked
    shown = run("check", BROKEN, "--today", "2026-11-29", "--show-pii").stdout
    assert "11010519491231002x" in shown


def test_colour_only_when_asked_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" not in run("check", BROKEN).stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("check", BROKEN).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("check", BROKEN).stdout


def test_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "检查了 1 个文件" in run("check", BROKEN).stdout
    monkeypatch.setenv("LC_ALL", "C")
    assert "file(s) checked" in run("check", BROKEN).stdout


def test_config_in_pyproject_and_command_line_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / BROKEN, tmp_path / "d.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.icpfile]\nlang = "zh"\nselect = ["ICP4"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    result = run("check", "../d.yaml", "--format", "json")
    rules = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert rules == {"ICP401", "ICP404"}
    assert "手机号" in result.stdout
    result = run("check", "../d.yaml", "--format", "json", "--select", "ICP1", "--lang", "en")
    found = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert found <= {"ICP100", "ICP101", "ICP102", "ICP105"}
    (tmp_path / ".icpfile.toml").write_text("colour = true\n", encoding="utf-8")
    bad = run("check", "../d.yaml")
    assert bad.exit_code == 2 and "unknown setting 'colour'" in bad.output


def test_rule_pack_merges_words_and_severities(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  ICP404: {severity: error}\nprovinces:\n  浙江省:\n    personal_name_banned_words: [读书]\n",
        encoding="utf-8",
    )
    result = run("check", BROKEN, "examples/personal-first-filing.yaml", "--format", "json", "--rules", str(pack))
    broken, personal = (f["findings"] for f in json.loads(result.stdout)["files"])
    assert next(f for f in broken if f["rule"] == "ICP404")["severity"] == "error"
    assert "读书" in next(f for f in personal if f["rule"] == "ICP215")["message"]


def test_rule_pack_errors_are_located(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n  ICP999: {severity: error}\nprovinces:\n  海南:\n    words: []\n", encoding="utf-8")
    result = run("check", BROKEN, "--rules", str(pack))
    assert result.exit_code == 2
    assert f"{pack}:2:3: unknown rule code ICP999" in result.output
    assert f"{pack}:4:3: unknown province '海南'" in result.output


def test_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("check", BROKEN, "--format", "json", "-o", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_schema_command_prints_the_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$defs"]["person"]["title"] == "负责人"


def test_rules_list_and_explain() -> None:
    listing = run("rules")
    assert listing.exit_code == 0 and "ICP201" in listing.stdout and "ICP007" in listing.stdout
    explained = run("rules", "icp201", "--lang", "zh")
    assert "附录一" in explained.stdout and "云栖科技" in explained.stdout
    records = json.loads(run("rules", "--format", "json").stdout)
    assert {r["code"] for r in records} >= {"ICP100", "ICP215", "ICP603"}
    assert run("rules", "ICP999").exit_code == 2


def test_internal_errors_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from icpfile import checks

    def broken(ctx):
        raise RuntimeError("boom")
        yield

    monkeypatch.setitem(checks.load_all(), "ICP201", broken)
    result = run("check", EXAMPLES[0])
    assert result.exit_code == 2
    assert "internal error: rule ICP201 failed" in result.output
    assert "Traceback" not in result.output


def _installed() -> list[str]:
    script = shutil.which("icpfile")
    return [script] if script else [sys.executable, "-m", "icpfile"]


def test_installed_command_in_a_subprocess(tmp_path: Path) -> None:
    ok = subprocess.run([*_installed(), "check", *EXAMPLES], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = subprocess.run([*_installed(), "check", BROKEN], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1 and "tests/data/broken.yaml:10:11" in bad.stdout
    schema = subprocess.run([*_installed(), "schema"], cwd=tmp_path, capture_output=True, text=True)
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"] == "ICP备案草稿"


def _imports(code: str) -> str:
    run_ = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, cwd=ROOT)
    return run_.stderr


def test_cli_import_loads_no_prompt_toolkit() -> None:
    every = _imports("from icpfile.cli.registry import build; build()")
    assert "prompt_toolkit" not in every
    assert "questionary" not in every


def _loaded_after(*argv: str) -> set[str]:
    """The modules a run of `icpfile ARGV` has imported by the time it exits."""
    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n'))\n"
            f"sys.argv = {['icpfile', *argv]!r}\n"
            "from icpfile.cli import main\nmain()\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


def test_only_the_command_that_runs_is_built() -> None:
    """`icpfile check` imports no other command's module; `--version` none at all (#23.2)."""
    from icpfile.cli.registry import COMMANDS

    loaded = _loaded_after("check", EXAMPLES[0], "--format", "sarif")  # the plain form: no typer (cli/fast.py)
    assert "icpfile.cli.linting" in loaded and "typer" not in loaded
    assert set(COMMANDS.values()) & loaded == set()
    loaded = _loaded_after("check", EXAMPLES[0], "-o", "/dev/null")  # typer's path: the one command built
    assert "icpfile.cli.check" in loaded
    assert {m for n, m in COMMANDS.items() if n != "check"} & loaded == set()
    assert set(COMMANDS.values()) & _loaded_after("--version") == set()
    assert set(COMMANDS.values()) <= _loaded_after("--help")


def test_top_level_help_lists_every_command_with_its_help_line() -> None:
    from icpfile.cli.registry import COMMANDS, build

    shown = " ".join(run("--help").output.split())
    for name, module in COMMANDS.items():
        app = build([name])
        info = (app.registered_groups[0].typer_instance.info.help if app.registered_groups
                else app.registered_commands[0].callback.__doc__)
        first = " ".join(info.strip().splitlines()[0].split())
        assert f"{name} {first[:40]}" in shown, (name, module)


@pytest.mark.parametrize("argv", [
    ("init",),
    ("status", "DRAFT", "--lang", "en"),
    ("rules", "--province", "浙江"),
    ("rules", "ICP201"),
    ("footer", "snippet", "--number", "浙ICP备12345678号-1", "--format", "text"),
    ("check", BROKEN),
])
def test_every_command_survives_a_cp1252_console(argv: tuple[str, ...], tmp_path: Path) -> None:
    """One output funnel (#17.5): a console without Chinese gets escapes, never a crash (exit 2)."""
    draft = tmp_path / "d.yaml"
    draft.write_text((ROOT / EXAMPLES[0]).read_text(encoding="utf-8"), encoding="utf-8")
    args = [str(draft) if a == "DRAFT" else str(ROOT / a) if a == BROKEN else a for a in argv]
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "icpfile", *args], cwd=tmp_path, env=env, capture_output=True)
    assert b"internal error" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    result.stdout.decode("cp1252")  # nothing but cp1252 on the console
    if argv[0] in ("init", "rules"):
        assert b"\\u" in result.stdout  # the Chinese is escaped, not lost


def test_version_and_help_do_not_load_jsonschema() -> None:
    code = "import sys; sys.argv=['icpfile', '{}']\nfrom icpfile.cli import main\ntry: main()\nexcept SystemExit: pass"
    for arg in ("--version", "--help"):
        assert "jsonschema" not in _imports(code.format(arg)), arg


def test_quiet_leaves_out_reminders_and_exit_zero_keeps_ci_green() -> None:
    loud = run("check", BROKEN, "--format", "json")
    quiet = run("check", BROKEN, "--format", "json", "-q")
    severities = {f["severity"] for f in json.loads(quiet.stdout)["files"][0]["findings"]}
    assert "info" in {f["severity"] for f in json.loads(loud.stdout)["files"][0]["findings"]}
    assert "info" not in severities and "error" in severities
    assert run("check", BROKEN, "--exit-zero").exit_code == 0
    assert run("check", "no/such.yaml", "--exit-zero").exit_code == 2


def test_rules_help_gives_the_code_scheme() -> None:
    """`icpfile rules --help` says what each prefix selects (#17.4)."""
    from icpfile.data.code_scheme import SCHEME

    result = run("rules", "--help")
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    for prefix, _, en, _ in SCHEME:
        if len(prefix) == 4:
            assert f"{prefix}xx {en}" in flat, prefix


def test_a_cp1252_stdout_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    import subprocess

    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    done = subprocess.run([sys.executable, "-m", "icpfile", "check", "--isolated", "--lang", "zh",
                           "tests/data/broken.yaml"], cwd=ROOT, env=env, capture_output=True)
    assert done.returncode == 1, done.stderr
    assert b"internal" not in done.stderr and b"\\u" in done.stdout


@POSIX
def test_a_closed_stdout_is_one_line_on_stderr(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    import subprocess

    done = subprocess.run(f"{sys.executable} -m icpfile check --isolated tests/data/broken.yaml >&-", shell=True,
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "closed" in done.stderr


CTRL_C_CHECK = ["icpfile", "check", "--isolated", "tests/data/broken.yaml"]


@POSIX
@pytest.mark.parametrize("module", ["typer", "icpfile.cli.linting", "yaml", "icpfile.engine"])
def test_ctrl_c_while_the_cli_imports_prints_no_traceback(module: str) -> None:
    """Ctrl-C lands while the first ~100 ms of imports run (simulated exactly: SIGINT is raised
    when `module` is first imported, as the console script's entry would meet it).

    Origin: Hostile input, issue 12 (was tests/test_hostile.py).
    """
    import subprocess

    script = (
        "import os, signal, sys\n"
        "class Hook:\n"
        "    def find_spec(self, name, path, target=None):\n"
        f"        if name == {module!r}:\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "sys.meta_path.insert(0, Hook())\n"
        # `rules` runs through typer; a plain `check` without it (cli/fast.py)
        f"sys.argv = {['icpfile', 'rules'] if module == 'typer' else CTRL_C_CHECK!r}\n"
        "from icpfile.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 130 and len(done.stderr.strip().splitlines()) <= 1


def test_a_usage_error_quoting_a_path_cannot_forge_lines() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    result = invoke("check", "--isolated", "nope\n::warning file=x::forged\x1b[31m.yaml")
    assert result.exit_code == 2
    assert "\x1b" not in result.output and not any(line.startswith("::warning") for line in result.output.splitlines())


@pytest.mark.parametrize("args", [["name", "静夜读书"], ["check"], ["check", "x.yaml", "--bogus"],
                                  ["schema", "--bogus"]])
def test_a_command_line_error_is_one_line(args: list[str]) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "icpfile", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("icpfile") and done.stderr.count("\n") == 1 and "╭" not in done.stderr


def test_exit_codes_survive_the_one_line_errors(tmp_path: Path) -> None:
    """Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py)."""
    import subprocess
    import sys

    (tmp_path / "bad.yaml").write_text("x: [\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "icpfile", "check", str(tmp_path / "bad.yaml"), "--isolated"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "ICP006" in done.stdout
    assert subprocess.run([sys.executable, "-m", "icpfile", "--help"], capture_output=True,
                          timeout=60).returncode == 0


TYPER_ONLY = "import sys; from icpfile.cli.registry import main; sys.argv[0] = 'icpfile'; main()"


@pytest.mark.parametrize("args", [
    (),
    ("-f", "json", "--lang", "zh"),
    ("--strict", "-q", "--select", "ICP1", "--select", "ICP3", "--format", "sarif"),
    ("--format", "github", "--exit-zero", "--no-strict", "--ignore", "ICP3", "--isolated"),
    ("--show-pii", "--today", "2026-01-05", "--format", "gitlab"),
    ("--today", "2026-13-01"),  # a usage error from the command's own code
    ("--lang", "fr"),  # a choice typer refuses: typer's path
    ("--max-findings", "3"),  # an option the plain form leaves to typer
])
def test_the_plain_check_runs_without_typer_as_the_typer_command_does(args: tuple[str, ...], tmp_path: Path) -> None:
    """cli/fast.py runs `icpfile check` without typer (#23.2): the same stdout, stderr and exit code
    as the typer command, on clean drafts, drafts with findings and an invalid one."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    for example in EXAMPLES[:3]:
        shutil.copy(ROOT / example, folder)
    (folder / "bad.yaml").write_text("version: 1\nfiling: {type: nonsense}\n", encoding="utf-8")

    def run(*argv: str) -> tuple[int, str, str]:
        done = subprocess.run([sys.executable, *argv, "check", str(folder), str(ROOT / EXAMPLES[0]), *args],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "ICPFILE_CACHE_DIR": str(tmp_path / "c")})
        return done.returncode, done.stdout, done.stderr

    fast, typer_path = run("-m", "icpfile"), run("-c", TYPER_ONLY)
    assert fast == typer_path
    assert fast[1] or fast[2]
