"""Places: the portal's 区域 is three lists (province → city → district), so the draft's must fit.

The lists are 民政部's county-level division codes, shipped as dated data
(`icpfile/data/divisions.yaml`, rebuilt by `scripts/build_divisions.py`); what the portal shows
where the code table has placeholders (a 直辖市's 市辖区, a 省直辖县级行政区划) is in that data
too. The file is parsed once (cached as JSON between runs) and indexed once per process; every
check is a few dictionary look-ups, plus a scan of at most a handful of prefixes of the address.
Source: 指南 1.1 (区域); MCA.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.data.catalog import read_data
from icpfile.findings import Issue

_LONGEST_PREFIX = 12  # no province or prefecture name is longer (新疆维吾尔自治区 is 8)


@cache
def divisions() -> dict[str, Any]:
    """The parsed data file: `year`, `provinces`, `former` (layout in scripts/build_divisions.py)."""
    return read_data("divisions.yaml")


def warm() -> None:
    """The divisions index, built before a batch forks (`checks.warm`)."""
    divisions()


@cache
def _where(province: str) -> tuple[dict[str, list[str]], dict[str, str], dict[str, list[str]]]:
    """(city → districts, written alias → city, district → the cities listing it) of a province."""
    entry = divisions()["provinces"].get(province, {})
    cities = entry.get("cities", {})
    listing: dict[str, list[str]] = {}
    for city, districts in cities.items():
        for district in districts:
            listing.setdefault(district, []).append(city)
    return cities, entry.get("aliases", {}), listing


@cache
def _city_provinces() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for province, entry in divisions()["provinces"].items():
        for city in entry["cities"]:
            found.setdefault(city, []).append(province)
    return found


@cache
def _address_heads() -> dict[str, str]:
    """A province's full or short name, or a prefecture name found in one province only → province."""
    heads: dict[str, str] = {}
    for city, provinces in _city_provinces().items():
        if len(provinces) == 1 and city != provinces[0]:
            heads[city] = provinces[0]
    for province, entry in divisions()["provinces"].items():
        heads[province] = province
        heads.setdefault(entry["short"], province)
    return heads


def _former(province: str) -> dict[str, Any]:
    return divisions()["former"].get(province, {})


def _closest(value: str, names: Any) -> str:
    """The one listed name that starts with what was written (杭州 → 杭州市), else ''."""
    starting = [name for name in names if value and name.startswith(value)]
    return starting[0] if len(starting) == 1 else ""


def _city(ctx: Context) -> tuple[str, str]:
    """(city as written, city as listed) — the listed one is '' when the city is not in the province."""
    written = text(ctx.subject.get("city")).strip()
    cities, aliases, _ = _where(ctx.province)
    return written, (written if written in cities else aliases.get(written, ""))


@rule
def city_in_province(ctx: Context) -> Iterator[Issue]:
    """The city is one the portal lists under the province (指南 1.1; MCA)."""
    written, listed = _city(ctx)
    if not ctx.province or not written or listed or written in _former(ctx.province).get("cities", {}):
        return
    cities, _, listing = _where(ctx.province)
    elsewhere = [p for p in _city_provinces().get(written, []) if p != ctx.province]
    under = listing.get(written, [])  # a district written as the city (北京市 → 海淀区)
    suggestion = under[0] if under else _closest(written, cities)
    hint = "elsewhere" if elsewhere else ("district" if under else ("closest" if suggestion else None))
    yield Issue("/subject/city", {
        "city": written, "province": ctx.province, "found": "、".join(elsewhere), "suggestion": suggestion,
        "known": "、".join(cities), "year": divisions()["year"], "hint": hint})


@rule
def district_in_city(ctx: Context) -> Iterator[Issue]:
    """The district is listed, but under another city of the province (指南 1.1; MCA)."""
    for district, city, listing in _unlisted_district(ctx):
        others = listing.get(district, [])
        if others:
            yield Issue("/subject/district",
                        {"district": district, "city": city, "found": "、".join(others)})


@rule
def district_not_listed(ctx: Context) -> Iterator[Issue]:
    """A district the portal does not list: the guide's advice is to pick the nearest (指南 1.1)."""
    for district, city, listing in _unlisted_district(ctx):
        if district not in listing:
            cities, _, _ = _where(ctx.province)
            suggestion = _closest(district, cities[city])
            yield Issue("/subject/district", {
                "district": district, "city": city, "year": divisions()["year"], "suggestion": suggestion,
                "hint": "closest" if suggestion else None})


def _unlisted_district(ctx: Context) -> Iterator[tuple[str, str, dict[str, list[str]]]]:
    """(district, listed city, district → cities) where the city lists districts but not this one.

    Nothing where the city has no district list (东莞市; a 省直辖 county-level city, whose third
    list is towns) or the district is a former name (ICP343 says so).
    """
    _, listed = _city(ctx)
    district = text(ctx.subject.get("district")).strip()
    if not ctx.province or not listed or not district:
        return
    cities, _, listing = _where(ctx.province)
    if not cities[listed] or district in cities[listed]:
        return
    if district in _former(ctx.province).get("districts", {}).get(listed, {}):
        return
    yield district, listed, listing


@rule
def former_division_name(ctx: Context) -> Iterator[Issue]:
    """A city or district gone from the current list (merged or renamed) within the recent years."""
    former = _former(ctx.province)
    written, listed = _city(ctx)
    if not ctx.province or not written:
        return
    if not listed and written in former.get("cities", {}):
        yield Issue("/subject/city", {"name": written, "year": former["cities"][written],
                                                "now": divisions()["year"]})
        return
    district = text(ctx.subject.get("district")).strip()
    gone = former.get("districts", {}).get(listed, {})
    cities, _, listing = _where(ctx.province)
    if listed and district in gone and district not in cities[listed]:
        moved = "、".join(listing.get(district, []))
        yield Issue("/subject/district", {
            "name": district, "year": gone[district], "now": divisions()["year"], "found": moved,
            "hint": "moved" if moved else None})


def _province_named(address: str) -> str:
    """The province an address starts with (by its name, short name or a city of it), else ''."""
    heads = _address_heads()
    for length in range(min(len(address), _LONGEST_PREFIX), 1, -1):  # the longest head wins
        found = heads.get(address[:length], "")
        if found:
            return found
    return ""


@rule
def mailing_address_province(ctx: Context) -> Iterator[Issue]:
    """The mailing address starts with another province (or one of its cities) than the 区域."""
    address = text(ctx.subject.get("mailing_address")).strip()
    found = _province_named(address) if ctx.province else ""
    if found and found != ctx.province:
        yield Issue("/subject/mailing_address",
                    {"address": address, "found": found, "province": ctx.province})


@rule
def certificate_address_province(ctx: Context) -> Iterator[Issue]:
    """A unit files where its certificate's address is (TXS: 备案所属省份以主办单位证件地址为准)."""
    cert = ctx.subject.get("certificate")
    address = text(cert.get("address")).strip() if isinstance(cert, dict) else ""
    found = _province_named(address) if ctx.province and ctx.is_unit else ""
    if found and found != ctx.province:
        yield Issue("/subject/certificate/address",
                    {"address": address, "found": found, "province": ctx.province})
