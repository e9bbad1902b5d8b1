"""`icpfile status DRAFT`: where the filing stands and every running deadline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang, ListFormat
from icpfile.cli.common import LANG_HELP, parse_today, settings, usage_error
from icpfile.cli.output import colour_wanted, write


def command(
    draft: Annotated[Path, typer.Argument(help="The draft whose filing to show.")] = Path("draft.yaml"),
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="The date deadlines count from.")] = None,
) -> None:
    """Where the filing stands: the step, what to do next, and every running deadline."""
    from icpfile.filing import status as status_view

    fmt = output_format.value
    try:
        text = status_view.render(draft, fmt, settings(lang=lang).lang, parse_today(today),
                                  color=fmt == "text" and colour_wanted())
    except status_view.StatusError as exc:
        raise usage_error(str(exc)) from None
    write(text, utf8=fmt == "json")
    if fmt == "text":  # a mini-program filed through WeChat's API (icpfile submit)
        from icpfile.commands.platform_submit import status_lines

        for line in status_lines(draft, settings(lang=lang).lang):
            typer.echo(line)
