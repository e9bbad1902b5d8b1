"""Filing numbers: form, subject vs website number as the filing type needs, the province's abbreviation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue

FILING_NUMBER = re.compile(r"^(?P<abbr>\w)ICP备(?P<serial>[0-9]{8}|[0-9]{10})号(?:-(?P<site>[1-9][0-9]*))?$")
POINTER = "/filing/existing_number"

# docs/draft-format.md (filing.type): which number each type names.
_WANTS = {
    "new_website": "subject",
    "deregister_subject": "subject",
    "access": "website",
    "cancel_access": "website",
    "deregister_website": "website",
}


def _number(ctx: Context) -> str:
    filing = ctx.data.get("filing")
    return text(filing.get("existing_number")).strip() if isinstance(filing, dict) else ""


@rule
def filing_number_form(ctx: Context) -> Iterator[Issue]:
    number = _number(ctx)
    if number and not FILING_NUMBER.match(number):
        yield Issue("ICP601", POINTER, {"number": number})


@rule
def filing_number_kind(ctx: Context) -> Iterator[Issue]:
    match = FILING_NUMBER.match(_number(ctx))
    wanted = _WANTS.get(ctx.filing_type)
    if not match or not wanted:
        return
    has_site = match.group("site") is not None
    if (wanted == "website") != has_site:
        yield Issue("ICP602", POINTER, {"number": match.group(0), "type": ctx.filing_type, "hint": wanted})


@rule
def filing_number_province(ctx: Context) -> Iterator[Issue]:
    match = FILING_NUMBER.match(_number(ctx))
    expected = ctx.pack.get("icp")
    if match and expected and match.group("abbr") != expected:
        found = ctx.packs.by_icp_abbr().get(match.group("abbr"), "?")
        yield Issue("ICP603", POINTER, {"number": match.group(0), "abbr": match.group("abbr"), "found": found,
                                        "expected": expected, "province": ctx.province})
