"""What a province's 管局 will ask that a draft cannot show: reminders (info findings)."""

from __future__ import annotations

from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context
from icpfile.findings import Issue

WHERE = "/subject/province"


@rule
def province_legal_representative(ctx: Context) -> Iterator[Issue]:
    policy = ctx.pack.get("legal_rep")
    if ctx.is_unit and policy in ("required", "authorization"):
        yield Issue("ICP801", WHERE, {"province": ctx.province, "hint": policy})


@rule
def province_local_mobile(ctx: Context) -> Iterator[Issue]:
    if ctx.pack.get("local_mobile"):
        yield Issue("ICP802", WHERE, {"province": ctx.province})
