"""The fix the wizard offers for an answer the checks refuse or warn about (issue 22.5).

A question names its fixer in questions.yaml (`offer: place | domain | mobile`). A fixer proposes
candidate values from what was typed (`上海` → `上海市`, `浦东` → `浦东新区`,
`https://www.a-b.cn/` → `a-b.cn`, `138 1234 5678` → `13812345678`); the session offers the first
candidate the whole pipeline accepts at that field without an error or a warning, and writes it only
when the person says yes. A fixer never decides what is right: it only guesses, and the checks judge
the guess as they judge any answer. Place names come from the 民政部 lists the checks use
(data/divisions.yaml); `choices` gives those lists to the prompt as completions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

_SEPARATORS = re.compile(r"[\s\-–—()（）.·]+")
_MOBILE = re.compile(r"^(?:\+?86|0086)?(1\d{10})$")


def _divisions() -> dict[str, Any]:
    from icpfile.data.catalog import read_data

    return read_data("divisions.yaml")


def _names(data: dict[str, Any], pointer: str) -> list[str]:
    """The listed names for the place at `pointer`: a province's cities, or a city's districts."""
    subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
    province = _divisions()["provinces"].get(str(subject.get("province") or ""), {})
    cities = province.get("cities", {})
    if pointer.endswith("/city"):
        return list(cities)
    city = str(subject.get("city") or "")
    city = city if city in cities else province.get("aliases", {}).get(city, "")
    return list(cities.get(city, []))


def choices(data: dict[str, Any], pointer: str) -> list[str]:
    """The 民政部 list a place question offers as completions (empty when the place above is unknown)."""
    return _names(data, pointer) if pointer.endswith(("/city", "/district")) else []


def _place(value: str, data: dict[str, Any], pointer: str) -> Iterator[str]:
    """A listed name the typed one is the start of, or an alias of (上海 → 上海市, 浦东 → 浦东新区)."""
    names = _names(data, pointer)
    if pointer.endswith("/city"):
        subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
        aliases = _divisions()["provinces"].get(str(subject.get("province") or ""), {}).get("aliases", {})
        if value in aliases:
            yield aliases[value]
    starting = [name for name in names if name.startswith(value)]
    if len(starting) == 1:
        yield starting[0]


def _domain(value: str, data: dict[str, Any], pointer: str) -> Iterator[str]:
    """The host of a URL, then its registrable domain (`https://www.docs.a-b.cn/x` → docs.a-b.cn, a-b.cn)."""
    from icpfile.values.domains import DomainError, host_parts, registrable, to_ascii, to_unicode

    host = host_parts(value).strip().rstrip(".").lower()
    yield host
    try:
        top = registrable(to_ascii(host))
    except DomainError:
        return
    if top:
        yield to_unicode(top)


def _mobile(value: str, data: dict[str, Any], pointer: str) -> Iterator[str]:
    """The 11 digits without spaces, dashes, brackets or +86 (`+86 138-1234-5678` → 13812345678)."""
    match = _MOBILE.match(_SEPARATORS.sub("", value))
    if match:
        yield match.group(1)


FIXERS: dict[str, Callable[[str, dict[str, Any], str], Iterator[str]]] = {
    "place": _place, "domain": _domain, "mobile": _mobile}


def candidates(fixer: str | None, value: Any, data: dict[str, Any], pointer: str) -> list[str]:
    """What `fixer` proposes for `value` at `pointer`, the value itself left out, in order."""
    if not fixer or not isinstance(value, str) or not value.strip():
        return []
    seen: list[str] = []
    for candidate in FIXERS[fixer](value.strip(), data, pointer):
        if candidate and candidate != value.strip() and candidate not in seen:
            seen.append(candidate)
    return seen

