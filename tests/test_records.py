"""icpfile/records.py: the plain value classes that replaced dataclasses on the start-up path (#23)."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from icpfile.filing.process import Calendar, Deadline
from icpfile.records import Frozen, FrozenError, replace


def test_a_field_declared_beside_the_slots_is_refused_when_the_class_is_made() -> None:
    # A merge once added `dated: bool = False` to a record whose __slots__ and __init__ did not
    # have it: the value was dropped and status said no deadline was overdue.
    with pytest.raises(TypeError, match=r"fields \['a', 'b'\] are not its __slots__ \['a'\]"):
        class Odd(Frozen):
            a: int
            b: int = 0

            __slots__ = ("a",)


def test_a_deadline_keeps_every_field_through_replace_and_pickle() -> None:
    due = Deadline("police_filing", "公安联网备案", "the public-security filing", dt.datetime(2026, 11, 1), "指南 11",
                   True)
    assert due.shown_due() == "2026-11-01"
    assert pickle.loads(pickle.dumps(due)) == due
    assert replace(due, dated=False).shown_due() == "2026-11-01T00:00"
    with pytest.raises(FrozenError):
        due.dated = False  # type: ignore[misc]


def test_a_calendar_past_its_table_skips_the_fixed_holidays() -> None:
    days = Calendar(frozenset({2026}), frozenset(), frozenset(), frozenset({(1, 1)}))
    assert not days.working(dt.date(2027, 1, 1)) and days.working(dt.date(2027, 1, 4))

