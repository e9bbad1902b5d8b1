"""Inline `# icpfile: disable=` comments silence exactly what they name, where they stand."""

from __future__ import annotations

from conftest import apply_example, check_text, codes

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
