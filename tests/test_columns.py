"""Columns count code points, in every reporter (issue 24.9; docs/draft-format.md): after CJK and
astral characters, after escapes and doubled quotes, and for the reader's own errors (the s3
breaker's P01, P02, P04, P05)."""

from __future__ import annotations

import json
import re

import pytest

from icpfile.findings import FileReport
from icpfile.report import ReportOptions, reporter

from conftest import check_text, dump, example_base

EMOJI = "\U0001F600"  # one code point, two UTF-16 units, four UTF-8 bytes


@pytest.mark.parametrize(("text", "column"), [
    ('version: 1\nx_a: "中中\x01"\n', 9),
    (f'version: 1\nx_a: "{EMOJI}{EMOJI}\x01"\n', 9),
    ('version: 1\nx_a: "\u2028\x85中\x01"\n', 10),
])
def test_a_reader_error_is_at_the_character_not_the_byte(text: str, column: int) -> None:
    found = [f for f in check_text(text) if f.rule == "ICP006"]
    assert [(f.line, f.column) for f in found] == [(2, column)]


def _name_line(name: str) -> tuple[str, str]:
    draft = example_base("personal")
    draft["websites"][0]["name"] = "NAME"
    text = dump(draft).replace("name: NAME", f"name: {name}")
    line = next(x for x in text.splitlines() if f"name: {name}" in x)
    return text, line


@pytest.mark.parametrize(("typed", "char"), [
    ('"\\u00ad静夜读书\\u00ad论坛"', None),      # after an escape (P04): the second \u00ad as typed
    ("'静''夜读书\u00ad论坛'", "\u00ad"),       # after a doubled quote (P05)
    (f'"{EMOJI}静夜读书论\u00ad坛"', "\u00ad"),  # after an astral character
    (f"{EMOJI}静夜读书论\u00ad坛", "\u00ad"),    # plain
])
def test_icp230_points_at_the_character_as_typed(typed: str, char: str | None) -> None:
    text, line = _name_line(typed)
    expected = line.rindex("\\u00ad") + 1 if char is None else line.index(char) + 1
    found = [f for f in check_text(text) if f.rule == "ICP230"]
    assert found and max(f.column for f in found) == expected, (line, [(f.line, f.column) for f in found])


def test_every_reporter_says_the_same_column_after_cjk_and_an_astral_character() -> None:
    text, line = _name_line(f"{EMOJI}静夜读书论\u00ad坛")
    finding = next(f for f in check_text(text) if f.rule == "ICP230")
    column = line.index("\u00ad") + 1
    assert finding.column == column  # code points: the emoji is one column
    report = [FileReport("d.yaml", [finding])]
    options = ReportOptions()
    assert f"d.yaml:{finding.line}:{column} " in reporter("text")(report, options)
    assert json.loads(reporter("json")(report, options))["files"][0]["findings"][0]["column"] == column
    sarif = json.loads(reporter("sarif")(report, options))["runs"][0]
    assert sarif["columnKind"] == "unicodeCodePoints"
    assert sarif["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] == column
    assert re.search(rf",col={column},", reporter("github")(report, options))
    assert f"d.yaml:{finding.line}:{column} " in reporter("junit")(report, options)


def test_the_first_character_of_a_quoted_value_is_past_its_quote() -> None:
    text, line = _name_line('"\\u00ad静夜读书论坛"')
    found = [f for f in check_text(text) if f.rule == "ICP230"]
    assert [f.column for f in found] == [line.index("\\u00ad") + 1]
