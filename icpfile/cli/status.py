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
) -> None:
    """Where the filing stands: the step, what to do next, and every running deadline."""
    from icpfile.filing import status as status_view

    fmt = output_format.value
    if draft.is_dir():
        folder(draft, fmt, output, settings(lang=lang).lang, parse_today(today))
        return
    if fmt == "xlsx":
        raise fail("status_xlsx_folder")
    try:
        text = status_view.render(draft, fmt, settings(lang=lang).lang, parse_today(today),
                                  color=fmt == "text" and colour_wanted())
    except status_view.StatusError as exc:
        raise usage_error(said(exc)) from None
    write(text, utf8=fmt == "json")
    if fmt == "text":  # a mini-program filed through WeChat's API (icpfile submit)
        from icpfile.commands.platform_submit import status_lines

        for line in status_lines(draft, settings(lang=lang).lang):
            echo(line)


def folder(drafts: Path, fmt: str, output: Path | None, lang: str, today) -> None:
    """`status FOLDER` (#19.4): the portfolio view of `filing/folder_status.py`."""
    import sys

    from icpfile.batch import PARALLEL_FROM
    from icpfile.cli.check import build
    from icpfile.filing import folder_status

    # The drafts are checked as `icpfile check` checks them: the settings file's select/ignore and rule packs.
    options, packs = build(settings(lang=lang), today=today.isoformat(), show_pii=False, root=None)
    count = len(folder_status.drafts_in(drafts))
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
