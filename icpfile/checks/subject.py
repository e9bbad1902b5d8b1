"""The subject (主办者): address, investor, and what a personal filing fixes automatically."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Cited, Issue
from icpfile.values.text import hidden_characters, special_characters

# A door number: 8号, 301室, 3栋, 2单元, 5楼, 5层, A座, 12-3 (指南 2). One numeral before the unit
# is enough to find one, so the pattern has no `+` before `\s*`: `[…]+\s*(号|…)` retried every
# start of a long digit run (20,000 digits: 16 s); this form scans each character a bounded number of times.
_DOOR = re.compile(r"[0-9０-９一二三四五六七八九十百A-Za-z]\s*(?:号|室|栋|幢|座|单元|楼|层|户)|[0-9]-[0-9]")
_MOST_DETAILED = ("最详细", "无具体门牌", "无门牌")



@rule
def address_special_characters(ctx: Context) -> Iterator[Issue]:
    address = text(ctx.subject.get("mailing_address"))
    bad = special_characters(address, allow="-()（）")
    if bad:
        yield Issue("/subject/mailing_address", {"address": address, "chars": " ".join(bad)})


@rule
def address_door_number(ctx: Context) -> Iterator[Issue]:
    address = text(ctx.subject.get("mailing_address"))
    remarks = text(ctx.subject.get("remarks"))
    if address and not _DOOR.search(address) and not any(w in remarks for w in _MOST_DETAILED):
        yield Issue("/subject/mailing_address", {"address": address})


@rule
def personal_investor(ctx: Context) -> Iterator[Issue]:
    name, investor = text(ctx.subject.get("name")), text(ctx.subject.get("investor"))
    if ctx.is_personal and name and investor and investor != name:
        yield Issue("/subject/investor", {"investor": investor, "name": name})


@rule
def unit_investor(ctx: Context) -> Iterator[Issue]:
    investor = text(ctx.subject.get("investor"))
    principal = ctx.subject.get("principal")
    rep = text(principal.get("name")) if isinstance(principal, dict) else ""
    name = text(ctx.subject.get("name"))
    # Only an enterprise: any other unit gives its superior unit (MIIT-STD 二（四）; TXM 宁夏, 福建, 山东).
    # Both names known first: the wizard asks the investor before the principal, and "nor the
    # principal ''" compared with nothing (walker41 item 10).
    if ctx.nature == "enterprise" and investor and name and rep and investor not in (name, rep):
        yield Issue("/subject/investor", {"investor": investor, "name": name, "rep": rep})


@rule
def personal_principal_is_subject(ctx: Context) -> Iterator[Issue]:
    principal = ctx.subject.get("principal")
    cert = ctx.subject.get("certificate")
    if not ctx.is_personal or not isinstance(principal, dict) or not isinstance(cert, dict):
        return
    pairs: tuple[tuple[str, object], ...] = (("name", ctx.subject.get("name")),)
    if cert.get("type") in ctx.national["person_certificate_types"]:
        # A unit certificate on a personal filing is ICP301's cause; comparing the principal's
        # (right) resident ID against it would only echo that error at a field that is right.
        pairs += (("id_type", cert.get("type")), ("id_number", cert.get("number")))
    for key, expected in pairs:
        value = principal.get(key)
        if isinstance(value, str) and isinstance(expected, str) and value != expected:
            yield Issue(f"/subject/principal/{key}", {"field": key})


@rule
def personal_website_principal(ctx: Context) -> Iterator[Issue]:
    if not ctx.is_personal:
        return
    for _, ptr, service in ctx.services():
        if isinstance(service.get("principal"), dict):
            yield Issue(f"{ptr}/principal", {})


@rule
def personal_website_content(ctx: Context) -> Iterator[Issue]:
    """A person's content is a portal: the guide's 网站内容 is portal / unit portal / 其他, and a
    person chooses 其他. The service contents (博客/个人空间, 网络新闻 …) are not this rule's: no
    source refuses 博客/个人空间 everywhere (ICP360/361 hold the provinces), Huawei's list is ICP380."""
    if not ctx.is_personal:
        return
    for _, ptr, site in ctx.websites():
        content = text(site.get("content"))
        if content in PORTALS:
            yield Issue(f"{ptr}/content", {"content": content})


# The guide's two 网站内容 choices besides 其他 (指南 3.1): what a person may not choose.
PORTALS = frozenset({"comprehensive_portal", "unit_portal"})


def _dashed_numbers(address: str, parts: int) -> str | None:
    """The first run like 1-2-3 (`parts` numbers joined by hyphens) in `address`, or None. One scan."""
    run = ""
    for char in address + " ":
        if char.isdigit() or char == "-":
            run += char
            continue
        pieces = run.strip("-").split("-")
        if len(pieces) == parts and all(pieces):
            return "-".join(pieces)
        run = ""
    return None


@rule
def address_door_number_form(ctx: Context) -> Iterator[Issue]:
    """Where a province writes door numbers in words (北京: 1单元2层3号, not 1-2-3). Data:
    provinces.yaml door_number_form."""
    form = ctx.pack.get("door_number_form")
    address = text(ctx.subject.get("mailing_address"))
    if not form or not address:
        return
    found = _dashed_numbers(address, len(form["words"]))
    if found:
        fixed = "".join(n + w for n, w in zip(found.split("-"), form["words"]))
        yield Issue("/subject/mailing_address", {"address": address, "found": found, "fixed": fixed,
                                                           "province": ctx.province, "source": Cited(form["source"])})


@rule
def website_principal_distinct(ctx: Context) -> Iterator[Issue]:
    """天津 (JD, QC, TX17): a unit's website principal is another person than the subject principal."""
    if not ctx.is_unit or not ctx.pack.get("website_principal_distinct"):
        return
    principal = ctx.subject.get("principal")
    own = text(principal.get("id_number")) if isinstance(principal, dict) else ""
    for _, ptr, site in ctx.websites():
        person = site.get("principal")
        same = person == "same_as_subject" or (isinstance(person, dict) and own
                                               and text(person.get("id_number")) == own)
        if same:
            yield Issue(f"{ptr}/principal", {"province": ctx.province})


def _text_fields(ctx: Context) -> Iterator[tuple[str, str]]:
    """(pointer, value) of the draft's free-text names and address outside the website names
    (ICP230 has those): the subject's name, investor and legal representative, the mailing address,
    and every person's name. One pass over each value: linear in the draft."""
    for key in ("name", "investor", "legal_representative", "mailing_address"):
        value = ctx.subject.get(key)
        if isinstance(value, str):
            yield f"/subject/{key}", value
    for ptr, person in ctx.persons():
        if isinstance(person.get("name"), str):
            yield f"{ptr}/name", person["name"]


@rule
def text_hidden_character(ctx: Context) -> Iterator[Issue]:
    """ICP230's test (values.text.hidden_characters: invisible characters, combining marks, letters
    neither Han nor Latin) on every other text field; in the mailing address only what ICP330 does
    not already report. At most three a field, each at its column. Source: UTS 39."""
    for ptr, value in _text_fields(ctx):
        skip = set(special_characters(value, allow="-()（）")) if ptr.endswith("mailing_address") else set()
        for index, char in [found for found in hidden_characters(value) if found[1] not in skip][:3]:
            yield Issue(ptr, {"value": value, "char": f"U+{ord(char):04X}",
                              "what": unicodedata.name(char, "unnamed character")}, offset=index)
