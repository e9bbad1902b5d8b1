"""`icpfile export`: drafts → the sheet layout `import` reads (`--format xlsx|csv`, #19.2).

The sheet part lives in `icpfile.sheets`; platform API bodies (`--platform`, #20) are meant to
join this same command as another option, dispatched to their own package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang, SheetFormat
from icpfile.cli.common import LANG_HELP, refuse_output_over_input, settings, usage_error
from icpfile.cli.output import write
from icpfile.exit_codes import for_findings


def command(
    paths: Annotated[list[str], typer.Argument(help="Draft files or folders.")],
    output_format: Annotated[
        SheetFormat, typer.Option("--format", "-f", help="xlsx or csv: the sheet a client signs off.")
    ] = SheetFormat.xlsx,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write it to this file.")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    show_pii: Annotated[
        bool, typer.Option("--show-pii", help="ID numbers and phones in full (masked by default).")
    ] = False,
) -> None:
    """Drafts → the sheet layout `import` reads (masked unless --show-pii); what it cannot carry is a warning."""
    from icpfile.sheets import run

    language = settings(lang=lang).lang
    refuse_output_over_input(output, [Path(p) for p in paths])
    try:
        text, reports = run.export_sheet(paths, output_format.value, output, language, show_pii)
    except run.RunError as exc:
        raise usage_error(str(exc)) from None
    except OSError as exc:
        raise usage_error(f"cannot write {output}: {exc.strerror or exc}") from None
    if output is None:
        write(str(text))
    noted = [r for r in reports if r.findings]
    if noted:  # dropped fields, unreadable drafts: on stderr, the sheet keeps stdout
        from icpfile.report import ReportOptions, reporter

        typer.echo(reporter("text")(noted, ReportOptions(lang=language)), err=True, nl=False)
    elif output is not None:
        write(f"wrote {output} ({len(reports)} draft(s))\n")
    raise typer.Exit(for_findings(any(not r.valid() for r in reports)))
