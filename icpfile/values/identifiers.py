"""Check digits of Chinese identifiers: resident ID (GB 11643), USCC (GB 32100), org code (GB 11714).

Written here rather than taken from python-stdnum: stdnum's `cn.ric` rejects GB 11643's own example
`440524188001010014` through its birth-place-by-year lookup, and `cn.uscc` rejects letters in
the first eight characters, which GB 32100 allows (ecosystem.md §2.2). Each function is a few lines,
tested against the standards' worked examples (GB 11643-1999, GB 11714-1997, GB 32100-2015; docs/sources.md).
"""

from __future__ import annotations

import datetime as dt
import re

_RID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RID_SHAPE = re.compile(r"^[0-9]{17}[0-9Xx]$")


def rid_check_digit(body: str) -> str:
    """GB 11643 check character for the first 17 digits."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, _RID_WEIGHTS)) % 11]


def rid_birth_date(number: str) -> dt.date | None:
    """The birth date embedded in an 18-digit resident ID, or None if it is not a real date."""
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(body: str) -> str:
    """GB 32100 check character for the first 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, _USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


ORG_SHAPE = re.compile(r"^[0-9A-Z]{8}-?[0-9X]$")
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_check_char(body: str) -> str:
    """GB 11714 check character for the 8-character body of an organization code."""
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    remainder = 11 - sum(v * w for v, w in zip(values, _ORG_WEIGHTS)) % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))
