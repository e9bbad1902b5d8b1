"""Rule data checked against its JSON Schema when it is parsed, so a bad record fails loudly.

Our own records are checked when the wheel is built (`bundle.py`, which names each file's schema),
and in a source tree only when their bytes change (the parse is cached), so the check costs
nothing on an ordinary run; a mistake in a record is a ValueError naming the record's file and
place, caught by the test suite and the build before it ships. User packs are checked at load.
"""

from __future__ import annotations

import json
import re
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


def validate_records(data: Any, what: str = "rule records") -> None:
    """Raise ValueError listing every way a rule-record file breaks `record.schema.json`, then
    the message variants' own checks (`variant_problems`)."""
    validate_against(data, "record.schema.json", what)
    found = variant_problems(data)
    if found:
        raise ValueError(f"{what}: " + "; ".join(found[:5]))


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def fields(template: str) -> set[str]:
    """The `{field}`s a message template fills from its issue's parameters."""
    return set(_FIELD.findall(template))


def variant_problems(data: dict[str, Any]) -> list[str]:
    """What the schema cannot say about a record's message variants (`messages:`), for a record
    file that matches it: a variant's zh fills a field its en does not (the en may quote a
    library's own English words that the zh restates, as ICP405 does, but a value the Chinese
    shows is shown in English too); a fail example that does not name the variant it gives; an
    example names a variant the record lacks; a variant (not the default, which may be a
    fallback no example can make, an OS error) that no fail example names: its fields would never
    be shown filled by the check (tests/test_rules.py renders every example in both languages and
    refuses a `{field}` left over)."""
    found: list[str] = []
    for index, record in enumerate(data.get("rules") or []):
        code = record.get("code", f"/rules/{index}")
        variants = {name: entry["text"] for name, entry in (record.get("messages") or {}).items()}
        for name, text in variants.items():
            if not fields(text["zh"]) <= fields(text["en"]):
                found.append(f"{code} message {name}: zh fills {sorted(fields(text['zh']))}, "
                             f"en only {sorted(fields(text['en']))}")
        if not variants:
            if any(e.get("message") for e in record.get("examples") or []):
                found.append(f"{code}: an example names a message variant, and the record has none")
            continue
        named: set[str] = set()
        for at, example in enumerate(record.get("examples") or []):
            if example.get("expect") != "fail":
                continue
            if not example.get("message"):
                found.append(f"{code} example {at}: a record with message variants names the one each "
                             "fail example gives (message: default or a variant)")
            named.add(example.get("message") or "default")
        for name in sorted(named - {"default", *variants}):
            found.append(f"{code}: an example names message {name}, which the record does not have")
        for name in sorted(set(variants) - named):  # the default may be a fallback no example can make (an OS error)
            found.append(f"{code}: message {name} is named by no fail example")
    return found
