"""The command line's own words in zh and en: `words.yaml` beside this file (#22 P7).

Three tables, one file:

- `lines`: the one-line errors and notes of `icpfile/cli/` and `icpfile/commands/`, by key, each
  `{zh: …, en: …}` with the same `{fields}` in both (tests/test_words.py holds them to it).
  `say(key, lang, **fields)` formats one; `Said` is an error that carries a key and its fields, so
  a layer below the CLI can raise it and the CLI prints it in the run's language (`exc.line(lang)`).
- `help`: the English help texts written in the code (command docstrings, option `help=`) →
  their Chinese. English is the msgid, as in gettext: the code keeps reading as it did, and a test
  fails when a help text has no Chinese.
- `click`: the words typer and its vendored click print themselves (panel titles, `Usage:`,
  `No such option: {name}`, `Missing argument {param}` …), English template → Chinese template.
  Typer 0.28 vendors click without its gettext calls, so these are matched here instead
  (`click_zh`), when the run's language is zh.

Read through `read_data` (the wheel's prebuilt bundle, else parsed once and cached), only when
a message or a Chinese help is needed: an English `--help` never reads this file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any


@cache
def catalog() -> dict[str, Any]:
    """{"lines": {key: {zh, en}}, "help": {en: zh}, "click": {en template: zh template}}."""
    from icpfile.data.catalog import read_data

    return read_data("words.yaml", Path(__file__).resolve().parent)


def say(key: str, lang: str, **fields: object) -> str:
    """The error `key` in `lang` (zh or en; anything else reads as en), `fields` filled in.

    A key missing is a KeyError (the tests check every key used in the code is in the table)."""
    entry = catalog()["lines"][key]
    text = entry["zh" if lang == "zh" else "en"]
    return text.format(**fields) if fields else text


class Said(ValueError):
    """An error known by its catalog key: `str()` is the English line, `line(lang)` either."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key = key
        self.fields = fields
        super().__init__(say(key, "en", **fields))

    def line(self, lang: str) -> str:
        return say(self.key, lang, **self.fields)


def paragraphs(text: str) -> list[str]:
    """A help text's paragraphs (split at blank lines), each with its whitespace folded: the msgids
    of the `help` table (typer lists a command by its first paragraph)."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


def help_zh(text: str | None) -> str | None:
    """The Chinese of a help text written in English in the code, paragraph by paragraph; a
    paragraph the table has not is kept (a test keeps that from happening for our own texts)."""
    if not text:
        return text
    table = catalog()["help"]
    return "\n\n".join(table.get(part, part) for part in paragraphs(text))


@cache
def _click_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each English template of the `click` table as an anchored pattern (`{name}` → a group)."""
    found = []
    for english, chinese in catalog()["click"].items():
        parts = re.split(r"\{(\w+)\}", english)
        pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        found.append((re.compile(f"^{pattern}$", re.S), chinese))
    return tuple(found)


def click_zh(text: str) -> str:
    """A message typer or click printed in English, in Chinese when the table knows its shape.

    `No such option: --bogus Did you mean --lang?` is matched part by part: each sentence the
    table knows is translated and the rest kept, so an unknown shape stays readable English."""
    for pattern, chinese in _click_patterns():
        found = pattern.match(text)
        if found:
            fields = {k: click_zh(v) for k, v in found.groupdict().items()}
            return chinese.format(**fields) if fields else chinese
    return text
