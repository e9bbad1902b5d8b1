"""What was approved, in one cell: a `record:` copy written as its differences from the draft.

`record.subject` is a copy of `subject:` as approved, `record.websites[i].filed` a copy of a website
(`data/sheet_layout.yaml`, type `snapshot`). Most of the time the copy equals what the draft holds
now, so its cell is empty; after an edit it lists only what differs, one field a line:

    mailing_address: "浙江省杭州市西湖区文三路 1 号"     (the approved value, as JSON)
    principal.mobile: "13800138000"
    -investor                                             (the record has no such field)

and `以上都不涉及` (or `none`) when the record holds no copy at all. Lists are compared whole.
Shapes: `Change = (path, value)` with `ABSENT` for a removed field; `changes(base, copy)` and
`apply(base, changes)` are inverse (`apply(b, changes(b, c)) == c` for dicts of JSON values).
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from icpfile.load.pointer import MAX_PARTS, nesting

ABSENT = object()
# A cell's lines end at a line break a spreadsheet writes (LF, CR LF, CR); not at U+2028, U+0085 or a
# form feed, which `str.splitlines` also takes: those may sit inside a JSON value's text.
LINES = re.compile(r"\r\n|\r|\n")
NONE_TEXT = "以上都不涉及"
Change = tuple[tuple[str, ...], Any]


def changes(base: Any, snapshot: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[Change]:
    """The fields where `snapshot` differs from `base` (a dict, or anything else taken as {})."""
    base = base if isinstance(base, dict) else {}
    found: list[Change] = []
    for key, value in snapshot.items():
        here = (*prefix, str(key))
        if key not in base:
            found.append((here, value))
        elif isinstance(value, dict) and isinstance(base[key], dict):
            found.extend(changes(base[key], value, here))
        elif value != base[key] or type(value) is not type(base[key]):
            found.append((here, value))
    found.extend(((*prefix, str(key)), ABSENT) for key in base if key not in snapshot)
    return found


def apply(base: Any, found: list[Change]) -> dict[str, Any]:
    """A copy of `base` with `found` applied (the inverse of `changes`)."""
    result: dict[str, Any] = copy.deepcopy(base) if isinstance(base, dict) else {}
    for path, value in found:
        node = result
        for key in path[:-1]:
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
        if value is ABSENT:
            node.pop(path[-1], None)
        else:
            node[path[-1]] = copy.deepcopy(value)
    return result


def text(found: list[Change], mask: Any = None) -> str:
    """The cell's text; `mask(path, value)` returns the value as shown (PII masked) or None."""
    lines = []
    for path, value in found:
        if value is ABSENT:
            lines.append("-" + ".".join(path))
            continue
        shown = mask(path, value) if mask is not None else None
        lines.append(f"{'.'.join(path)}: {json.dumps(value if shown is None else shown, ensure_ascii=False)}")
    return "\n".join(lines)


def parse(cell: str) -> tuple[list[Change], list[str]]:
    """(changes, the lines that are not `path: value` or `-path`) of a cell's text. A value that is
    not JSON is taken as the text written (a person typing `mailing_address: 文三路 1 号`)."""
    found: list[Change] = []
    bad: list[str] = []
    for line in LINES.split(cell):
        line = line.strip(" \t\u3000")
        if not line:
            continue
        if line.startswith("-"):
            path = tuple(line[1:].strip().split("."))
            if all(path) and len(path) <= MAX_PARTS:
                found.append((path, ABSENT))
            else:
                bad.append(line)
            continue
        key, colon, value = line.partition(":")
        path = tuple(part.strip() for part in key.split("."))
        if not colon or not all(path) or len(path) > MAX_PARTS:  # deeper than any draft: refused (#24 B21)
            bad.append(line)
            continue
        value = value.strip(" \t\u3000")
        try:
            parsed = json.loads(value)
        except (ValueError, RecursionError):  # 100,000 `[`: json's C decoder overflows the stack
            parsed = value
        found.append((path, parsed if nesting(parsed, MAX_PARTS - len(path)) <= MAX_PARTS - len(path) else value))
    return found, bad
