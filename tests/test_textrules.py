"""Counting 汉字: the fast path for the basic block agrees with \\p{Unified_Ideograph}."""

from __future__ import annotations

import regex

from icpfile.values.text import hanzi_count, is_hanzi, special_characters

UNIFIED = regex.compile(r"\p{Unified_Ideograph}")


def test_fast_path_agrees_with_the_unicode_property() -> None:
    for code in [*range(0x20, 0x3400, 7), *range(0x3400, 0xA000, 3), *range(0xF900, 0xFB00), 0x20000, 0x31350,
                 0x323B0, 0x2F00, 0x3005, 0x3007]:
        char = chr(code)
        assert is_hanzi(char) == bool(UNIFIED.match(char)), hex(code)


def test_counts_and_symbols() -> None:
    assert hanzi_count("云栖Cloud科技") == 4
    assert hanzi_count("⼀二三") == 2  # a Kangxi radical is a look-alike, not a character
    assert hanzi_count("\U00031350中文") == 3  # CJK Extension H
    assert special_characters("云栖·科技 官网！", allow="") == ["·", " ", "！"]
