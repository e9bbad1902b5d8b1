"""The order as a whole: how many websites one order may carry, no domain twice, and what a
person's order may not hold."""

from __future__ import annotations

from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.values.domains import normalise


@rule
def websites_per_order(ctx: Context) -> Iterator[Issue]:
    if ctx.kind is None or not ctx.kind.limit or not ctx.nature:  # data/kinds.yaml `limit` (指南 3.2)
        return
    limit = (ctx.pack.get("websites_per_order") or {}).get(ctx.nature_key)
    sites = list(ctx.websites())
    if limit and len(sites) > int(limit):
        _, ptr, _ = sites[int(limit)]
        yield Issue(ptr, {"count": len(sites), "limit": limit, "province": ctx.province,
                                    "nature": ctx.nature_key})


@rule
def domain_twice(ctx: Context) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    for i, ptr, site in ctx.websites():
        domain = text(site.get("domain"))
        if not domain:
            continue
        key = normalise(domain)
        if key in seen:
            yield Issue(f"{ptr}/domain", {"domain": domain, "first": seen[key] + 1})
        else:
            seen[key] = i


@rule
def personal_first_filing_domains(ctx: Context) -> Iterator[Issue]:
    """海南: a person's first filing holds one domain (QC; HW 2025-12-31 doc_0230). Data:
    provinces.yaml personal_first_filing_max_domains."""
    limit = ctx.pack.get("personal_first_filing_max_domains")
    if not limit or not ctx.is_personal or ctx.filing_type != "first_filing":
        return
    sites = [ptr for _, ptr, site in ctx.websites() if text(site.get("domain"))]
    if len(sites) > int(limit):
        yield Issue(f"{sites[int(limit)]}/domain", {"count": len(sites), "limit": limit,
                                                               "province": ctx.province})


@rule
def website_languages_required(ctx: Context) -> Iterator[Issue]:
    """上海 (QC): every website lists 简体中文 among its languages."""
    wanted = ctx.pack.get("languages_must_include") or []
    for _, ptr, site in ctx.websites():
        languages = site.get("languages")
        if not wanted or not isinstance(languages, list):
            continue
        missing = [w for w in wanted if w not in languages]
        if missing:
            # severity_by case: QC states it in its enterprise section only; for persons a warning
            yield Issue(f"{ptr}/languages", {"missing": "、".join(missing), "province": ctx.province,
                                             "case": ctx.nature_key})


@rule
def personal_commercial(ctx: Context) -> Iterator[Issue]:
    """A person's website or app marked commercial: the licence it would need goes to companies
    only (电信业务经营许可管理办法, 工信部令第42号, 第六条)."""
    if not ctx.is_personal:
        return
    for _, ptr, service in ctx.services():
        if service.get("commercial") is True:
            yield Issue(f"{ptr}/commercial", {"name": text(service.get("name"))})
