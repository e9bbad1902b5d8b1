"""What a run was asked to do: language, the date rules judge against, selection, PII."""

from __future__ import annotations

import datetime as dt
import os

from icpfile.records import Frozen


def default_lang() -> str:
    """`zh` where LC_ALL / LC_MESSAGES / LANG starts with zh, else `en`."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


ALWAYS = "ICP0"  # loader codes: never deselected, ignored or downgraded


class Options(Frozen):
    lang: str
    today: dt.date
    strict: bool
    show_pii: bool
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severities: tuple[tuple[str, str], ...]  # (code, severity) from rule packs
    root: str  # --root: the folder material paths may reach; "" = each draft's own folder
    platform: str  # export/submit --platform: that platform's request rules apply (checks/platforms.py)
    codes: str  # a platform codes file (refreshed lists) read over the shipped snapshot; "" = beside the draft

    __slots__ = ("lang", "today", "strict", "show_pii", "select", "ignore", "severities", "root", "platform", "codes")

    def __init__(self, lang: str = "en", today: dt.date | None = None, strict: bool = False,
                 show_pii: bool = False, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                 severities: tuple[tuple[str, str], ...] = (), root: str = "", platform: str = "",
                 codes: str = "") -> None:
        object.__setattr__(self, "lang", lang)
        object.__setattr__(self, "today", dt.date.today() if today is None else today)
        object.__setattr__(self, "strict", strict)
        object.__setattr__(self, "show_pii", show_pii)
        object.__setattr__(self, "select", select)
        object.__setattr__(self, "ignore", ignore)
        object.__setattr__(self, "severities", severities)
        object.__setattr__(self, "root", root)
        object.__setattr__(self, "platform", platform)
        object.__setattr__(self, "codes", codes)

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
