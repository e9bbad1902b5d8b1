"""Rule functions: one small function per rule, named as its record, the record beside it.

`names.py` holds functions, `names.yaml` their records. A function is registered by `@rule`
under the code its record gives: its name is the record's name in snake case
(`name_min_hanzi` ↔ `name-min-hanzi`), so a rule has one name and its code is written once. A
function takes the check context and yields issues. Province differences never appear as
`if province == ...`: a function reads the province pack (`ctx.pack`), which is data.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING

from icpfile.findings import Issue

if TYPE_CHECKING:
    from icpfile.checks.context import Context

CheckFn = Callable[["Context"], Iterator[Issue]]
REGISTRY: dict[str, CheckFn] = {}


def rule(fn: CheckFn) -> CheckFn:
    """Register `fn` under the code of the record of the same name in its module's YAML file.

    Raises ValueError (at import, so a test catches it) when no record has that name, when the
    record lives in another module's file, or when a code is registered twice.
    """
    from icpfile.data.catalog import by_name

    name = fn.__name__.replace("_", "-")
    record = by_name().get(name)
    expected = f"checks/{fn.__module__.rsplit('.', 1)[-1]}.yaml"
    if record is None or record.file != expected:
        raise ValueError(f"{fn.__module__}.{fn.__name__} has no record named {name} in {expected}")
    if record.code in REGISTRY:
        raise ValueError(f"{record.code} is registered twice")
    REGISTRY[record.code] = fn
    return fn


_MODULES: list[ModuleType] = []


def modules() -> list[ModuleType]:
    """Every check module, imported once (importing registers its functions): one per `checks/*.yaml`.

    After the first call this is a lookup: a batch asked for it per draft, and re-importing
    12 modules by name cost 16 % of a draft's time (#23.3)."""
    if not _MODULES:
        from icpfile.data.catalog import record_files

        _MODULES.extend(importlib.import_module(f"icpfile.checks.{file[len('checks/'):-len('.yaml')]}")
                        for file in record_files() if file.startswith("checks/"))
    return _MODULES


def load_all() -> dict[str, CheckFn]:
    """Import every check module once (they register themselves) and return the registry."""
    modules()
    return REGISTRY


def warm() -> None:
    """Import every check module and run its `warm()` hook, if it has one: a module that builds
    an index on first use (divisions, public suffixes) builds it here, before a batch forks its
    workers, so that they inherit it. The engine knows no particular check."""
    for module in modules():
        hook = getattr(module, "warm", None)
        if callable(hook):
            hook()
