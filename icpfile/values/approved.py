"""The approved record in a draft (`record:`) read back: which services were approved, under which
number, and which fields of the draft differ from what was approved.

Pure functions over the typed draft (dicts and lists), shared by `checks/record.py`,
`checks/police.py` and the wizard. Shapes (docs/draft-format.md, "record"):

    record: {approved_on, number, subject: {...}, websites: [{number, approved_on, filed: {...}}],
             apps: [...]}

A website of the draft is matched to its record by domain (a filed website's domain cannot change,
指南 3.2), an app by kind and name. Every walk is linear in the draft: each value is visited once.
"""

from __future__ import annotations

from typing import Any

from icpfile.load import pointer as jp
from icpfile.records import Frozen

SERVICE_LISTS = ("websites", "apps")


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def record(data: dict[str, Any]) -> dict[str, Any]:
    """The draft's `record:` block, or {} when there is none (or it is not a mapping)."""
    return _dict(data.get("record"))


def domain_key(value: Any) -> str:
    """A domain as compared: `values.domains.normalise` (stripped, lower case, no trailing dot, an
    IDN in its ASCII form, so `例子.中国` is `xn--fsqu00a.xn--fiqs8s`); '' if not text."""
    if not isinstance(value, str) or not value.strip().rstrip("."):
        return ""
    from icpfile.values.domains import normalise

    return normalise(value.strip().rstrip("."))


def ip_key(value: Any) -> str:
    """An IP address as compared: its canonical text (`2001:DB8::0:1` is `2001:db8::1`), else the
    trimmed text."""
    import ipaddress

    text = str(value).strip()
    try:
        return ipaddress.ip_address(text).compressed
    except ValueError:
        return text.lower()


# Fields compared as sets of normalised values, by their key (the last part of the pointer): a
# domain by `domain_key`, IPs by `ip_key`, in any order (#21, B22: the same domain in capitals,
# with a trailing dot or IPs in another order is no change to file).
_KEYED = {"domain": domain_key, "domains": domain_key, "ip": ip_key}


def service_key(kind: str, service: dict[str, Any]) -> str:
    """How a service is matched to its record: a website by domain, an app by kind and name."""
    if kind == "websites":
        return domain_key(service.get("domain"))
    name = service.get("name")
    return f"{service.get('kind', '')}:{name.strip()}" if isinstance(name, str) and name.strip() else ""


class Filed(Frozen):
    """One approved service: the list it is in, its place in `record:`, its number and values."""

    kind: str  # websites | apps
    index: int  # in record.<kind>
    number: str
    filed: dict[str, Any]

    __slots__ = ("kind", "index", "number", "filed")

    def __init__(self, kind: str, index: int, number: str, filed: dict[str, Any]) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "number", number)
        object.__setattr__(self, "filed", filed)

    @property
    def key(self) -> str:
        return service_key(self.kind, self.filed)


def filed(data: dict[str, Any], kind: str = "websites") -> dict[str, Filed]:
    """The approved services of one list by their key (domain for websites)."""
    found: dict[str, Filed] = {}
    for i, entry in enumerate(_list(record(data).get(kind))):
        entry = _dict(entry)
        item = Filed(kind, i, entry.get("number") if isinstance(entry.get("number"), str) else "",
                     _dict(entry.get("filed")))
        if item.key and item.key not in found:
            found[item.key] = item
    return found


def number_for_domain(data: dict[str, Any], domain: str) -> str:
    """The approved website number of `domain` ('' when the record has none). It reads the whole
    record: for many domains take `numbers_by_domain` once (breaker21 K01/K02: one call per police
    entry or website made a check of 1,000 of each quadratic, 43 s)."""
    return numbers_by_domain(data).get(domain_key(domain), "")


def numbers_by_domain(data: dict[str, Any]) -> dict[str, str]:
    """The approved website numbers by domain key (`domain_key`), read from the record once."""
    return {key: item.number for key, item in filed(data).items() if item.number}


def police_numbers_by_domain(data: dict[str, Any]) -> dict[str, str]:
    """The public-security numbers `police.websites` gives, by domain key (a domain's first entry),
    stripped; an entry with no number is left out (`status`, the wizard's police step and footer)."""
    police = _dict(data.get("police"))
    found: dict[str, str] = {}
    for entry in _list(police.get("websites")):
        number = entry.get("number") if isinstance(entry, dict) else None
        if isinstance(number, str) and number.strip():
            found.setdefault(domain_key(entry.get("domain")), number.strip())
    return found


def flatten(value: Any, pointer: str = "") -> dict[str, Any]:
    """{JSON Pointer: leaf} of a value; a list of plain values is one leaf; `x_` keys are left out.

    Without recursion and in one pass (each value visited once, in the draft's order): a nested
    copy was flattened level by level, each level's dict copied into its parent's."""
    out: dict[str, Any] = {}
    todo: list[tuple[str, Any]] = [(pointer, value)]
    while todo:
        here, node = todo.pop()
        if isinstance(node, dict):
            children = [(jp.join(here, k), v) for k, v in node.items()
                        if not (isinstance(k, str) and k.startswith("x_"))]
        elif isinstance(node, list) and any(isinstance(v, (dict, list)) for v in node):
            children = [(jp.join(here, i), v) for i, v in enumerate(node)]
        else:
            out[here] = node
            continue
        todo.extend(reversed(children))
    return out


def _leaf(value: Any) -> Any:
    """A value as compared. The record's copies are free-form to the schema, so the typed reader
    leaves their `false` as text: booleans compare as `true`/`false` text, text stripped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):  # a list of plain values (flatten's leaf): one level
        return [_leaf(v) if not isinstance(v, list | dict) else v for v in value]
    return value


def _compared(pointer: str, value: Any) -> Any:
    """A leaf as compared at `pointer`: a domain or an IP list normalised (`_KEYED`), lists of
    them as sets; anything else as `_leaf` gives it."""
    key = _KEYED.get(pointer.rsplit("/", 1)[-1])
    if key is None:
        return _leaf(value)
    values = value if isinstance(value, list) else [value]
    return sorted({key(v) for v in values if v not in (None, "")})


def _same(a: Any, b: Any, pointer: str = "") -> bool:
    return _compared(pointer, a) == _compared(pointer, b)


def differences(approved: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """Relative pointers (`/principal/mobile`) of the fields that differ, in the draft's order,
    then those the draft dropped. Domains and IPs compare normalised (`_KEYED`)."""
    before, after = flatten(approved), flatten(now)
    changed = [p for p, v in after.items() if p not in before or not _same(before[p], v, p)]
    return changed + [p for p in before if p not in after and before[p] not in (None, "", [])]


def snapshot(data: dict[str, Any], numbers: dict[tuple[str, int], str], subject_number: str,
             day: str, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The `record:` block for an approval on `day`: the subject's number, a copy of the subject and
    of each service with its number (`numbers[(list, index)]`). Services approved before and not in
    this order (`previous`) are kept, with their own dates."""
    import copy

    previous = previous or {}
    out: dict[str, Any] = {"approved_on": day, "number": subject_number,
                           "subject": copy.deepcopy(_dict(data.get("subject")))}
    for kind in SERVICE_LISTS:
        entries: list[dict[str, Any]] = []
        seen: set[str] = set()
        for i, service in enumerate(_list(data.get(kind))):
            service = _dict(service)
            number = numbers.get((kind, i))
            if not number:
                continue
            entries.append({"number": number, "approved_on": day, "filed": copy.deepcopy(service)})
            seen.add(service_key(kind, service))
        for old in _list(previous.get(kind)):
            old = _dict(old)
            if service_key(kind, _dict(old.get("filed"))) not in seen:
                entries.append(copy.deepcopy(old))
        if entries:
            out[kind] = entries
    return out
