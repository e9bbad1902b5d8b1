"""What icpfile does with each statement of each authoritative source (`coverage.yaml`, #18).

A rule built from the case it was made for misses what the same source says a line further on.
`coverage.yaml` lists, source by source, every statement read in it (restated, never copied) with
either the rule codes that check it or why none does (`not_checked`: live content, photos, a
registry icpfile cannot read, a judgement left to the reviewer), marked `gap` where a draft would
show it and no rule checks it yet. `read` says how much of the source
the list covers: `whole` (read end to end), `part` (the parts `scope` names) or `cited` (only the
statements the rules cite: not yet read end to end). Validated by `coverage.schema.json` when
parsed (build time for a wheel); `scripts/gen_coverage.py` writes `docs/coverage.md` from it and
`tests/test_coverage.py` holds the page, the codes and the stated rules to it. Nothing at run time
reads it: it is documentation that can fail a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from icpfile.data.catalog import read_data


@dataclass(frozen=True, slots=True)
class Statement:
    """One statement: where in the source (`at`), what it says, and the codes or the reason."""

    at: str
    says: str
    codes: tuple[str, ...] = ()
    not_checked: str = ""
    note: str = ""
    gap: bool = False  # checkable from a draft, no rule yet: a miss, not a limit of what a draft shows


@dataclass(frozen=True, slots=True)
class Covered:
    """One source's statements; `source` is a key of sources.yaml."""

    source: str
    read: str
    statements: tuple[Statement, ...]
    scope: str = ""
    copy: str = ""
    read_on: str = ""  # the day it was read end to end (whole or part), YYYY-MM-DD

    @property
    def checked(self) -> int:
        """How many of its statements a rule checks."""
        return sum(1 for s in self.statements if s.codes)

    @property
    def gaps(self) -> int:
        """How many of its statements a draft could show but no rule checks yet."""
        return sum(1 for s in self.statements if s.gap)


def _statement(entry: dict[str, Any]) -> Statement:
    return Statement(
        at=entry["at"],
        says=entry["says"],
        codes=tuple(entry.get("codes") or ()),
        not_checked=entry.get("not_checked", ""),
        note=entry.get("note", ""),
        gap=bool(entry.get("gap", False)),
    )


def coverage() -> list[Covered]:
    """Every covered source, in the file's order (a ValueError names a place that breaks the schema)."""
    return [
        Covered(
            source=entry["source"],
            read=entry["read"],
            statements=tuple(_statement(s) for s in entry["statements"]),
            scope=entry.get("scope", ""),
            copy=entry.get("copy", ""),
            read_on=entry.get("read_on", ""),
        )
        for entry in read_data("coverage.yaml")["sources"]
    ]
