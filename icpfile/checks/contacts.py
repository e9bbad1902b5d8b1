"""Contacts: mobiles, the second contact (a mobile or a landline), e-mail, the emergency phone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.data import patterns
from icpfile.findings import Cited, Issue, Own
from icpfile.values.pii import Pii


def is_mobile(ctx: Context, value: str) -> bool:
    return bool(patterns.match(ctx.national["mobile_pattern"], value))


def area_code(digits: str) -> str | None:
    """The area code (without its trunk 0) that a run of digits starts with, by China's numbering
    plan: 10 (北京) and 2X (上海, 广州, 成都 …) have two digits, every other area code three (571, 755);
    no area code starts 1 but 10. None when the digits start with no area code (a 0, a 1 not 10)."""
    if digits[:2] == "10" or digits[:1] == "2":
        return digits[:2]
    return digits[:3] if digits[:1] in "3456789" and len(digits) >= 3 else None


def landline_in_guide_form(ctx: Context, value: str) -> str | None:
    """The guide's `086-<area>-<number>[-<ext>]` form of a landline written another way, or None
    where the area code cannot be told for certain: the suggestion is copied into the draft, so it
    must be the same number. The area is certain when it is set apart (`0571-…`, `(028)…`) and has
    the numbering plan's length, or when a trunk 0 or a country code stands before a run of digits
    that the plan splits (`02887654321`). A run without either (`2887654321`, a landline a sheet
    stored as a number) may have lost any digits: no suggestion (ICP403 names it)."""
    text = value.strip()
    match = patterns.match(ctx.national["landline_loose"], text)
    if not match:
        return None
    area, number, ext = match.groups()
    if ext and match.end(2) == match.start(3):  # `057188888888123`: where the number ends is a guess
        return None
    if match.end(1) == match.start(2):  # area and number run together: the plan splits them
        before = text[: match.start(1)]
        if not before.endswith("0") and "86" not in before:
            return None
        run = area + number
        area = area_code(run)
        number = run[len(area):] if area else ""
        if not area or not 7 <= len(number) <= 8:
            return None
    elif area_code(area + number) != area:  # `0288-7654321`: no area code is 288
        return None
    return f"086-0{area}-{number}" + (f"-{ext}" if ext else "")


@rule
def mobile_number(ctx: Context) -> Iterator[Issue]:
    for ptr, person in ctx.persons():
        for key in ("mobile", "emergency_mobile"):
            value = text(person.get(key))
            if value and not is_mobile(ctx, value):
                yield Issue(f"{ptr}/{key}", {"phone": Pii(value, "phone"), "message": _not_mobile_case(value),
                                             "length": len(value), "prefix": value[:3],
                                             "source": Cited(ctx.national["mobile_source"])})


def _not_mobile_case(value: str) -> str:
    """Why `value` is no mobile, as the record's message variant: other characters, the count, or
    the prefix (#22 P23: `15412345678` was only "(11 characters)", which read as if the count were wrong)."""
    if not value.isascii() or not value.isdigit():
        return "characters"
    return "length" if len(value) != 11 else "default"


@rule
def phone2_presence(ctx: Context) -> Iterator[Issue]:
    """A unit's principal without phone2 (an error only where a province's page says 必填, data:
    provinces.yaml unit_phone2_required), or a person's phone2 (the guide's "need not" is no
    refusal). The message says which of the two it is."""
    for ptr, person in ctx.persons():
        has = bool(text(person.get("phone2")))
        if ctx.is_unit and not has:
            case = "unit_stated" if ctx.pack.get("unit_phone2_required") else "unit"
            yield Issue(f"{ptr}/phone2", {"hint": "unit", "case": case, "message": case, "province": ctx.province})
        elif ctx.is_personal and has:
            case = "personal_asked" if ctx.pack.get("personal_phone2_asked") else "personal"
            yield Issue(f"{ptr}/phone2", {"hint": "personal", "case": case,
                                          "message": case if case != "personal" else "default",
                                          "province": ctx.province})


def odd_phone2(ctx: Context) -> Iterator[tuple[str, str, str | None]]:
    """(pointer, value, the guide's form or None) for each phone2 that is neither a mobile nor a
    landline written as the guide writes it."""
    for ptr, person in ctx.persons():
        value = text(person.get("phone2"))
        if value and not is_mobile(ctx, value) and not patterns.match(ctx.national["landline_form"], value):
            yield f"{ptr}/phone2", value, landline_in_guide_form(ctx, value)


@rule
def phone2_form(ctx: Context) -> Iterator[Issue]:
    for ptr, value, fixed in odd_phone2(ctx):
        if fixed is None:
            yield Issue(ptr, {"phone": Pii(value, "phone")})


@rule
def phone2_landline_form(ctx: Context) -> Iterator[Issue]:
    for ptr, value, fixed in odd_phone2(ctx):
        if fixed:
            # A unit's landline is its public number, and the hint must be copyable: shown as typed.
            yield Issue(ptr, {"phone": value, "fixed": fixed})


# Addresses this plain are valid for email-validator too (tests/test_contacts.py checks that), so
# they skip its 40 ms import; anything else (IDN, quoted parts, odd characters) goes to it.
_PLAIN_EMAIL = re.compile(
    r"^(?=.{1,254}$)(?=[^@]{1,64}@)[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:com|cn|net|org|edu|gov|info|biz|co|io|top|vip|xyz|cc)$"
)


def email_problem(value: str) -> str | None:
    """Why `value` is not a valid e-mail address (syntax only, never DNS), or None."""
    if _PLAIN_EMAIL.match(value):
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


@rule
def email_syntax(ctx: Context) -> Iterator[Issue]:
    for ptr, person in ctx.persons():
        value = text(person.get("email"))
        reason = email_problem(value) if value else None
        if reason:
            yield Issue(f"{ptr}/email", {"email": value, "reason": Own(reason), "message": _email_case(reason)})


# email-validator words its reasons in English (shown as they are under en): under zh the record's
# message variant names the part of the address they are about (walker22: "An email address must
# have an @-sign." inside a Chinese message), found by their words, first match wins.
_EMAIL_CASES = (("@-sign", "after", "domain_part"), ("@-sign", "before", "local_part"),
                ("@-sign", "", "at_sign"), ("domain", "", "domain_part"),
                ("period", "", "period"), ("too long", "", "too_long"))


def _email_case(reason: str) -> str:
    for first, second, case in _EMAIL_CASES:
        if first in reason and second in reason:
            return case
    return "default"


@rule
def emergency_differs(ctx: Context) -> Iterator[Issue]:
    mobiles = {text(p.get("mobile")) for _, p in ctx.persons()} - {""}
    for ptr, person in ctx.persons():
        value = text(person.get("emergency_mobile"))
        if value and value in mobiles:
            yield Issue(f"{ptr}/emergency_mobile", {"phone": Pii(value, "phone")})


def _unit_phone2(ctx: Context, flag: str) -> str | None:
    """The unit principal's second phone ('' if none) where the province sets `flag`, else None."""
    if not ctx.is_unit or not ctx.pack.get(flag):
        return None
    principal = ctx.subject.get("principal")
    return text(principal.get("phone2")) if isinstance(principal, dict) else ""


@rule
def unit_landline_required(ctx: Context) -> Iterator[Issue]:
    value = _unit_phone2(ctx, "unit_landline_required")
    if value and is_mobile(ctx, value):
        yield Issue("/subject/principal/phone2", {"province": ctx.province, "phone": Pii(value, "phone")})


def _person_key(person: dict) -> str:
    """Who a person is: the ID number, or the name where no number is written."""
    return text(person.get("id_number")).strip().upper() or text(person.get("name")).strip()


@rule
def principals_contacts_differ(ctx: Context) -> Iterator[Issue]:
    """A website principal who is not the subject principal has a mobile and an e-mail of their own
    (HW 2025-12-31, doc_0023 驳回原因三; TXS: 北京, 吉林). One pass over the people."""
    people = ctx.persons()
    first = next(people, None)
    if first is None or first[0] != "/subject/principal":
        return
    _, subject = first
    key = _person_key(subject)
    for ptr, person in people:
        if not key or _person_key(person) == key:
            continue
        for field in ("mobile", "email"):
            value = text(person.get(field)).strip()
            if value and value.lower() == text(subject.get(field)).strip().lower():
                shown = Pii(value, "phone") if field == "mobile" else value
                yield Issue(f"{ptr}/{field}", {"field": field, "value": shown, "hint": field})


@rule
def principal_same_person_differs(ctx: Context) -> Iterator[Issue]:
    """A website principal written out with the subject principal's ID number (the same person) whose
    name, mobile or e-mail differs (INS: one person's details agree in both places). One pass."""
    people = ctx.persons()
    first = next(people, None)
    if first is None or first[0] != "/subject/principal":
        return
    _, subject = first
    number = text(subject.get("id_number")).strip().upper()
    if not number:
        return
    for ptr, person in people:
        if text(person.get("id_number")).strip().upper() != number:
            continue
        for field, variant in (("name", "default"), ("mobile", "mobile"), ("email", "email")):
            value, other = text(person.get(field)).strip(), text(subject.get(field)).strip()
            if field == "mobile" and _dialled(value) == _dialled(other):
                continue  # one number written two ways (+86 138…, 138-…): ICP401 says how to write it
            if value and other and value.lower() != other.lower():
                shown = (Pii(value, "phone"), Pii(other, "phone")) if field == "mobile" else (value, other)
                yield Issue(f"{ptr}/{field}", {"value": shown[0], "other": shown[1], "message": variant})


def _dialled(number: str) -> str:
    """The digits one dials, without China's +86: `+86 138-0013-8000` → `13800138000`."""
    digits = "".join(ch for ch in number if ch.isascii() and ch.isdigit())
    return digits[2:] if len(digits) == 13 and digits.startswith("86") else digits


@rule
def unit_no_landline_remark(ctx: Context) -> Iterator[Issue]:
    """Where a unit without a landline says so in the subject's remark (TXS: 甘肃, 重庆, 天津; 安徽 TXM)."""
    value = _unit_phone2(ctx, "unit_no_landline_remark")
    if value is None or (value and not is_mobile(ctx, value)):
        return
    remark = text(ctx.subject.get("remarks"))
    if not any(word in remark for word in ctx.national["no_landline_words"]):
        yield Issue("/subject/remarks", {"province": ctx.province})


@rule
def office_phone_differs(ctx: Context) -> Iterator[Issue]:
    """北京, 吉林, 辽宁 (TXS): a unit's office phone (phone2) is not a principal's own mobile."""
    value = _unit_phone2(ctx, "office_phone_differs")
    mobiles = {text(p.get("mobile")) for _, p in ctx.persons()} - {""}
    if value and value in mobiles:
        yield Issue("/subject/principal/phone2", {"phone": Pii(value, "phone"), "province": ctx.province})


@rule
def personal_emergency_remark(ctx: Context) -> Iterator[Issue]:
    """天津 (JD): a person's emergency phone belongs to a relative, named in the remark with the relation;
    重庆 (TXM): the emergency contact's name is in the remark (紧急联系人)."""
    if not ctx.is_personal or not ctx.pack.get("personal_emergency_remark"):
        return
    remarks = text(ctx.subject.get("remarks"))
    if "应急" not in remarks and "紧急" not in remarks:
        yield Issue("/subject/remarks", {"province": ctx.province})
