"""Regular expressions from rule data, run so that a hostile pattern cannot stall a run.

Our own patterns (national.yaml, provinces.yaml) are reviewed and run with `re`. A pattern a
user pack brings (`--rules`, `personal_name_pattern: '^(a+)+$'`) may backtrack catastrophically:
a 29-character name against `(a+)+$` took 24 s, doubling per character. Such a pattern runs with
the `regex` package's `timeout` (`TIMEOUT` seconds per call); a call that runs out, or a pattern
that does not compile, raises `PackPatternError`, which the engine reports as ICP016 for that
rule while every other rule still runs.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

TIMEOUT = 0.25  # seconds per match; a real pattern against a name takes microseconds


class PackPatternError(Exception):
    """A rule-data pattern that timed out or does not compile; `pattern` is its source."""

    def __init__(self, pattern: str, reason: str) -> None:
        super().__init__(f"{reason}: {pattern}")
        self.pattern = pattern
        self.reason = reason


def _strings(value: Any, into: set[str]) -> set[str]:
    if isinstance(value, dict):
        for item in value.values():
            _strings(item, into)
    elif isinstance(value, list):
        for item in value:
            _strings(item, into)
    elif isinstance(value, str):
        into.add(value)
    return into


@cache
def _builtin_strings() -> frozenset[str]:
    from icpfile.data.catalog import read_data

    return frozenset(_strings([read_data("national.yaml"), read_data("provinces.yaml")], set()))


@cache
def _compiled(source: str) -> tuple[Any, bool]:
    """(compiled pattern, guarded): `re` for our own patterns, `regex` with a timeout otherwise."""
    if source in _builtin_strings():
        return re.compile(source), False
    import regex

    try:
        return regex.compile(source), True
    except (regex.error, TypeError, ValueError) as exc:
        raise PackPatternError(source, f"invalid pattern ({exc})") from None


def match(source: str, text: str, how: str = "match") -> Any:
    """`re.match`/`search`/`fullmatch` (`how`) of the rule-data pattern `source` against `text`.

    Raises PackPatternError when a user pack's pattern does not compile or takes over TIMEOUT s.
    """
    pattern, guarded = _compiled(source)
    if not guarded:
        return getattr(pattern, how)(text)
    try:
        return getattr(pattern, how)(text, timeout=TIMEOUT)
    except TimeoutError:
        raise PackPatternError(source, f"took over {TIMEOUT} s") from None
