"""The run's language for the CLI's own words: help, usage errors, one-line errors (#22 P7).

Known from the command line before anything is parsed (`--lang`), else the settings file, else
LANG/LC_ALL; `common.settings` sets it once the settings are resolved.
"""

from __future__ import annotations

from pathlib import Path

_RUN_LANG: list[str] = []  # the run's language, once known (`run_lang`)
_CLI_LANG: list[str] = []  # `icpfile --lang zh CMD`: the root's --lang, for a command given none

LANG_HELP = "zh or en (default: the settings file, else LANG/LC_ALL)."


def lang_of(argv: list[str]) -> str | None:
    """The language `--lang zh` / `--lang=en` names on a command line, None when none is valid."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg.removeprefix("--lang=")
        if (arg == "--lang" or arg.startswith("--lang=")) and value in ("zh", "en"):
            return value
    return None


def without_lang(argv: list[str]) -> list[str]:
    """`argv` without its `--lang X` / `--lang=X` (the root's or a command's): what is left names
    the command (`icpfile --lang zh check …` runs `check`, W6)."""
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            out.append(arg)
    return out


def cli_lang() -> str | None:
    """The root's `--lang` (`icpfile --lang zh status x.yaml`), None when not given."""
    return _CLI_LANG[-1] if _CLI_LANG else None


def set_cli_lang(lang: str) -> None:
    _CLI_LANG[:] = [lang]


def run_lang(argv: list[str] | None = None) -> str:
    """The language of the CLI's own words (help, usage errors, one-line errors) for this run.

    Set once the settings are resolved (`settings`); before that (click's usage errors, `--help`)
    the command line's `--lang`, else the settings file's `lang` (unless `--isolated`), else
    LANG/LC_ALL, as `--lang` documents (README: "default: from LANG/LC_ALL")."""
    import sys

    if _RUN_LANG:
        return _RUN_LANG[-1]
    if _CLI_LANG and argv is None:
        return _CLI_LANG[-1]
    argv = sys.argv[1:] if argv is None else argv
    found = lang_of(argv)
    if found is None and "--isolated" not in argv:
        from icpfile.cli import settings as resolver

        try:
            found = str(resolver.find(Path.cwd())[1].get("lang") or "") or None
        except resolver.ConfigError as exc:  # a bad file that still says `lang = "zh"` is said in zh
            found = exc.lang
    if found is None:
        from icpfile.options import default_lang

        found = default_lang()
    return found if found in ("zh", "en") else "en"


def set_run_lang(lang: str) -> None:
    _RUN_LANG[:] = [lang]


def said(exc: Exception) -> str:
    """An error's one line in the run's language: a catalog `Said` by its key, any other as str()."""
    line = getattr(exc, "line", None)
    return line(run_lang()) if callable(line) and getattr(exc, "key", None) else str(exc)
