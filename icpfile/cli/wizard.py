"""`icpfile wizard DRAFT`: fill a draft by questions, then walk the filing; resumable."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang
from icpfile.cli.common import LANG_HELP


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
    from icpfile.cli.wizarding import start

    raise typer.Exit(start(draft, answers, edit, lang, today, add))
