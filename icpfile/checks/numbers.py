"""Filing numbers: form, subject vs website number as the filing type needs, the province's abbreviation.

The grammar is `icpfile.values.filing_numbers`, shared with `footer` and the wizard."""

from __future__ import annotations

from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.values.filing_numbers import Number, parse

POINTER = "/filing/existing_number"

def _number(ctx: Context) -> str:
    filing = ctx.data.get("filing")
    return text(filing.get("existing_number")).strip() if isinstance(filing, dict) else ""


def _filing_number(number: str) -> Number | None:
    """The number if it is a filing number written as issued (8 or 10 digits, 号, -n), else None."""
    parsed = parse(number)
    if parsed is None or not parsed.abbr or not parsed.filing or parsed.forms or len(parsed.serial) not in (8, 10) \
            or (parsed.seq is not None and parsed.seq.startswith("0")):
        return None
    return parsed


@rule
def filing_number_form(ctx: Context) -> Iterator[Issue]:
    """A number not written as issued. Its structure is stated (TXN, QC); the 8 or 10 digits of the
    serial are only observed on genuine numbers, so a number wrong in nothing but its digit count
    has case "digits", which the record lowers to a warning."""
    number = _number(ctx)
    if number and _filing_number(number) is None:
        parsed = parse(number)
        only_digits = parsed is not None and parsed.abbr and parsed.filing and not parsed.forms \
            and not (parsed.seq or "").startswith("0")
        extra = {"case": "digits", "hint": "digits", "digits": len(parsed.serial)} if only_digits else {}
        yield Issue(POINTER, {"number": number, **extra})


@rule
def filing_number_kind(ctx: Context) -> Iterator[Issue]:
    number = _filing_number(_number(ctx))
    kind = ctx.kind  # data/kinds.yaml `number`: subject, website, any or none
    wanted = kind.number if kind is not None and kind.number in ("subject", "website") else None
    if not number or not wanted:
        return
    # A service's number (-n, -nA, -nX, -nK) against a subject's; the letter is ICP564's (checks/apps.py).
    if (wanted == "website") != (number.kind != "subject"):
        yield Issue(POINTER, {"number": number.written, "type": ctx.filing_type, "hint": wanted})


@rule
def filing_number_province(ctx: Context) -> Iterator[Issue]:
    number = _filing_number(_number(ctx))
    expected = ctx.pack.get("icp")
    if number and expected and number.abbr != expected:
        found = ctx.packs.by_icp_abbr().get(number.abbr, "?")
        yield Issue(POINTER, {"number": number.written, "abbr": number.abbr, "found": found,
                                        "expected": expected, "province": ctx.province})
