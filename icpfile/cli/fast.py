"""`icpfile check`, `icpfile name` and `icpfile wizard` without the command-line framework (#23.2).

typer's import and its command tree are about 40 ms of every command: a third of a one-draft
`check` in pre-commit, most of a `name` run, which judges one name in a few milliseconds, and
time before the wizard's first question. A
command line in the plain form README shows (paths or the name, then flags and `--option value`
pairs, each option once unless typer takes it repeated) is read here and run by the same code the
typer command runs (`cli/linting.py`; `cli/name.py`'s steps; `cli/wizarding.py`), with the same settings, output
funnel and exit codes. Anything else (help, a choice
typer would refuse, `--opt=value`, a repeated option, an error to word: a bad province, a
settings file that does not read) returns None before anything is written, and the typer command
runs as always, so its usage errors and help stay the only ones. tests/test_cli.py holds the two
paths' outputs equal (tests/test_name.py, tests/test_cli.py, tests/test_wizard_fast.py).
"""

from __future__ import annotations

import sys

# --option → (the parameter, the values typer's choice takes; None: any text)
_NAME_OPTIONS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--province": ("province", None),
    "--nature": ("nature", None),
    "--provider": ("provider", None),
    "--kind": ("kind", None),
    "--subject": ("subject", None),
    "--format": ("output_format", ("text", "json")),
    "-f": ("output_format", ("text", "json")),
    "--lang": ("lang", ("zh", "en")),
}


def _name_arguments(argv: list[str]) -> dict[str, object] | None:
    """The parameters of `name` from `argv` (after the word `name`), or None when not plain."""
    given: dict[str, object] = {}
    text: str | None = None
    words = iter(argv)
    for word in words:
        if word == "--strict":
            if "strict" in given:
                return None
            given["strict"] = True
        elif word in _NAME_OPTIONS:
            name, choices = _NAME_OPTIONS[word]
            value = next(words, None)
            if name in given or value is None or value.startswith("-") or (choices and value not in choices):
                return None
            given[name] = value
        elif word.startswith("-") or text is not None:
            return None
        else:
            text = word
    if text is None or "province" not in given or "nature" not in given:
        return None
    return {"text": text, **given}


# `check`: --option → (the parameter, the values typer's choice takes, or None: any text; repeatable)
_CHECK_OPTIONS: dict[str, tuple[str, str, bool]] = {
    "--format": ("output_format", "format", False),
    "-f": ("output_format", "format", False),
    "--lang": ("lang", "lang", False),
    "--select": ("select", "", True),
    "--ignore": ("ignore", "", True),
    "--today": ("today", "", False),
}
# `check`: flag → (the parameter, its value)
_CHECK_FLAGS: dict[str, tuple[str, bool]] = {
    "--strict": ("strict", True), "--no-strict": ("strict", False), "--quiet": ("quiet", True),
    "--no-quiet": ("quiet", False), "-q": ("quiet", True), "--isolated": ("isolated", True),
    "--exit-zero": ("exit_zero", True), "--show-pii": ("show_pii", True),
}


def _check_arguments(argv: list[str]) -> dict[str, object] | None:
    """The parameters of `check` from `argv` (after the word `check`), or None when not plain."""
    from icpfile.cli.choices import Lang, ReportFormat

    choices = {"format": ReportFormat, "lang": Lang}
    given: dict[str, object] = {}
    paths: list[str] = []
    words = iter(argv)
    for word in words:
        if word in _CHECK_FLAGS:
            name, flag = _CHECK_FLAGS[word]
            if name in given:
                return None
            given[name] = flag
        elif word in _CHECK_OPTIONS:
            name, choice, repeated = _CHECK_OPTIONS[word]
            value = next(words, None)
            if value is None or value.startswith("-") or (name in given and not repeated):
                return None
            if choice:
                kind = choices[choice]
                if value not in kind.__members__:
                    return None
                given[name] = kind(value)
            elif repeated:
                given.setdefault(name, []).append(value)  # type: ignore[union-attr]
            else:
                given[name] = value
        elif word.startswith("-"):
            return None
        else:
            paths.append(word)
    if not paths:
        return None
    return {"paths": paths, **given}


# `wizard`: --option → the parameter (each once; --lang takes typer's choices)
_WIZARD_OPTIONS = {"--answers": "answers", "--add": "add", "--edit": "edit", "--lang": "lang", "--today": "today"}


def _wizard_arguments(argv: list[str]) -> dict[str, object] | None:
    """The parameters of `wizard` from `argv` (after the word `wizard`), or None when not plain."""
    from pathlib import Path

    given: dict[str, object] = {}
    words = iter(argv)
    for word in words:
        if word in _WIZARD_OPTIONS:
            name, value = _WIZARD_OPTIONS[word], next(words, None)
            if name in given or value is None or value.startswith("-"):
                return None
            if name == "lang" and value not in ("zh", "en"):
                return None  # typer's choice error
            given[name] = Path(value) if name == "answers" else value
        elif word.startswith("-") or "draft" in given:
            return None
        else:
            given["draft"] = Path(word)
    if "lang" in given:
        from icpfile.cli.choices import Lang

        given["lang"] = Lang(given["lang"])
    return {"draft": Path("draft.yaml"), **given}


def wizard(argv: list[str]) -> int | None:
    """Run `icpfile wizard` for `argv` and return its exit code, or None to leave it to typer."""
    given = _wizard_arguments(argv)
    if given is None:
        return None
    from icpfile.cli.wizarding import start

    return start(**given)  # type: ignore[arg-type]


def check(argv: list[str]) -> int | None:
    """Run `icpfile check` for `argv` and return its exit code, or None to leave it to typer."""
    given = _check_arguments(argv)
    if given is None:
        return None
    from icpfile.cli.linting import lint

    return lint(**given)  # type: ignore[arg-type]


def name(argv: list[str]) -> int | None:
    """Run `icpfile name` for `argv` and return its exit code, or None to leave it to typer."""
    given = _name_arguments(argv)
    if given is None:
        return None
    from icpfile.cli import settings as resolver
    from icpfile.cli.language import set_run_lang
    from icpfile.commands import name_check
    from icpfile.options import Options

    try:
        from icpfile.cli.choices import Lang

        chosen = resolver.resolve(lang=Lang(given["lang"]) if "lang" in given else None)
    except resolver.ConfigError:
        return None  # typer's path says what is wrong with it
    strict = bool(given.get("strict", False))
    options = Options(lang=chosen.lang, strict=strict)
    try:
        report = name_check.check(str(given["text"]), str(given["province"]), str(given["nature"]), options,
                                  provider=given.get("provider"), kind=str(given.get("kind", "website")),
                                  subject=given.get("subject"))  # type: ignore[arg-type]
    except name_check.NameCheckError:
        return None  # a usage error, worded by the typer command
    set_run_lang(chosen.lang)
    from icpfile.cli.output import emit, write
    from icpfile.exit_codes import for_findings

    output_format = str(given.get("output_format", "text"))
    if output_format == "text":  # as cli/name.py words it
        write(name_check.render_text(report, str(given["province"]), str(given["nature"]),
                                     str(given.get("kind", "website")), chosen.lang, strict))
    else:
        emit([report], output_format, None, chosen.lang, strict)
    return int(for_findings(not report.valid(strict)))


def run(argv: list[str]) -> int | None:
    """The exit code of a command run here, or None (typer runs it). A failure after output began
    (stdout closed: `usage_error`'s typer.Exit) ends as the typer path would end it."""
    command = {"check": check, "name": name, "wizard": wizard}.get(argv[0]) if argv else None
    if command is None:
        return None
    from icpfile.cli.language import run_lang
    from icpfile.cli.output import error_line
    from icpfile.data.words import say
    from icpfile.exit_codes import ExitCode

    try:
        return command(argv[1:])
    except KeyboardInterrupt:  # as registry.main ends a run
        error_line(f"icpfile: {say('interrupted', run_lang())}")
        return int(ExitCode.INTERRUPTED)
    except Exception as exc:
        code = getattr(exc, "exit_code", None)  # typer.Exit from the output funnel, its line written
        if isinstance(code, int):
            return code
        error_line(  # masked and one line, as registry.main words a crash
            f"icpfile: {say('internal', run_lang(), kind=type(exc).__name__, text=' '.join(str(exc).split()))}")
        return int(ExitCode.USAGE)


def main() -> None:
    """For tests: `run` on sys.argv, exiting as the console script does."""
    code = run(sys.argv[1:])
    if code is not None:
        sys.exit(code)
