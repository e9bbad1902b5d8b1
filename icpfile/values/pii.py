"""Personal data in messages: ID numbers and phone numbers are masked unless asked otherwise.

A draft holds real people's ID numbers and mobiles, and lint output ends up in CI logs. A check
wraps such a value in `Pii` when it puts it into a message; the catalog decides how to show it.
"""

from __future__ import annotations

from dataclasses import dataclass


def mask_id(value: str) -> str:
    """`11010519491231002X` → `1101**********002X`: region and check digit stay readable."""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str) -> str:
    """`13800138000` → `138****8000`; a landline keeps its area code and last four digits."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:-8] + "****" + value[-4:] if len(value) > 11 else value[:3] + "*" * (len(value) - 7) + value[-4:]


@dataclass(frozen=True, slots=True)
class Pii:
    value: str
    kind: str  # "id" or "phone"

    def show(self, full: bool) -> str:
        if full:
            return self.value
        return mask_id(self.value) if self.kind == "id" else mask_phone(self.value)

    def __str__(self) -> str:  # never leak by accident
        return self.show(False)
