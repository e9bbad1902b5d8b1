"""The sheet layout: which column holds which draft field, read from `data/sheet_layout.yaml`.

A `Column` knows its header (the portal's Chinese label), the other headers it answers to, the
draft path it fills (relative to the order, a website or an app), how its cell is read, and the
codes it allows (from the draft schema at that path, so a code list lives in one place).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from icpfile.schema import draft as sch

SCOPES: dict[str, list[str | int]] = {
    "order": [], "website": ["websites", 0], "app": ["apps", 0], "record_website": ["record", "websites", 0],
    "record_app": ["record", "apps", 0], "police_website": ["police", "websites", 0]}
LISTS = {scope: tuple(path[:-1]) for scope, path in SCOPES.items() if path}  # a row's item: lists[scope][i]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula from a CSV
_NOISE = re.compile(r"[\s_\-（）()·:：*＊/]+")


def normal(header: str) -> str:
    """A header as compared: no spaces, underscores, brackets or `*` marks, case folded."""
    return _NOISE.sub("", str(header)).casefold()


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    aliases: tuple[str, ...]
    scope: str  # order, website, app
    path: tuple[str | int, ...]  # within the scope: ("access", "ip"), ("platforms", 0, "os")
    type: str
    fields: tuple[dict[str, str], ...] = ()
    codes: dict[str, str] = field(default_factory=dict)  # code → Chinese label (code and codes types)
    of: str = ""  # a snapshot's baseline: a scope (the item on the same row) or a dotted path from the top

    @property
    def english(self) -> str:
        return self.aliases[0] if self.aliases else self.label

    def schema_path(self) -> list[str | int]:
        return [*SCOPES[self.scope], *self.path]

    def takes_long_term(self) -> bool:
        """A date column whose field the schema lets be `long_term` (长期): 证件有效期至, not a start date."""
        return self.type == "date" and "long_term" in str(sch.deref(sch.at(self.schema_path())).get("pattern", ""))


def _codes_at(path: list[str | int]) -> dict[str, str]:
    return _codes_of(tuple(path))


@cache
def _codes_of(path: tuple[str | int, ...]) -> dict[str, str]:
    """One dict per path (callers keep lookups keyed by it)."""
    return sch.labels(sch.at(list(path)))


def _column(spec: dict[str, Any], n: int | None = None) -> Column:
    def numbered(text: str) -> str:
        return text.replace("{n}", str(n)) if n is not None else text

    path: list[str | int] = []
    for part in spec["path"].split("."):
        path.append(n - 1 if part == "{n}" and n is not None else part)
    column = Column(numbered(spec["label"]), tuple(numbered(a) for a in spec.get("aliases", [])), spec["scope"],
                    tuple(path), spec["type"], tuple(spec.get("fields", ())))
    where = column.schema_path()
    codes = _codes_at([*where, 0]) if column.type == "codes" else _codes_at(where) if column.type == "code" else {}
    if spec.get("codes_from"):  # a field the schema gives no enum, that takes a named code list
        codes = sch.code_labels(spec["codes_from"])
    return Column(column.label, column.aliases, column.scope, column.path, column.type, column.fields, codes,
                  spec.get("of", ""))


@dataclass(frozen=True, slots=True)
class Layout:
    order: Column  # the order's id: it groups rows and names the draft
    order_help: str
    columns: tuple[Column, ...]
    order_help_en: str = ""

    def by_header(self) -> dict[str, Column]:
        """Every accepted header (normalised) → its column."""
        found: dict[str, Column] = {}
        for column in (self.order, *self.columns):
            for name in (column.label, *column.aliases):
                found.setdefault(normal(name), column)
        return found

    def pii_paths(self, of: str) -> dict[tuple[str, ...], str]:
        """Where a snapshot of `of` (a scope, or a dotted path such as `subject`) holds an ID or a
        phone: its path within the snapshot → the column type (id, mobile, phone), to mask it."""
        return _pii_paths(of) if self is layout() else _pii_of(self, of)

    def field_codes(self, column: Column, key: str) -> dict[str, str]:
        """The codes of a `records` column's field (`category` of a pre-approval)."""
        return _codes_at([*column.schema_path(), 0, key])


@cache
def _pii_paths(of: str) -> dict[tuple[str, ...], str]:
    return _pii_of(layout(), of)


def _pii_of(sheet: Layout, of: str) -> dict[tuple[str, ...], str]:
    prefix = () if of in LISTS else tuple(of.split("."))
    scope = of if of in LISTS else "order"
    return {tuple(str(p) for p in c.path[len(prefix):]): c.type for c in sheet.columns
            if c.scope == scope and c.type in ("id", "mobile", "phone") and c.path[:len(prefix)] == prefix}


@cache
def layout() -> Layout:
    from icpfile.data.catalog import read_data

    data = read_data("sheet_layout.yaml")
    columns: list[Column] = []
    for spec in data["columns"]:
        if "person" in spec:
            prefix, alias = spec["person"], spec["alias"]
            for part in data["person"]:
                columns.append(_column({"scope": spec["scope"], "path": f"{spec['path']}.{part['key']}",
                                        "label": prefix + part["label"], "aliases": [f"{alias}_{part['alias']}"],
                                        "type": part["type"]}))
        elif "count" in spec:
            columns.extend(_column(spec, n) for n in range(1, spec["count"] + 1))
        else:
            columns.append(_column(spec))
    spec = data["order"]
    order = Column(spec["label"], tuple(spec["aliases"]), "order", (), "text")
    return Layout(order, spec["help"], tuple(columns), spec.get("help_en", ""))
