"""The public-security filing (`police:`): its own fields, and against the ICP draft and its record.

What the police form repeats must agree with the ICP filing (the subject's name, nature and
certificate, the website's name exactly as filed, its ICP number, domains, pre-approvals and
languages; IMD); the opening date starts 30 days (公安部令第33号 Art. 12); the IP is the one the
domain resolves to (a reminder: offline, icpfile cannot resolve it); an interactive service uploads
a safety assessment (SAFE18); a person's interactive site is a warning (ALI-PS, QC). The number,
once issued, has its form checked and its first six digits read as a division code
(`data/division_codes.yaml`, PUBREC). The maps between the ICP and the police lists are data
(`data/police.yaml`). Facts: shared/reference s3/domain-2026b.md §2.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterator
from functools import cache
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.data import changes
from icpfile.data.catalog import read_data
from icpfile.findings import Issue
from icpfile.values import approved
from icpfile.values.dates import parse_day
from icpfile.values.filing_numbers import parse, problems


@cache
def police_data() -> dict[str, Any]:
    return read_data("police.yaml")


@cache
def division_codes() -> dict[str, Any]:
    """{"codes": {code: "省 市 区"}, "former": {code: [year, "省 市 区"]}} (MCA, built by bench/)."""
    return read_data("division_codes.yaml")


def _police(ctx: Context) -> dict[str, Any]:
    value = ctx.data.get("police")
    return value if isinstance(value, dict) else {}


def _subject(ctx: Context) -> dict[str, Any]:
    value = _police(ctx).get("subject")
    return value if isinstance(value, dict) else {}


def police_sites(ctx: Context) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, entry) of every `police.websites` entry written as a mapping."""
    sites = _police(ctx).get("websites")
    for i, site in enumerate(sites if isinstance(sites, list) else []):
        if isinstance(site, dict):
            yield f"/police/websites/{i}", site


_SITES: weakref.WeakKeyDictionary[Context, dict[str, dict[str, Any]]] = weakref.WeakKeyDictionary()


def _icp_sites(ctx: Context) -> dict[str, dict[str, Any]]:
    """The ICP websites by domain: the order's, then the record's (a site filed in an earlier order).
    Built once per draft: every police entry looks its site up here, so the check stays linear."""
    known = _SITES.get(ctx)
    if known is not None:
        return known
    found = {approved.domain_key(site.get("domain")): site for _, _, site in ctx.websites()
             if approved.domain_key(site.get("domain"))}
    for key, item in approved.filed(ctx.data).items():
        found.setdefault(key, item.filed)
    _SITES[ctx] = found
    return found


_NUMBERS: weakref.WeakKeyDictionary[Context, dict[str, str]] = weakref.WeakKeyDictionary()


def _issued(ctx: Context, domain: str) -> str:
    """The approved number of `domain` ('' when none), from a map built once per draft (K01)."""
    known = _NUMBERS.get(ctx)
    if known is None:
        known = _NUMBERS[ctx] = approved.numbers_by_domain(ctx.data)
    return known.get(approved.domain_key(domain), "")


def _site_of(ctx: Context, entry: dict[str, Any]) -> dict[str, Any] | None:
    return _icp_sites(ctx).get(approved.domain_key(entry.get("domain")))


def _given(entry: dict[str, Any], key: str) -> str:
    return text(entry.get(key)).strip()


@rule
def police_website_not_filed(ctx: Context) -> Iterator[Issue]:
    """A police entry whose domain no website of the draft has: never ICP-filed (an error), or
    approved but dropped from `websites:` since (case `dropped`, a warning: the site moved to a new
    domain and the police filing still names the old one, #21)."""
    dropped: set[str] | None = None
    for ptr, entry in police_sites(ctx):
        domain = _given(entry, "domain")
        if not domain:
            continue
        if _site_of(ctx, entry) is None:
            yield Issue(f"{ptr}/domain", {"domain": domain})
            continue
        if dropped is None:  # built once per draft, as record.py's ICP675 finds them
            dropped = {approved.domain_key(item.filed.get("domain")) for _, item in changes.dropped(ctx.data)
                       if item.kind == "websites"}
        if approved.domain_key(domain) in dropped:
            yield Issue(f"{ptr}/domain", {"domain": domain, "case": "dropped", "hint": "dropped",
                                          "number": _issued(ctx, domain) or "—"})


@rule
def police_subject_name(ctx: Context) -> Iterator[Issue]:
    given, filed = _given(_subject(ctx), "name"), text(ctx.subject.get("name")).strip()
    if given and filed and given != filed:
        yield Issue("/police/subject/name", {"given": given, "filed": filed})


@rule
def police_subject_certificate(ctx: Context) -> Iterator[Issue]:
    given = _given(_subject(ctx), "certificate_number")
    cert = ctx.subject.get("certificate")
    filed = text(cert.get("number")).strip() if isinstance(cert, dict) else ""
    if given and filed and given.upper() != filed.upper():
        yield Issue("/police/subject/certificate_number", {"given": given, "filed": filed})


@rule
def police_subject_nature(ctx: Context) -> Iterator[Issue]:
    given = _given(_subject(ctx), "nature")
    fits = police_data()["natures"].get(ctx.nature)
    if given and fits and given not in fits:
        yield Issue("/police/subject/nature", {"given": given, "nature": ctx.nature, "fits": ", ".join(fits)})


@rule
def police_website_name(ctx: Context) -> Iterator[Issue]:
    for ptr, entry in police_sites(ctx):
        site = _site_of(ctx, entry)
        given = _given(entry, "name")
        filed = text(site.get("name")).strip() if site else ""
        if given and filed and given != filed:
            yield Issue(f"{ptr}/name", {"given": given, "filed": filed})


@rule
def police_icp_number(ctx: Context) -> Iterator[Issue]:
    for ptr, entry in police_sites(ctx):
        given = _given(entry, "icp_number")
        if not given:
            continue
        issued = _issued(ctx, _given(entry, "domain"))
        parsed = parse(given)
        if issued and given != issued:
            yield Issue(f"{ptr}/icp_number", {"given": given, "issued": issued, "hint": "issued"})
        elif not issued and (parsed is None or parsed.kind != "website" or not parsed.abbr):
            yield Issue(f"{ptr}/icp_number", {"given": given, "issued": "浙ICP备2026000001号-1", "hint": "form"})


@rule
def police_domains_filed(ctx: Context) -> Iterator[Issue]:
    filed = _icp_sites(ctx)
    for ptr, entry in police_sites(ctx):
        domains = entry.get("domains")
        for j, domain in enumerate(domains if isinstance(domains, list) else []):
            if isinstance(domain, str) and domain.strip() and approved.domain_key(domain) not in filed:
                yield Issue(f"{ptr}/domains/{j}", {"domain": domain.strip()})


def _icp_pre_approvals(site: dict[str, Any]) -> set[str]:
    table = police_data()["pre_approvals"]
    listed = site.get("pre_approvals")
    return {table[p["category"]] for p in (listed if isinstance(listed, list) else [])
            if isinstance(p, dict) and isinstance(p.get("category"), str) and p["category"] in table}


@rule
def police_pre_approvals(ctx: Context) -> Iterator[Issue]:
    for ptr, entry in police_sites(ctx):
        site, given = _site_of(ctx, entry), entry.get("pre_approvals")
        if site is None or not isinstance(given, list):
            continue
        wanted = _icp_pre_approvals(site)
        # a list or a mapping as an item is the schema's finding; never hashed here (breaker21 K11)
        if {x for x in given if isinstance(x, str)} != wanted or not all(isinstance(x, str) for x in given):
            yield Issue(f"{ptr}/pre_approvals", {"given": ", ".join(map(str, given)) or "—",
                                                 "wanted": ", ".join(sorted(wanted)) or "—"})


@rule
def police_languages(ctx: Context) -> Iterator[Issue]:
    known = police_data()["languages"]
    for ptr, entry in police_sites(ctx):
        site, given = _site_of(ctx, entry), entry.get("languages")
        filed = site.get("languages") if site else None
        if not isinstance(given, list) or not isinstance(filed, list):
            continue
        wanted = {lang if lang in known else "other" for lang in filed if isinstance(lang, str)}
        if {lang for lang in given if isinstance(lang, str)} != wanted or not all(isinstance(x, str) for x in given):
            yield Issue(f"{ptr}/languages", {"given": ", ".join(map(str, given)),
                                             "wanted": ", ".join(sorted(wanted))})


def _opened(entry: dict[str, Any]) -> dt.date | None:
    return parse_day(entry.get("opened"))


def _due(ctx: Context) -> Iterator[tuple[str, dt.date, dt.date, int]]:
    """(pointer, opened, due, days left) of every site open today and without its police number."""
    days = int(police_data()["filing_days"])
    for ptr, entry in police_sites(ctx):
        opened = _opened(entry)
        if opened is None or _given(entry, "number") or opened > ctx.today:
            continue
        due = opened + dt.timedelta(days=days)
        yield f"{ptr}/opened", opened, due, (due - ctx.today).days


@rule
def police_filing_due(ctx: Context) -> Iterator[Issue]:
    for ptr, opened, due, left in _due(ctx):
        if left >= 0:
            yield Issue(ptr, {"opened": opened.isoformat(), "due": due.isoformat(), "left": left})


@rule
def police_filing_late(ctx: Context) -> Iterator[Issue]:
    for ptr, opened, due, left in _due(ctx):
        if left < 0:
            yield Issue(ptr, {"opened": opened.isoformat(), "due": due.isoformat(), "late": -left})


@rule
def police_opened_future(ctx: Context) -> Iterator[Issue]:
    """An opening day after today, or before the site's ICP approval (walker22: accepted silently;
    a site may not serve before its filing is approved, 互联网信息服务管理办法 第四条)."""
    approved_on = parse_day(approved.record(ctx.data).get("approved_on"))
    for ptr, entry in police_sites(ctx):
        opened = _opened(entry)
        if opened is not None and opened > ctx.today:
            yield Issue(f"{ptr}/opened", {"opened": opened.isoformat(), "today": ctx.today.isoformat()})
        elif opened is not None and approved_on is not None and opened < approved_on:
            yield Issue(f"{ptr}/opened", {"opened": opened.isoformat(), "approved": approved_on.isoformat(),
                                          "hint": "before_approval", "message": "before_approval"})


@rule
def police_ip_resolved(ctx: Context) -> Iterator[Issue]:
    for ptr, entry in police_sites(ctx):
        ips = entry.get("ip")
        if not isinstance(ips, list) or not ips:
            continue
        site = _site_of(ctx, entry) or {}
        access = site.get("access") if isinstance(site.get("access"), dict) else {}
        filed = access.get("ip") if isinstance(access.get("ip"), list) else []
        other = [str(ip) for ip in ips if ip not in filed]
        yield Issue(f"{ptr}/ip", {"domain": _given(entry, "domain"), "ip": ", ".join(map(str, ips)),
                                  "hint": "other" if filed and other else None})


def _materials(ctx: Context) -> set[str]:
    listed = ctx.data.get("materials")
    return {m["kind"] for m in (listed if isinstance(listed, list) else [])
            if isinstance(m, dict) and isinstance(m.get("kind"), str)}


@rule
def police_safety_assessment(ctx: Context) -> Iterator[Issue]:
    if "safety_assessment" in _materials(ctx):
        return
    for ptr, entry in police_sites(ctx):
        if entry.get("interactive") is True:
            yield Issue(f"{ptr}/interactive", {"domain": _given(entry, "domain")})
            return  # one assessment entry answers every interactive site of the order


@rule
def police_personal_interactive(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    for ptr, entry in police_sites(ctx):
        if entry.get("interactive") is True:
            yield Issue(f"{ptr}/interactive", {"domain": _given(entry, "domain")})


@rule
def police_service_type_provider(ctx: Context) -> Iterator[Issue]:
    letters = tuple(police_data()["provider_service_types"])
    for ptr, entry in police_sites(ctx):
        value = _given(entry, "service_type")
        if value and value.upper().startswith(letters) and (len(value) == 1 or not value[1].isalpha()):
            yield Issue(f"{ptr}/service_type", {"value": value})


@rule
def police_number_form(ctx: Context) -> Iterator[Issue]:
    for ptr, entry in police_sites(ctx):
        given = _given(entry, "number")
        if not given:
            continue
        parsed = parse(given)
        if parsed is None or parsed.kind != "police":
            yield Issue(f"{ptr}/number", {"number": given, "hint": None})
            continue
        found = [p for p in problems(parsed, ctx.province, ctx.packs) if p[0] != "form"]
        if found:
            reason, fields = found[0]
            yield Issue(f"{ptr}/number", {**fields, "number": given, "hint": reason})


def _police_code(ctx: Context, entry: dict[str, Any]) -> str:
    """The number's digits when it is a well-formed 14-digit police number of the subject's province."""
    parsed = parse(_given(entry, "number"))
    if parsed is None or parsed.kind != "police" or len(parsed.serial) != int(police_data()["number_digits"]):
        return ""
    if [p for p in problems(parsed, ctx.province, ctx.packs) if p[0] != "form"]:
        return ""
    return parsed.serial


@rule
def police_number_division(ctx: Context) -> Iterator[Issue]:
    table = division_codes()
    for ptr, entry in police_sites(ctx):
        code = _police_code(ctx, entry)
        if code and code[:6] not in table["codes"] and code[:6] not in table["former"]:
            yield Issue(f"{ptr}/number", {"number": _given(entry, "number"), "code": code[:6]})


def _local(names: str, city: str, district: str, address: str) -> bool:
    """True when the division `names` ("省 市 区", from the number's first six digits) is where the
    filing is reviewed: the province's own office (a 总队, 110000), the subject's city office
    (330100) for a subject in that city, the subject's district, or the district the police form's
    own address names (`police.subject.address`: the office of that place reviews the filing and
    issues the number; domain-2026b §2.3, field 5).
    A district-level code of another district of the same city is not local (#21: 330106 西湖区 for
    a subject in 余杭区); without the subject's district, the city decides."""
    parts = names.split(" ")
    if len(parts) == 1:
        return True
    if len(parts) == 2:
        return parts[1] == city or (bool(address) and parts[1] in address)
    if address and parts[2] in address:
        return True
    return parts[2] == district if district else parts[1] == city


@rule
def police_number_locality(ctx: Context) -> Iterator[Issue]:
    table = division_codes()
    city, district = text(ctx.subject.get("city")).strip(), text(ctx.subject.get("district")).strip()
    address = _given(_subject(ctx), "address")
    for ptr, entry in police_sites(ctx):
        code = _police_code(ctx, entry)
        names = table["codes"].get(code[:6]) if code else None
        if not names or not city or _local(names, city, district, address):
            continue
        yield Issue(f"{ptr}/number", {"number": _given(entry, "number"), "code": code[:6], "place": names,
                                      "subject": f"{ctx.province} {city} {district}".strip()})


# C0 and C1 controls and DEL (category Cc), the line and paragraph separators, the bidi embeddings,
# overrides, isolates and marks, and the BOM: invisible in the form, and they change what a
# terminal or a report shows (#21, B12).
_CONTROLS = frozenset(
    [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F),
                      *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C, 0xFEFF)])


def _texts(value: Any, pointer: str) -> Iterator[tuple[str, str]]:
    """(pointer, text) of every text value below `value`, each visited once."""
    stack = [(pointer, value)]
    while stack:
        here, node = stack.pop()
        if isinstance(node, str):
            yield here, node
        elif isinstance(node, dict):
            stack.extend((f"{here}/{str(k).replace('~', '~0').replace('/', '~1')}", v)
                         for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((f"{here}/{i}", v) for i, v in reversed(list(enumerate(node))))


@rule
def police_control_characters(ctx: Context) -> Iterator[Issue]:
    from icpfile.values.echo import escape_controls

    for pointer, value in _texts(_police(ctx), "/police"):
        found = sorted({c for c in value if c in _CONTROLS})
        if found:
            yield Issue(pointer, {"field": pointer[len("/police/"):],
                                  "chars": " ".join(escape_controls(c) for c in found)})
