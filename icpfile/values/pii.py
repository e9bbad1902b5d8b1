"""Personal data in messages: ID numbers and phone numbers are masked unless asked otherwise.

A draft holds real people's ID numbers and mobiles, and lint output ends up in CI logs. Masking
is by shape, not by field: every echoed value passes through `mask_text`, which masks every run
of 11 or more digits (spaces and hyphens between them allowed: a mobile, one with 86 or an
extension, a resident ID with its check character, a card number) wherever it is, so an ID
typed into `mobile`, `id_type` or an e-mail address (`13912345678@163.com`) is masked too.
Two shapes are left alone unless they start like a mobile (1 and 3–9): 12 digits starting with
0 (a landline with its area code, masked where a check wraps it in `Pii`) and 14 digits (a
public-security filing number, 浙公网安备 33010602011234号, which a site shows publicly).
A masked run shows a fixed number of its digits, the first 3 and the last 4 (`138****8000`,
`110***********002X`): never a birth date. Dates are not IDs: a run made only of dates
(`2026-11-20 2027-01-01`, a validity period `20261120-20361120`) is shown as it is, and a date at
either end of a run beside a number is peeled off and the number masked alone (`2026-11-20
139****5678`); a date inside a run (`110105 19491231 002X`) stays part of it. An IPv4 address
(`192.168.100.200`) is not masked. A check may still wrap a shorter number in `Pii` (a landline,
a too-short ID) to mask it as well.
"""

from __future__ import annotations

import re
from functools import cache

from icpfile.records import Frozen

# Eleven or more digits (ASCII or full-width), single spaces or hyphens allowed between them, an
# optional ID check character X. Each repetition consumes one digit: linear, no backtracking blow-up.
# Issue 24.3: masked by digits whatever separates them (`139 - 1234 - 5678`, `110105 . 19491231 . 002X`):
# up to three separator characters (spaces, hyphens, dots, slashes) between two digits.
# A line break or a zero-width space inside counts as a separator too (breaker23 M3: an ID split by a
# line break in a 管局 reason showed 13 of its 18 digits).
_LONG_NUMBER = re.compile(r"[0-9０-９](?:[ \-./\u3000\r\n\u200b]{0,3}[0-9０-９]){10,}(?:[ \-./]{0,3}[Xx])?")
_ID_LIKE = re.compile(r"[0-9０-９]{13}")  # more digits in a row than any phone number has
_DIGIT = re.compile(r"[0-9０-９]")
SHOWN_HEAD, SHOWN_TAIL = 3, 4
# An IPv4 address (`192.168.100.200`: 12 digits) is a server's address, not a person's: left alone.
# No mobile or ID is written as four dot-separated groups of at most three digits.
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"


@cache
def _public_numbers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a unit's landline in the guide's form, an IPv4 address): compiled at the first long number
    to mask, not at import (#23: most runs mask none)."""
    return (re.compile(r"086-0[1-9][0-9]{1,2}-[2-9][0-9]{6,7}(?:-[0-9]{1,6})?$"),
            re.compile(rf"(?:{_OCTET}\.){{3}}{_OCTET}"))


# A date at the start or the end of a run (`2026-11-20 13912345678`, `20261120-20361120`, a validity
# period `2020.01.01-2040.01.01`) is a date, not digits of an ID: it is peeled off and the rest judged
# alone. Only at the ends: the birth date inside an ID typed with separators (`110105 19491231 002X`)
# stays part of the ID and is masked with it. A year is 19xx or 20xx (no region code of an ID starts
# so), month 1–12, day 1–31; compact (`20261120`) only as a whole group between separators.
_YMD = r"(?:19|20)[0-9]{2}(?P<sN>[-./])(?:0?[1-9]|1[0-2])(?P=sN)(?:0?[1-9]|[12][0-9]|3[01])"
_COMPACT = r"(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_SEPARATORS = " -./\u3000\r\n\u200b"


@cache
def _dates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a date at the start of a run, one at its end), compiled at the first run to peel (#23)."""
    return (re.compile(rf"(?:{_YMD.replace('sN', 's1')}|{_COMPACT})(?![0-9])"
                       rf"(?:[ \-./\u3000\r\n\u200b]{{0,3}}(?=[0-9])|$)"),
            re.compile(rf"(?:{_YMD.replace('sN', 's2')}|{_COMPACT})$"))


def _peel_dates(run: str) -> tuple[str, str, str]:
    """(dates at the start, the rest, dates at the end) of a run; each date tried once: linear."""
    date_start, date_end = _dates()
    start = 0
    while match := date_start.match(run, start):
        start = match.end()
    end = len(run)
    while end > start:
        window = max(start, end - 10)  # a date is at most 10 characters
        match = date_end.search(run[window:end])
        if match is None:
            break
        begin = window + match.start()
        if begin > start and run[begin - 1] not in _SEPARATORS:
            break  # digits run on into the date: part of a longer number
        end = begin
        while end > start and run[end - 1] in _SEPARATORS:
            end -= 1
    return run[:start], run[start:end], run[end:]


def _mask_run(run: str) -> str:
    head, rest, tail = _peel_dates(run)
    if head or tail:
        digits = len(_DIGIT.findall(rest))
        if digits == 0:
            return run  # dates only: `2026-11-20 2027-01-01`, `20261120-20361120`
        if digits >= 11:
            return head + _mask_digits(rest) + tail  # a date beside a number masked alone
        # A few digits beside a "date" are an ID split at its birth date only in an ID's shape: its
        # six-digit region before the date, or its three-digit sequence (and check) after it; masked
        # whole. Other digits beside a date are no ID's (a citation's `#731 2019-12-19`, walker30).
        checked = len(rest.rstrip(_SEPARATORS + "Xx")) < len(rest.rstrip(_SEPARATORS))  # ends in X
        region = bool(tail) and not head and digits == 6
        sequence = bool(head) and not tail and (digits == 4 or (digits == 3 and checked))
        if not (region or sequence):
            return run
    return _mask_digits(run)


def _mask_digits(run: str) -> str:
    positions = [m.start() for m in _DIGIT.finditer(run)]
    if run[-1] in "Xx":  # (separators before it are kept as typed)
        positions.append(len(run) - 1)
    digits = "".join(run[i] for i in positions)
    mobile_like = digits[0] == "1" and digits[1] in "3456789"
    if (len(digits) == 12 and digits[0] == "0") or (len(digits) == 14 and not mobile_like):
        return run
    # 086-0571-88888888(-123): a unit's public number, in the guide's form; or a server's IPv4.
    landline, ipv4 = _public_numbers()
    if landline.match(run) or ipv4.fullmatch(run):
        return run
    hidden = set(positions[SHOWN_HEAD : len(positions) - SHOWN_TAIL])
    return "".join("*" if i in hidden else c for i, c in enumerate(run))


# A unified social credit code with letters in it (GB 32100: `91310104MA1K000772`; a 个体工商户's
# is a person's): the digit runs above miss it (walker22: printed in full where an all-digit one is
# masked). Masked as an ID, its first 3 and last 4 characters shown; one with no letter is the
# digits' case. Each start is tried once, the look-around is one character: linear.
_USCC = re.compile(r"(?<![0-9A-Za-z])(?=[0-9]{0,17}[A-Z])[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"
                   r"(?![0-9A-Za-z])")


def mask_text(text: str) -> str:
    """Mask every ID-like or mobile-like run in `text` (see the module docstring); linear time."""
    if len(text) < 11:
        return text
    text = _USCC.sub(lambda m: mask_id(m.group(0)), text)
    return _LONG_NUMBER.sub(lambda m: _mask_run(m.group(0)), text)


def mask_id(value: str) -> str:
    """`11010519491231002X` → `110***********002X`; a short one keeps at most its last 4."""
    if len(value) >= 11:
        return value[:SHOWN_HEAD] + "*" * (len(value) - SHOWN_HEAD - SHOWN_TAIL) + value[-SHOWN_TAIL:]
    if len(value) <= 8:
        return "*" * len(value)
    return "*" * (len(value) - SHOWN_TAIL) + value[-SHOWN_TAIL:]


def mask_phone(value: str) -> str:
    """`13800138000` → `138****8000`; a landline keeps its area code and last four digits; an
    ID-like run typed as a phone is masked as one (at most 7 digits shown)."""
    masked = mask_text(value)  # by digits, not characters (issue 24.3: `139 - 1234 - 5678`)
    if _ID_LIKE.search(value) or masked != value:
        return masked
    if len(value) <= 7:
        return "*" * len(value)
    return value[:-8] + "****" + value[-4:] if len(value) > 11 else value[:3] + "*" * (len(value) - 7) + value[-4:]


class Pii(Frozen):
    value: str
    kind: str  # "id" or "phone"

    __slots__ = ("value", "kind")

    def __init__(self, value: str, kind: str) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "kind", kind)

    def show(self, full: bool) -> str:
        if full:
            return self.value
        return mask_id(self.value) if self.kind == "id" else mask_phone(self.value)

    def __str__(self) -> str:  # never leak by accident
        return self.show(False)
