"""`icpfile footer snippet|check`: the footer an approved site must carry, made or checked.

Both take `--number` and `--police`, checked once by `common.footer_numbers`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang, ReportFormat, SnippetFormat
from icpfile.cli.common import (
    LANG_HELP,
    fail,
    footer_numbers,
    refuse_output_over_input,
    report_format,
    said,
    settings,
    usage_error,
)
from icpfile.cli.output import emit, error_line, write
from icpfile.exit_codes import for_findings

group = typer.Typer(help="After approval: make, or check in built pages, the footer the filing requires.",
                    no_args_is_help=True)

Number = Annotated[
    str, typer.Option("--number", help="The website's or the subject's filing number, e.g. 浙ICP备12345678号-1.")
]
Police = Annotated[Optional[str], typer.Option("--police", help="The public-security number, if filed.")]
Holder = Annotated[str, typer.Option("--holder", help="The unit's name, for © where required.")]


@group.command("snippet")
def snippet(
    number: Number,
    police: Police = None,
    holder: Holder = "",
    output_format: Annotated[
        SnippetFormat, typer.Option("--format", "-f", help="html, markdown or text.")
    ] = SnippetFormat.html,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """Print the footer: the number linked to beian.miit.gov.cn, © where the province asks for it."""
    from icpfile.data.words import say
    from icpfile.footer.snippet import expected
    from icpfile.footer.snippet import snippet as make

    chosen = settings(lang=lang)
    number, police = footer_numbers(number, police)
    want = expected(number)
    if want.copyright and not holder.strip():
        raise fail("footer_holder")
    fmt = output_format.value
    write(make(number, holder=holder.strip(), police=police, fmt=fmt), markup=fmt in ("html", "markdown"))
    if want.dropped():  # 广东 shows the subject's number (provinces.yaml footer_subject_number): say so (#22 P19)
        error_line(say("footer_subject_shown", chosen.lang, province=want.province, shown=want.number,
                       suffix=want.dropped(), given=want.given))


@group.command("check")
def check(
    paths: Annotated[list[str], typer.Argument(help="HTML files or folders of a built site.")],
    number: Number,
    police: Police = None,
    holder: Holder = "",
    output_format: Annotated[
        Optional[ReportFormat], typer.Option("--format", "-f", help="The report's format (default text).")
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    quiet: Annotated[
        Optional[bool], typer.Option("--quiet/--no-quiet", "-q", help="Leave out info findings (reminders).")
    ] = None,
) -> None:
    """Check that every page shows the number, linked to beian.miit.gov.cn (same exit codes as check)."""
    from icpfile.footer import page_check

    chosen = settings(lang=lang, format=output_format, quiet=quiet)
    number, police = footer_numbers(number, police)
    try:
        if output is not None:  # `-o SITE/index.html` would replace a checked page (issue 24.2, B03)
            refuse_output_over_input(output, [page for _shown, page, _problem in page_check.pages(paths)])
        from icpfile.progress import wanted

        reports = page_check.check(paths, number, police=police, holder=holder, lang=chosen.lang,
                                   progress=wanted(2))
    except (FileNotFoundError, page_check.NoPages) as exc:
        raise usage_error(said(exc)) from None
    if not reports:
        raise fail("footer_no_pages", paths=" ".join(paths))
    if chosen.quiet:  # as `check -q`: the info findings left out (the exit code never counted them)
        from icpfile.findings import Severity

        for report in reports:
            report.findings = [f for f in report.findings if f.severity is not Severity.INFO]
    emit(reports, report_format(chosen.format), output, chosen.lang, items="pages")
    raise typer.Exit(for_findings(any(not r.valid() for r in reports)))
