"""Rule data checked against its JSON Schema when it is parsed, so a bad record fails loudly.

Our own records are checked when the wheel is built (`bundle.py`, which names each file's schema),
and in a source tree only when their bytes change (the parse is cached), so the check costs
nothing on an ordinary run; a mistake in a record is a ValueError naming the record's file and
place, caught by the test suite and the build before it ships. User packs are checked at load.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@cache
def _validator(name: str) -> Any:
    import jsonschema

    schema = json.loads((HERE / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def problems(data: Any, schema: str) -> list[tuple[list[str | int], str]]:
    """Every place `data` breaks `schema` (a file beside this one): (path, message), path-ordered."""
    errors = sorted(_validator(schema).iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [(list(e.absolute_path), e.message) for e in errors]


def checker(schema: str) -> Any:
    """A check for `read_data`: raise ValueError naming each place a data file breaks `schema`."""

    def check(data: Any) -> None:
        validate_against(data, schema, "rule data")

    return check


def validate_against(data: Any, schema: str, what: str) -> None:
    """Raise ValueError listing (up to five) ways `data` (the file `what`) breaks `schema`."""
    found = problems(data, schema)
    if found:
        lines = "; ".join("/" + "/".join(str(p) for p in path) + f": {message}" for path, message in found[:5])
        raise ValueError(f"{what} does not match {schema}: {lines}")


def validate_records(data: Any) -> None:
    """Raise ValueError listing every way a rule-record file breaks `record.schema.json`."""
    validate_against(data, "record.schema.json", "rule records")
