"""Certificates: the type fits the nature, and the numbers pass their standards' check digits."""

from __future__ import annotations

from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.schema import draft as sch
from icpfile.values import identifiers as ids
from icpfile.values.pii import Pii

CERT = "/subject/certificate"


def resident_ids(ctx: Context) -> Iterator[tuple[str, str]]:
    """(pointer, number) of every resident ID number in the draft."""
    cert = ctx.subject.get("certificate")
    if isinstance(cert, dict) and cert.get("type") == "resident_id" and text(cert.get("number")) \
            and _fits(ctx, "resident_id"):
        yield f"{CERT}/number", cert["number"]
    for ptr, person in ctx.persons():
        if person.get("id_type") == "resident_id" and text(person.get("id_number")):
            yield f"{ptr}/id_number", person["id_number"]


def _fits(ctx: Context, kind: str) -> bool:
    """False where a certificate type cannot go with the nature (ICP301 reports that cause).

    The number is then not judged by the wrong type's standard: a resident ID under
    `business_license` would only echo ICP301 as USCC check-character errors.
    """
    return not ctx.nature or ctx.is_personal == (kind in ctx.national["person_certificate_types"])


def _cert(ctx: Context) -> tuple[str, str]:
    cert = ctx.subject.get("certificate")
    if not isinstance(cert, dict):
        return "", ""
    return text(cert.get("type")), text(cert.get("number")).strip()


@rule
def certificate_fits_nature(ctx: Context) -> Iterator[Issue]:
    kind, _ = _cert(ctx)
    if not kind or not ctx.nature:
        return
    person_types = ctx.national["person_certificate_types"]
    labels = sch.code_labels("certificate_type")
    if ctx.is_personal != (kind in person_types):
        yield Issue(
            f"{CERT}/type",
            {"type": kind, "type_label": labels.get(kind, kind), "nature": ctx.nature,
             "hint": "personal" if ctx.is_personal else "unit"},
        )


@rule
def unit_certificate_group(ctx: Context) -> Iterator[Issue]:
    kind, _ = _cert(ctx)
    groups = ctx.national["nature_certificate_types"]
    allowed = groups.get(ctx.nature)
    if not ctx.is_unit or not kind or allowed is None or kind in ctx.national["person_certificate_types"]:
        return
    if kind not in allowed:
        labels = sch.code_labels("certificate_type")
        yield Issue(
            f"{CERT}/type",
            {"type": kind, "type_label": labels.get(kind, kind),
             "allowed": "、".join(f"{a}（{labels.get(a, a)}）" for a in allowed)},
        )


@rule
def resident_id_shape(ctx: Context) -> Iterator[Issue]:
    for ptr, number in resident_ids(ctx):
        if not ids.RID_SHAPE.match(number):
            yield Issue(ptr, {"number": Pii(number, "id"), "length": len(number), "message": _rid_shape_case(number)})


def _rid_shape_case(number: str) -> str:
    """What is wrong with the shape of a resident ID: the record's message variant (walker22: a
    full-width ID "has 18, must be 17 and a check" and a sheet's `3.1E+17` "has 20" named neither)."""
    if any("０" <= c <= "９" or c in "Ｘｘ" for c in number):
        return "full_width"
    if "E+" in number.upper() or ("." in number and number.replace(".", "", 1).isdigit()):
        return "spreadsheet_number"
    if not all(c.isdigit() or c in "Xx" for c in number):
        return "characters"
    return "default"


@rule
def resident_id_check_digit(ctx: Context) -> Iterator[Issue]:
    for ptr, number in resident_ids(ctx):
        if ids.RID_SHAPE.match(number):
            expected = ids.rid_check_digit(number[:17])
            if number[17].upper() != expected:
                yield Issue(ptr, {"number": Pii(number, "id"), "expected": expected})


@rule
def resident_id_birth_date(ctx: Context) -> Iterator[Issue]:
    for ptr, number in resident_ids(ctx):
        if ids.RID_SHAPE.match(number):
            born = ids.rid_birth_date(number)
            if born is None or born > ctx.today or born.year < 1880:
                yield Issue(ptr, {"number": Pii(number, "id")})  # no date: it un-masks 8 digits


@rule
def resident_id_lowercase_x(ctx: Context) -> Iterator[Issue]:
    for ptr, number in resident_ids(ctx):
        if ids.RID_SHAPE.match(number) and number.endswith("x"):
            yield Issue(ptr, {"number": Pii(number, "id"), "fixed": Pii(number[:-1] + "X", "id")})


def _uscc(ctx: Context) -> str:
    kind, number = _cert(ctx)
    if kind in ctx.national["uscc_certificate_types"] and len(number) == 18 and _fits(ctx, kind):
        return number
    return ""


@rule
def uscc_shape(ctx: Context) -> Iterator[Issue]:
    kind, number = _cert(ctx)
    if kind not in ("business_license", "uscc_certificate") or not number or not _fits(ctx, kind):
        return
    if len(number) == 15 and number.isdigit() and kind == "business_license":
        return  # a 注册号 of a licence issued before 三证合一
    if not ids.USCC_SHAPE.match(number):
        bad = sorted({c for c in number if c not in ids.USCC_ALPHABET})
        yield Issue(f"{CERT}/number", {"number": number, "length": len(number), "bad": "".join(bad)})


@rule
def uscc_check_char(ctx: Context) -> Iterator[Issue]:
    number = _uscc(ctx)
    if number and ids.USCC_SHAPE.match(number):
        expected = ids.uscc_check_char(number[:17])
        if number[17] != expected:
            yield Issue(f"{CERT}/number", {"number": number, "expected": expected})


@rule
def uscc_org_code(ctx: Context) -> Iterator[Issue]:
    number = _uscc(ctx)
    if number and ids.USCC_SHAPE.match(number):
        body, check = number[8:16], number[16]
        if all(c.isdigit() or "A" <= c <= "Z" for c in body) and ids.org_check_char(body) != check:
            yield Issue(
                f"{CERT}/number",
                # The organization code is characters 9-17 of the USCC: shown in full it would undo
                # the USCC's mask, so it is masked as an ID too (its last 4 are the USCC's shown tail).
                {"number": number, "org": Pii(f"{body}-{check}", "id"), "expected": ids.org_check_char(body)},
            )


@rule
def organization_code(ctx: Context) -> Iterator[Issue]:
    kind, number = _cert(ctx)
    if kind != "organization_code" or not number or len(number) == 18 or not _fits(ctx, kind):
        return  # an 18-character number is a USCC printed on a new certificate
    if not ids.ORG_SHAPE.match(number) or ids.org_check_char(number[:8]) != number[-1]:
        yield Issue(f"{CERT}/number", {"number": number})


@rule
def uscc_class_nature(ctx: Context) -> Iterator[Issue]:
    number = _uscc(ctx)
    natures = ctx.national["uscc_class_natures"].get(number[:2]) if number else None
    if natures and ctx.nature and ctx.nature not in natures:
        yield Issue(
            f"{CERT}/number",
            {"number": number, "cls": number[:2], "nature": ctx.nature, "natures": "、".join(natures)},
        )


@rule
def certificate_other_province(ctx: Context) -> Iterator[Issue]:
    """The region in a unit's USCC (characters 3–4) names another province than the subject's."""
    number = _uscc(ctx)
    division = ctx.pack.get("division")
    if number and division and number[2:4].isdigit() and number[2:4] != division:
        found = _province_of(ctx, number[2:4])
        yield Issue(f"{CERT}/number", {"number": number, "found": found, "province": ctx.province})


def _province_of(ctx: Context, division: str) -> str:
    for name, data in ctx.packs.provinces.items():
        if data.get("division") == division:
            return name
    return division


@rule
def personal_id_refused_here(ctx: Context) -> Iterator[Issue]:
    """A personal filer whose ID is from another province, where this province refuses that."""
    yield from _non_local(ctx, "refused")


@rule
def personal_id_needs_residence_permit(ctx: Context) -> Iterator[Issue]:
    yield from _non_local(ctx, "residence_permit")


def _non_local(ctx: Context, policy: str) -> Iterator[Issue]:
    kind, number = _cert(ctx)
    division = ctx.pack.get("division")
    if not ctx.is_personal or kind != "resident_id" or not ids.RID_SHAPE.match(number) or not division:
        return
    if number[:2] != division and ctx.pack.get("non_local_personal_id") == policy:
        yield Issue(f"{CERT}/number", {"number": Pii(number, "id"), "found": _province_of(ctx, number[:2]),
                                              "province": ctx.province})
