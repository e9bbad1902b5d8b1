"""The sources the rules cite (`sources.yaml`), and which of them a record's `source` names.

A record's `source` is `; `-separated parts, each starting with a citation key:
`指南 3.1 附录二（…）; TXR` cites 指南 and TXR. `sources()` is every entry by key,
validated against `sources.schema.json` when the file is parsed (a ValueError names the place).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from icpfile.data.catalog import read_data


@dataclass(frozen=True, slots=True)
class Source:
    """One cited source. `date` is YYYY[-MM[-DD]] or "undated, seen YYYY-MM"."""

    key: str
    title: str
    publisher: str
    date: str
    supports: str
    url: str = ""
    path: str = ""
    note: str = ""


def _check(data: Any) -> None:
    from icpfile.data.validate import validate_against

    validate_against(data, "sources.schema.json", "sources.yaml")


@cache
def sources() -> dict[str, Source]:
    """Every source by its citation key, in the file's order."""
    return {key: Source(key=key, **entry) for key, entry in read_data("sources.yaml", check=_check)["sources"].items()}


def key_of(part: str) -> str | None:
    """The key a citation part starts with (the longest that fits), or None.

    A key must be followed by the end, a space or an opening bracket: `TXR, QC` → TXR, `TXRX` → None.
    """
    fits = [k for k in sources() if part.startswith(k) and (len(part) == len(k) or part[len(k)] in " ,（(：:")]
    return max(fits, key=len) if fits else None


def parts(source: str) -> list[str]:
    """`a; b` → ['a', 'b']."""
    return [p.strip() for p in source.split("; ") if p.strip()]


def cited(source: str) -> list[Source]:
    """The sources a record's `source` names, first-cited first, each once; unknown parts are left out."""
    found: dict[str, Source] = {}
    for part in parts(source):
        key = key_of(part)
        if key is not None:
            found.setdefault(key, sources()[key])
    return list(found.values())
