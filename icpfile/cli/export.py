"""`icpfile export --platform P DRAFT`: a platform's filing request body (JSON) from a draft that
checks clean for it; the work is in `icpfile/commands/platform_export.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang
from icpfile.cli.common import LANG_HELP, refuse_output_over_input, settings, usage_error
from icpfile.cli.output import emit, write
from icpfile.exit_codes import ExitCode

PLATFORM_HELP = "wechat, douyin, alipay or huawei."


def platform_choice(value: str) -> str:
    from icpfile.platforms import PLATFORMS

    if value not in PLATFORMS:
        raise usage_error(f"--platform {value}: one of {', '.join(PLATFORMS)}")
    return value


def command(
    draft: Annotated[Path, typer.Argument(help="The draft to export.")],
    platform: Annotated[str, typer.Option("--platform", help="Whose filing API body to write: " + PLATFORM_HELP)],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the body to this file.")] = None,
    codes: Annotated[
        Optional[Path], typer.Option("--codes", help="A platform codes file (default: beside the draft).")
    ] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """Write a platform's filing request body (JSON) from a draft that checks clean for it."""
    from icpfile.commands import platform_export as export_command
    from icpfile.options import Options
    from icpfile.platforms.codes import CodesError

    platform = platform_choice(platform)
    language = settings(lang=lang).lang
    if not draft.is_file():
        raise usage_error(f"{draft}: no such draft")
    refuse_output_over_input(output, [draft])
    try:
        done = export_command.export_body(draft, platform, Options(lang=language, codes=str(codes or "")))
    except CodesError as exc:
        raise usage_error(str(exc)) from None
    if done.body is None:
        emit([done.report], "text", None, language)
        raise typer.Exit(ExitCode.USAGE if done.internal else ExitCode.FINDINGS)
    text = export_command.body_text(done.body)
    if output is None:
        write(text, utf8=True)
        return
    from icpfile.load.files import write_atomic

    write_atomic(output, text)
    typer.echo(f"wrote {output}: the {platform} request body (it holds ID and phone numbers: keep it private)",
               err=True)
