"""Chinese text as the naming rules count it.

"汉字" is `\\p{Unified_Ideograph}` from the `regex` package: it knows Unicode 17 (CJK Extensions H–J,
which Python 3.11's `unicodedata` does not) and excludes look-alikes such as Kangxi radicals
(⼀ U+2F00) and compatibility ideographs, which a reviewer would not accept as characters.
"""

from __future__ import annotations

import unicodedata

import regex

_HANZI = regex.compile(r"\p{Unified_Ideograph}")
_ALNUM_ONLY = regex.compile(r"^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\s]+$")


def hanzi_count(value: str) -> int:
    return len(_HANZI.findall(value))


def only_digits_or_latin(value: str) -> bool:
    return bool(_ALNUM_ONLY.match(value))


def special_characters(value: str, allow: str = "") -> list[str]:
    """Punctuation, symbols, emoji and spaces in `value` (each once, in order), except `allow`."""
    found: list[str] = []
    for char in value:
        if char in allow or char in found:
            continue
        category = unicodedata.category(char)
        if category[0] in "PSZC" and not _HANZI.match(char):
            found.append(char)
    return found
