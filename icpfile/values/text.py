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
from functools import cache, lru_cache
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


@cache
def _fold_patterns() -> Any:
    import regex

    # Invisible (default-ignorable: ZWSP, soft hyphen, variation selectors, the Hangul fillers)
    # and combining marks: a reviewer reads 论\u200b坛 and 论\u0301坛 as 论坛.
    return regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}]+")


def _simplified_only(value: str) -> bool:
    """True when no character can be traditional: everything is ASCII or in GB 2312 (which holds
    simplified characters only), so the converter need not be loaded."""
    try:
        value.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@cache
def _t2s() -> Any:
    import opencc  # the OpenCC project's converter and tables: 50 ms, loaded only when needed

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1024)
def fold(value: str) -> str:
    """A name as word and prefix checks read it: NFKC (compatibility ideographs 例 U+F9B5 → 例,
    full-width → ASCII), without default-ignorable code points and combining marks, traditional
    characters converted to simplified (論壇 → 论坛; OpenCC t2s). Linear in `value`.

    Only for matching: messages show what was typed. Source: UTS 39 (skeletons fold look-alikes
    before comparing); 指南 3.1 (the word lists are written in simplified characters).
    """
    if value.isascii() or _simplified_only(value):
        return value
    text = _fold_patterns().sub("", unicodedata.normalize("NFKC", value))
    return text if _simplified_only(text) else _t2s().convert(text)


def hidden_characters(value: str) -> list[tuple[int, str]]:
    """(index, character) of what has no place in a Chinese name: invisible characters, combining
    marks, and letters that are neither Han nor Latin (Hangul ㅤ, kana, Cyrillic а, Greek ο, the
    compatibility ideographs such as 例 U+F9B5, 々). Source: UTS 39 (identifier profile, mixed
    scripts); 指南 3.1 (a name is Chinese characters, with letters or digits where allowed)."""
    found: list[tuple[int, str]] = []
    invisible = None
    for index, char in enumerate(value):
        if char.isascii() or "\u4e00" <= char <= "\u9fff":
            continue
        category = unicodedata.category(char)
        if category[0] == "L":
            if not is_hanzi(char) and not _latin_or_fullwidth(char):
                found.append((index, char))
        elif category in ("Mn", "Me", "Cf") or category[0] == "C":
            found.append((index, char))
        else:
            invisible = invisible or _fold_patterns()
            if invisible.match(char):
                found.append((index, char))
    return found


def _latin_or_fullwidth(char: str) -> bool:
    return "\uff21" <= char <= "\uff3a" or "\uff41" <= char <= "\uff5a" or unicodedata.name(char, "").startswith(
        "LATIN ")


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
