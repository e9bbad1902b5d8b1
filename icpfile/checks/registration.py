"""The domain's registration (域名注册信息) against the subject: holder, certificate, expiry,
real-name date, WHOIS status (#18.4). Facts: TXM (every province: the holder is the filer; most
provinces accept a unit's legal representative, eight want the unit itself; 上海 6 months, 安徽
and 河南 3 months of validity), HW 2025-12-31 (real-name data reaches the 管局 in 3–5 working
days), DOMST (serverHold/clientHold: resolution suspended). A draft declares what the registrar
shows (`websites[].registration`, `apps[].registrations`); icpfile queries nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.load import pointer as jp
from icpfile.values.dates import add_months, parse_day

# WHOIS/EPP states that stop a filing (hold: resolution suspended; delete/redemption: the domain
# is going away) and one that only delays it (a transfer changes the registrar).
_STOPS = {"serverhold": "hold", "clienthold": "hold", "pendingdelete": "delete", "redemptionperiod": "delete"}
_DELAYS = {"pendingtransfer": "transfer"}


def registrations(ctx: Context) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(pointer of the block, domain, block) for every registration block the draft gives."""
    for _, ptr, site in ctx.websites():
        block = site.get("registration")
        if isinstance(block, dict):
            yield f"{ptr}/registration", text(site.get("domain")), block
    for _, ptr, app in ctx.apps():
        blocks = app.get("registrations")
        if isinstance(blocks, dict):
            for domain, block in blocks.items():
                if isinstance(block, dict):
                    yield jp.join(f"{ptr}/registrations", str(domain)), str(domain), block


def _domains_without_block(ctx: Context) -> list[str]:
    found = [text(site.get("domain")) for _, _, site in ctx.websites()
             if text(site.get("domain")) and not isinstance(site.get("registration"), dict)]
    found += [text(d) for _, _, app in ctx.apps() if isinstance(app.get("domains"), list)
              and not isinstance(app.get("registrations"), dict) for d in app["domains"] if text(d)]
    return found


@rule
def domain_registration_unstated(ctx: Context) -> Iterator[Issue]:
    """Once per draft: which domains carry no registration block, and what to compare."""
    missing = _domains_without_block(ctx)
    if missing and text(ctx.subject.get("name")):
        yield Issue("/websites" if ctx.data.get("websites") else "/apps",
                    {"domains": "、".join(missing[:5]) + ("…" if len(missing) > 5 else ""),
                     "name": text(ctx.subject.get("name"))})


def _legal_representative(ctx: Context) -> str:
    """The name a unit's draft gives for its legal representative: the investor of an enterprise
    (指南 2: 企业填写法定代表人姓名), else ''."""
    investor = text(ctx.subject.get("investor")).strip()
    return investor if investor and investor != text(ctx.subject.get("name")).strip() else ""


@rule
def domain_holder_subject(ctx: Context) -> Iterator[Issue]:
    """The holder is the subject: a person exactly; a unit by its full name, or (where the
    province accepts it, TXM) its legal representative, a warning since a proof may be asked."""
    subject = text(ctx.subject.get("name")).strip()
    if not subject or not ctx.nature:
        return
    legal = _legal_representative(ctx) if ctx.is_unit else ""
    for ptr, domain, block in registrations(ctx):
        holder = text(block.get("holder")).strip()
        if not holder or holder == subject:
            continue
        if legal and holder == legal:
            if not ctx.pack.get("domain_holder_unit_only"):
                case = "legal_rep"
            else:
                case = "letter" if ctx.pack.get("domain_holder_legal_rep_letter") else "unit_only"
        else:
            case = "other"
        yield Issue(f"{ptr}/holder", {"domain": domain, "holder": holder, "name": subject,
                                      "province": ctx.province, "hint": case, "case": case})


def _subject_certificate(ctx: Context) -> tuple[str, str]:
    cert = ctx.subject.get("certificate") if isinstance(ctx.subject.get("certificate"), dict) else {}
    return text(cert.get("type")).strip(), text(cert.get("number")).strip()


@rule
def domain_holder_certificate(ctx: Context) -> Iterator[Issue]:
    """A holder named as the subject whose certificate type or number differs from the subject's
    (TXM 吉林: compared are name, certificate type and number; HW doc_0049)."""
    subject = text(ctx.subject.get("name")).strip()
    kind, number = _subject_certificate(ctx)
    for ptr, domain, block in registrations(ctx):
        if text(block.get("holder")).strip() != subject:
            continue
        for key, want in (("holder_id_type", kind), ("holder_id_number", number)):
            given = text(block.get(key)).strip()
            if given and want and given.upper() != want.upper():
                yield Issue(f"{ptr}/{key}", {"domain": domain, "given": given, "want": want, "hint": key})


@rule
def domain_expiry(ctx: Context) -> Iterator[Issue]:
    """Expired, or closer to expiry than the province allows (上海 6 months, 安徽/河南 3: TXM), or
    than the providers advise elsewhere (3 months, QC; HW 2.1–2.2): the last one a warning."""
    stated = ctx.pack.get("domain_min_valid_months")
    months = int(stated or ctx.national["domain_min_valid_months_advice"])
    for ptr, domain, block in registrations(ctx):
        expires = parse_day(text(block.get("expires_on")))
        if expires is None:
            continue
        if expires < ctx.today:
            case = "expired"
        elif expires < add_months(ctx.today, months):
            case = "province" if stated else "advice"
        else:
            continue
        yield Issue(f"{ptr}/expires_on", {"domain": domain, "date": expires.isoformat(), "months": months,
                                          "province": ctx.province, "hint": case, "case": case})


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Monday-to-Friday days after `start` up to and including `end` (public holidays not known)."""
    days, day = 0, start
    for _ in range(max(0, min((end - start).days, 60))):  # bounded: only short spans matter
        day += dt.timedelta(days=1)
        days += day.weekday() < 5
    return days


@rule
def domain_realname_recent(ctx: Context) -> Iterator[Issue]:
    """A real-name verification too recent to have reached the 管局 (HW 2025-12-31: 3–5 working
    days; "注册商不存在该域名注册人信息" until then)."""
    need = int(ctx.national["domain_realname_sync_working_days"])
    for ptr, domain, block in registrations(ctx):
        verified = parse_day(text(block.get("verified_on")))
        if verified is not None and verified <= ctx.today and working_days_between(verified, ctx.today) < need:
            yield Issue(f"{ptr}/verified_on", {"domain": domain, "date": verified.isoformat(), "days": need})


@rule
def domain_status_hold(ctx: Context) -> Iterator[Issue]:
    """WHOIS states that stop a filing (serverHold, clientHold, pendingDelete, redemptionPeriod) or
    delay it (pendingTransfer, a warning)."""
    for ptr, domain, block in registrations(ctx):
        listed = block.get("status")
        for i, state in enumerate(listed if isinstance(listed, list) else []):
            key = text(state).strip().replace(" ", "").lower()
            case = _STOPS.get(key) or _DELAYS.get(key)
            if case:
                yield Issue(f"{ptr}/status/{i}", {"domain": domain, "state": text(state), "hint": case,
                                                  "case": case})
