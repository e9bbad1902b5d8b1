"""Write an imported draft as YAML with `init`'s comments: every key carries its Chinese title
and help from the schema, and a value the import had trouble with carries the cell and the code
(`# ⚠ Sheet1!D12 ICP950`), so the draft explains itself where the import report is not at hand.

Strings are written plain when that cannot change their meaning, otherwise JSON-quoted (a valid
YAML double-quoted scalar); `13800138000`, `0571-…` and `yes` are always quoted.
"""

from __future__ import annotations

import json
from typing import Any

from icpfile.schema.draft import yaml_comment

_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
HEADER = "# icpfile 草稿（格式 1），由 icpfile import 从 {source} 生成。检查：icpfile check <本文件>"

Path = tuple[str | int, ...]


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text and text.isidentifier() and text.casefold() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


_COMMENTS: dict[Path, str] = {}
_COPIES: tuple[tuple[Path, Path], ...] = ((("record", "subject"), ("subject",)),
                                          (("record", "websites", 0, "filed"), ("websites", 0)),
                                          (("record", "apps", 0, "filed"), ("apps", 0)))


def _schema_comment(path: Path) -> str:
    """`init`'s comment for a path; the same for every list index, so looked up once per shape."""
    known = _COMMENTS.get(path)
    if known is None:
        shape = tuple(0 if isinstance(p, int) else p for p in path)
        for copied, original in _COPIES:  # the record's copy of a field says what the field is
            if shape[:len(copied)] == copied and len(shape) > len(copied):
                shape = original + shape[len(copied):]
                break
        known = _COMMENTS[path] = _COMMENTS.get(shape) or yaml_comment(list(shape))
    return known


def render(data: dict[str, Any], notes: dict[Path, str] | None = None, source: str = "") -> str:
    """The draft `data` (dicts, lists, scalars) as commented YAML; `notes` maps a path to a warning."""
    notes = notes or {}
    lines = [HEADER.format(source=source or "表格").replace("\n", " ")]

    def comment(path: Path) -> str:
        text = _schema_comment(path)
        note = notes.get(path)
        return f"  # ⚠ {note} |{text[3:]}" if note else text

    def emit(value: dict[str, Any], path: Path, indent: str, first: str | None = None) -> None:
        for i, (key, item) in enumerate(value.items()):
            prefix = first if first is not None and i == 0 else indent
            here = (*path, key)
            if isinstance(item, dict) and item:
                lines.append(f"{prefix}{key}:{comment(here)}")
                emit(item, here, indent + "  ")
            elif isinstance(item, list) and item and all(isinstance(x, dict) and x for x in item):
                lines.append(f"{prefix}{key}:{comment(here)}")
                for n, entry in enumerate(item):
                    emit(entry, (*here, n), indent + "    ", first=indent + "  - ")
            elif isinstance(item, list):
                lines.append(f"{prefix}{key}: [{', '.join(scalar(v) for v in item)}]{comment(here)}")
            elif isinstance(item, dict):
                lines.append(f"{prefix}{key}: {{}}{comment(here)}")
            else:
                lines.append(f"{prefix}{key}: {scalar(item)}{comment(here)}")

    emit(data, (), "")
    return "\n".join(lines) + "\n"
