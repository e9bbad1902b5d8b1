"""Inline `# icpfile: disable=` comments silence exactly what they name, where they stand."""

from __future__ import annotations

from conftest import (
    apply_example,
    check_text,
    codes,
    dump,
    example_base,
)

PERSONAL = apply_example({"base": "personal", "set": {"/websites/0/name": "杭州读书笔记"}})


def test_a_comment_after_the_value_silences_that_line() -> None:
    assert "ICP213" in codes(check_text(PERSONAL))
    text = PERSONAL.replace("name: 杭州读书笔记", "name: 杭州读书笔记  # icpfile: disable=ICP213")
    assert "ICP213" not in codes(check_text(text))


def test_a_comment_alone_silences_the_next_line_and_takes_prefixes() -> None:
    text = PERSONAL.replace("- name: 杭州读书笔记", "# icpfile: disable=ICP21\n- name: 杭州读书笔记")
    assert not [c for c in codes(check_text(text)) if c.startswith("ICP21")]


def test_other_codes_and_lines_are_untouched() -> None:
    text = PERSONAL.replace("name: 杭州读书笔记", "name: 杭州读书笔记  # icpfile: disable=ICP212")
    assert "ICP213" in codes(check_text(text))


def test_file_wide_and_never_for_reading_problems() -> None:
    text = "# icpfile: disable-file=ICP213, ICP706\n" + PERSONAL
    found = codes(check_text(text))
    assert "ICP213" not in found and "ICP706" not in found
    broken = "# icpfile: disable-file=ICP007\nversion: 1\nversion: 1\n"
    assert "ICP007" in codes(check_text(broken))


def test_a_directive_inside_a_block_scalar_is_text_not_a_comment() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("personal")
    data["websites"][0]["name"] = "静夜读书论坛"
    text = dump(data).replace("remarks: 本网站为个人网站，用于记录读书笔记。",
                              "remarks: |\n    本网站为个人网站。\n    # icpfile: disable-file=ICP2\n")
    assert "disable-file" in text
    assert any(f.rule.startswith("ICP2") for f in check_text(text))
    real = text + "# icpfile: disable-file=ICP2\n"
    assert not any(f.rule.startswith("ICP2") for f in check_text(real))
