"""`icpfile import`: a clients' sheet → one draft per order (#19.1); the work is in `icpfile.sheets`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang, ListFormat
from icpfile.cli.common import LANG_HELP, fail, said, settings, usage_error
from icpfile.cli.output import emit, write
from icpfile.data.words import say
from icpfile.exit_codes import for_findings


def command(
    sheet: Annotated[
        Optional[Path], typer.Argument(help="The clients' sheet: .xlsx or .csv (UTF-8 or GB18030).")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder the drafts go into.")] = Path("drafts"),
    force: Annotated[bool, typer.Option("--force", help="Replace existing drafts (each backed up to .bak).")] = False,
    sheet_name: Annotated[Optional[str], typer.Option("--sheet", help="The XLSX sheet (default: the first).")] = None,
    template: Annotated[
        Optional[Path], typer.Option("--template", help="Write an empty sheet with the headers here, and stop.")
    ] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    show_pii: Annotated[bool, typer.Option("--show-pii", help="Print ID numbers and phones in full.")] = False,
    allow_empty: Annotated[
        Optional[bool],
        typer.Option("--allow-empty/--no-allow-empty", help="A sheet with no rows is not an error (exit 0, not 2)."),
    ] = None,
) -> None:
    """Clients' sheet → one draft per order (a bad cell is a finding at its cell; the other rows go on)."""
    from icpfile.sheets import run

    chosen = settings(lang=lang, allow_empty=allow_empty)
    language = chosen.lang
    if template is not None:
        from icpfile.sheets.exporter import template as write_template

        if (template.exists() or template.is_symlink()) and not force:  # it may be the agency's own sheet
            raise fail("exists_force", output=template)
        try:
            if template.is_file() and not template.is_symlink():  # --force over a sheet: kept as .bak (B23)
                from icpfile.sheets.importer import back_up

                back_up(template)
            write_template(template, language)
        except OSError as exc:
            raise fail("cannot_write", output=template, reason=exc.strerror or exc) from None
        write(say("import_template_wrote", language, template=template) + "\n")
        return
    if sheet is None:
        raise fail("import_no_sheet")
    from icpfile.load.files import escapes
    from icpfile.progress import wanted

    link = escapes(output)
    if link is not None:  # `drafts -> ../outside` committed by a pull request: IDs written outside the tree
        raise fail("symlink_out", output=output, link=link)
    try:
        result = run.import_sheet(sheet, output, language, force, sheet_name, show_pii, progress=wanted(2),
                                  allow_empty=chosen.allow_empty)
    except run.EmptySheet:  # as `check` of a folder with no drafts: a wrong file in CI is no clean import
        raise fail("import_no_rows", sheet=sheet) from None
    except run.RunError as exc:
        raise usage_error(said(exc)) from None
    if output_format.value == "json":
        emit([result.report], "json", None, language)
    else:
        write(run.import_text(result, language))
    raise typer.Exit(for_findings(result.counts["errors"] > 0))
