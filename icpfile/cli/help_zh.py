"""`--help` in Chinese: the built command tree's help texts, and typer's own words, from the catalog.

Imported only when the run's language is zh and help is to be shown (`registry.main`), so an
English run and every ordinary command never pay for it. The texts come from `data/words.yaml`:
`help` (our English help → Chinese, English as the msgid) and `click` (typer's and click's own
words). Typer 0.28 vendors click without its gettext calls, so click's own extension points are
used instead: each command gets a Context class whose formatter writes `用法：` and whose help
option says its help in Chinese, and typer's rich panel titles are its module's settings.
"""

from __future__ import annotations

from typing import Any

import typer
from typer import rich_utils

from icpfile.data.words import click_zh, help_zh, paragraphs

# typer's rich help settings (module globals it reads when it renders) → the English they hold.
RICH_WORDS = ("ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "DEFAULT_STRING",
              "REQUIRED_LONG_STRING", "ENVVAR_STRING", "DEPRECATED_STRING")


class ZhFormatter(typer.Context.formatter_class):  # click's HelpFormatter, wherever typer takes it from
    """click's formatter with a Chinese usage prefix (`用法： icpfile check [OPTIONS] PATHS...`)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, click_zh("Usage: ") if prefix is None else prefix)


class ZhContext(typer.Context):
    """A context whose help is Chinese: its formatter, and its command's `--help` option."""

    formatter_class = ZhFormatter

    def __init__(self, command: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(command, *args, **kwargs)
        option = command.get_help_option(self)
        if option is not None:
            option.help = help_zh(option.help)


def translate(command: Any) -> None:
    """Every help text of `command` and the commands below it in Chinese, in place."""
    for name in RICH_WORDS:
        setattr(rich_utils, name, click_zh(getattr(rich_utils, name)))
    _translate(command)


def _translate(command: Any) -> None:
    command.context_class = ZhContext
    for attribute in ("help", "short_help", "epilog"):
        text = getattr(command, attribute, None)
        if isinstance(text, str):
            setattr(command, attribute, help_zh(text))
    for param in command.params:
        if isinstance(getattr(param, "help", None), str):
            param.help = help_zh(param.help)
    for sub in (getattr(command, "commands", None) or {}).values():
        _translate(sub)


def help_texts(command: Any) -> list[str]:
    """Every help paragraph of the tree, as written in the code (whitespace folded): the msgids
    the catalog's `help` table must translate (tests/test_words.py). Epilogs are left out: one
    made from data comes in each language from its module (`rules.epilog`)."""
    found = []
    for attribute in ("help", "short_help"):
        text = getattr(command, attribute, None)
        if isinstance(text, str):
            found += paragraphs(text)
    found += [part for p in command.params if isinstance(getattr(p, "help", None), str) for part in paragraphs(p.help)]
    for sub in (getattr(command, "commands", None) or {}).values():
        found += help_texts(sub)
    return found


def tree(app: typer.Typer) -> Any:
    """The click command tree typer builds from `app`."""
    return typer.main.get_command(app)
