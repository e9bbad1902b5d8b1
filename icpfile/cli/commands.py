"""The `icpfile` command line: parse options, call the pipeline, print a report, pick the exit code.

Kept thin on purpose: the work is in `engine`, `batch` and the reporters. Heavy modules (the
wizard's prompt_toolkit, jsonschema, rich) are imported inside the commands that need them, so
`icpfile --help`, `--version` and `check` only pay for what they use.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from icpfile import __version__
from icpfile.cli.choices import Lang, ListFormat, ReportFormat, SnippetFormat
from icpfile.exit_codes import ExitCode, for_findings

app = typer.Typer(
    help="Lint Chinese ICP filing (ICP备案) drafts before they are submitted.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)

LANG_HELP = "zh or en (default: the settings file, else LANG/LC_ALL)."


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icpfile {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """icpfile: every problem of an ICP filing draft, before the 管局 finds it."""


def _usage_error(message: str) -> typer.Exit:
    typer.echo(f"icpfile: {message}", err=True)
    return typer.Exit(ExitCode.USAGE)


def _settings(**given: object):
    """The one step that resolves settings: the command line over the settings file over defaults."""
    from icpfile.cli import settings

    try:
        return settings.resolve(**given)  # type: ignore[arg-type]
    except settings.ConfigError as exc:
        raise _usage_error(str(exc)) from None


def _colour_wanted() -> bool:
    """Colour on a terminal only; NO_COLOR wins over everything, FORCE_COLOR forces it on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _parse_today(today: str | None) -> dt.date:
    from icpfile.values.dates import parse_day

    day = parse_day(today) if today else dt.date.today()
    if day is None:
        raise _usage_error(f"--today must be a date like 2026-11-29, not '{today}'")
    return day


def _report_format(chosen: str | None) -> str:
    """--format or the settings file's, else `github` inside GitHub Actions, else `text`."""
    return chosen or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


def _emit(reports: list, fmt: str, output: Path | None, lang: str, strict: bool = False) -> None:
    """Write the report to stdout or `-o FILE`; colour only for text on a terminal."""
    from icpfile.report import ReportOptions, reporter

    color = fmt == "text" and output is None and _colour_wanted()
    text = reporter(fmt)(reports, ReportOptions(lang=lang, strict=strict, color=color))
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _usage_error(f"cannot write {output}: {exc.strerror or exc}") from None


@app.command()
def check(
    paths: Annotated[
        list[str], typer.Argument(help="Draft files or folders (every *.yaml/*.yml below); - reads stdin.")
    ],
    output_format: Annotated[
        Optional[ReportFormat], typer.Option("--format", "-f", help="The report's format (default text).")
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    strict: Annotated[Optional[bool], typer.Option("--strict/--no-strict", help="Warnings fail too.")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these codes or prefixes.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these codes or prefixes.")] = None,
    rules_files: Annotated[
        Optional[list[Path]], typer.Option("--rules", help="An extra rule pack merged over the built-in one.")
    ] = None,
    today: Annotated[
        Optional[str], typer.Option("--today", help="The date the date rules judge against (YYYY-MM-DD).")
    ] = None,
    show_pii: Annotated[bool, typer.Option("--show-pii", help="Print ID numbers and phones in full.")] = False,
    stdin_filename: Annotated[
        Optional[str], typer.Option("--stdin-filename", help="The name to report for a draft read from stdin.")
    ] = None,
    isolated: Annotated[bool, typer.Option("--isolated", help="Ignore pyproject.toml and .icpfile.toml.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Leave out info findings (reminders).")] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even with errors (2 still means a failure).")
    ] = False,
) -> None:
    """Lint drafts: every problem at once, with file:line:col, a rule code, a fix and its source."""
    from icpfile import batch
    from icpfile.findings import Severity
    from icpfile.options import Options
    from icpfile.rules import user_packs as rulepacks

    settings = _settings(isolated=isolated, lang=lang, format=output_format, strict=strict, select=select,
                         ignore=ignore, rules=rules_files)
    fmt = _report_format(settings.format)
    day = _parse_today(today)
    for p in settings.rules:
        if not p.is_file():
            raise _usage_error(f"rule pack {p} does not exist")
    try:
        packs = [rulepacks.load(p) for p in settings.rules]
    except rulepacks.RulePackError as exc:
        raise _usage_error(f"rule pack errors:\n{exc}") from None
    options = Options(
        lang=settings.lang,
        today=day,
        strict=settings.strict,
        show_pii=show_pii,
        select=settings.select,
        ignore=settings.ignore,
        severities=tuple((code, level) for pack in packs for code, level in pack.severities.items()),
    )
    try:
        inputs = batch.expand(paths, stdin_filename)
    except batch.InputError as exc:
        raise _usage_error(str(exc)) from None
    # A transient bar on stderr for large batches; it is gone before the report is written.
    progress = len(inputs) >= batch.PARALLEL_FROM and sys.stderr.isatty()
    results = batch.run(inputs, options, packs, progress=progress)
    reports = [r.report for r in results]
    if quiet:
        for report in reports:
            report.findings = [f for f in report.findings if f.severity is not Severity.INFO]
    _emit(reports, fmt, output, settings.lang, options.strict)
    internal = [note for r in results for note in r.internal]
    if internal:
        for note in internal:
            typer.echo(f"icpfile: internal error: {note} (please report it, with the draft's shape, not its data)",
                       err=True)
        raise typer.Exit(ExitCode.USAGE)
    raise typer.Exit(for_findings(any(not r.valid(options.strict) for r in reports), exit_zero))


@app.command()
def schema() -> None:
    """Print the draft JSON Schema (2020-12), for editors and other tools."""
    from icpfile.schema.draft import schema_text

    sys.stdout.write(schema_text())


@app.command("rules")
def rules_command(
    code: Annotated[Optional[str], typer.Argument(help="A rule code to explain, e.g. ICP201.")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """List every rule, or explain one: what, why, where it comes from, examples, how to fix."""
    from icpfile.rules import explain
    from icpfile.rules.catalog import rules

    language = _settings(lang=lang).lang
    if code is not None and code.upper() not in rules():
        raise _usage_error(f"no rule {code}; `icpfile rules` lists them")
    sys.stdout.write(explain.render(code, output_format.value, language))


@app.command()
def wizard(
    draft: Annotated[Path, typer.Argument(help="The draft to start or continue.")] = Path("draft.yaml"),
    answers: Annotated[
        Optional[Path], typer.Option("--answers", help="A YAML of answers (a partial draft), for scripted use.")
    ] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="The date to judge and record (YYYY-MM-DD).")] = None,
) -> None:
    """Fill a draft by questions, then walk the rest of the filing; resumable at any point."""
    from icpfile.filing.state import StateError
    from icpfile.filing.wizard import NeedsTerminal, Wizard, answers_from_file
    from icpfile.options import Options

    language = _settings(lang=lang).lang
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if not interactive and answers is None:
        raise _usage_error("no terminal to ask questions on: give the answers with --answers FILE")
    try:
        given = answers_from_file(answers) if answers else {}
    except ValueError as exc:
        raise _usage_error(str(exc)) from None
    prompter = None
    if interactive:
        from icpfile.filing.prompts import QuestionaryPrompter

        prompter = QuestionaryPrompter()
    session = Wizard(draft, prompter, Options(lang=language, today=_parse_today(today)), typer.echo, given)
    try:
        with session.store.locked():
            code = session.run()
    except KeyboardInterrupt:
        typer.echo(f"\nicpfile: stopped; the answers so far are kept. Resume with: icpfile wizard {draft}", err=True)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except NeedsTerminal as exc:
        typer.echo(f"icpfile: still missing (give them in --answers or run on a terminal):\n{exc}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None
    except (StateError, ValueError) as exc:
        raise _usage_error(str(exc)) from None
    raise typer.Exit(code)


@app.command()
def status(
    draft: Annotated[Path, typer.Argument(help="The draft whose filing to show.")] = Path("draft.yaml"),
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="The date deadlines count from.")] = None,
) -> None:
    """Where the filing stands: the step, what to do next, and every running deadline."""
    from icpfile.filing import status as status_view

    fmt = output_format.value
    try:
        text = status_view.render(draft, fmt, _settings(lang=lang).lang, _parse_today(today),
                                  color=fmt == "text" and _colour_wanted())
    except status_view.StatusError as exc:
        raise _usage_error(str(exc)) from None
    sys.stdout.write(text)


@app.command()
def init(
    filing_type: Annotated[str, typer.Option("--type", help="first_filing, new_website, access, change, …")] = (
        "first_filing"
    ),
    nature: Annotated[str, typer.Option("--nature", help="personal, enterprise, government, …")] = "enterprise",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented starting draft for a filing type and nature."""
    from icpfile.filing import init_draft
    from icpfile.schema import draft as sch

    if filing_type not in sch.labels(sch.schema()["$defs"]["filing"]["properties"]["type"]):
        raise _usage_error(f"unknown filing type '{filing_type}'")
    if nature not in sch.code_labels("nature"):
        raise _usage_error(f"unknown nature '{nature}'")
    text = init_draft.render(init_draft.template(filing_type, nature))
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists() and not force:
        raise _usage_error(f"{output} exists; use --force to overwrite it (nothing was written)")
    output.write_text(text, encoding="utf-8")
    typer.echo(f"wrote {output}; next: icpfile wizard {output}  or  icpfile check {output}")


footer_app = typer.Typer(help="After approval: make, or check in built pages, the footer the filing requires.",
                         no_args_is_help=True)
app.add_typer(footer_app, name="footer")


@footer_app.command("snippet")
def footer_snippet(
    number: Annotated[str, typer.Option("--number", help="The website's filing number, e.g. 浙ICP备12345678号-1.")],
    police: Annotated[Optional[str], typer.Option("--police", help="The public-security number, if filed.")] = None,
    holder: Annotated[str, typer.Option("--holder", help="The unit's name, for © where required.")] = "",
    output_format: Annotated[
        SnippetFormat, typer.Option("--format", "-f", help="html, markdown or text.")
    ] = SnippetFormat.html,
) -> None:
    """Print the footer: the number linked to beian.miit.gov.cn, © where the province asks for it."""
    from icpfile.footer.snippet import number_problem, snippet

    problem = number_problem(number.strip(), "")
    if problem:
        raise _usage_error(f"--number {number}: {problem}")
    sys.stdout.write(snippet(number.strip(), holder=holder, police=police, fmt=output_format.value))


@footer_app.command("check")
def footer_check_command(
    paths: Annotated[list[str], typer.Argument(help="HTML files or folders of a built site.")],
    number: Annotated[str, typer.Option("--number", help="The website's filing number, e.g. 浙ICP备12345678号-1.")],
    police: Annotated[Optional[str], typer.Option("--police", help="The public-security number, if filed.")] = None,
    holder: Annotated[str, typer.Option("--holder", help="The unit's name, for © where required.")] = "",
    output_format: Annotated[
        Optional[ReportFormat], typer.Option("--format", "-f", help="The report's format (default text).")
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """Check that every page shows the number exactly, linked to beian.miit.gov.cn (same exit codes as check)."""
    from icpfile.footer import page_check as footer_check
    from icpfile.footer.snippet import number_problem

    settings = _settings(lang=lang, format=output_format)
    fmt = _report_format(settings.format)
    problem = number_problem(number.strip(), "")
    if problem:
        raise _usage_error(f"--number {number}: {problem}")
    language = settings.lang
    try:
        reports = footer_check.check(paths, number.strip(), police=police, holder=holder, lang=language)
    except FileNotFoundError as exc:
        raise _usage_error(str(exc)) from None
    _emit(reports, fmt, output, language)
    raise typer.Exit(for_findings(any(not r.valid() for r in reports)))


# click's exceptions, wherever this typer takes click from (typer 0.28 vendors it as typer._click).
_clicks = sys.modules[next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException").__module__]
_NoArgsIsHelp = getattr(_clicks, "NoArgsIsHelpError", ())


def _one_line(exc: Exception) -> str:
    """A usage error as one line: `icpfile rules: Invalid value for '--lang': 'fr' is not one of …`."""
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "icpfile"
    return f"{where}: {' '.join(exc.format_message().split())}"


def main() -> None:
    """Console-script entry: never a traceback; a usage error or a crash is one line and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except _NoArgsIsHelp as exc:  # bare `icpfile footer`: the help, as click shows it
        exc.show()
        sys.exit(ExitCode.USAGE)
    except _clicks.ClickException as exc:
        typer.echo(_one_line(exc), err=True)
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        typer.echo("icpfile: interrupted", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:
        typer.echo(
            f"icpfile: internal error: {type(exc).__name__}: {exc} "
            "(please report it at the project's issue tracker, with the command you ran)",
            err=True,
        )
        sys.exit(ExitCode.USAGE)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)
