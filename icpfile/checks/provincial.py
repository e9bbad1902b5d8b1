"""Province requirements that one provider's page states (Tencent Cloud's 各省管局要求, TXM).

Each rule reads a key of the province pack (`ctx.pack`, icpfile/data/provinces.yaml): the service
content a personal website may or must choose, the remark that explains content `other`, the
certificate types an enterprise (or another unit, or a nature) must choose, how an enterprise writes
its investor, a foreign principal, the website principal when the subject's is not the legal
representative, a unit principal's local ID, a hospital's licence remark and a minor's guardian.
The severity follows the evidence: only Tencent's page states these, so each is an error
under `filing.provider: tencent` and a warning naming Tencent otherwise (the records' severity_by).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.values import identifiers as ids
from icpfile.values.dates import age_on


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
    wanted = types.get(ctx.nature) or types.get("enterprise" if ctx.nature == "enterprise" else "other_units") or []
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


FOREIGN_IDS = ("passport", "foreign_permanent_residence")


@rule
def provincial_unit_principal_citizen(ctx: Context) -> Iterator[Issue]:
    """TXM (河北, 山东 units): a foreign legal representative authorises a Chinese citizen as principal."""
    principal = ctx.subject.get("principal")
    if not ctx.pack.get("unit_principal_citizen") or not ctx.is_unit or not isinstance(principal, dict):
        return
    kind = text(principal.get("id_type")).strip()
    if kind in FOREIGN_IDS:
        yield Issue("/subject/principal/id_type", {"type": kind, "province": ctx.province})


@rule
def provincial_website_principal_same(ctx: Context) -> Iterator[Issue]:
    """TXM (江苏, 海南, 黑龙江 units): a principal who is not the legal representative (the draft gives
    `legal_representative`) is also every website's principal."""
    principal = ctx.subject.get("principal")
    if (not ctx.pack.get("website_principal_same_if_not_legal_rep") or not ctx.is_unit
            or not isinstance(ctx.subject.get("legal_representative"), dict) or not isinstance(principal, dict)):
        return
    number = text(principal.get("id_number")).strip()
    for _, pointer, site in ctx.websites():
        own = site.get("principal")
        if isinstance(own, dict) and text(own.get("id_number")).strip() != number:
            yield Issue(f"{pointer}/principal", {"province": ctx.province,
                                                 "name": text(own.get("name")).strip()})


@rule
def provincial_unit_principal_local_id(ctx: Context) -> Iterator[Issue]:
    """TXM (甘肃 units 2): every principal's resident ID is of this province (its first two digits)."""
    division = text(ctx.pack.get("division"))
    if not ctx.pack.get("unit_principal_local_id") or not ctx.is_unit or not division:
        return
    for pointer, person in ctx.persons():
        number = text(person.get("id_number")).strip()
        if person.get("id_type") == "resident_id" and len(number) == 18 and number[:2] != division:
            yield Issue(f"{pointer}/id_number", {"province": ctx.province})


@rule
def provincial_hospital_licence_remark(ctx: Context) -> Iterator[Issue]:
    """TXM (广东 units 2): a hospital states its practising licence (dates, issuer, number) in the
    subject's remark."""
    spec = ctx.pack.get("hospital_licence_remark") or {}
    name = text(ctx.subject.get("name"))
    if not spec or not ctx.is_unit:
        return
    hospital = ctx.nature in (spec.get("natures") or []) or any(w in name for w in spec.get("name_words") or [])
    remarks = text(ctx.subject.get("remarks"))
    if hospital and not any(mark in remarks for mark in spec.get("marks") or []):
        yield Issue("/subject/remarks", {"province": ctx.province})


@rule
def provincial_minor_guardian_remark(ctx: Context) -> Iterator[Issue]:
    """TXM (上海, 河南 persons): a filer under 18 uploads the guardian's ID and names the guardian's
    relation in the remark."""
    cert = ctx.subject.get("certificate")
    if not ctx.pack.get("minor_guardian_remark") or not ctx.is_personal or not isinstance(cert, dict):
        return
    number = text(cert.get("number")).strip()
    if cert.get("type") != "resident_id" or not ids.RID_SHAPE.match(number):
        return
    born = ids.rid_birth_date(number)
    if born is None or born > ctx.today or age_on(born, ctx.today) >= 18:
        return
    remarks = text(ctx.subject.get("remarks"))
    if "监护人" not in remarks:
        yield Issue("/subject/remarks", {"province": ctx.province, "age": age_on(born, ctx.today)})
