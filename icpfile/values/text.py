"""Chinese text as the naming rules count it.

"汉字" is `\\p{Unified_Ideograph}` from the `regex` package: it knows Unicode 17 (CJK Extensions H–J,
which Python 3.11's `unicodedata` does not) and excludes look-alikes such as Kangxi radicals
(⼀ U+2F00), 々 and compatibility ideographs, which a reviewer would not accept as characters.
`regex` is imported only for text outside the basic CJK block: below U+3400 nothing is a unified
ideograph and U+4E00–U+9FFF all are (since Unicode 14), which covers nearly every name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

_ALNUM_ONLY = re.compile(r"^[0-9A-Za-z０-９Ａ-Ｚａ-ｚ\s]+$")


@cache
def _unified_ideograph() -> Any:
    import regex

    return regex.compile(r"\p{Unified_Ideograph}")


def is_hanzi(char: str) -> bool:
    if char < "\u3400":
        return False
    if "\u4e00" <= char <= "\u9fff":
        return True
    return bool(_unified_ideograph().match(char))


def hanzi_count(value: str) -> int:
    return sum(1 for char in value if is_hanzi(char))


def only_digits_or_latin(value: str) -> bool:
    return bool(_ALNUM_ONLY.match(value))


def special_characters(value: str, allow: str = "") -> list[str]:
    """Punctuation, symbols, emoji and spaces in `value` (each once, in order), except `allow`.

    Linear: each distinct character is judged once (a set, not a scan of what was found)."""
    found: dict[str, None] = {}
    seen: set[str] = set(allow)
    for char in value:
        if char in seen:
            continue
        seen.add(char)
        if unicodedata.category(char)[0] in "PSZC" and not is_hanzi(char):
            found[char] = None
    return list(found)
