"""The subject (主办者): address, investor, and what a personal filing fixes automatically."""

from __future__ import annotations

import re
from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.values.text import special_characters

# A door number: 8号, 301室, 3栋, 2单元, 5楼, 5层, A座, 12-3 (指南 2; TX17).
_DOOR = re.compile(r"[0-9０-９一二三四五六七八九十百A-Za-z]+\s*(号|室|栋|幢|座|单元|楼|层|户)|[0-9]+-[0-9]+")
_MOST_DETAILED = ("最详细", "无具体门牌", "无门牌")


@rule
def address_special_characters(ctx: Context) -> Iterator[Issue]:
    address = text(ctx.subject.get("mailing_address"))
    bad = special_characters(address, allow="-()（）")
    if bad:
        yield Issue("ICP330", "/subject/mailing_address", {"address": address, "chars": " ".join(bad)})


@rule
def address_door_number(ctx: Context) -> Iterator[Issue]:
    address = text(ctx.subject.get("mailing_address"))
    remarks = text(ctx.subject.get("remarks"))
    if address and not _DOOR.search(address) and not any(w in remarks for w in _MOST_DETAILED):
        yield Issue("ICP331", "/subject/mailing_address", {"address": address})


@rule
def personal_investor(ctx: Context) -> Iterator[Issue]:
    name, investor = text(ctx.subject.get("name")), text(ctx.subject.get("investor"))
    if ctx.is_personal and name and investor and investor != name:
        yield Issue("ICP332", "/subject/investor", {"investor": investor, "name": name})


@rule
def unit_investor(ctx: Context) -> Iterator[Issue]:
    investor = text(ctx.subject.get("investor"))
    principal = ctx.subject.get("principal")
    rep = text(principal.get("name")) if isinstance(principal, dict) else ""
    name = text(ctx.subject.get("name"))
    if ctx.is_unit and investor and investor not in (name, rep):
        yield Issue("ICP333", "/subject/investor", {"investor": investor, "name": name, "rep": rep})


@rule
def personal_principal_is_subject(ctx: Context) -> Iterator[Issue]:
    principal = ctx.subject.get("principal")
    cert = ctx.subject.get("certificate")
    if not ctx.is_personal or not isinstance(principal, dict) or not isinstance(cert, dict):
        return
    pairs = (("name", ctx.subject.get("name")), ("id_type", cert.get("type")), ("id_number", cert.get("number")))
    for key, expected in pairs:
        value = principal.get(key)
        if isinstance(value, str) and isinstance(expected, str) and value != expected:
            yield Issue("ICP334", f"/subject/principal/{key}", {"field": key})


@rule
def personal_website_principal(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    for _, ptr, site in ctx.websites():
        if isinstance(site.get("principal"), dict):
            yield Issue("ICP335", f"{ptr}/principal", {})


@rule
def personal_website_content(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    for _, ptr, site in ctx.websites():
        content = text(site.get("content"))
        if content and content != "other":
            yield Issue("ICP336", f"{ptr}/content", {"content": content})
