"""Blank is empty (issue 24.5; the s3 breaker's V01–V07): a value a reader sees as empty is ICP106,
and spacing marks (Mc) and stray letter numbers (Nl) hide no banned word."""

from __future__ import annotations

import pytest

from icpfile.values.text import fold, hidden_characters, is_blank

from conftest import check_text, codes, dump, example_base, invoke

BLANKS = [" ", "   ", "\u3000", "\u200b", "\u3000\u200b ", "\u00a0", "\ufeff", "\u2060", "\u2800", "\u3164",
          "\t", "\u2003\u2028"]


@pytest.mark.parametrize("value", BLANKS)
def test_blank_text_is_blank(value: str) -> None:
    assert is_blank(value)


@pytest.mark.parametrize("value", ["", "a", " 静 ", "\u3000x", "〇", "\u0301"])
def test_text_with_something_to_see_is_not_blank(value: str) -> None:
    assert not is_blank(value)


@pytest.mark.parametrize("pointer", ["/websites/0/name", "/subject/city", "/subject/district",
                                     "/subject/certificate/address"])
@pytest.mark.parametrize("value", [" ", "\u3000", "\u200b\u3000"])
def test_a_blank_required_value_is_icp106(pointer: str, value: str) -> None:
    draft = example_base("personal")
    parts = pointer.strip("/").split("/")
    node = draft
    for part in parts[:-1]:
        node = node[int(part)] if part.isdigit() else node[part]
    node[parts[-1]] = value
    found = check_text(dump(draft))
    assert [f.pointer for f in found if f.rule == "ICP106"] == [pointer], [(f.rule, f.pointer) for f in found]
    assert any(f.severity.value == "error" for f in found)


def test_name_command_calls_a_blank_name_empty() -> None:
    for name in ("  ", "\u3000\u200b"):
        result = invoke("name", name, "--province", "浙江", "--nature", "personal")
        assert result.exit_code == 1, result.output
        assert "ICP106" in result.output


@pytest.mark.parametrize("mark", ["\u302e", "\u0903", "\u3021"])
def test_spacing_marks_and_letter_numbers_hide_no_banned_word(mark: str) -> None:
    """HANGUL SINGLE DOT TONE MARK (Mc), DEVANAGARI SIGN VISARGA (Mc), HANGZHOU NUMERAL ONE (Nl)."""
    name = f"静夜读书论{mark}坛"
    assert fold(name) == "静夜读书论坛"
    assert hidden_characters(name) == [(5, mark)]
    draft = example_base("personal")
    draft["websites"][0]["name"] = name
    found = codes(check_text(dump(draft)))
    assert "ICP210" in found and "ICP230" in found


@pytest.mark.parametrize("name", ["静夜读书二〇二四", "静夜读书Ⅱ"])
def test_chinese_zero_and_roman_numerals_stay(name: str) -> None:
    """〇 (U+3007, Nl) is a Chinese numeral; Ⅱ folds to II by NFKC: neither is a stray letter."""
    assert hidden_characters(name) == []
    assert "〇" in fold(name) or "II" in fold(name)
