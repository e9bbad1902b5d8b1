"""Hostile-input findings (second round): one test per kind, each failing before its fix."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from icpfile.cli import app


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def name_rules(name: str, *extra: str) -> set[str]:
    result = run("name", name, "--province", "浙江省", "--nature", "personal", "--format", "json", *extra)
    return {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}


# -- 1. separators a provider accepts cannot hide a word ---------------------------------------------

@pytest.mark.parametrize(("name", "code"), [
    ("静夜读书论-坛", "ICP210"), ("静夜读书(论)坛", "ICP210"), ("静夜读书论（坛）", "ICP210"),
    ("静夜读书博-客", "ICP218"), ("中-国静夜读书", "ICP204"), ("(中国)静夜读书", "ICP204"),
])
def test_symbols_tencent_accepts_do_not_hide_a_word(name: str, code: str) -> None:
    found = name_rules(name, "--provider", "tencent")
    assert code in found and "ICP203" not in found


def test_a_gambling_word_split_by_a_hyphen_is_still_found() -> None:
    result = run("name", "赌-博静夜读书", "--province", "浙江省", "--nature", "enterprise", "--format", "json",
                 "--provider", "tencent")
    assert "ICP206" in {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}


# -- 2. whitespace and controls cannot hide a word; invisible ones are hidden characters ------------

@pytest.mark.parametrize("sep", [" ", "\t", "\u3000", "\u2028", "\x1b", "\x7f", "\b", "\u2800", "\x85"])
def test_whitespace_and_controls_do_not_hide_a_word(sep: str) -> None:
    assert "ICP210" in name_rules(f"静夜读书论{sep}坛")


@pytest.mark.parametrize("sep", ["\t", "\u2028", "\x1b", "\x7f", "\b", "\u2800", "\x85"])
def test_invisible_separators_are_hidden_characters(sep: str) -> None:
    assert "ICP230" in name_rules(f"静夜读书论{sep}坛")


@pytest.mark.parametrize("sep", [" ", "\u3000", "-"])
def test_visible_separators_are_not_hidden_characters(sep: str) -> None:
    assert "ICP230" not in name_rules(f"静夜读书{sep}笔记")
