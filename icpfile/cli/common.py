"""What several commands share: the usage error, settings, `--today`, `--format`, footer numbers.

Each helper either returns a checked value or raises `typer.Exit(2)` after one line on stderr
(`icpfile: what is wrong`), so a command body reads as its steps.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from icpfile.cli.language import LANG_HELP, cli_lang, run_lang, said, set_run_lang
from icpfile.cli.output import fail, usage_error

TODAY_RANGE = (dt.date(1990, 1, 1), dt.date(2199, 12, 31))  # deadlines are counted from it: keep room


def settings(**given: object):
    """The one step that resolves settings: the command line over the settings file over defaults.

    The resolved language becomes the run's (`run_lang`), for the one-line errors after it."""
    from icpfile.cli import settings as resolver

    if given.get("lang") is None and cli_lang():  # `icpfile --lang zh CMD …` (W6)
        given["lang"] = cli_lang()
    try:
        chosen = resolver.resolve(**given)  # type: ignore[arg-type]
    except resolver.ConfigError as exc:
        raise usage_error(said(exc)) from None
    set_run_lang(chosen.lang)
    return chosen



def parse_today(today: str | None) -> dt.date:
    """`--today` as a date (today when not given), within TODAY_RANGE; written as the wizard's date
    prompts take it (`2026-12-01`, `2026/12/01`, `2026年12月1日`: values.dates.written_day)."""
    from icpfile.values.dates import written_day

    day = written_day(today) if today else dt.date.today()
    if day is None:
        from icpfile.values.echo import shown

        raise fail("today_form", today=shown(today))  # masked, escaped, cut as any echoed value (breaker42)
    if not TODAY_RANGE[0] <= day <= TODAY_RANGE[1]:
        raise fail("today_range", first=TODAY_RANGE[0], last=TODAY_RANGE[1], day=day)
    return day


def gitignore_advice(draft: Path, lang: str) -> str | None:
    """"Keep personal data out of git" and the lines for the draft folder's `.gitignore`, unless it
    lists `.icpfile/` already: what `init -o` prints, and the wizard when it starts a new draft
    (walker41 item 11), from one text. The `.gitignore` is read bounded (a link to /dev/zero is not
    read; issue 24.2, C03)."""
    from icpfile.data.words import say
    from icpfile.load.files import read_side_file
    from icpfile.sheets.run import GITIGNORE_LINES  # the lines import offers too: one list (walker21)

    ignore = draft.parent / ".gitignore"
    if ".icpfile/" in read_side_file(ignore).split():
        return None
    # The draft, its .bak, the wizard's state and its temporary files hold personal data.
    return say("init_gitignore", lang, ignore=ignore) + "\n" + "\n".join(GITIGNORE_LINES)


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


__all__ = ["LANG_HELP", "fail", "run_lang", "said", "settings", "usage_error"]  # re-exported for the commands
