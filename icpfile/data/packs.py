"""Rule data: the national lists and the province pack, with user packs merged over them.

`icpfile/data/national.yaml` holds what applies everywhere (forbidden name prefixes, sensitive
words, number formats); `icpfile/data/provinces.yaml` holds each province's differences (word
lists, websites per order, abbreviations). Adding a province's new banned word is one line there.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from icpfile.data.catalog import read_data


def _checked(name: str) -> Any:
    """A data file validated by the schema of the same name (`providers.yaml` → `providers.schema.json`)."""
    from icpfile.data import catalog
    from icpfile.data.validate import checker

    return catalog.read_data(name, check=checker(name.replace(".yaml", ".schema.json")))


def merge(base: Any, over: Any) -> Any:
    """Deep-merge mappings; anything else in `over` replaces what `base` had."""
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = merge(base.get(key), value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(over)


SUFFIX_KEYS = ("fileable_suffixes", "pending_suffixes", "refused_suffixes")


def suffix_lists() -> dict[str, Any]:
    """national's three suffix lists and their `_date` texts, from the one table suffixes.yaml.

    Shapes: {"fileable_suffixes": ["cn", …], "fileable_suffixes_date": "TXG 2019-01-01 … ", …};
    a date text names each distinct source of that status once, in table order.
    """
    table = _checked("suffixes.yaml")["suffixes"]
    out: dict[str, Any] = {}
    for key in SUFFIX_KEYS:
        status = key.split("_")[0]
        entries = [e for e in table if e["status"] == status]
        out[key] = [e["suffix"] for e in entries]
        out[f"{key}_date"] = "; ".join(dict.fromkeys(e["source"] for e in entries))
    return out


class Packs:
    """The built-in rule data, optionally with user packs merged over it."""

    def __init__(self, extra: list[dict[str, Any]] | None = None) -> None:
        national = {**read_data("national.yaml"), **suffix_lists()}
        provinces = read_data("provinces.yaml")
        for pack in extra or []:
            national = merge(national, pack.get("national") or {})
            provinces = merge(provinces, {"provinces": pack.get("provinces") or {}})
        self.national: dict[str, Any] = national
        self.defaults: dict[str, Any] = provinces["defaults"]
        self.provinces: dict[str, dict[str, Any]] = provinces["provinces"]
        self._merged: dict[str, dict[str, Any]] = {}
        providers = _checked("providers.yaml")
        self.providers: dict[str, dict[str, Any]] = providers["providers"]
        self.default_provider: str = providers["default"]
        self.name_words: list[dict[str, Any]] = _checked("name_words.yaml")["words"]

    def profile(self, provider: str) -> dict[str, Any]:
        """The pre-review profile of `provider` (a filing.provider code), the guide's when unknown."""
        return self.providers.get(provider) or self.providers[self.default_provider]

    def words_for(self, province: str, kinds: tuple[str, ...] = ("licensed", "refused")) -> list[dict[str, Any]]:
        """The name_words entries that apply in `province` ('' = only the nation-wide ones)."""
        return [w for w in self.name_words
                if w["kind"] in kinds and (not w["provinces"] or province in w["provinces"])]

    def province(self, name: str) -> dict[str, Any]:
        if name not in self._merged:
            self._merged[name] = merge(self.defaults, self.provinces.get(name) or {})
        return self._merged[name]

    def by_icp_abbr(self) -> dict[str, str]:
        """ICP abbreviation → full province name (蜀 → 四川省)."""
        return {p["icp"]: name for name, p in self.provinces.items()}


@cache
def builtin() -> Packs:
    return Packs()
