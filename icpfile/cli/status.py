"""`icpfile status DRAFT`: where the filing stands and every running deadline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang, StatusFormat
from icpfile.cli.common import LANG_HELP, fail, parse_today, said, settings, usage_error
from icpfile.cli.output import colour_wanted, echo, write


def command(
    draft: Annotated[
        Path, typer.Argument(help="The draft whose filing to show, or a folder: every order, soonest deadline first.")
    ] = Path("draft.yaml"),
    output_format: Annotated[
        StatusFormat, typer.Option("--format", "-f", help="text or json (xlsx for a folder, with -o).")
    ] = StatusFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write it to this file (a folder's view).")
                      ] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="The date deadlines count from.")] = None,
    allow_empty: Annotated[
        Optional[bool],
        typer.Option("--allow-empty/--no-allow-empty", help="No drafts found is not an error (exit 0, not 2)."),
    ] = None,
) -> None:
    """Where the filing stands: the step, what to do next, and every running deadline."""
    from icpfile.filing import status as status_view

    fmt = output_format.value
    if draft.is_dir():
        chosen = settings(lang=lang, allow_empty=allow_empty)
        folder(draft, fmt, output, chosen.lang, parse_today(today), chosen.allow_empty)
        return
    if fmt == "xlsx":
        raise fail("status_xlsx_folder")
    language = settings(lang=lang).lang
    try:
        data = status_view.summary(draft, language, parse_today(today))
    except status_view.StatusError as exc:
        raise usage_error(said(exc)) from None
    write(status_view.shown(data, draft, fmt, language, color=fmt == "text" and colour_wanted()), utf8=fmt == "json")
    if fmt == "text":  # a mini-program filed through WeChat's API (icpfile submit)
        from icpfile.commands.platform_submit import status_lines

        for line in status_lines(draft, language):
            echo(line)
    if data["overdue"]:  # a deadline has passed: exit 1, as `check` exits 1 on an error (walker41 item 12)
        from icpfile.exit_codes import ExitCode

        raise typer.Exit(int(ExitCode.FINDINGS))


def refuse_output(output: Path, found: list[Path], folder: Path, lang: str) -> None:
    """`-o FILE` never overwrites a draft (#21, B15: `status clients -o clients/a.yaml` replaced a
    client's draft with the table), never writes through a symlink (whatever it points at), never
    out of the working folder by a symlinked parent, and never makes a new draft of the folder
    (a `.yaml` below it would be read as one by the next `check` or `status`)."""
    import os

    from icpfile.cli.common import refuse_output_over_input
    from icpfile.filing.messages import say
    from icpfile.load.files import escapes, inside
    from icpfile.values.echo import shown_path

    refuse_output_over_input(output, list(found))
    shown = shown_path(str(output))
    if output.is_symlink():
        raise usage_error(say("status.output_symlink", lang, output=shown))
    link = escapes(output.parent, None)
    if link is not None:
        raise fail("symlink_out", output=output, link=link)
    if output.suffix.lower() in (".yaml", ".yml") and inside(os.path.abspath(output), folder):
        raise usage_error(say("status.output_draft", lang, output=shown, folder=shown_path(str(folder))))


def folder(drafts: Path, fmt: str, output: Path | None, lang: str, today, allow_empty: bool = False) -> None:
    """`status FOLDER` (#19.4): the portfolio view of `filing/folder_status.py`. A folder with no
    drafts is one line and exit 2, as `check` of one (a wrong path in CI is no empty portfolio),
    unless `allow_empty`."""
    import sys

    from icpfile.batch import PARALLEL_FROM
    from icpfile.cli.check import build
    from icpfile.filing import folder_status

    # The drafts are checked as `icpfile check` checks them: the settings file's select/ignore and rule packs.
    options, packs = build(settings(lang=lang), today=today.isoformat(), show_pii=False, root=None)
    walked = folder_status.entries(drafts)
    if not walked and not allow_empty:
        raise fail("status_no_drafts", folder=drafts)
    found = [e.path for e in walked if e.problem is None and e.path is not None]
    if output is not None:
        refuse_output(output, found, drafts, lang)
    count = len(found)
    view = folder_status.render(drafts, fmt, lang, today, options, packs,
                                progress=count >= PARALLEL_FROM and sys.stderr.isatty())
    if output is not None:
        from icpfile.load.files import write_atomic

        try:
            write_atomic(output, view)
        except OSError as exc:
            raise fail("cannot_write", output=output, reason=exc.strerror or exc) from None
    elif isinstance(view, bytes):
        raise fail("status_xlsx_file")
    else:
        write(view, utf8=fmt == "json")
