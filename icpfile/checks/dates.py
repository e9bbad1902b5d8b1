"""Dates judged against `--today`: ID expiry, the principal's age and the day of approval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from icpfile.checks import rule
from icpfile.checks.context import Context, text
from icpfile.findings import Issue
from icpfile.values import identifiers as ids
from icpfile.values.dates import add_months, age_on
from icpfile.values.dates import parse_day as parse_date


@rule
def id_expiry(ctx: Context) -> Iterator[Issue]:
    months = int(ctx.national["id_expiry_min_months"])
    limit = add_months(ctx.today, months)
    for ptr, person in ctx.persons():
        value = text(person.get("id_expiry"))
        expiry = parse_date(value) if value != "long_term" else None
        if expiry and expiry < limit:
            state = "expired" if expiry < ctx.today else "soon"
            yield Issue(f"{ptr}/id_expiry", {"date": value, "limit": limit.isoformat(),
                                                       "months": months, "hint": state})


@rule
def id_expiry_real_date(ctx: Context) -> Iterator[Issue]:
    for ptr, person in ctx.persons():
        value = text(person.get("id_expiry"))
        if len(value) == 10 and value[4] == "-" and parse_date(value) is None:
            yield Issue(f"{ptr}/id_expiry", {"date": value})


@rule
def id_long_term_age(ctx: Context) -> Iterator[Issue]:
    """`long_term` for a resident ID whose holder is under 46 today: the law issues long-term IDs
    only from 46 (居民身份证法 第五条), so the draft cannot match the card."""
    for ptr, person in ctx.persons():
        number = text(person.get("id_number"))
        if text(person.get("id_expiry")) != "long_term" or person.get("id_type") != "resident_id":
            continue
        born = ids.rid_birth_date(number) if ids.RID_SHAPE.match(number) else None
        if born is not None and born <= ctx.today and age_on(born, ctx.today) < LONG_TERM_AGE:
            yield Issue(f"{ptr}/id_expiry", {"age": age_on(born, ctx.today)})


LONG_TERM_AGE = 46  # 居民身份证法 第五条


def _young(ctx: Context) -> Iterator[tuple[str, int, int, dict | None]]:
    """(pointer, age, the province's minimum, its disputed band or None) per principal under it."""
    minimum = int(ctx.pack.get("min_age") or ctx.national["default_min_age"])
    conflict = ctx.pack.get("min_age_conflict")
    for ptr, person in ctx.persons():
        number = text(person.get("id_number"))
        if person.get("id_type") != "resident_id" or not ids.RID_SHAPE.match(number):
            continue
        born = ids.rid_birth_date(number)
        if born is None or born > ctx.today:
            continue
        age = age_on(born, ctx.today)
        if age < minimum:
            disputed = conflict if conflict and age >= int(conflict["min_age"]) else None
            yield f"{ptr}/id_number", age, minimum, disputed


@rule
def principal_age(ctx: Context) -> Iterator[Issue]:
    with_proof = ctx.pack.get("min_age_with_proof")
    for ptr, age, minimum, disputed in _young(ctx):
        if disputed is None:
            variant = "proof" if with_proof and age >= int(with_proof) else "refused"
            # severity_by case: an error where the province's page bars it with no route (min_age_hard)
            case = "hard" if ctx.pack.get("min_age_hard") and variant == "refused" else "route"
            yield Issue(ptr, {"age": age, "minimum": minimum, "with_proof": with_proof,
                              "province": ctx.province, "hint": variant, "case": case})


@rule
def principal_age_conflict(ctx: Context) -> Iterator[Issue]:
    """Ages the sources disagree on (山东: TX17 2017 says 18, HW 2025-12-31 says 17): a warning
    that names both sources, instead of ICP804."""
    for ptr, age, minimum, disputed in _young(ctx):
        if disputed is not None:
            yield Issue(ptr, {"age": age, "minimum": minimum, "province": ctx.province,
                                        "sources": disputed["source"]})


@rule
def approved_in_future(ctx: Context) -> Iterator[Issue]:
    """An approval day after today (walker41 item 9: the wizard took 2026-01-08 on 2025-12-20): the
    record holds the day the filing was approved, a day that has come. A day of slack: the 管局's
    day in China (UTC+8) is tomorrow on a machine whose clock is still on UTC's today."""
    from icpfile.values import approved

    latest = ctx.today + dt.timedelta(days=1)
    rec = approved.record(ctx.data)
    dated = [("/record", rec)] + [(f"/record/{kind}/{i}", item) for kind in approved.SERVICE_LISTS
                                  for i, item in enumerate(rec.get(kind) if isinstance(rec.get(kind), list) else [])
                                  if isinstance(item, dict)]
    for ptr, entry in dated:
        day = parse_date(text(entry.get("approved_on"))[:10])
        if day is not None and day > latest:
            yield Issue(f"{ptr}/approved_on", {"date": day.isoformat(), "today": ctx.today.isoformat()})
