"""What a province's 管局 will ask that a draft cannot show: reminders (info findings)."""

from __future__ import annotations

from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue

WHERE = "/subject/province"


@rule
def province_legal_representative(ctx: Context) -> Iterator[Issue]:
    policy = ctx.pack.get("legal_rep")
    if ctx.is_unit and policy in ("required", "authorization"):
        yield Issue(WHERE, {"province": ctx.province, "hint": policy})


@rule
def province_local_mobile(ctx: Context) -> Iterator[Issue]:
    if ctx.pack.get("local_mobile"):
        yield Issue(WHERE, {"province": ctx.province})


@rule
def province_legal_rep_conflict(ctx: Context) -> Iterator[Issue]:
    """Where sources disagree whether a principal other than the legal representative is accepted
    (provinces.yaml legal_rep_conflict), warn when the draft shows such a principal: the investor
    (the legal representative, 指南 2) is a person other than the principal."""
    sources = ctx.pack.get("legal_rep_conflict")
    principal = ctx.subject.get("principal")
    if not sources or not ctx.is_unit or not isinstance(principal, dict):
        return
    investor = text(ctx.subject.get("investor")).strip()
    name = text(principal.get("name")).strip()
    if investor and name and investor not in (name, text(ctx.subject.get("name")).strip()):
        yield Issue("/subject/principal/name", {"province": ctx.province, "principal": name,
                                                          "investor": investor, "sources": sources})
