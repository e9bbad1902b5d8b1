"""Each command imports only what it uses (#23.2: "pay only for what the command uses").

Speed itself is measured by `bench/contract.py`, never timed here; what a test can hold without a
clock is the set of modules a run loads, since every import of a module the run does not use is
start-up time paid on each commit in pre-commit and on each CI run. Each case runs the CLI in a
fresh interpreter (an import already made by another test would hide one) and reads
`sys.modules` after it; the wizard's case stops at its first question, with a stand-in for the
prompt library (whose own import is the price of asking at all).

A module listed here may become needed by a command later: then move it out of that command's
list in the same change, saying why, rather than loosening the whole list.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# Runs `icpfile ARGS…` as the console script does (`icpfile.cli.main`), output discarded, then
# writes the sorted names of sys.modules to the file named by the first argument. With `--tty`
# first, stdin and stdout claim to be a terminal and the prompt library is replaced by one that
# writes the names at its first question and stops the run.
RUNNER = r"""
import io, json, sys

out, args = sys.argv[1], sys.argv[2:]


class FirstQuestion(BaseException):
    pass


def record(*_args, **_kwargs):
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(sorted(sys.modules), handle)
    raise FirstQuestion


if args[0] == "--tty":
    args = args[1:]

    class Terminal(io.TextIOWrapper):
        def isatty(self):
            return True

    class Prompter:
        def __init__(self, *_args, **_kwargs):
            pass

        text = select = checkbox = confirm = record

    import icpfile.filing.prompts

    icpfile.filing.prompts.QuestionaryPrompter = Prompter
    sys.stdin = Terminal(io.BytesIO(b""), encoding="utf-8")
    sys.stdout = Terminal(io.BytesIO(), encoding="utf-8")
else:
    sys.stdout = io.StringIO()
sys.argv = ["icpfile", *args]
from icpfile.cli import main

try:
    try:
        main()
    except SystemExit:
        record()
except FirstQuestion:
    pass
"""

# Never needed to check or judge a draft (each is a command, a format or a library of its own).
NOT_FOR_CHECKING = (
    "icpfile.sheets", "icpfile.report.html", "icpfile.report.xlsx", "icpfile.report.sarif",
    "icpfile.report.junit", "icpfile.filing", "icpfile.platforms", "icpfile.footer", "icpfile.cli.wizard",
    "icpfile.cli.footer", "icpfile.cli.export", "icpfile.cli.import_sheet", "icpfile.cli.submit",
    "openpyxl", "questionary", "prompt_toolkit", "httpx", "PIL", "rich", "selectolax", "wcwidth", "pydantic",
    "tinycss2",
)
# Needed only by some drafts: invalid ones (jsonschema words the errors), apps (cryptography),
# names outside the basic CJK block (regex), non-ASCII domains (idna), unusual e-mails.
ONLY_SOME_DRAFTS = ("jsonschema", "cryptography", "regex", "idna", "email_validator")


def loaded(tmp_path: Path, *args: str, cwd: Path = ROOT) -> list[str]:
    """The modules loaded by `icpfile ARGS` in a fresh interpreter, on its second run: a source
    tree has no prebuilt data bundle (`data/bundle.py`), so a first run with an empty cache parses
    and validates the shipped YAML (with jsonschema) as an installed wheel never does."""
    out = tmp_path / "modules.json"
    for _ in range(2):
        out.unlink(missing_ok=True)
        result = subprocess.run([sys.executable, "-c", RUNNER, str(out), *args], cwd=cwd, capture_output=True,
                                text=True, timeout=120)
    assert out.exists(), result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def among(modules: list[str], names: tuple[str, ...]) -> list[str]:
    """The modules that are one of `names` or inside one of those packages."""
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def test_check_of_a_plain_draft_imports_neither_other_commands_nor_libraries_it_does_not_use(
        tmp_path: Path) -> None:
    modules = loaded(tmp_path, "check", "--isolated", str(ROOT / "examples" / "personal-first-filing.yaml"))
    assert "icpfile.engine" in modules and "jsonschema_rs" in modules  # the run did check the draft
    assert among(modules, NOT_FOR_CHECKING + ONLY_SOME_DRAFTS) == []
    assert among(modules, ("icpfile.report",)) == ["icpfile.report", "icpfile.report.text"]
    # the plain form runs without the command-line framework (cli/fast.py, #23.2)
    assert among(modules, ("icpfile.cli",)) == ["icpfile.cli", "icpfile.cli.choices", "icpfile.cli.common",
                                                "icpfile.cli.fast", "icpfile.cli.language", "icpfile.cli.linting",
                                                "icpfile.cli.output", "icpfile.cli.settings"]
    assert among(modules, ("typer", "click")) == []
    # a run given no --rules loads no pack loader; one that writes nothing, no temporary files;
    # a valid draft needs no "did you mean"; the data bundle is read with marshal, not pickle
    # (#23: each is start-up paid on every one-draft run)
    assert among(modules, ("icpfile.data.user_packs", "tempfile", "shutil", "difflib", "pickle")) == []
    assert among(modules, ("dataclasses", "inspect")) == []  # plain classes (icpfile/records.py, #23)


def test_check_loads_a_platforms_mapping_only_for_a_draft_whose_app_names_a_host(tmp_path: Path) -> None:
    app = loaded(tmp_path, "check", "--isolated", str(ROOT / "examples" / "enterprise-website-and-app.yaml"))
    assert "cryptography" in app  # an app's signing key is read: the library is used
    assert among(app, NOT_FOR_CHECKING) == []
    hosted = loaded(tmp_path, "check", "--isolated", str(ROOT / "examples" / "wechat-mini-program.yaml"))
    assert "icpfile.platforms.export" in hosted  # `host: wechat`: its limits apply


def test_an_invalid_draft_is_worded_by_jsonschema_and_still_loads_nothing_else(tmp_path: Path) -> None:
    draft = tmp_path / "bad.yaml"
    draft.write_text("version: 1\nfiling: {type: nonsense}\n", encoding="utf-8")
    modules = loaded(tmp_path, "check", "--isolated", str(draft))
    assert "jsonschema" in modules
    assert among(modules, NOT_FOR_CHECKING) == []


def test_name_judges_a_name_without_the_wizard_reporters_or_platforms(tmp_path: Path) -> None:
    modules = loaded(tmp_path, "name", "静夜读书笔记", "--province", "上海市", "--nature", "personal")
    assert "icpfile.commands.name_check" in modules
    assert among(modules, NOT_FOR_CHECKING + ONLY_SOME_DRAFTS + ("icpfile.batch",)) == []
    # the plain form runs without the command-line framework (cli/fast.py, #23.2)
    assert among(modules, ("typer", "click", "icpfile.cli.registry", "icpfile.cli.name")) == []
    # its synthetic draft is built as the loader's Document, never parsed (test_name_document.py);
    # no command imports a dataclass on its way (icpfile/records.py, #23)
    assert among(modules, ("yaml", "icpfile.load.yamltree", "icpfile.load.read", "dataclasses", "inspect")) == []


@pytest.mark.parametrize("new", [False, True], ids=["existing draft", "new draft"])
def test_the_wizard_asks_its_first_question_without_reporters_sheets_or_platforms(tmp_path: Path,
                                                                                new: bool) -> None:
    """A new draft is asked about before any rule is loaded; an existing one is checked first (a
    value already there is asked again only when the rules find fault with it), so the rules and
    the schema load, but still no reporter, sheet, platform or footer code."""
    draft = tmp_path / "w.yaml"
    if not new:
        subprocess.run([sys.executable, "-m", "icpfile", "init", "--nature", "personal", "-o", str(draft)],
                       capture_output=True, check=True, timeout=120)
    modules = loaded(tmp_path, "--tty", "wizard", str(draft), "--lang", "zh", cwd=tmp_path)
    assert "icpfile.filing.wizard" in modules  # it got as far as asking
    # the plain form runs without the command-line framework (cli/fast.py, #23)
    assert among(modules, ("typer", "click", "icpfile.cli.registry", "icpfile.cli.wizard")) == []
    rule_modules = [m for m in among(modules, ("icpfile.checks",)) if m not in ("icpfile.checks",
                                                                               "icpfile.checks.context")]
    assert bool(rule_modules) is not new and ("jsonschema_rs" in modules) is not new
    # init's draft is not valid yet (empty values): jsonschema words why, and it imports idna
    checking = () if new else ("jsonschema", "idna")
    assert [m for m in among(modules, ("icpfile.report",)) if m != "icpfile.report"] == []
    assert among(modules, ("icpfile.sheets", "icpfile.platforms", "icpfile.footer", "icpfile.batch",
                           "icpfile.cli.check", "openpyxl", "httpx", "PIL", "rich", "selectolax", "jsonschema",
                           "cryptography", "regex", "idna", "email_validator")) == [
        m for m in modules if m in checking or m.startswith(tuple(f"{c}." for c in checking))]
