"""The filing after the draft: steps, deadlines and who receives the SMS codes (guide 1.2–11).

Pure functions over dates and a few draft fields, so `status`, the wizard and the tests share one
definition. Working days are Monday to Friday less the public holidays, plus the make-up working
days (调休), of the years data/holidays.yaml lists (the State Council's annual notice); past its last
year weekends and the fixed-date holidays (元旦, 劳动节, 国庆节: 全国年节及纪念日放假办法) are skipped,
and the estimate says that the moving holidays and make-up days were not counted. Ranges are still shown as "about": the
guide's 1–20 days are an estimate.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from icpfile.data import kinds
from icpfile.data.catalog import read_data
from icpfile.records import Frozen
from icpfile.values.dates import parse_moment

# 指南 1.1 / 7: 从备案订单创建当日起，如果订单长期无更新 … 超过45天后您的备案订单将会超期被删除。
ORDER_IDLE_DAYS = 45
# 指南 9: 您需要在收到短信的24小时内完成短信核验; 短信仅可重发2次.
SMS_HOURS = 24
SMS_RESENDS = 2
# 指南 11: 需在网站开通之日起30日内提交公安联网备案申请.
POLICE_FILING_DAYS = 30
# 指南 7: 管局审核一般为1~20个工作日.
AUTHORITY_REVIEW_WORKDAYS = (1, 20)
# The steps in which an idle order is deleted (指南 7's 45 days): from its submission to the provider
# until the provider passes it to the 管局 (指南 7: 收到阿里云发出的备案信息提交管局通知后，会收到短信核验验证码),
# i.e. not from the SMS step on, when the order is with the authority (walker41 item 4).
ORDER_IDLE_STEPS = ("submit", "provider_review", "mailing")


class Step(Frozen):
    id: str
    zh: str
    en: str
    source: str

    __slots__ = ("id", "zh", "en", "source")

    def __init__(self, id: str, zh: str, en: str, source: str) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "zh", zh)
        object.__setattr__(self, "en", en)
        object.__setattr__(self, "source", source)

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# The guide's process, in order (指南 1.2 steps 4–11, with 5 上传资料 split into materials and
# real-person verification as the app does them).
STEPS: tuple[Step, ...] = (
    Step("draft", "填写并检查草稿", "fill in and check the draft", "指南 1.1–3"),
    Step("materials", "准备上传资料", "prepare the materials to upload", "指南 5"),
    Step("verification", "真实性核验（人脸识别）", "real-person verification (face check)", "指南 5"),
    Step("submit", "信息确认并提交备案", "confirm the information and submit", "指南 6"),
    Step("provider_review", "接入商初审", "the provider's initial review", "指南 7"),
    Step("mailing", "邮寄资料（如被要求）", "mail materials (if asked)", "指南 8"),
    Step("sms", "短信核验", "SMS verification", "指南 9"),
    Step("authority_review", "管局审核", "the communications administration's review", "指南 7、10"),
    Step("approved", "备案通过后：悬挂备案号、公安备案", "after approval: footer, public-security filing", "指南 11"),
    Step("done", "全部完成", "all done", "指南 11"),
)
STEP_IDS = tuple(step.id for step in STEPS)


def step(step_id: str) -> Step:
    return STEPS[STEP_IDS.index(step_id)]


def submitted(step_id: str) -> bool:
    """The order has left the person's hands (指南 6: "submit"'s yes leads to the provider's review):
    from then on nothing is added to it."""
    return STEP_IDS.index(step_id) > STEP_IDS.index("submit")


def next_step(step_id: str) -> str:
    index = STEP_IDS.index(step_id)
    return STEP_IDS[min(index + 1, len(STEP_IDS) - 1)]


class Calendar(Frozen):
    """The days off and the make-up working days of the years `years` (data/holidays.yaml)."""

    years: frozenset[int]
    off: frozenset[dt.date]
    work: frozenset[dt.date]
    fixed: frozenset[tuple[int, int]]  # (month, day) off every year, past the table too

    __slots__ = ("years", "off", "work", "fixed")

    def __init__(self, years: frozenset[int], off: frozenset[dt.date], work: frozenset[dt.date],
                 fixed: frozenset[tuple[int, int]] = frozenset()) -> None:
        object.__setattr__(self, "years", years)
        object.__setattr__(self, "off", off)
        object.__setattr__(self, "work", work)
        object.__setattr__(self, "fixed", fixed)

    def working(self, day: dt.date) -> bool:
        if day.year in self.years:
            return day in self.work or (day.weekday() < 5 and day not in self.off)
        return day.weekday() < 5 and (day.month, day.day) not in self.fixed

    def covers(self, start: dt.date, end: dt.date) -> bool:
        """Whether every year from `start` to `end` has its holidays in the table."""
        return all(year in self.years for year in range(start.year, end.year + 1))


@cache
def calendar() -> Calendar:
    off: set[dt.date] = set()
    work: set[dt.date] = set()
    table = read_data("holidays.yaml")
    years = table["years"]
    fixed = frozenset((entry["month"], day) for entry in table["fixed"]["days"] for day in entry["days"])
    for entry in years.values():
        for span in entry["holidays"]:
            day, last = dt.date.fromisoformat(span["from"]), dt.date.fromisoformat(span["to"])
            while day <= last:
                off.add(day)
                day += dt.timedelta(days=1)
        work.update(dt.date.fromisoformat(day) for day in entry["workdays"])
    return Calendar(frozenset(int(year) for year in years), frozenset(off), frozenset(work), fixed)


def add_workdays(start: dt.date, days: int) -> dt.date:
    """`start` plus `days` working days: Monday–Friday, less the public holidays and plus the
    make-up working days of the years data/holidays.yaml lists (past them weekends and the
    fixed-date holidays: the result is never 1 January, 1–2 May or 1–3 October)."""
    known = calendar()
    day = start
    left = days
    while left > 0:
        day += dt.timedelta(days=1)
        if known.working(day):
            left -= 1
    return day


def holidays_counted(start: dt.date, end: dt.date) -> bool:
    """Whether a working-day range from `start` to `end` counted the public holidays (its years
    are all in data/holidays.yaml), so the estimate can say when it did not."""
    return calendar().covers(start, end)


def uncounted_years(start: dt.date, end: dt.date) -> str:
    """The years from `start` to `end` that data/holidays.yaml lacks: "2027", "2027–2028"."""
    missing = [year for year in range(start.year, end.year + 1) if year not in calendar().years]
    if not missing:
        return ""
    return str(missing[0]) if len(missing) == 1 else f"{missing[0]}–{missing[-1]}"


def authority_review_range(submitted: dt.date) -> tuple[dt.date, dt.date]:
    low, high = AUTHORITY_REVIEW_WORKDAYS
    return add_workdays(submitted, low), add_workdays(submitted, high)


class Recipient(Frozen):
    role: str  # "subject" (主体负责人) or "website" (网站负责人)
    mobile: str
    pointer: str

    __slots__ = ("role", "mobile", "pointer")

    def __init__(self, role: str, mobile: str, pointer: str) -> None:
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "mobile", mobile)
        object.__setattr__(self, "pointer", pointer)


def sms_recipients(
    filing_type: str,
    subject_mobile: str,
    website_mobiles: list[tuple[str, str]],
    change_scope: str = "subject",
) -> list[Recipient]:
    """Who receives a verification code (指南 9 table), one code per distinct mobile.

    `website_mobiles` is (pointer, mobile) per website principal; `change_scope` says what a
    change filing changes ("subject", "website" or "both": the kind's `sms` scopes in
    data/kinds.yaml). An unknown type gets no codes.
    """
    subject = [Recipient("subject", subject_mobile, "/subject/principal/mobile")] if subject_mobile else []
    sites = [Recipient("website", mobile, pointer) for pointer, mobile in website_mobiles if mobile]
    kind = kinds.kind(filing_type)
    roles = kind.recipients(change_scope) if kind is not None else ()  # data/kinds.yaml `sms`
    wanted = (subject if "subject" in roles else []) + (sites if "services" in roles else [])
    unique: list[Recipient] = []
    for recipient in wanted:  # 若主体负责人与网站负责人为同一人（判断标准为手机号码），只发送一个验证码
        if all(r.mobile != recipient.mobile for r in unique):
            unique.append(recipient)
    return unique


class Deadline(Frozen):
    id: str
    zh: str
    en: str
    due: dt.datetime
    source: str
    dated: bool  # counted from a day without a time: due on that day, shown without one

    __slots__ = ("id", "zh", "en", "due", "source", "dated")

    def __init__(self, id: str, zh: str, en: str, due: dt.datetime, source: str, dated: bool = False) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "zh", zh)
        object.__setattr__(self, "en", en)
        object.__setattr__(self, "due", due)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "dated", dated)

    def left(self, now: dt.datetime) -> dt.timedelta:
        return self.due - now

    def shown_due(self) -> str:
        """`2026-12-25` for a day's deadline, `2026-11-29T10:00` for one counted from a moment."""
        return self.due.date().isoformat() if self.dated else self.due.isoformat(timespec="minutes")


def deadlines(dates: dict[str, str], step_id: str) -> list[Deadline]:
    """The deadlines running at `step_id`, from the dates recorded in the state file."""
    found: list[Deadline] = []
    last = dates.get("order_updated") or dates.get("order_created")
    updated = parse_moment(last)
    if updated and step_id in ORDER_IDLE_STEPS:
        found.append(Deadline("order_deleted", "订单无更新将被删除", "the order is deleted without an update",
                              updated + dt.timedelta(days=ORDER_IDLE_DAYS), "指南 7（备案订单的有效期为45天）",
                              _dated(last)))
    sms = parse_moment(dates.get("sms_received"))
    if sms and step_id == "sms":
        found.append(Deadline("sms_code", "短信验证码失效", "the SMS code expires",
                              sms + dt.timedelta(hours=SMS_HOURS), "指南 9（24小时内完成短信核验）"))
    opened = parse_moment(dates.get("site_opened"))
    if opened and not dates.get("police_filed") and step_id != "done":  # whenever the opening is known (W30-03)
        found.append(Deadline("police_filing", "公安联网备案", "the public-security filing",
                              opened + dt.timedelta(days=POLICE_FILING_DAYS), "指南 11（网站开通之日起30日内）",
                              _dated(dates.get("site_opened"))))
    return found


def _dated(text: object) -> bool:
    """Whether a recorded date is a day without a time (`2026-11-25`, not `2026-11-25T10:00`)."""
    return isinstance(text, str) and "T" not in text.strip() and " " not in text.strip()
