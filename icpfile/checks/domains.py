"""Domains and access: one registrable domain per website, fileable suffixes, public IPs."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.values import domains as dom

_URL_PARTS = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:www\.)?([^/:?#\s]+)(?::\d+)?(?:[/?#].*)?\s*$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


def domains(ctx: Context) -> Iterator[tuple[str, str]]:
    for _, ptr, site in ctx.websites():
        value = text(site.get("domain"))
        if value:
            yield f"{ptr}/domain", value


def _bare(value: str) -> str:
    """The host part of what the user typed: no scheme, www., port, path or spaces."""
    match = _URL_PARTS.match(value)
    return match.group(1) if match else value.strip()


def _parsed(value: str) -> tuple[str, str | None, str | None] | None:
    """(ascii, public suffix, registrable) of the bare domain, or None when it is not valid."""
    try:
        ascii_form = dom.to_ascii(_bare(value))
    except dom.DomainError:
        return None
    suffix = dom.public_suffix(ascii_form)
    return ascii_form, suffix, dom.registrable(ascii_form) if suffix else None


@rule
def domain_url_parts(ctx: Context) -> Iterator[Issue]:
    for ptr, value in domains(ctx):
        bare = _bare(value)
        if bare != value:
            yield Issue("ICP510", ptr, {"domain": value, "fixed": bare})


@rule
def domain_registrable(ctx: Context) -> Iterator[Issue]:
    for ptr, value in domains(ctx):
        parsed = _parsed(value)
        if parsed is None or parsed[1] is None:
            continue
        ascii_form, suffix, reg = parsed
        if reg is None:
            yield Issue("ICP511", ptr, {"domain": value, "suffix": suffix, "hint": "suffix"})
        elif reg != ascii_form:
            yield Issue("ICP511", ptr, {"domain": value, "fixed": dom.to_unicode(reg), "ascii": reg})


@rule
def domain_valid(ctx: Context) -> Iterator[Issue]:
    for ptr, value in domains(ctx):
        try:
            ascii_form = dom.to_ascii(_bare(value))
        except dom.DomainError as exc:
            yield Issue("ICP512", ptr, {"domain": value, "reason": str(exc)})
            continue
        if "." not in ascii_form or dom.public_suffix(ascii_form) is None:
            yield Issue("ICP512", ptr, {"domain": value, "reason": "unknown top-level domain", "hint": "tld"})


def _suffix_of(value: str) -> str | None:
    """The public suffix in Unicode (`中国`, `com.cn`), for the suffix lists."""
    parsed = _parsed(value)
    return dom.to_unicode(parsed[1]) if parsed and parsed[1] else None


@rule
def domain_suffix_fileable(ctx: Context) -> Iterator[Issue]:
    listed = set(ctx.national["fileable_suffixes"])
    refused = set(ctx.pack.get("unfileable_suffixes") or [])
    for ptr, value in domains(ctx):
        suffix = _suffix_of(value)
        if not suffix:
            continue
        tld = suffix.rsplit(".", 1)[-1]
        if tld in refused or suffix in refused:
            yield Issue("ICP513", ptr, {"domain": value, "suffix": suffix, "province": ctx.province,
                                        "date": ctx.national["fileable_suffixes_date"], "hint": "province"})
        elif tld not in listed and suffix not in listed:
            yield Issue("ICP513", ptr, {"domain": value, "suffix": suffix,
                                        "date": ctx.national["fileable_suffixes_date"]})


@rule
def domain_suffix_nature(ctx: Context) -> Iterator[Issue]:
    wanted = ctx.national["nature_suffixes"].get(ctx.nature)
    if not wanted:
        return
    for ptr, value in domains(ctx):
        suffix = _suffix_of(value)
        if suffix and suffix not in wanted:
            shown = "、".join("." + w for w in wanted)
            yield Issue("ICP514", ptr, {"domain": value, "nature": ctx.nature, "wanted": shown})


@rule
def domain_uts46_changes(ctx: Context) -> Iterator[Issue]:
    """A domain that UTS 46 processing silently changes (a zero-width space or soft hyphen is
    deleted): the name filed is not the name typed, and an invisible character can hide a word.
    Source: UTS 46 §4 (mapping: "ignored" code points are removed)."""
    for ptr, value in domains(ctx):
        mapped = dom.uts46_changes(_bare(value))
        if mapped is not None:
            yield Issue("ICP530", ptr, {"domain": value, "fixed": mapped})


@rule
def domain_mixed_scripts(ctx: Context) -> Iterator[Issue]:
    """A label mixing scripts that UTS 39's Highly Restrictive level keeps apart (Latin with
    Cyrillic а or Greek ο): a look-alike of another name. Source: UTS 39 §5.2."""
    for ptr, value in domains(ctx):
        found = dom.mixed_scripts(_bare(value))
        if found is not None:
            yield Issue("ICP531", ptr, {"domain": value, "label": found[0], "scripts": "+".join(found[1])})


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
                yield Issue("ICP520", f"{ptr}/access/ip/{i}", {"ip": value, "hint": "invalid"})
                continue
            if not address.is_global or address.is_multicast:
                yield Issue("ICP520", f"{ptr}/access/ip/{i}", {"ip": value, "hint": "private"})


@rule
def service_number_form(ctx: Context) -> Iterator[Issue]:
    for _, ptr, site in ctx.websites():
        access = site.get("access")
        number = text(access.get("service_number")) if isinstance(access, dict) else ""
        if number and not _UUID.match(number.strip()):
            yield Issue("ICP521", f"{ptr}/access/service_number", {"number": number})
