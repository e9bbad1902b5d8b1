"""The numbers a platform's API takes for the draft's codes and names, from dated data.

Shapes: `Codes.nature("personal") -> 5`; `Codes.certificate("organization_code", "enterprise")`
→ the id for that nature (several ids share one name), else the single id, else None;
`Codes.region("浙江省", "杭州市", "西湖区") -> ("330000", "330100", "330106")` or None for a name
the table lacks. Missing ids are None, never guessed: the caller turns them into findings.

The shipped snapshot (`data/platform_codes.yaml`, `data/region_codes.yaml`) is read under a
platform's refreshed lists when there are any (`.icpfile/codes/<platform>.json` beside the draft,
written by `icpfile platform codes --refresh`): the platforms say their lists change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from icpfile.data.catalog import read_data

SHARED = ("natures", "certificates", "languages")  # MIIT's numbering, the same on every platform
OWN = ("pre_approvals", "service_content")  # each platform's own list
TABLES = SHARED + OWN
MAX_CODES_BYTES = 4 * 1024 * 1024  # a refreshed list is some tens of KB


class CodesError(Exception):
    """A refreshed codes file that cannot be used (one line for the person)."""


@cache
def snapshot() -> dict[str, Any]:
    return read_data("platform_codes.yaml")


@cache
def regions() -> dict[str, Any]:
    return read_data("region_codes.yaml")


def overlay_path(folder: Path, platform: str) -> Path:
    """Where `platform codes --refresh` writes a platform's lists for the drafts in `folder`."""
    return folder / ".icpfile" / "codes" / f"{platform}.json"


@dataclass
class Codes:
    """The tables of one platform: the snapshot with a refreshed overlay's entries over it."""

    platform: str
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_nature: dict[str, dict[str, int]] = field(default_factory=dict)
    dated: str = ""  # the date of the newest list used, for messages
    refreshed: bool = False

    @classmethod
    def load(cls, platform: str, overlay: Path | None = None) -> Codes:
        base = snapshot()
        own = (base.get("platforms") or {}).get(platform) or {}
        tables = {name: dict(base[name]["ids"]) for name in SHARED}
        tables.update({name: dict((own.get(name) or {}).get("ids") or {}) for name in OWN})
        by_nature = {k: dict(v) for k, v in (base["certificates"].get("by_nature") or {}).items()}
        codes = cls(platform, tables, by_nature, str(base["date"]))
        if overlay is not None and overlay.is_file():
            codes.merge(read_overlay(overlay))
        return codes

    def merge(self, data: dict[str, Any]) -> None:
        for name in TABLES:
            for key, value in (data.get(name) or {}).items():
                if isinstance(key, str) and isinstance(value, int) and not isinstance(value, bool):
                    self.tables[name][key] = value
        for cert, per in (data.get("certificates_by_nature") or {}).items():
            if isinstance(per, dict):
                self.by_nature.setdefault(cert, {}).update(
                    {n: i for n, i in per.items() if isinstance(i, int) and not isinstance(i, bool)})
        if isinstance(data.get("date"), str):
            self.dated, self.refreshed = data["date"], True

    def id(self, table: str, key: str) -> int | None:
        return self.tables[table].get(key)

    def nature(self, code: str) -> int | None:
        return self.id("natures", code)

    def certificate(self, code: str, nature: str) -> int | None:
        """The certificate's id for this nature where the name has one per nature, else its one id."""
        per = self.by_nature.get(code)
        if per is not None and nature in per:
            return per[nature]
        return self.id("certificates", code)


def read_overlay(path: Path) -> dict[str, Any]:
    """A refreshed codes file (JSON written by `platform codes --refresh`), bounded in size."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CODES_BYTES + 1)
    except OSError as exc:
        raise CodesError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > MAX_CODES_BYTES:
        raise CodesError(f"{path} is larger than {MAX_CODES_BYTES} bytes; refresh it again")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise CodesError(f"{path} is not a codes file written by icpfile; refresh it again") from None
    if not isinstance(data, dict):
        raise CodesError(f"{path} is not a codes file written by icpfile; refresh it again")
    return data


def region(province: str, city: str, district: str) -> tuple[str, str, str] | None:
    """The six-digit codes of the three names, or None when one is not in the table."""
    found = regions()["provinces"].get(province)
    town = (found or {}).get("cities", {}).get(city)
    if not found or not town:
        return None
    code = town.get("districts", {}).get(district)
    if code is None:
        return None
    return str(found["code"]), str(town["code"]), str(code)
