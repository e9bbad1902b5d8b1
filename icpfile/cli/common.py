"""What several commands share: the usage error, settings, `--today`, `--format`, footer numbers.

Each helper either returns a checked value or raises `typer.Exit(2)` after one line on stderr
(`icpfile: what is wrong`), so a command body reads as its steps.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import typer

from icpfile.exit_codes import ExitCode

LANG_HELP = "zh or en (default: the settings file, else LANG/LC_ALL)."
_RUN_LANG: list[str] = []  # the run's language, once known (`run_lang`)
TODAY_RANGE = (dt.date(1990, 1, 1), dt.date(2199, 12, 31))  # deadlines are counted from it: keep room


def usage_error(message: str, lines: list[str] | None = None) -> typer.Exit:
    """Print `icpfile: message` on stderr, then each of `lines`, and return the exit to raise.

    Controls and line breaks in them are escaped (they may quote a path or a value), so a
    message is exactly one line each and cannot forge others."""
    from icpfile.values.echo import escape_controls

    typer.echo(f"icpfile: {escape_controls(message)}", err=True)
    for line in lines or []:
        typer.echo(escape_controls(line), err=True)
    return typer.Exit(ExitCode.USAGE)


def lang_of(argv: list[str]) -> str | None:
    """The language `--lang zh` / `--lang=en` names on a command line, None when none is valid."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and value in ("zh", "en"):
            return value
    return None


def run_lang(argv: list[str] | None = None) -> str:
    """The language of the CLI's own words (help, usage errors, one-line errors) for this run.

    Set once the settings are resolved (`settings`); before that (click's usage errors, `--help`)
    the command line's `--lang`, else the settings file's `lang` (unless `--isolated`), else
    LANG/LC_ALL, as `--lang` documents (README: "default: from LANG/LC_ALL")."""
    import sys

    if _RUN_LANG:
        return _RUN_LANG[-1]
    argv = sys.argv[1:] if argv is None else argv
    found = lang_of(argv)
    if found is None and "--isolated" not in argv:
        from icpfile.cli import settings as resolver

        try:
            found = str(resolver.find(Path.cwd())[1].get("lang") or "") or None
        except resolver.ConfigError:
            found = None
    if found is None:
        from icpfile.options import default_lang

        found = default_lang()
    return found if found in ("zh", "en") else "en"


def set_run_lang(lang: str) -> None:
    _RUN_LANG[:] = [lang]


def fail(key: str, lines: list[str] | None = None, **fields: object) -> typer.Exit:
    """`usage_error` for the catalog line `key` (data/words.yaml) in the run's language."""
    from icpfile.data.words import say

    return usage_error(say(key, run_lang(), **fields), lines)


def said(exc: Exception) -> str:
    """An error's one line in the run's language: a catalog `Said` by its key, any other as str()."""
    line = getattr(exc, "line", None)
    return line(run_lang()) if callable(line) and getattr(exc, "key", None) else str(exc)


def settings(**given: object):
    """The one step that resolves settings: the command line over the settings file over defaults.

    The resolved language becomes the run's (`run_lang`), for the one-line errors after it."""
    from icpfile.cli import settings as resolver

    try:
        chosen = resolver.resolve(**given)  # type: ignore[arg-type]
    except resolver.ConfigError as exc:
        raise usage_error(said(exc)) from None
    set_run_lang(chosen.lang)
    return chosen


def parse_today(today: str | None) -> dt.date:
    """`--today` as a date (today when not given), within TODAY_RANGE."""
    from icpfile.values.dates import parse_day

    day = parse_day(today) if today else dt.date.today()
    if day is None:
        raise fail("today_form", today=today)
    if not TODAY_RANGE[0] <= day <= TODAY_RANGE[1]:
        raise fail("today_range", first=TODAY_RANGE[0], last=TODAY_RANGE[1], day=day)
    return day


def report_format(chosen: str | None) -> str:
    """--format or the settings file's, else `github` inside GitHub Actions, else `text`."""
    return chosen or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


def refuse_output_over_input(output: Path | None, paths: list[Path | None]) -> None:
    """`-o FILE` naming a file being checked would overwrite the draft with its report."""
    if output is None or not output.exists():
        return
    for path in paths:
        try:
            same = path is not None and os.path.samefile(output, path)
        except OSError:
            same = False
        if same:
            raise fail("output_is_input", output=output)


def footer_numbers(number: str, police: str | None) -> tuple[str, str | None]:
    """`--number` and `--police` of both footer commands, checked once: (number, police) stripped.

    The number is a website's or its subject's filing number (指南 11: a site may show either); the
    police number, when given, must be a public-security number of the number's province."""
    from icpfile.footer.snippet import number_problem, number_province, police_problem

    number = number.strip()
    problem = number_problem(number, "", subject=True)
    if problem:
        raise fail("number_bad", number=number, problem=problem)
    if police is not None:
        police = police.strip()
        trouble = police_problem(police, number_province(number))
        if trouble:
            raise fail("police_bad", police=police, problem=trouble)
    return number, police
