"""`icpfile platform codes [--refresh]`: the mini-program platforms' code lists (dated snapshot,
or WeChat's current lists fetched into `.icpfile/codes/wechat.json`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang
from icpfile.cli.common import LANG_HELP, said, settings, usage_error
from icpfile.cli.output import echo
from icpfile.cli.submit import token_file
from icpfile.data.words import say

group = typer.Typer(help="The mini-program platforms' code lists.", no_args_is_help=True)


@group.command("codes")
def codes(
    refresh: Annotated[bool, typer.Option("--refresh", help="Fetch WeChat's current lists (needs the token).")] = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Where to write them.")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """Show the shipped snapshot's date, or refresh WeChat's lists into .icpfile/codes/wechat.json here."""
    from icpfile.platforms import codes as pc

    language = settings(lang=lang).lang
    if not refresh:
        echo(say("platform_snapshot", language, date=pc.snapshot()["date"], source=pc.regions()["source"],
                 year=pc.regions()["year"]))
        return
    from icpfile.commands import platform_submit as flow
    from icpfile.platforms.wechat import SubmitError

    target = output or pc.overlay_path(Path.cwd(), "wechat")
    try:
        data = flow.refresh_codes(target, language, token_file())
    except SubmitError as exc:
        raise usage_error(said(exc)) from None
    echo(say("platform_wrote", language, target=target, services=len(data["service_content"]),
             approvals=len(data["pre_approvals"]), certificates=len(data["certificates"])))
