"""`icpfile wizard`'s work, with no typer in it: the settings → the session → its exit code.
`cli/wizard.py` is its typer command; `cli/fast.py` calls `start` for a command line in the plain
form without importing typer (#23: typer's import and tree are ~35 ms before the first question).
A usage error raises the output funnel's exit (`usage_error`, `fail`) after its line, as every
command's does; everything else is the exit code returned."""

from __future__ import annotations

import sys
from pathlib import Path

from icpfile.cli.common import fail, gitignore_advice, parse_today, said, settings, usage_error
from icpfile.cli.output import echo, error_line
from icpfile.data.words import say as words
from icpfile.exit_codes import ExitCode


def start(draft: Path, answers: Path | None = None, edit: str | None = None, lang: str | None = None,
          today: str | None = None, add: str | None = None) -> int:
    """The exit code of `icpfile wizard` with these options (their meaning: `cli/wizard.py`)."""
    from icpfile.filing.draft_writer import DraftRefused
    from icpfile.filing.messages import say
    from icpfile.filing.state import StateError
    from icpfile.filing.wizard import NeedsTerminal, Wizard, added_list, answers_from_file, field_pointer
    from icpfile.options import Options

    language = settings(lang=lang).lang
    try:  # a bad value is said first, before the draft, the terminal or the step (walker41 item 12)
        added = added_list(add, language) if add else None
    except ValueError as exc:
        raise usage_error(*_lines(exc)) from None
    interactive = sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    new_draft = not draft.exists()
    if new_draft and answers is None:  # a mistyped name must not quietly start a new draft
        from icpfile.filing.status import did_you_mean

        missing = say("no_draft", language, draft=draft, hint=did_you_mean(draft))
        if not interactive:
            raise usage_error(missing)
        from icpfile.filing.prompts import QuestionaryPrompter

        echo(missing)
        try:
            begin = QuestionaryPrompter(lang=language).confirm(say("start_new", language), default=False)
        except KeyboardInterrupt:
            begin = False
        if not begin:
            return int(ExitCode.USAGE)
    if not interactive and answers is None:
        raise fail("no_terminal")
    try:
        given = answers_from_file(answers) if answers else None
        pointer = field_pointer(edit) if edit else None
    except ValueError as exc:
        raise usage_error(*_lines(exc)) from None
    prompter = None
    if interactive:
        from icpfile.filing.prompts import QuestionaryPrompter

        prompter = QuestionaryPrompter(lang=language)
    session = Wizard(draft, prompter, Options(lang=language, today=parse_today(today)), echo, given, edit=pointer,
                     add=added)
    try:
        with session.store.locked():
            return session.run()
    except KeyboardInterrupt:
        stop = say("stopped_nothing", language) if new_draft and not draft.exists() else say(
            "stopped", language, draft=draft)
        _stderr_newline()  # after the prompt's own line
        error_line(f"icpfile: {stop}")
        return int(ExitCode.INTERRUPTED)
    except NeedsTerminal as exc:
        error_line(f"icpfile: {words('still_missing', language)}")
        for line in str(exc).splitlines():
            error_line(line)
        return int(ExitCode.USAGE)
    except (StateError, DraftRefused, ValueError) as exc:
        raise usage_error(*_lines(exc)) from None
    finally:
        # the wizard made the draft: init's advice, however the run ended (walker41 item 11)
        if new_draft and draft.exists() and (advice := gitignore_advice(draft, language)):
            echo(advice)


def _stderr_newline() -> None:
    """An empty line on stderr, as `typer.echo("", err=True)` writes it."""
    if sys.stderr is not None:
        sys.stderr.write("\n")
        sys.stderr.flush()


def _lines(exc: Exception) -> tuple[str, list[str]]:
    """An error's first line and the rest: an `--answers` file's problems, one line each (#22 P14)."""
    more = getattr(exc, "lines", None)
    if isinstance(more, list) and more and all(isinstance(line, str) for line in more):
        return more[0], more[1:]
    return said(exc), []
