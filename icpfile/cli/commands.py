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

app = typer.Typer(
    help="Lint Chinese ICP filing (ICP备案) drafts before they are submitted.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icpfile {__version__}")
        raise typer.Exit(EXIT_OK)


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
    return typer.Exit(EXIT_USAGE)


def _codes(values: list[str] | None) -> tuple[str, ...]:
    """`--select ICP2,ICP301 --select ICP4` → ('ICP2', 'ICP301', 'ICP4')."""
    return tuple(part.strip().upper() for v in values or [] for part in v.split(",") if part.strip())


def _colour_wanted() -> bool:
    """Colour on a terminal only; NO_COLOR wins over everything, FORCE_COLOR forces it on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def _parse_today(today: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError:
        raise _usage_error(f"--today must be a date like 2026-11-29, not '{today}'") from None


def _report_format(requested: str | None, configured: str | None = None) -> str:
    """--format, else the settings file, else `github` inside GitHub Actions, else `text`."""
    from icpfile.report import REPORTERS

    fmt = requested or configured or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt not in REPORTERS:
        raise _usage_error(f"unknown format '{fmt}' (choose from {', '.join(REPORTERS)})")
    return fmt


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
        Optional[str],
        typer.Option("--format", "-f", help="text, json, sarif, github, junit or gitlab (default text)."),
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="zh or en (default from LANG/LC_ALL).")] = None,
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
    from icpfile.cli import settings as config
    from icpfile.findings import Severity
    from icpfile.options import Options, default_lang
    from icpfile.rules import user_packs as rulepacks

    try:
        settings = config.Config() if isolated else config.find(Path.cwd())
    except config.ConfigError as exc:
        raise _usage_error(str(exc)) from None
    conf = settings.values
    fmt = _report_format(output_format, conf.get("format"))
    language = lang or conf.get("lang") or default_lang()
    if language not in ("zh", "en"):
        raise _usage_error(f"unknown language '{language}' (zh or en)")
    day = _parse_today(today)
    pack_paths = [Path(p) for p in conf.get("rules", [])] + list(rules_files or [])
    for p in pack_paths:
        if not p.is_file():
            raise _usage_error(f"rule pack {p} does not exist")
    try:
        packs = [rulepacks.load(p) for p in pack_paths]
    except rulepacks.RulePackError as exc:
        raise _usage_error(f"rule pack errors:\n{exc}") from None
    options = Options(
        lang=language,
        today=day,
        strict=bool(conf.get("strict", False)) if strict is None else strict,
        show_pii=show_pii,
        select=_codes(select) or _codes(conf.get("select")),
        ignore=_codes(ignore) or _codes(conf.get("ignore")),
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
    _emit(reports, fmt, output, language, options.strict)
    internal = [note for r in results for note in r.internal]
    if internal:
        for note in internal:
            typer.echo(f"icpfile: internal error: {note} (please report it, with the draft's shape, not its data)",
                       err=True)
        raise typer.Exit(EXIT_USAGE)
    failed = any(not r.valid(options.strict) for r in reports)
    raise typer.Exit(EXIT_FINDINGS if failed and not exit_zero else EXIT_OK)


@app.command()
def schema() -> None:
    """Print the draft JSON Schema (2020-12), for editors and other tools."""
    from icpfile.schema.draft import schema_text

    sys.stdout.write(schema_text())


@app.command("rules")
def rules_command(
    code: Annotated[Optional[str], typer.Argument(help="A rule code to explain, e.g. ICP201.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    lang: Annotated[Optional[str], typer.Option("--lang", help="zh or en (default from LANG/LC_ALL).")] = None,
) -> None:
    """List every rule, or explain one: what, why, where it comes from, examples, how to fix."""
    from icpfile.options import default_lang
    from icpfile.rules import explain

    language = lang or default_lang()
    if output_format not in ("text", "json"):
        raise _usage_error(f"unknown format '{output_format}' (text or json)")
    try:
        sys.stdout.write(explain.render(code, output_format, language))
    except KeyError:
        raise _usage_error(f"no rule {code}; `icpfile rules` lists them") from None


@app.command()
def wizard(
    draft: Annotated[Path, typer.Argument(help="The draft to start or continue.")] = Path("draft.yaml"),
    answers: Annotated[
        Optional[Path], typer.Option("--answers", help="A YAML of answers (a partial draft), for scripted use.")
    ] = None,
    edit: Annotated[
        Optional[str], typer.Option("--edit", help="Ask one answer again, e.g. subject.principal.mobile.")
    ] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="zh or en (default from LANG/LC_ALL).")] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="The date to judge and record (YYYY-MM-DD).")] = None,
) -> None:
    """Fill a draft by questions (edited in place), then walk the rest of the filing; resumable at any point."""
    from icpfile.filing.draft_writer import DraftRefused
    from icpfile.filing.messages import say
    from icpfile.filing.state import StateError
    from icpfile.filing.wizard import EXIT_INTERRUPTED, NeedsTerminal, Wizard, answers_from_file, field_pointer
    from icpfile.options import Options, default_lang

    language = lang or default_lang()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if not interactive and answers is None:
        raise _usage_error("no terminal to ask questions on: give the answers with --answers FILE")
    try:
        given = answers_from_file(answers) if answers else None
        pointer = field_pointer(edit) if edit else None
    except ValueError as exc:
        raise _usage_error(str(exc)) from None
    prompter = None
    if interactive:
        from icpfile.filing.prompts import QuestionaryPrompter

        prompter = QuestionaryPrompter(lang=language)
    session = Wizard(draft, prompter, Options(lang=language, today=_parse_today(today)), typer.echo, given,
                     edit=pointer)
    try:
        with session.store.locked():
            code = session.run()
    except KeyboardInterrupt:
        typer.echo(f"\nicpfile: {say('stopped', language, draft=draft)}", err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except NeedsTerminal as exc:
        typer.echo(f"icpfile: still missing (give them in --answers or run on a terminal):\n{exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    except (StateError, DraftRefused, ValueError) as exc:
        raise _usage_error(str(exc)) from None
    raise typer.Exit(code)


@app.command()
def status(
    draft: Annotated[Path, typer.Argument(help="The draft whose filing to show.")] = Path("draft.yaml"),
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    lang: Annotated[Optional[str], typer.Option("--lang", help="zh or en (default from LANG/LC_ALL).")] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="The date deadlines count from.")] = None,
) -> None:
    """Where the filing stands: the step, what to do next, and every running deadline."""
    from icpfile.filing import status as status_view
    from icpfile.options import default_lang

    if output_format not in ("text", "json"):
        raise _usage_error(f"unknown format '{output_format}' (text or json)")
    try:
        text = status_view.render(draft, output_format, lang or default_lang(), _parse_today(today),
                                  color=output_format == "text" and _colour_wanted())
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
    ignore = output.parent / ".gitignore"
    ignored = ignore.read_text(encoding="utf-8", errors="replace") if ignore.exists() else ""
    if ".icpfile/" not in ignored.split():
        # The draft, its .bak, the wizard's state and its temporary files hold personal data.
        typer.echo(f"keep personal data out of git: add this line to {ignore}:\n"
                   f"{init_draft.GITIGNORE_LINE}")


footer_app = typer.Typer(help="After approval: make, or check in built pages, the footer the filing requires.",
                         no_args_is_help=True)
app.add_typer(footer_app, name="footer")


@footer_app.command("snippet")
def footer_snippet(
    number: Annotated[str, typer.Option("--number", help="The website's filing number, e.g. 浙ICP备12345678号-1.")],
    police: Annotated[Optional[str], typer.Option("--police", help="The public-security number, if filed.")] = None,
    holder: Annotated[str, typer.Option("--holder", help="The unit's name, for © where required.")] = "",
    output_format: Annotated[str, typer.Option("--format", "-f", help="html, markdown or text.")] = "html",
) -> None:
    """Print the footer: the number linked to beian.miit.gov.cn, © where the province asks for it."""
    from icpfile.footer.snippet import POLICE_NUMBER, expected, number_problem, snippet

    if output_format not in ("html", "markdown", "text"):
        raise _usage_error(f"unknown format '{output_format}' (html, markdown or text)")
    problem = number_problem(number.strip(), "")
    if problem:
        raise _usage_error(f"--number {number}: {problem}")
    if police is not None and not POLICE_NUMBER.match(police.strip()):
        raise _usage_error(f"--police '{police}': write the whole number, like 苏公网安备32010202012345号")
    if expected(number.strip()).copyright and not holder.strip():
        raise _usage_error("this province's footer carries © and the unit's name: give it with --holder")
    sys.stdout.write(snippet(number.strip(), holder=holder.strip(), police=police and police.strip(),
                             fmt=output_format))


@footer_app.command("check")
def footer_check_command(
    paths: Annotated[list[str], typer.Argument(help="HTML files or folders of a built site.")],
    number: Annotated[str, typer.Option("--number", help="The website's filing number, e.g. 浙ICP备12345678号-1.")],
    police: Annotated[Optional[str], typer.Option("--police", help="The public-security number, if filed.")] = None,
    holder: Annotated[str, typer.Option("--holder", help="The unit's name, for © where required.")] = "",
    output_format: Annotated[
        Optional[str], typer.Option("--format", "-f", help="text, json, sarif, github, junit or gitlab.")
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="zh or en (default from LANG/LC_ALL).")] = None,
) -> None:
    """Check that every page shows the number exactly, linked to beian.miit.gov.cn (same exit codes as check)."""
    from icpfile.footer import page_check as footer_check
    from icpfile.footer.snippet import number_problem
    from icpfile.options import default_lang

    fmt = _report_format(output_format)
    problem = number_problem(number.strip(), "")
    if problem:
        raise _usage_error(f"--number {number}: {problem}")
    language = lang or default_lang()
    try:
        reports = footer_check.check(paths, number.strip(), police=police, holder=holder, lang=language)
    except FileNotFoundError as exc:
        raise _usage_error(str(exc)) from None
    _emit(reports, fmt, output, language)
    raise typer.Exit(EXIT_FINDINGS if any(not r.valid() for r in reports) else EXIT_OK)


def main() -> None:
    """Console-script entry: never a traceback, always one line and exit code 2 on a crash."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("icpfile: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        typer.echo(
            f"icpfile: internal error: {type(exc).__name__}: {exc} "
            "(please report it at the project's issue tracker, with the command you ran)",
            err=True,
        )
        sys.exit(EXIT_USAGE)
