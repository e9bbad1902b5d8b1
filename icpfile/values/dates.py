"""Dates, parsed one way everywhere: `--today`, `id_expiry`, the wizard's state and `status`.

What a person types for a day (`--today`, a wizard's date prompt) is read by `written_day`:
`2026-11-20`, `2026/11/20`, `2026.11.20`, `2026年11月20日`. What a file holds is stricter: there
a day is written `YYYY-MM-DD` and nothing else (Python's `fromisoformat` would also take
`20261129` and `2026-W48-7`, which no user means). A recorded moment is ISO 8601 with or without
a time; one with a time zone is turned into local time without one, so it compares with `now()`.
Bad text is None, never an exception; so is a year outside 1900–2199 (`YEARS`): no filing date
lies there, and a deadline counted from 9999-12-31 overflowed into an internal error (breaker21 K22).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
YEARS = (1900, 2199)


def _in_years(year: int) -> bool:
    return YEARS[0] <= year <= YEARS[1]


def parse_day(text: object) -> dt.date | None:
    """`2026-11-29` → date(2026, 11, 29); anything else (or an impossible date) → None."""
    if not isinstance(text, str) or not _DAY.fullmatch(text.strip()):
        return None
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        return None
    return day if _in_years(day.year) else None


@cache
def _written_day() -> re.Pattern[str]:  # compiled at its first use, not at import (#23)
    return re.compile(r"([0-9]{4})[.．/年\-]([0-9]{1,2})[.．/月\-]([0-9]{1,2})日?")


def iso_day_text(text: object) -> str | None:
    """A day as people write it, `2026/11/20`, `2026.11.20`, `2026年11月20日`, `2026-11-20`, as
    `2026-11-20` (its shape only: `2026/02/30` gives `2026-02-30`, which `parse_day` refuses); else None."""
    match = _written_day().fullmatch(text.strip()) if isinstance(text, str) else None
    return f"{match.group(1)}-{int(match.group(2)):02d}-{int(match.group(3)):02d}" if match else None


def written_day(text: object) -> dt.date | None:
    """A day as people write it (`iso_day_text`'s forms), or None: the one reading of a typed day,
    for `--today` and the wizard's date prompts alike (walker41: `--today 2026/12/01` was refused
    while the prompts took `2026/11/20`)."""
    return parse_day(iso_day_text(text))


def parse_moment(text: object, zone: bool = True) -> dt.datetime | None:
    """`2026-11-29`, `2026-11-29T10:00`, `2026-11-29T10:00+08:00` → a naive local datetime, or None.

    `zone=False` refuses a moment with a time zone (None): the wizard's state records local time only.
    """
    if not isinstance(text, str) or not _DAY.match(text.strip()):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if (moment.tzinfo and not zone) or not _in_years(moment.year):
        return None
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def day_of(text: object) -> dt.date | None:
    """The day a recorded date or moment falls on (`2026-11-29T10:00` → 2026-11-29), or None."""
    moment = parse_moment(text)
    return moment.date() if moment else None


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months, clamped to the month's last day (Nov 30 + 3 → Feb 28/29)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_on(born: dt.date, day: dt.date) -> int:
    """Full years from `born` to `day` (ICP804's ages, 居民身份证法's 16 and 46; ICP369's 18)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
