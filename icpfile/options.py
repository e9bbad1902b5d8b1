"""What a run was asked to do: language, the date rules judge against, selection, PII."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field


def default_lang() -> str:
    """`zh` where LC_ALL / LC_MESSAGES / LANG starts with zh, else `en`."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


ALWAYS = "ICP0"  # loader codes: never deselected, ignored or downgraded


@dataclass(frozen=True, slots=True)
class Options:
    lang: str = "en"
    today: dt.date = field(default_factory=dt.date.today)
    strict: bool = False
    show_pii: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: tuple[tuple[str, str], ...] = ()  # (code, severity) from rule packs
    root: str = ""  # --root: the folder material paths may reach; "" = each draft's own folder
    platform: str = ""  # export/submit --platform: that platform's request rules apply (checks/platforms.py)
    codes: str = ""  # a platform codes file (refreshed lists) read over the shipped snapshot; "" = beside the draft

    def wants(self, code: str) -> bool:
        """`--select`/`--ignore` by code or prefix (`ICP2` selects every ICP2xx).

        Problems reading the file (ICP0xx) are always wanted: nothing after them was checked,
        so ignoring one would let an unreadable draft pass (as ruff never ignores a syntax error).
        """
        if code.startswith(ALWAYS):
            return True
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)
