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


def _usage_error(message: str, lines: list[str] | None = None) -> typer.Exit:
    """Print `icpfile: message` on stderr, then each of `lines`, and return the exit to raise.

    Controls and line breaks in them are escaped (they may quote a path or a value), so a
    message is exactly one line each and cannot forge others."""
    from icpfile.values.echo import escape_controls

    typer.echo(f"icpfile: {escape_controls(message)}", err=True)
    for line in lines or []:
        typer.echo(escape_controls(line), err=True)
    return typer.Exit(ExitCode.USAGE)


def _settings(**given: object):
    """The one step that resolves settings: the command line over the settings file over defaults."""
    from icpfile.cli import settings

    try:
        return settings.resolve(**given)  # type: ignore[arg-type]
    except settings.ConfigError as exc:
        raise _usage_error(str(exc)) from None


def _refuse_output_over_input(output: Path | None, paths: list[Path | None]) -> None:
    """`-o FILE` naming a file being checked would overwrite the draft with its report."""
    if output is None or not output.exists():
        return
    for path in paths:
        try:
            same = path is not None and os.path.samefile(output, path)
        except OSError:
            same = False
        if same:
            raise _usage_error(f"-o {output} is a file being checked; write the report elsewhere")


def _known_codes(option: str, codes: tuple[str, ...]) -> tuple[str, ...]:
    """Every code or prefix must name at least one rule (a typo such as ICP2O1 would select
    nothing and let every draft pass); loader codes (ICP0xx) cannot be ignored."""
    from icpfile.data.catalog import rules
    from icpfile.options import ALWAYS

    known = rules()
    for code in codes:
        if not any(name.startswith(code) for name in known):
            raise _usage_error(f"{option} {code}: no rule code starts with it (`icpfile rules` lists them)")
        if option == "--ignore" and code.startswith(ALWAYS):
            raise _usage_error(f"--ignore {code}: problems reading a file ({ALWAYS}xx) cannot be ignored")
    return codes


def _colour_wanted() -> bool:
    """Colour on a terminal only; NO_COLOR wins over everything, FORCE_COLOR forces it on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


TODAY_RANGE = (dt.date(1990, 1, 1), dt.date(2199, 12, 31))  # deadlines are counted from it: keep room


def _parse_today(today: str | None) -> dt.date:
    from icpfile.values.dates import parse_day

    day = parse_day(today) if today else dt.date.today()
    if day is None:
        raise _usage_error(f"--today must be a date like 2026-11-29, not '{today}'")
    if not TODAY_RANGE[0] <= day <= TODAY_RANGE[1]:
        raise _usage_error(f"--today must be between {TODAY_RANGE[0]} and {TODAY_RANGE[1]}, not {day}")
    return day


def _report_format(chosen: str | None) -> str:
    """--format or the settings file's, else `github` inside GitHub Actions, else `text`."""
    return chosen or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


MACHINE_FORMATS = ("json", "sarif", "gitlab", "junit")  # defined as UTF-8 whatever the console's encoding


def _escape_unencodable(error: UnicodeEncodeError) -> tuple[str, int]:
    """A character the output's encoding lacks becomes `\\uXXXX` (a surrogate pair beyond the BMP)."""
    shown = []
    for char in error.object[error.start : error.end]:
        point = ord(char)
        if point > 0xFFFF:
            point -= 0x10000
            shown.append(f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}")
        else:
            shown.append(f"\\u{point:04x}")
    return "".join(shown), error.end


def _write_stdout(text: str, fmt: str = "text") -> None:
    """Write a report to stdout whatever it is: a cp1252 console (unencodable characters escaped;
    JSON/SARIF/GitLab/JUnit always UTF-8; an html/markdown snippet gets character references), or
    a closed stream (a one-line usage error, exit 2)."""
    import codecs

    stream = sys.stdout
    if stream is None:
        raise _usage_error("standard output is closed; write the report with -o FILE")
    encoding = "utf-8" if fmt in MACHINE_FORMATS else (getattr(stream, "encoding", None) or "utf-8")
    codecs.register_error("icpfile-escape", _escape_unencodable)
    # A snippet to paste into a page: a character reference (&#x82cf;) shows the character, where
    # a \\uXXXX escape would put literal text on the page.
    data = text.encode(encoding, errors="xmlcharrefreplace" if fmt in ("html", "markdown") else "icpfile-escape")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(data.decode(encoding))
        else:
            stream.flush()
            buffer.write(data)
        stream.flush()
    except (BrokenPipeError, ValueError, OSError):
        import contextlib

        with contextlib.suppress(OSError, ValueError):  # keep the interpreter's final flush quiet
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise _usage_error("standard output is closed; write the report with -o FILE") from None


def _emit(reports: list, fmt: str, output: Path | None, lang: str, strict: bool = False) -> None:
    """Write the report to stdout or `-o FILE`; colour only for text on a terminal."""
    from icpfile.report import ReportOptions, reporter

    color = fmt == "text" and output is None and _colour_wanted()
    text = reporter(fmt)(reports, ReportOptions(lang=lang, strict=strict, color=color))
    if output is None:
        _write_stdout(text, fmt)
        return
    from icpfile.load.files import write_atomic

    try:
        write_atomic(output, text)  # a symlink at -o is replaced, never followed
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
    root: Annotated[
        Optional[Path],
        typer.Option("--root", help="Material paths may reach anywhere below this folder (default: the draft's)."),
    ] = None,
) -> None:
    """Lint drafts: every problem at once, with file:line:col, a rule code, a fix and its source."""
    from icpfile import batch
    from icpfile.data import user_packs as rulepacks
    from icpfile.findings import Severity
    from icpfile.options import Options

    settings = _settings(isolated=isolated, lang=lang, format=output_format, strict=strict, select=select,
                         ignore=ignore, rules=rules_files)
    fmt = _report_format(settings.format)
    day = _parse_today(today)
    if root is not None and not root.is_dir():
        raise _usage_error(f"--root {root}: no such folder")
    for p in settings.rules:
        if not p.is_file():
            raise _usage_error(f"rule pack {p} does not exist")
    try:
        packs = [rulepacks.load(p) for p in settings.rules]
    except rulepacks.RulePackError as exc:
        raise _usage_error("rule pack errors:", str(exc).split("\n")) from None
    options = Options(
        lang=settings.lang,
        today=day,
        strict=settings.strict,
        show_pii=show_pii,
        select=_known_codes("--select", settings.select),
        ignore=_known_codes("--ignore", settings.ignore),
        severities=tuple((code, level) for pack in packs for code, level in pack.severities.items()),
        root=os.path.realpath(root) if root else "",
    )
    try:
        inputs = batch.expand(paths, stdin_filename)
    except batch.InputError as exc:
        raise _usage_error(str(exc)) from None
    _refuse_output_over_input(output, [i.path for i in inputs])
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
    from icpfile.schema.draft import published_text

    _write_stdout(published_text(), "json")


@app.command("rules")
def rules_command(
    code: Annotated[Optional[str], typer.Argument(help="A rule code to explain, e.g. ICP201.")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    province: Annotated[
        Optional[str], typer.Option("--province", help="List what applies in this province (浙江省 or 浙江).")
    ] = None,
    provider: Annotated[
        Optional[str], typer.Option("--provider", help="List what applies under this provider (aliyun, tencent …).")
    ] = None,
) -> None:
    """List every rule, or explain one: what, why, where it comes from, examples, how to fix."""
    from icpfile.commands import explain
    from icpfile.data.catalog import rules

    language = _settings(lang=lang).lang
    fmt = output_format.value
    if (province or provider) and code is None:
        from icpfile.data.packs import builtin

        packs = builtin()
        full = next((n for n, p in packs.provinces.items() if province in (n, p.get("short"))), None)
        if province and full is None:
            raise _usage_error(f"unknown province '{province}' (a full name such as 浙江省)")
        if provider and provider not in packs.providers:
            raise _usage_error(f"unknown provider '{provider}' ({', '.join(packs.providers)})")
        sys.stdout.write(explain.render_where(full or "", provider or "", fmt, language))
        return
    if code is not None and code.upper() not in rules():
        raise _usage_error(f"no rule {code}; `icpfile rules` lists them")
    _write_stdout(explain.render(code, fmt, language), fmt)


@app.command()
def name(
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

    language = _settings(lang=lang).lang
    options = Options(lang=language, strict=strict)
    try:
        report = name_check.check(text, province, nature, options, provider=provider, kind=kind, subject=subject)
    except name_check.NameCheckError as exc:
        raise _usage_error(str(exc)) from None
    _emit([report], output_format.value, None, language, strict)
    raise typer.Exit(for_findings(not report.valid(strict)))


@app.command()
def wizard(
    draft: Annotated[Path, typer.Argument(help="The draft to start or continue.")] = Path("draft.yaml"),
    answers: Annotated[
        Optional[Path], typer.Option("--answers", help="A YAML of answers (a partial draft), for scripted use.")
    ] = None,
    edit: Annotated[
        Optional[str], typer.Option("--edit", help="Ask one answer again, e.g. subject.principal.mobile.")
    ] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    today: Annotated[Optional[str], typer.Option("--today", help="The date to judge and record (YYYY-MM-DD).")] = None,
) -> None:
    """Fill a draft by questions (edited in place), then walk the rest of the filing; resumable at any point."""
    from icpfile.filing.draft_writer import DraftRefused
    from icpfile.filing.messages import say
    from icpfile.filing.state import StateError
    from icpfile.filing.wizard import NeedsTerminal, Wizard, answers_from_file, field_pointer
    from icpfile.options import Options

    language = _settings(lang=lang).lang
    interactive = sys.stdin is not None and sys.stdout is not None and sys.stdin.isatty() and sys.stdout.isatty()
    new_draft = not draft.exists()
    if new_draft and answers is None:  # a mistyped name must not quietly start a new draft
        from icpfile.filing.status import did_you_mean

        missing = say("no_draft", language, draft=draft, hint=did_you_mean(draft))
        if not interactive:
            raise _usage_error(missing)
        from icpfile.filing.prompts import QuestionaryPrompter

        typer.echo(missing)
        try:
            start = QuestionaryPrompter(lang=language).confirm(say("start_new", language), default=False)
        except KeyboardInterrupt:
            start = False
        if not start:
            raise typer.Exit(ExitCode.USAGE)
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
        said = say("stopped_nothing", language) if new_draft and not draft.exists() else say(
            "stopped", language, draft=draft)
        typer.echo(f"\nicpfile: {said}", err=True)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except NeedsTerminal as exc:
        typer.echo(f"icpfile: still missing (give them in --answers or run on a terminal):\n{exc}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None
    except (StateError, DraftRefused, ValueError) as exc:
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
    from icpfile.load.files import write_atomic

    write_atomic(output, text)
    typer.echo(f"wrote {output}; next: icpfile wizard {output}  or  icpfile check {output}")
    ignore = output.parent / ".gitignore"
    ignored = ignore.read_text(encoding="utf-8", errors="replace") if ignore.exists() else ""
    if ".icpfile/" not in ignored.split():
        # The draft, its .bak, the wizard's state and its temporary files hold personal data.
        lines = "\n".join(init_draft.GITIGNORE_LINES)
        typer.echo(f"keep personal data out of git: add these lines to {ignore} (and keep the draft itself out\n"
                   f"of a public repository: it holds ID and phone numbers):\n{lines}")


footer_app = typer.Typer(help="After approval: make, or check in built pages, the footer the filing requires.",
                         no_args_is_help=True)
app.add_typer(footer_app, name="footer")


@footer_app.command("snippet")
def footer_snippet(
    number: Annotated[
        str, typer.Option("--number", help="The website's or the subject's filing number, e.g. 浙ICP备12345678号-1.")
    ],
    police: Annotated[Optional[str], typer.Option("--police", help="The public-security number, if filed.")] = None,
    holder: Annotated[str, typer.Option("--holder", help="The unit's name, for © where required.")] = "",
    output_format: Annotated[
        SnippetFormat, typer.Option("--format", "-f", help="html, markdown or text.")
    ] = SnippetFormat.html,
) -> None:
    """Print the footer: the number linked to beian.miit.gov.cn, © where the province asks for it."""
    from icpfile.footer.snippet import expected, number_problem, number_province, police_problem, snippet

    problem = number_problem(number.strip(), "", subject=True)  # 指南 11: the subject's or the website's
    if problem:
        raise _usage_error(f"--number {number}: {problem}")
    if police is not None:
        trouble = police_problem(police.strip(), number_province(number.strip()))
        if trouble:
            raise _usage_error(f"--police '{police}': {trouble}")
    if expected(number.strip()).copyright and not holder.strip():
        raise _usage_error("this province's footer carries © and the unit's name: give it with --holder")
    _write_stdout(snippet(number.strip(), holder=holder.strip(), police=police and police.strip(),
                          fmt=output_format.value), output_format.value)


@footer_app.command("check")
def footer_check_command(
    paths: Annotated[list[str], typer.Argument(help="HTML files or folders of a built site.")],
    number: Annotated[
        str, typer.Option("--number", help="The website's or the subject's filing number, e.g. 浙ICP备12345678号-1.")
    ],
    police: Annotated[Optional[str], typer.Option("--police", help="The public-security number, if filed.")] = None,
    holder: Annotated[str, typer.Option("--holder", help="The unit's name, for © where required.")] = "",
    output_format: Annotated[
        Optional[ReportFormat], typer.Option("--format", "-f", help="The report's format (default text).")
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file.")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """Check that every page shows the number, linked to beian.miit.gov.cn (same exit codes as check)."""
    from icpfile.footer import page_check as footer_check
    from icpfile.footer.snippet import number_problem, number_province, police_problem

    settings = _settings(lang=lang, format=output_format)
    fmt = _report_format(settings.format)
    problem = number_problem(number.strip(), "", subject=True)  # 指南 11: the subject's or the website's
    if problem:
        raise _usage_error(f"--number {number}: {problem}")
    police_wrong = police_problem(police, number_province(number.strip())) if police else None
    if police_wrong:
        raise _usage_error(f"--police {police}: {police_wrong}")
    language = settings.lang
    try:
        reports = footer_check.check(paths, number.strip(), police=police, holder=holder, lang=language)
    except (FileNotFoundError, footer_check.NoPages) as exc:
        raise _usage_error(str(exc)) from None
    if not reports:
        raise _usage_error(f"no pages (*.html, *.htm) in {' '.join(paths)}")
    _emit(reports, fmt, output, language)
    raise typer.Exit(for_findings(any(not r.valid() for r in reports)))


# click's exceptions, wherever this typer takes click from (typer 0.28 vendors it as typer._click).
_clicks = sys.modules[next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException").__module__]
_NoArgsIsHelp = getattr(_clicks, "NoArgsIsHelpError", ())


def _one_line(exc: Exception) -> str:
    """A usage error as one line: `icpfile rules: Invalid value for '--lang': 'fr' is not one of …`."""
    ctx = getattr(exc, "ctx", None)
    from icpfile.values.echo import escape_controls

    # `icpfile check`, however it was started (`python -m icpfile` names the root differently)
    where = "icpfile" + (ctx.command_path[len(ctx.find_root().command_path):] if ctx is not None else "")
    return escape_controls(f"{where}: {' '.join(exc.format_message().split())}")


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
