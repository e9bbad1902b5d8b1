"""Domains and access: one registrable domain per website, fileable suffixes, public IPs."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.values import domains as dom

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def warm() -> None:
    """The Public Suffix List, parsed before a batch forks (`checks.warm`)."""
    dom.public_suffix("example.com")


@rule
def website_one_domain(ctx: Context) -> Iterator[Issue]:
    """One website holds one domain (工信管函〔2019〕633号, 2019-04-22; 指南 1.1; HW 2025-12-31)."""
    for _, ptr, site in ctx.websites():
        parts = dom.several_domains(text(site.get("domain")))
        if parts:
            yield Issue(f"{ptr}/domain", {"domain": text(site.get("domain")), "first": parts[0],
                                                    "rest": "、".join(parts[1:]), "count": len(parts)})


def _parsed(ctx: Context, value: str) -> tuple[str, str | None, str | None] | None:
    """(ascii, public suffix, registrable) of the bare domain, or None when it is not valid; each
    value parsed once per draft (six rules ask for every domain)."""
    known = ctx.memo("domains.parsed", dict)
    if value not in known:
        known[value] = _parse(value)
    return known[value]


def _parse(value: str) -> tuple[str, str | None, str | None] | None:
    try:
        ascii_form = dom.to_ascii(dom.host_parts(value))
    except dom.DomainError:
        return None
    suffix = dom.public_suffix(ascii_form)
    return ascii_form, suffix, dom.registrable(ascii_form) if suffix else None


@rule
def domain_url_parts(ctx: Context) -> Iterator[Issue]:
    """The fix it names is the value to file: the registrable domain of the host typed
    (`https://docs.example.cn` → `example.cn`), so that following it raises no ICP511."""
    for ptr, value in ctx.website_domains():
        bare = dom.host_parts(value)
        if bare != value:
            parsed = _parsed(ctx, value)
            registrable = parsed[2] if parsed else None
            yield Issue(ptr, {"domain": value, "fixed": dom.to_unicode(registrable) if registrable else bare})


@rule
def domain_registrable(ctx: Context) -> Iterator[Issue]:
    for ptr, value in ctx.website_domains():
        if dom.host_parts(value) != value:
            continue  # ICP510 names the registrable domain already: one finding, one fix
        parsed = _parsed(ctx, value)
        if parsed is None or parsed[1] is None:
            continue
        ascii_form, suffix, reg = parsed
        if reg is None:
            yield Issue(ptr, {"domain": value, "suffix": suffix, "hint": "suffix"})
        elif reg != ascii_form:
            yield Issue(ptr, {"domain": value, "fixed": dom.to_unicode(reg), "ascii": reg})


@rule
def domain_valid(ctx: Context) -> Iterator[Issue]:
    for ptr, value in ctx.domains():
        try:
            ascii_form = dom.to_ascii(dom.host_parts(value))
        except dom.DomainError as exc:
            yield Issue(ptr, {"domain": value, "reason": str(exc)})
            continue
        if "." not in ascii_form or dom.public_suffix(ascii_form) is None:
            yield Issue(ptr, {"domain": value, "reason": "unknown top-level domain", "hint": "tld"})


def _suffix_of(ctx: Context, value: str) -> str | None:
    """The public suffix in Unicode (`中国`, `com.cn`), for the suffix lists."""
    parsed = _parsed(ctx, value)
    return dom.to_unicode(parsed[1]) if parsed and parsed[1] else None


def _refusal(ctx: Context, suffix: str) -> str | None:
    """Why `suffix` cannot be filed here (a hint variant), or None: refused nation-wide, by this
    province, for this nature here, or not on the province's own list."""
    tld = suffix.rsplit(".", 1)[-1]
    here = {tld, suffix}
    if here & set(ctx.national["refused_suffixes"]):
        return "national"
    if here & set(ctx.pack.get("unfileable_suffixes") or []):
        return "province"
    if here & set((ctx.pack.get("unfileable_suffixes_by_nature") or {}).get(ctx.nature_key) or []):
        return "nature"
    return None  # a suffix off the province's own list (北京's open "such as" list) is ICP513's warning


def _suffixes(ctx: Context) -> Iterator[tuple[str, str, str, str | None]]:
    """(pointer, value, suffix, why refused or None) for every domain with a known suffix, found
    once per draft for the three suffix rules."""
    return iter(ctx.memo("domains.suffixes", lambda: list(_each_suffix(ctx))))


def _each_suffix(ctx: Context) -> Iterator[tuple[str, str, str, str | None]]:
    for ptr, value in ctx.domains():
        suffix = _suffix_of(ctx, value)
        if suffix:
            yield ptr, value, suffix, _refusal(ctx, suffix)


@rule
def domain_suffix_refused(ctx: Context) -> Iterator[Issue]:
    for ptr, value, suffix, why in _suffixes(ctx):
        if why:
            yield Issue(ptr, {"domain": value, "suffix": suffix, "province": ctx.province,
                                        "date": ctx.national["refused_suffixes_date"], "hint": why})


@rule
def domain_suffix_pending(ctx: Context) -> Iterator[Issue]:
    """A suffix listed as not fileable for now, nationally, or one this province's sources
    disagree on (provinces.yaml contested_suffixes: 北京's .co, refused by TXM, listed by TXG/QC)."""
    pending = set(ctx.national["pending_suffixes"])
    contested = ctx.pack.get("contested_suffixes") or {}
    for ptr, value, suffix, why in _suffixes(ctx):
        last = suffix.rsplit(".", 1)[-1]
        if why:
            continue
        if last in pending:
            yield Issue(ptr, {"domain": value, "suffix": suffix,
                                        "date": ctx.national["pending_suffixes_date"]})
        elif last in contested:
            yield Issue(ptr, {"domain": value, "suffix": suffix, "date": contested[last],
                              "province": ctx.province, "hint": "contested"})


@rule
def domain_suffix_fileable(ctx: Context) -> Iterator[Issue]:
    known = set(ctx.national["fileable_suffixes"]) | set(ctx.national["pending_suffixes"])
    only = set(ctx.pack.get("fileable_suffixes_only") or [])  # 北京's list, read as open (TXM: 如.com/.net等)
    for ptr, value, suffix, why in _suffixes(ctx):
        here = {suffix.rsplit(".", 1)[-1], suffix}
        if not why and (not here & known or (only and not here & only)):
            yield Issue(ptr, {"domain": value, "suffix": suffix,
                                        "date": ctx.national["fileable_suffixes_date"]})


@rule
def domain_suffix_nature(ctx: Context) -> Iterator[Issue]:
    wanted = ctx.national["nature_suffixes"].get(ctx.nature)
    if not wanted:
        return
    for ptr, value in ctx.domains():
        suffix = _suffix_of(ctx, value)
        if suffix and suffix not in wanted:
            shown = "、".join("." + w for w in wanted)
            yield Issue(ptr, {"domain": value, "nature": ctx.nature, "wanted": shown})


@rule
def domain_uts46_changes(ctx: Context) -> Iterator[Issue]:
    """A domain that UTS 46 processing silently changes (a zero-width space or soft hyphen is
    deleted): the name filed is not the name typed, and an invisible character can hide a word.
    Source: UTS 46 §4 (mapping: "ignored" code points are removed)."""
    for ptr, value in ctx.website_domains():
        mapped = dom.uts46_changes(dom.host_parts(value))
        if mapped is not None:
            yield Issue(ptr, {"domain": value, "fixed": mapped})


@rule
def domain_mixed_scripts(ctx: Context) -> Iterator[Issue]:
    """A label mixing scripts that UTS 39's Highly Restrictive level keeps apart (Latin with
    Cyrillic а or Greek ο): a look-alike of another name. Source: UTS 39 §5.2."""
    for ptr, value in ctx.website_domains():
        found = dom.mixed_scripts(dom.host_parts(value))
        if found is not None:
            yield Issue(ptr, {"domain": value, "label": found[0], "scripts": "+".join(found[1])})


@rule
def domain_not_canonical(ctx: Context) -> Iterator[Issue]:
    """A domain typed in another form than its UTS 46 one (full-width letters, 。 or ．, a
    combining mark): a warning, unless ICP530 already reports an invisible or rewritten character.
    Source: UTS 46 §4."""
    for ptr, value in ctx.website_domains():
        bare = dom.host_parts(value)
        fixed = dom.not_canonical(bare)
        if fixed is not None and dom.uts46_changes(bare) is None:
            yield Issue(ptr, {"domain": value, "fixed": fixed})


@rule
def domain_look_alike(ctx: Context) -> Iterator[Issue]:
    """A label drawn entirely like ASCII letters although some of them are not (аррӏе in
    Cyrillic, ᴇxample): a whole-script confusable. Source: UTS 39 §4."""
    for ptr, value in ctx.website_domains():
        found = dom.look_alike(dom.host_parts(value))
        if found is not None:
            yield Issue(ptr, {"domain": value, "label": found[0], "like": found[1]})


@rule
def ip_public(ctx: Context) -> Iterator[Issue]:
    for _, ptr, site in ctx.websites():
        access = site.get("access")
        ips = access.get("ip") if isinstance(access, dict) else None
        if not isinstance(ips, list):
            continue
        for i, raw in enumerate(ips):
            value = text(raw).strip()
            try:
                address = ipaddress.ip_address(value)
            except ValueError:
                yield Issue(f"{ptr}/access/ip/{i}", {"ip": value, "hint": "invalid"})
                continue
            if not address.is_global or address.is_multicast:
                yield Issue(f"{ptr}/access/ip/{i}", {"ip": value, "hint": "private"})


@rule
def service_number_form(ctx: Context) -> Iterator[Issue]:
    for _, ptr, site in ctx.websites():
        access = site.get("access")
        number = text(access.get("service_number")) if isinstance(access, dict) else ""
        if number and not _UUID.match(number.strip()):
            yield Issue(f"{ptr}/access/service_number", {"number": number})
