"""After approval the draft is the record (`record:`): a field edited since needs a filing.

Each kind of filing is its own rule: a change of the subject (变更主体), of a website (变更网站), of
its access (变更接入), a new website (新增网站), and what no change filing can do (a unit's
certificate number, a person's name or ID: deregister and file anew, JD). The kinds and which
field needs which are data (`data/changes.yaml`); the comparison is `values.changes`. An order that
already files the change (`filing.type: change`, `new_website`) is not told to file it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.data import changes
from icpfile.findings import Issue, Own
from icpfile.values import approved
from icpfile.values.filing_numbers import parse


def _changes(ctx: Context, kind: str) -> Iterator[Issue]:
    """One issue per kind of filing needed. Reported while that filing is under way too (the draft
    is not the record until it is approved), with a hint that says the order files it."""
    covered = changes.table()["kinds"][kind].get("filing") == ctx.filing_type
    day = str(approved.record(ctx.data).get("approved_on", ""))
    for change in ctx.changes_since_approval:
        if change.kind == kind:
            shown = ", ".join(p[1:] for p in change.pointers[:12]) + (" …" if len(change.pointers) > 12 else "")
            yield Issue(change.pointers[0], {"fields": Own(shown), "count": len(change.pointers), "day": day,
                                             "filing": change.words, "number": change.number or "—",
                                             "hint": "covered" if covered else None})


@rule
def record_change_subject(ctx: Context) -> Iterator[Issue]:
    yield from _changes(ctx, "change_subject")


@rule
def record_change_website(ctx: Context) -> Iterator[Issue]:
    yield from _changes(ctx, "change_website")


@rule
def record_change_access(ctx: Context) -> Iterator[Issue]:
    yield from _changes(ctx, "change_access")


@rule
def record_new_website(ctx: Context) -> Iterator[Issue]:
    yield from _changes(ctx, "new_website")


def subject_change_case(ctx: Context, filed: dict[str, Any]) -> str:
    """How this province treats a filed subject becoming another (provinces.yaml subject_change,
    TXM 变更相关, by the filed subject's nature): refused (an error), or a stated route (a warning):
    allowed, free, legal_rep_enterprise (a person into the enterprise they represent),
    enterprise_with_proof (an enterprise into another, with a 工商证明); unstated where no source
    for the province says (a warning: inferred from the provinces that refuse it)."""
    stated = ctx.pack.get("subject_change") or {}
    was_personal = text(filed.get("nature")) == "personal"
    route = stated.get("personal" if was_personal else "unit")
    if route in ("allowed", "free", "refused"):
        return route
    if route == "legal_rep_enterprise":
        person = text(filed.get("name")).strip()
        becomes = ctx.nature == "enterprise" and person and person == text(ctx.subject.get("investor")).strip()
        return route if becomes else "refused"
    if route == "enterprise_with_proof":
        both = text(filed.get("nature")) == "enterprise" and ctx.nature == "enterprise"
        return route if both else "refused"
    return "unstated"


@rule
def record_not_changeable(ctx: Context) -> Iterator[Issue]:
    """A changed certificate number, nature or person: the subject becomes another. An error where
    a source refuses it for this province, a warning where TXM states a route or nothing."""
    filed = approved.record(ctx.data).get("subject")
    filed = filed if isinstance(filed, dict) else {}
    day = str(approved.record(ctx.data).get("approved_on", ""))
    for change in ctx.changes_since_approval:
        if change.kind != "refile":
            continue
        case = subject_change_case(ctx, filed)
        kind = "refile" if case in ("refused", "unstated") else "change_subject"
        shown = ", ".join(p[1:] for p in change.pointers[:12]) + (" …" if len(change.pointers) > 12 else "")
        yield Issue(change.pointers[0], {"fields": Own(shown), "count": len(change.pointers), "day": day,
                                         "filing": changes.Change(kind).words, "number": change.number or "—",
                                         "province": ctx.province or "—", "hint": case, "case": case})


@rule
def record_service_dropped(ctx: Context) -> Iterator[Issue]:
    for pointer, item in changes.dropped(ctx.data):
        shown = str(item.filed.get("domain") or item.filed.get("name") or item.number)
        yield Issue(pointer, {"service": shown, "number": item.number or "—"})


def _numbers(ctx: Context) -> Iterator[tuple[str, Any, str]]:
    rec = approved.record(ctx.data)
    if not rec:
        return
    yield "/record/number", rec.get("number"), "subject"
    for kind in approved.SERVICE_LISTS:
        entries = rec.get(kind) if isinstance(rec.get(kind), list) else []
        for i, entry in enumerate(entries):
            if isinstance(entry, dict):
                filed = entry.get("filed") if isinstance(entry.get("filed"), dict) else {}
                service = "website" if kind == "websites" else str(filed.get("kind", "app"))
                yield f"/record/{kind}/{i}/number", entry.get("number"), service


@rule
def record_number_form(ctx: Context) -> Iterator[Issue]:
    subject = str(approved.record(ctx.data).get("number", ""))
    for pointer, value, wanted in _numbers(ctx):
        if not isinstance(value, str):
            continue
        parsed = parse(value)
        right = parsed is not None and parsed.abbr and not parsed.forms and len(parsed.serial) in (8, 10) and (
            parsed.kind == wanted)
        if right and wanted != "subject" and subject and parsed is not None and parsed.subject != subject:
            yield Issue(pointer, {"number": value, "hint": "subject", "subject": subject})
        elif not right:
            yield Issue(pointer, {"number": value, "hint": None, "subject": subject})
