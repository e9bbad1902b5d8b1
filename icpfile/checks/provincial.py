"""Province requirements that one provider's page states (Tencent Cloud's 各省管局要求, TXM).

Each rule reads a key of the province pack (`ctx.pack`, icpfile/data/provinces.yaml): the service
content a personal website may or must choose, the remark that explains content `other`, the
certificate types an enterprise (or another unit) must choose, and how an enterprise writes its
investor. The severity follows the evidence: only Tencent's page states these, so each is an error
under `filing.provider: tencent` and a warning naming Tencent otherwise (the records' severity_by).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue


def _contents(ctx: Context) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(pointer of the website, the website, its content code) of each website giving one."""
    for _, pointer, site in ctx.websites():
        content = text(site.get("content")).strip()
        if content:
            yield pointer, site, content


@rule
def provincial_personal_content_refused(ctx: Context) -> Iterator[Issue]:
    """TXM (浙江, 河南, 贵州, 湖南 persons): a personal site may not choose 博客/个人空间."""
    refused = ctx.pack.get("personal_content_refused") or []
    if not ctx.is_personal or not refused:
        return
    for pointer, _, content in _contents(ctx):
        if content in refused:
            yield Issue(f"{pointer}/content", {"content": content, "province": ctx.province})


@rule
def provincial_personal_content_required(ctx: Context) -> Iterator[Issue]:
    """TXM (黑龙江 persons): a personal site must choose 博客/个人空间."""
    required = text(ctx.pack.get("personal_content_required"))
    if not ctx.is_personal or not required:
        return
    for pointer, _, content in _contents(ctx):
        if content != required:
            yield Issue(f"{pointer}/content", {"content": content, "required": required,
                                               "province": ctx.province})


@rule
def provincial_other_content_remark(ctx: Context) -> Iterator[Issue]:
    """TXM (河南, 内蒙古, 广西 persons; 重庆 all): content `other` is explained in the website remark."""
    if ctx.nature_key not in (ctx.pack.get("other_content_remark") or []) or not ctx.nature:
        return
    for pointer, site, content in _contents(ctx):
        if content == "other" and not text(site.get("remarks")).strip():
            yield Issue(f"{pointer}/remarks", {"province": ctx.province})


@rule
def provincial_unit_certificate_type(ctx: Context) -> Iterator[Issue]:
    """TXM (甘肃, 宁夏, 吉林, 广西 units): the certificate type an enterprise (甘肃: any unit) chooses."""
    types = ctx.pack.get("unit_certificate_types") or {}
    cert = ctx.subject.get("certificate")
    given = text(cert.get("type")).strip() if isinstance(cert, dict) else ""
    if not ctx.is_unit or not given:
        return
    wanted = types.get("enterprise" if ctx.nature == "enterprise" else "other_units") or []
    if wanted and given not in wanted:
        yield Issue("/subject/certificate/type", {"type": given, "wanted": "、".join(wanted),
                                                  "province": ctx.province})


@rule
def provincial_enterprise_investor(ctx: Context) -> Iterator[Issue]:
    """TXM (宁夏: the legal representative; 吉林, 福建: the unit's full name) for an enterprise's investor."""
    form = text(ctx.pack.get("enterprise_investor"))
    investor = text(ctx.subject.get("investor")).strip()
    name = text(ctx.subject.get("name")).strip()
    if ctx.nature != "enterprise" or not form or not investor or not name:
        return
    if (form == "unit_name") != (investor == name):
        yield Issue("/subject/investor", {"investor": investor, "name": name, "province": ctx.province,
                                          "hint": form})
