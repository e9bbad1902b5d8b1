"""`icpfile platform codes [--refresh]`: the mini-program platforms' code lists (dated snapshot,
or WeChat's current lists fetched into `.icpfile/codes/wechat.json`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang
from icpfile.cli.common import LANG_HELP, settings, usage_error
from icpfile.cli.output import echo
from icpfile.cli.submit import token_file

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
        echo(f"platform codes snapshot of {pc.snapshot()['date']} (icpfile/data/platform_codes.yaml); "
                   f"regions: {pc.regions()['source']} {pc.regions()['year']}")
        return
    from icpfile.commands import platform_submit as flow
    from icpfile.platforms.wechat import SubmitError

    target = output or pc.overlay_path(Path.cwd(), "wechat")
    try:
        data = flow.refresh_codes(target, language, token_file())
    except SubmitError as exc:
        raise usage_error(str(exc)) from None
    echo(f"wrote {target}: {len(data['service_content'])} service content types, "
               f"{len(data['pre_approvals'])} pre-approval types, {len(data['certificates'])} certificate types")
