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
    return regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}\p{Mc}]+")


# Default-ignorable code points that are letters (Lo): the Hangul fillers. Every other one is a
# mark (Mn) or a format/control character (C*), which `_kept` drops by category.
_IGNORABLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")


# Marks of every kind: non-spacing (Mn), enclosing (Me) and spacing (Mc: 论\u302e坛 with the Hangul
# single dot tone mark, 论\u0903坛 with a Devanagari visarga), none a part of a Chinese word.
_MARKS = ("Mn", "Me", "Mc")


def _stray_number_letter(char: str) -> bool:
    """A letter number (Nl) that is neither 〇 (U+3007, a Chinese numeral) nor a compatibility form
    NFKC turns into Latin letters (Ⅻ → XII): the Hangzhou numerals 〡–〩, runic and Gothic letters,
    which pass for a stroke between two characters (论\u3021坛)."""
    return (char != "\u3007" and unicodedata.category(char) == "Nl"
            and unicodedata.normalize("NFKC", char) == char)


def _kept(char: str) -> bool:
    """What a word check reads: letters, digits and the other visible characters a word is made
    of, not separators (punctuation, symbols, spaces: 论-坛, 论（坛）, 论 坛, 论\u2800坛), controls
    (ESC, DEL, BS, C1), format characters, combining marks of any kind (`_MARKS`), the Hangul
    fillers or a stray letter number (`_stray_number_letter`)."""
    if char.isascii():
        return char.isalnum()
    category = unicodedata.category(char)
    return (category[0] not in "PSZC" and category not in _MARKS and char not in _IGNORABLE_LETTERS
            and not _stray_number_letter(char))


# What is drawn as nothing or as space: white space of every script (U+3000, U+00A0, U+2003 …),
# format and control characters (U+200B, U+2060, U+FEFF), the Hangul fillers, the braille blank.
def is_blank(value: str) -> bool:
    """True for a non-empty text a reader sees as empty (`" "`, `"\u3000"`, `"\u200b "`): a field
    holding it is not filled in (ICP106). Stops at the first visible character."""
    if value and ("!" <= value[0] <= "~" or "\u4e00" <= value[0] <= "\u9fff"):  # visible ASCII, a CJK ideograph
        return False
    return bool(value) and all(
        char.isspace() or char in _IGNORABLE_LETTERS or char in _BLANK_SYMBOLS
        or unicodedata.category(char) in ("Cf", "Cc", "Zs", "Zl", "Zp") for char in value)


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


# The name rules fold each name inside their loops over prefixes and word entries, and count on
# this cache: it must hold every distinct name of one draft. 1,024 entries thrashed past about
# 1,000 websites (name rules 2.7–7.5× slower per website, #23.4); a draft holds at most 100,000
# values (load.yamltree.MAX_VALUES) and about 4,800 websites, far below 16,384 names.
@lru_cache(maxsize=1 << 14)
def fold(value: str) -> str:
    """A name as word and prefix checks read it: NFKC (compatibility ideographs 例 U+F9B5 → 例,
    full-width → ASCII), without separators of any kind (punctuation, symbols, spaces, controls:
    赌-博, 论（坛）, (中国), 论\t坛, 论\x1b坛, 论\u2800坛), default-ignorable code points and
    combining marks, traditional characters converted to simplified (論壇 → 论坛; OpenCC t2s).
    Linear in `value`.

    Separators go whatever a provider accepts in a name (Tencent accepts ( ) -): the word is still
    there for a reviewer, who reads 论-坛 as 论坛. Only for matching: messages show what was typed.
    Source: UTS 39 (skeletons fold look-alikes before comparing); 指南 3.1 (the word lists are
    written in simplified characters).
    """
    text = value if value.isascii() else unicodedata.normalize("NFKC", value)
    text = "".join(char for char in text if _kept(char))
    return text if _simplified_only(text) else _t2s().convert(text)


# Symbols drawn as nothing: the braille pattern blank (U+2800) passes for a space but is not one.
_BLANK_SYMBOLS = frozenset("\u2800")


def hidden_characters(value: str) -> list[tuple[int, str]]:
    """(index, character) of what has no place in a Chinese name: invisible characters (controls
    C0/C1 and DEL, format characters, line/paragraph separators, U+2800), marks of any kind
    (Mn, Me, Mc), stray letter numbers (〡, not 〇 or Ⅻ), and
    letters that are neither Han nor Latin (Hangul ㅤ, kana, Cyrillic а, Greek ο, the
    compatibility ideographs such as 例 U+F9B5, 々). Source: UTS 39 (identifier profile, mixed
    scripts); 指南 3.1 (a name is Chinese characters, with letters or digits where allowed)."""
    found: list[tuple[int, str]] = []
    invisible = None
    for index, char in enumerate(value):
        if char.isascii():
            if not " " <= char <= "~":  # C0 controls (ESC, BS, TAB …) and DEL
                found.append((index, char))
            continue
        if "\u4e00" <= char <= "\u9fff":
            continue
        category = unicodedata.category(char)
        if category[0] == "L":
            if not is_hanzi(char) and not _latin_or_fullwidth(char):
                found.append((index, char))
        elif (category[0] == "C" or category in (*_MARKS, "Zl", "Zp") or char in _BLANK_SYMBOLS
              or _stray_number_letter(char)):
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
