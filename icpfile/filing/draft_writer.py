"""Write a draft back: a backup of the previous version first, then an atomic replace.

Keys follow the order of the format (docs/draft-format.md, as the schema lists them); the user's
own `x_` keys and anything unknown are kept after them. Comments cannot survive a rewrite with
PyYAML, which is why the previous version is always kept as `<draft>.bak`.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from icpfile.filing.state import atomic_write
from icpfile.schema import draft as sch


def ordered(value: Any, node: Any) -> Any:
    """`value` with mapping keys in the schema's order, the rest after, recursively."""
    if isinstance(value, dict):
        known = sch.known_properties(node) if node is not None else []
        keys = [k for k in known if k in value] + [k for k in value if k not in known]
        return {k: ordered(value[k], sch.child(node, k) if node is not None else None) for k in keys}
    if isinstance(value, list):
        items = sch.child(node, 0) if node is not None else None
        return [ordered(v, items) for v in value]
    return value


def dump(data: dict[str, Any]) -> str:
    text = yaml.safe_dump(ordered(data, sch.schema()), allow_unicode=True, sort_keys=False, width=100)
    return "# icpfile draft, format 1 (written by icpfile wizard; the previous version is in .bak)\n" + text


def write(path: Path, data: dict[str, Any]) -> None:
    mode = 0o644
    if path.exists():
        mode = path.stat().st_mode & 0o777  # keep the draft's own permissions
        shutil.copy2(path, path.with_name(path.name + ".bak"))
    atomic_write(path, dump(data), mode=mode)
