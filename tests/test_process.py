"""The filing process: who receives SMS codes (指南 9 table), deadlines, and `icpfile status`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.data.catalog import read_data
from icpfile.filing import process
from icpfile.filing.state import State, StateStore

A, B = "13800138000", "13900139000"


def recipients(filing_type: str, subject: str, sites: list[str], scope: str = "subject") -> list[tuple[str, str]]:
    found = process.sms_recipients(filing_type, subject, [(f"/websites/{i}/principal/mobile", m)
                                                          for i, m in enumerate(sites)], scope)
    return [(r.role, r.mobile) for r in found]


@pytest.mark.parametrize(
    ("filing_type", "subject", "sites", "scope", "expected"),
    [
        # 首次备案: 主体负责人和网站负责人; the same mobile gets one code
        ("first_filing", A, [A], "subject", [("subject", A)]),
        ("first_filing", A, [B], "subject", [("subject", A), ("website", B)]),
        ("first_filing", A, [A, B, B], "subject", [("subject", A), ("website", B)]),
        # 新增网站 and 接入备案: 网站负责人
        ("new_website", A, [A], "subject", [("website", A)]),
        ("access", A, [B], "subject", [("website", B)]),
        # 变更备案: whoever's information changes
        ("change", A, [B], "subject", [("subject", A)]),
        ("change", A, [B], "website", [("website", B)]),
        ("change", A, [B], "both", [("subject", A), ("website", B)]),
        # 取消接入: 不验证
        ("cancel_access", A, [B], "subject", []),
        # 注销主体 / 注销网站
        ("deregister_subject", A, [B], "subject", [("subject", A)]),
        ("deregister_website", A, [B], "subject", [("website", B)]),
    ],
)
def test_sms_recipients_follow_the_guide_table(filing_type, subject, sites, scope, expected) -> None:
    assert recipients(filing_type, subject, sites, scope) == expected


def test_working_days_skip_weekends() -> None:
    friday = dt.date(2026, 11, 27)
    assert process.add_workdays(friday, 1) == dt.date(2026, 11, 30)
    assert process.authority_review_range(friday) == (dt.date(2026, 11, 30), dt.date(2026, 12, 25))


def test_working_days_skip_new_years_day_and_count_its_make_up_sunday() -> None:
    """2026: 元旦 1–3 January off, Sunday 4 January a working day (GOV-HOL2026, data/holidays.yaml)."""
    wednesday = dt.date(2025, 12, 31)
    assert process.add_workdays(wednesday, 1) == dt.date(2026, 1, 4)  # Thu 1 and Fri 2 are off, Sun 4 works
    assert process.add_workdays(wednesday, 2) == dt.date(2026, 1, 5)
    assert process.add_workdays(dt.date(2026, 1, 4), 1) == dt.date(2026, 1, 5)


def test_the_spring_festival_week_is_skipped_and_its_saturdays_count() -> None:
    """春节 15–23 February 2026 off; Saturday 14 and Saturday 28 February are working days."""
    friday = dt.date(2026, 2, 13)
    assert process.add_workdays(friday, 1) == dt.date(2026, 2, 14)  # the make-up Saturday
    assert process.add_workdays(friday, 2) == dt.date(2026, 2, 24)  # Mon 16 – Mon 23 are off
    low, high = process.authority_review_range(dt.date(2026, 2, 10))
    # 11, 12, 13, 14 (Sat), 24, 25, 26, 27, 28 (Sat), then March 2–6, 9–13, 16 is the 20th
    assert (low, high) == (dt.date(2026, 2, 11), dt.date(2026, 3, 16))
    assert process.holidays_counted(dt.date(2026, 2, 10), high)
    # a plain weekday count would have ended on 10 March: the table moved it by the festival's days
    assert high != dt.date(2026, 3, 10)


def test_past_the_tables_last_year_weekends_and_the_fixed_holidays_are_skipped_and_it_is_said() -> None:
    """Past data/holidays.yaml only the fixed-date holidays of 全国年节及纪念日放假办法 art. 2 (GOV-HOLIDAYS)
    are known: 元旦, 劳动节 1–2 May, 国庆节 1–3 October. Origin: walker41 item 3 (an estimate ended on
    元旦 2027)."""
    last = max(int(year) for year in read_data("holidays.yaml")["years"])
    after = dt.date(last + 1, 1, 1)
    assert not process.holidays_counted(dt.date(last, 12, 20), after)
    assert process.uncounted_years(dt.date(last, 12, 20), after) == str(last + 1)
    fixed = {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}
    year = [after + dt.timedelta(days=n) for n in range(365)]
    assert [process.calendar().working(day) for day in year] == [
        day.weekday() < 5 and (day.month, day.day) not in fixed for day in year]
    assert not process.calendar().working(dt.date(last, 1, 1))  # 元旦 is in every notice
    # no estimate, from any day of the year, ends on a fixed holiday
    for start in [after - dt.timedelta(days=40) + dt.timedelta(days=n) for n in range(400)]:
        for end in process.authority_review_range(start):
            assert end.year == last or ((end.month, end.day) not in fixed and end.weekday() < 5), (start, end)


def test_the_review_from_december_2026_ends_after_new_years_day_2027() -> None:
    """Origin: walker41 item 3: `--today 2026-12-04` gave 2026-12-07 to 2027-01-01, 元旦 counted."""
    assert process.authority_review_range(dt.date(2026, 12, 4)) == (dt.date(2026, 12, 7), dt.date(2027, 1, 4))
    assert process.add_workdays(dt.date(2028, 4, 28), 1) == dt.date(2028, 5, 3)  # 劳动节 Mon 1 – Tue 2 May
    assert process.add_workdays(dt.date(2027, 9, 30), 1) == dt.date(2027, 10, 4)  # 国庆节 Fri 1 – Sun 3


def test_status_says_when_the_review_range_did_not_count_holidays(tmp_path: Path) -> None:
    draft = _seed(tmp_path, "authority_review", {"authority_submitted": "2026-12-04"})
    for lang, words in (("en", "moving holidays"), ("zh", "春节、清明、端午、中秋")):
        result = CliRunner().invoke(app, ["status", str(draft), "--today", "2026-12-04", "--lang", lang])
        assert result.exit_code == 0, result.output
        assert words in result.stdout and "2027" in result.stdout, result.stdout
    data = json.loads(CliRunner().invoke(app, ["status", str(draft), "--format", "json", "--today",
                                                "2026-12-04"]).stdout)
    assert data["authority_review_expected"]["holidays_counted"] is False
    (tmp_path / "in").mkdir()
    inside = _seed(tmp_path / "in", "authority_review", {"authority_submitted": "2026-11-02"})
    result = CliRunner().invoke(app, ["status", str(inside), "--today", "2026-11-03", "--lang", "en"])
    assert "moving holidays" not in result.stdout, result.stdout


def test_deadlines_by_step() -> None:
    dates = {"order_created": "2026-11-01", "order_updated": "2026-11-20", "sms_received": "2026-11-28T10:00",
             "site_opened": "2026-11-25"}
    ids = {d.id: d.due for d in process.deadlines(dates, "sms")}
    assert "order_deleted" not in ids  # with the 管局 from the SMS step on (walker41 item 4)
    assert ids["sms_code"] == dt.datetime(2026, 11, 29, 10, 0)  # 24 hours
    for step_id in ("submit", "provider_review", "mailing"):
        ids = {d.id: d.due for d in process.deadlines(dates, step_id)}
        assert ids["order_deleted"] == dt.datetime(2027, 1, 4)  # 45 days after the last update
    for step_id in ("draft", "materials", "verification", "sms", "authority_review", "approved", "done"):
        assert "order_deleted" not in {d.id for d in process.deadlines(dates, step_id)}, step_id
    assert {d.id for d in process.deadlines(dates, "approved")} == {"police_filing"}
    assert process.deadlines(dates, "approved")[0].due == dt.datetime(2026, 12, 25)
    assert process.deadlines({**dates, "police_filed": "2026-12-01"}, "approved") == []


def _seed(tmp_path: Path, step: str, dates: dict[str, str]) -> Path:
    draft = tmp_path / "acme.yaml"
    draft.write_text("version: 1\n", encoding="utf-8")
    StateStore(draft).save(State(draft=draft.name, step=step, dates=dates))
    return draft


def test_status_json_counts_days_from_today(tmp_path: Path) -> None:
    draft = _seed(tmp_path, "provider_review", {"order_updated": "2026-11-20"})
    result = CliRunner().invoke(app, ["status", str(draft), "--format", "json", "--today", "2026-11-29"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["step"] == "provider_review"
    order = next(d for d in data["deadlines"] if d["id"] == "order_deleted")
    assert order["due"] == "2027-01-04" and order["days_left"] == 36 and not order["overdue"]
    (tmp_path / "a").mkdir()
    draft = _seed(tmp_path / "a", "authority_review", {"order_updated": "2026-11-20",
                                                       "authority_submitted": "2026-11-27"})
    data = json.loads(CliRunner().invoke(app, ["status", str(draft), "-f", "json", "--today", "2026-11-29"]).stdout)
    assert data["authority_review_expected"] == {"from": "2026-11-30", "to": "2026-12-25", "holidays_counted": True,
                                                 "past": False}
    assert data["deadlines"] == [] and data["overdue"] is False


def test_status_at_the_authority_shows_no_order_deletion_and_says_when_the_review_is_past(tmp_path: Path) -> None:
    """Origin: walker41 item 4: at 管局审核 `status --today 2027-03-01` printed "订单无更新将被删除: … (已超期)"
    and the review window 2026-12-07 – 2027-01-04 unchanged, two months after it had passed."""
    draft = _seed(tmp_path, "authority_review", {"order_updated": "2026-12-04T21:30",
                                                 "authority_submitted": "2026-12-04"})
    for lang, deleted, past in (("zh", "订单无更新将被删除", "beian.miit.gov.cn"),
                                ("en", "the order is deleted", "ask your provider")):
        result = CliRunner().invoke(app, ["status", str(draft), "--today", "2027-03-01", "--lang", lang])
        assert result.exit_code == 0, result.output  # nothing of the user's is overdue
        assert deleted not in result.stdout and "2027-01-04" in result.stdout, result.stdout
        assert past in result.stdout, result.stdout
        before = CliRunner().invoke(app, ["status", str(draft), "--today", "2026-12-10", "--lang", lang])
        assert past not in before.stdout and deleted not in before.stdout, before.stdout
    data = json.loads(CliRunner().invoke(app, ["status", str(draft), "-f", "json", "--today", "2027-03-01"]).stdout)
    assert data["authority_review_expected"]["past"] is True and data["deadlines"] == []
    # before the 管局 the clock runs, and is overdue 45 days after the last update
    (tmp_path / "p").mkdir()
    waiting = _seed(tmp_path / "p", "provider_review", {"order_updated": "2026-12-04T21:30"})
    result = CliRunner().invoke(app, ["status", str(waiting), "--today", "2027-03-01", "--lang", "en"])
    assert "the order is deleted without an update: 2027-01-18T21:30 (overdue)" in result.stdout, result.stdout
    assert result.exit_code == 1


def test_status_marks_overdue(tmp_path: Path) -> None:
    """An overdue police filing names what to do and exits 1, as `check` does on an error (walker41
    item 12: it exited 0 with "next: all done"); its day is shown without a midnight time."""
    draft = _seed(tmp_path, "approved", {"site_opened": "2026-10-01"})
    result = CliRunner().invoke(app, ["status", str(draft), "--today", "2026-11-29", "--lang", "en"])
    assert "the public-security filing: 2026-10-31 (overdue)" in result.stdout, result.stdout
    assert "next: file the public-security filing on beian.mps.gov.cn now" in result.stdout, result.stdout
    assert result.exit_code == 1
    zh = CliRunner().invoke(app, ["status", str(draft), "--today", "2026-11-29", "--lang", "zh"])
    assert "下一步: 尽快在 beian.mps.gov.cn 提交公安联网备案" in zh.stdout and zh.exit_code == 1, zh.stdout
    result = CliRunner().invoke(app, ["status", str(draft), "-f", "json", "--today", "2026-11-29"])
    data = json.loads(result.stdout)
    assert data["deadlines"][0]["overdue"] is True and data["deadlines"][0]["days_left"] == -29
    assert data["overdue"] is True and result.exit_code == 1


def test_a_days_deadline_has_no_time_and_is_due_to_the_end_of_its_day(tmp_path: Path) -> None:
    """Origin: walker41 item 12: `公安联网备案: 2026-01-19T00:00 (8 天)` for a date-only deadline."""
    draft = _seed(tmp_path, "approved", {"site_opened": "2026-10-01"})
    for today, shown in (("2026-10-23", "2026-10-31 (8 days left)"), ("2026-10-31", "2026-10-31 (0 days left)")):
        result = CliRunner().invoke(app, ["status", str(draft), "--today", today, "--lang", "en"])
        assert shown in result.stdout and "T00:00" not in result.stdout, result.stdout
        assert result.exit_code == 0 and "next: all done" in result.stdout, result.stdout


@pytest.mark.parametrize("garbage", ["[]", "[" * 200_000], ids=["wrong-shape", "nested-past-the-parser"])
def test_status_on_a_corrupt_state_is_a_clear_error(tmp_path: Path, garbage: str) -> None:
    """A state file nested 200,000 deep raised RecursionError through `status` and the wizard."""
    draft = tmp_path / "d.yaml"
    draft.write_text("version: 1\n", encoding="utf-8")
    (tmp_path / ".icpfile").mkdir()
    (tmp_path / ".icpfile" / "d.yaml.state.json").write_text(garbage, encoding="utf-8")
    result = CliRunner().invoke(app, ["status", str(draft)])
    assert result.exit_code == 2 and "cannot be read" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    folder = CliRunner().invoke(app, ["status", str(tmp_path), "--lang", "en"])
    assert "internal error" not in folder.output and "d.yaml" in folder.output


def test_every_step_but_done_has_one_handler() -> None:
    """The steps are objects in a table, not methods found by name (issue 17.2): none is missing."""
    from icpfile.filing.steps import HANDLERS

    assert list(HANDLERS) == [s for s in process.STEP_IDS if s != "done"]


def test_every_holiday_year_cites_a_source_users_can_follow() -> None:
    from icpfile.data.sources import sources

    for year, entry in read_data("holidays.yaml")["years"].items():
        source = sources()[entry["source"]]
        assert year in source.title and source.url.startswith("https://"), year
