"""`icpfile name TEXT`: every name rule on one name, without a draft."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang, ListFormat
from icpfile.cli.common import LANG_HELP, said, settings, usage_error
from icpfile.cli.output import emit, write
from icpfile.exit_codes import for_findings


def command(
    text: Annotated[str, typer.Argument(help="The name to judge, e.g. 静夜读书笔记.")],
    province: Annotated[str, typer.Option("--province", help="The subject's province, e.g. 浙江省 (or 浙江).")],
    nature: Annotated[str, typer.Option("--nature", help="personal, enterprise, … (or 个人, 企业, …).")],
    provider: Annotated[Optional[str], typer.Option("--provider", help="The provider whose rules apply.")] = None,
    kind: Annotated[str, typer.Option("--kind", help="website, app or mini_program.")] = "website",
    subject: Annotated[
        Optional[str], typer.Option("--subject", help="The person's or the unit's name, as on the certificate.")
    ] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
) -> None:
    """Will this name pass? Every name rule for the province, nature and provider, without a draft."""
    from icpfile.commands import name_check
    from icpfile.options import Options

    language = settings(lang=lang).lang
    options = Options(lang=language, strict=strict)
    try:
        report = name_check.check(text, province, nature, options, provider=provider, kind=kind, subject=subject)
    except name_check.NameCheckError as exc:
        raise usage_error(said(exc)) from None
    if output_format.value == "text":
        write(name_check.render_text(report, province, nature, kind, language, strict))
    else:
        emit([report], output_format.value, None, language, strict)
    raise typer.Exit(for_findings(not report.valid(strict)))
