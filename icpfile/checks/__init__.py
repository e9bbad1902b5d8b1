"""Rule functions: one small function per catalog code, registered by that code.

A function takes the check context and yields issues. Province differences never appear as
`if province == ...`: a function reads the province pack (`ctx.pack`), which is data.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from icpfile.findings import Issue

if TYPE_CHECKING:
    from icpfile.checks.context import Context

CheckFn = Callable[["Context"], Iterator[Issue]]
REGISTRY: dict[str, CheckFn] = {}

MODULES = (
    "certificates", "dates", "subject", "contacts", "names", "websites", "domains", "numbers", "province", "materials",
)


def rule(code: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        if code in REGISTRY:
            raise ValueError(f"{code} is registered twice")
        REGISTRY[code] = fn
        return fn

    return register


def load_all() -> dict[str, CheckFn]:
    """Import every check module once (they register themselves) and return the registry."""
    for name in MODULES:
        importlib.import_module(f"icpfile.checks.{name}")
    return REGISTRY
