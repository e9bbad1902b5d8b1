"""What several commands share: the usage error, settings, `--today`, `--format`, footer numbers.

Each helper either returns a checked value or raises `typer.Exit(2)` after one line on stderr
(`icpfile: what is wrong`), so a command body reads as its steps.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from icpfile.cli.output import usage_error

LANG_HELP = "zh or en (default: the settings file, else LANG/LC_ALL)."
TODAY_RANGE = (dt.date(1990, 1, 1), dt.date(2199, 12, 31))  # deadlines are counted from it: keep room


def settings(**given: object):
    """The one step that resolves settings: the command line over the settings file over defaults."""
    from icpfile.cli import settings as resolver

    try:
        return resolver.resolve(**given)  # type: ignore[arg-type]
    except resolver.ConfigError as exc:
        raise usage_error(str(exc)) from None


def parse_today(today: str | None) -> dt.date:
    """`--today` as a date (today when not given), within TODAY_RANGE."""
    from icpfile.values.dates import parse_day

    day = parse_day(today) if today else dt.date.today()
    if day is None:
        raise usage_error(f"--today must be a date like 2026-11-29, not '{today}'")
    if not TODAY_RANGE[0] <= day <= TODAY_RANGE[1]:
        raise usage_error(f"--today must be between {TODAY_RANGE[0]} and {TODAY_RANGE[1]}, not {day}")
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
            raise usage_error(f"-o {output} is a file being checked; write the report elsewhere")


def footer_numbers(number: str, police: str | None) -> tuple[str, str | None]:
    """`--number` and `--police` of both footer commands, checked once: (number, police) stripped.

    The number is a website's or its subject's filing number (指南 11: a site may show either); the
    police number, when given, must be a public-security number of the number's province."""
    from icpfile.footer.snippet import number_problem, number_province, police_problem

    number = number.strip()
    problem = number_problem(number, "", subject=True)
    if problem:
        raise usage_error(f"--number {number}: {problem}")
    if police is not None:
        police = police.strip()
        trouble = police_problem(police, number_province(number))
        if trouble:
            raise usage_error(f"--police '{police}': {trouble}")
    return number, police
