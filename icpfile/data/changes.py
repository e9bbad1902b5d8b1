"""What the draft changed since its approval, and which filing each change needs.

Pure functions over the typed draft and `data/changes.yaml`: `found(data)` compares the draft with
its `record:` (values.approved) and returns one `Change` per kind of filing needed, each with the
fields it covers. A website is matched to its record by domain (a domain itself cannot be changed,
指南 3.2), so a new domain is a new website; an app by kind and name. Linear in the draft.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from icpfile.records import Record
from icpfile.values import approved


@cache
def table() -> dict[str, Any]:
    from icpfile.data.catalog import read_data

    return read_data("changes.yaml")


class Change(Record):
    """One filing the draft needs: its kind (changes.yaml), the absolute pointers of the fields it
    covers (the first one is where the finding points), and the approved numbers it changes."""

    kind: str
    pointers: list[str]
    numbers: list[str]

    __slots__ = ("kind", "pointers", "numbers")

    def __init__(self, kind: str, pointers: list[str] | None = None, numbers: list[str] | None = None) -> None:
        self.kind = kind
        self.pointers = [] if pointers is None else pointers
        self.numbers = [] if numbers is None else numbers

    @property
    def number(self) -> str:
        """The one number the change files against: a service's when it is one, else the first."""
        return self.numbers[0] if self.numbers else ""

    @property
    def words(self) -> dict[str, str]:
        entry = table()["kinds"][self.kind]
        return {"zh": entry["zh"], "en": entry["en"]}

    @property
    def allowed(self) -> bool:
        return bool(table()["kinds"][self.kind].get("allowed", True))


def kind_of(scope: str, relative: str, nature: str) -> str:
    """The kind of filing that changing `relative` (in the subject or a service) needs."""
    unit = "personal" if nature == "personal" else "unit"
    for entry in table()["fields"][scope]:
        if entry.get("nature") and entry["nature"] != unit:
            continue
        path = entry["path"]
        if relative == path or relative.startswith(path + "/") or path == "":
            return entry["kind"]
    return "change_subject" if scope == "subject" else "change_website"


def found(data: dict[str, Any]) -> list[Change]:
    """Every filing the draft needs against its record, in a fixed order; [] without a record."""
    rec = approved.record(data)
    if not rec:
        return []
    by_kind: dict[str, Change] = {}

    def add(kind: str, pointer: str, number: str = "") -> None:
        change = by_kind.setdefault(kind, Change(kind))
        change.pointers.append(pointer)
        if number and number not in change.numbers:
            change.numbers.append(number)

    subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
    nature = str(subject.get("nature", ""))
    if isinstance(rec.get("subject"), dict):
        for relative in approved.differences(rec["subject"], subject):
            add(kind_of("subject", relative, nature), "/subject" + relative, str(rec.get("number", "")))
    for kind in approved.SERVICE_LISTS:
        filed = approved.filed(data, kind)
        items = data.get(kind) if isinstance(data.get(kind), list) else []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            key = approved.service_key(kind, item)
            if not key:
                continue
            base = f"/{kind}/{i}"
            if key not in filed:
                add("new_website", base)
                continue
            for relative in approved.differences(filed[key].filed, item):
                add(kind_of("services", relative, nature), base + relative, filed[key].number)
    order = list(table()["kinds"])
    return sorted(by_kind.values(), key=lambda c: order.index(c.kind))


def dropped(data: dict[str, Any]) -> list[tuple[str, approved.Filed]]:
    """Approved services the draft no longer holds: (pointer into record, the filed service)."""
    out = []
    for kind in approved.SERVICE_LISTS:
        items = data.get(kind) if isinstance(data.get(kind), list) else []
        keys = {approved.service_key(kind, item) for item in items if isinstance(item, dict)}
        for key, item in approved.filed(data, kind).items():
            if key not in keys:
                out.append((f"/record/{kind}/{item.index}", item))
    return out
