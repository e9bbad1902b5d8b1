"""Requirements one provider states and no other source icpfile reads does (ICP38x).

Today: Huawei Cloud's ICP filing knowledge base (HWK in icpfile/data/sources.yaml). Each rule is an
error under `filing.provider: huawei` and a warning naming Huawei otherwise (the records'
severity_by); a province's part is data (icpfile/data/provinces.yaml, the records' `applies`).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.data.catalog import read_data
from icpfile.findings import Issue
from icpfile.load import pointer as jp

# What a person may choose as service content (HWK doc_0258); the two portals are ICP336's.
_PERSONAL_CONTENTS = frozenset({"other", "blog_personal_space", "comprehensive_portal", "unit_portal"})
# A foreign national's certificates (HWK 河北: no personal filing by one). Permits and residence
# cards of Hong Kong, Macao and Taiwan residents are not foreign.
_FOREIGN_IDS = frozenset({"passport", "foreign_permanent_residence"})
_SERVER_LIMIT = 5  # websites or apps per cloud server (HWK ServerFilingLimit)


@rule
def huawei_personal_service_content(ctx: Context) -> Iterator[Issue]:
    """HWK: a person chooses only 博客/个人空间 or 其他 as the service content."""
    if not ctx.is_personal:
        return
    for _, ptr, site in ctx.websites():
        content = text(site.get("content")).strip()
        if content and content not in _PERSONAL_CONTENTS:
            yield Issue(f"{ptr}/content", {"content": content})


@rule
def huawei_personal_foreigner_refused(ctx: Context) -> Iterator[Issue]:
    """HWK (河北): no personal filing by a foreign national. Data: provinces.yaml
    personal_foreigner_refused."""
    if not ctx.is_personal or not ctx.pack.get("personal_foreigner_refused"):
        return
    cert = ctx.subject.get("certificate")
    id_type = text(cert.get("type")).strip() if isinstance(cert, dict) else ""
    if id_type in _FOREIGN_IDS:
        yield Issue("/subject/certificate/type", {"id_type": id_type, "province": ctx.province})


@cache
def _cities(province: str) -> tuple[tuple[str, str], ...]:
    """(a way to write a city of `province`, the city), longest first: 郑州市 and 郑州."""
    entry = read_data("divisions.yaml")["provinces"].get(province, {})
    written = {}
    for city in entry.get("cities", {}):
        written[city] = city
        bare = city.removesuffix("市")
        if len(bare) >= 2 and bare != city:
            written.setdefault(bare, city)
    for alias, city in (entry.get("aliases") or {}).items():
        written.setdefault(alias, city)
    return tuple(sorted(written.items(), key=lambda item: -len(item[0])))


def _city_named(address: str, province: str, short: str) -> str:
    """The city of `province` an address names first (after the province's name), else ''."""
    rest = address.strip()
    for head in (province, short):
        if head and rest.startswith(head):
            rest = rest[len(head):]
            break
    for written, city in _cities(province):
        if rest.startswith(written):
            return city
    return ""


@rule
def huawei_unit_mailing_address_city(ctx: Context) -> Iterator[Issue]:
    """HWK (河北, 河南, 贵州 units): the mailing address is in the certificate address's city.
    Data: provinces.yaml unit_mailing_same_city."""
    if not ctx.is_unit or not ctx.pack.get("unit_mailing_same_city"):
        return
    cert = ctx.subject.get("certificate")
    short = text(ctx.pack.get("short"))
    cert_city = _city_named(text(cert.get("address")) if isinstance(cert, dict) else "", ctx.province, short)
    mail_city = _city_named(text(ctx.subject.get("mailing_address")), ctx.province, short)
    if cert_city and mail_city and cert_city != mail_city:
        yield Issue("/subject/mailing_address",
                    {"province": ctx.province, "cert_city": cert_city, "mail_city": mail_city})


def _ecs_ips(service: dict[str, Any]) -> list[Any]:
    access = service.get("access")
    if not isinstance(access, dict) or text(access.get("service")) != "ecs":
        return []
    ips = access.get("ip")
    return ips if isinstance(ips, list) else []


@rule
def huawei_server_services_limit(ctx: Context) -> Iterator[Issue]:
    """HWK: one cloud server files at most five websites or apps; one public IP is taken for one
    server. Reported once per IP, at the service that goes past the limit."""
    counts: dict[str, int] = {}
    for _, ptr, service in ctx.services():
        seen: set[str] = set()  # one service listing an IP twice is still one service (breaker22)
        for i, ip in enumerate(_ecs_ips(service)):
            key = text(ip).strip()
            if not key or key in seen:
                continue
            seen.add(key)
            counts[key] = counts.get(key, 0) + 1
            if counts[key] == _SERVER_LIMIT + 1:
                yield Issue(jp.join(ptr, "access", "ip", str(i)), {"ip": key, "count": counts[key]})
