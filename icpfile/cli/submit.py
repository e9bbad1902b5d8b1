"""`icpfile submit --platform wechat DRAFT`: WeChat's third-party-platform filing flow; the work is
in `icpfile/commands/platform_submit.py` and `wechat.py`. The token never comes from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang
from icpfile.cli.common import LANG_HELP, fail, said, settings, usage_error
from icpfile.cli.export import platform_choice
from icpfile.cli.output import echo, emit, error_line
from icpfile.data.words import say
from icpfile.exit_codes import ExitCode


def token_file() -> Path | None:
    """The settings' `wechat_token_file` (relative to the settings file), or None."""
    from icpfile.cli import settings as config

    try:
        found, table = config.find(Path.cwd())
    except config.ConfigError as exc:
        raise usage_error(said(exc)) from None
    name = table.get("wechat_token_file") if found else None
    if not name:
        return None
    return Path(name) if Path(name).is_absolute() else found.parent / name


def command(
    draft: Annotated[Path, typer.Argument(help="The draft of the mini-program to file.")],
    platform: Annotated[str, typer.Option("--platform", help="The platform to submit through: wechat.")],
    yes: Annotated[bool, typer.Option("--yes", help="Send the requests (without it: a dry run that prints them).")]
    = False,
    status_only: Annotated[bool, typer.Option("--status", help="Only ask WeChat for the filing's status.")] = False,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """File a mini-program through WeChat's third-party platform API: upload, face check, submit, status.

    The token comes from ICPFILE_WECHAT_ACCESS_TOKEN or the settings' wechat_token_file, never an option."""
    from icpfile.commands import platform_submit as flow
    from icpfile.options import Options
    from icpfile.platforms.codes import CodesError
    from icpfile.platforms.wechat import SubmitError

    if platform_choice(platform) != "wechat":
        raise fail("submit_wechat_only", platform=platform)
    language = settings(lang=lang).lang
    if not draft.is_file():
        raise fail("no_such_draft", draft=draft)

    def progress(text: str) -> None:
        error_line(text)

    try:
        code, report = flow.submit(draft, yes, Options(lang=language), echo, progress, status_only=status_only,
                                   token_file=token_file())
    except (SubmitError, CodesError) as exc:
        raise usage_error(said(exc)) from None
    except KeyboardInterrupt:
        error_line(f"icpfile: {say('submit_interrupted', language)}")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    if report is not None:
        emit([report], "text", None, language)
    raise typer.Exit(code)
