"""`icpfile wizard DRAFT`: fill a draft by questions, then walk the filing; resumable."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang
from icpfile.cli.common import LANG_HELP, fail, parse_today, said, settings, usage_error
from icpfile.cli.output import echo, error_line
from icpfile.data.words import say as words
from icpfile.exit_codes import ExitCode


def command(
    draft: Annotated[Path, typer.Argument(help="The draft to start or continue.")] = Path("draft.yaml"),
    answers: Annotated[
        Optional[Path], typer.Option("--answers", help="A YAML of answers (a partial draft), for scripted use.")
    ] = None,
    edit: Annotated[
        Optional[str], typer.Option("--edit", help="Ask one answer again, e.g. subject.principal.mobile.")
    ] = None,
    add: Annotated[
        Optional[str], typer.Option("--add", help="Add a website or an app to the draft (website or app).")
    ] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="The date to judge and record (YYYY-MM-DD).")] = None,
) -> None:
    """Fill a draft by questions (edited in place), then walk the rest of the filing; resumable at any point."""
    from icpfile.filing.draft_writer import DraftRefused
    from icpfile.filing.messages import say
    from icpfile.filing.state import StateError
    from icpfile.filing.wizard import NeedsTerminal, Wizard, added_list, answers_from_file, field_pointer
    from icpfile.options import Options

    language = settings(lang=lang).lang
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
            start = QuestionaryPrompter(lang=language).confirm(say("start_new", language), default=False)
        except KeyboardInterrupt:
            start = False
        if not start:
            raise typer.Exit(ExitCode.USAGE)
    if not interactive and answers is None:
        raise fail("no_terminal")
    try:
        given = answers_from_file(answers) if answers else None
        pointer = field_pointer(edit) if edit else None
        added = added_list(add, language) if add else None
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
            code = session.run()
    except KeyboardInterrupt:
        stop = say("stopped_nothing", language) if new_draft and not draft.exists() else say(
            "stopped", language, draft=draft)
        typer.echo("", err=True)  # after the prompt's own line
        error_line(f"icpfile: {stop}")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except NeedsTerminal as exc:
        error_line(f"icpfile: {words('still_missing', language)}")
        for line in str(exc).splitlines():
            error_line(line)
        raise typer.Exit(ExitCode.USAGE) from None
    except (StateError, DraftRefused, ValueError) as exc:
        raise usage_error(*_lines(exc)) from None
    raise typer.Exit(code)


def _lines(exc: Exception) -> tuple[str, list[str]]:
    """An error's first line and the rest: an `--answers` file's problems, one line each (#22 P14)."""
    more = getattr(exc, "lines", None)
    if isinstance(more, list) and more and all(isinstance(line, str) for line in more):
        return more[0], more[1:]
    return said(exc), []
