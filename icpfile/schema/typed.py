"""Give plain scalars a type only where the schema asks for one.

The loader keeps every scalar as typed text. Here a plain `true`/`false` becomes a boolean where
the schema wants a boolean and no string, a plain integer becomes an int where it wants an
integer, and a plain `~`/`null`/empty becomes None. Everything else stays the user's text, so
`mobile: 13800138000`, `phone2: 0571-88888888` and `province: NO` are never mangled.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from icpfile.load.document import Plain
from icpfile.schema import draft as sch

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]{1,18}")  # longer is no count or limit a draft has: it stays text
_NOTHING: frozenset[str] = frozenset()


def coerce(
    value: Any,
    node: Any,
    child: Callable[[Any, str | int], Any] = sch.child,
    types_at: Callable[[Any], set[str]] = sch.types_at,
) -> Any:
    """Return `value` with plain scalars typed as the subschema `node` asks (recursively).

    `child` and `types_at` walk the schema (by default the draft's; rule packs pass their own).
    An integer too long for Python's int-string limit stays text, for the schema to refuse.
    """
    if isinstance(value, dict):
        for key, item in value.items():  # each value replaced in place: the keys stay as they are
            if type(item) is Plain:
                value[key] = _typed(item, child(node, key) if node is not None else None, types_at)
            elif isinstance(item, (dict, list)):
                coerce(item, child(node, key) if node is not None else None, child, types_at)
        return value
    if isinstance(value, list):
        items = child(node, 0) if node is not None else None
        for i, item in enumerate(value):
            if type(item) is Plain:
                value[i] = _typed(item, items, types_at)
            elif isinstance(item, (dict, list)):
                coerce(item, items, child, types_at)
        return value
    if not isinstance(value, Plain):
        return value
    return _typed(value, node, types_at)


def _typed(value: Plain, node: Any, types_at: Callable[[Any], set[str]]) -> Any:
    """One plain scalar typed as `node` asks (a leaf of `coerce`, called in its loop: a draft's
    hundred-odd leaves cost a call each, not a recursive `coerce` each, #19)."""
    text = str(value)
    if text in _NULL:
        return None
    wanted = types_at(node) if node is not None else _NOTHING
    if "string" in wanted or not wanted:
        return text
    if "boolean" in wanted and text in _BOOL:
        return _BOOL[text]
    if wanted & {"integer", "number"} and _INT.fullmatch(value):
        try:
            return int(value)
        except ValueError:  # more digits than sys.get_int_max_str_digits()
            return text
    return text


def apply(data: dict[str, Any]) -> dict[str, Any]:
    return coerce(data, sch.schema())
