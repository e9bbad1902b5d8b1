"""The wizard works on the user's draft, never over it (issue 11), and walks the filing to the end."""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from collections import deque
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.filing import messages, process
from icpfile.filing.draft_writer import guess_indent
from icpfile.filing.prompts import wrap, yes_no
from icpfile.filing.questions import question_at
from icpfile.filing.state import State, StateError, StateStore, state_path
from icpfile.filing.wizard import Wizard, field_pointer, normalise
from icpfile.options import Options
from icpfile.values.dates import iso_day_text

from conftest import ROOT, TODAY

PERSONAL_TEXT = (ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8").replace(
    "    remarks: 个人读书笔记", "    commercial: false\n    remarks: 个人读书笔记").replace(
    "  type: first_filing", "  type: first_filing\n  provider: aliyun", 1)  # named: not asked

COMMENTED = """\
# 我的备案草稿（手写的注释要留下）
version: 1  # 格式版本
filing:
  type: first_filing  # 首次备案

subject:
  province: 浙江省
  city: 杭州市
  district: 西湖区
  nature: personal
  certificate:
    type: resident_id
    number: '330106197001011230'
    address: 浙江省杭州市西湖区文三路100号
  name: 陈静  # 手改过：陈晶 → 陈静
  mailing_address: 浙江省杭州市西湖区文三路100号2单元301室
  investor: 陈静
  remarks: "本网站为个人网站，用于记录读书笔记。"
  principal:
    name: 陈静
    id_type: resident_id
    id_number: '330106197001011230'
    id_expiry: long_term
    mobile: ''  # 待填
    emergency_mobile: "13900139001"
    email: lisi@example.com

websites:
  - name: 静夜读书笔记  # icpfile: disable=ICP213
    domain: example.net
    access: {service: ecs, ip: [47.96.10.21]}
    content: other
    service_type: website_app
    languages: [zh-Hans]
    principal: same_as_subject
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def wizard_cli(draft: Path, answers: Path, *extra: str) -> Any:
    return CliRunner().invoke(app, ["wizard", str(draft), "--answers", str(answers), "--today", "2026-11-29",
                                    "--lang", "en", *extra])


# -- the losses of issue 11, each gone ------------------------------------------------------------

def test_a_commented_draft_keeps_every_comment_and_only_the_answer_changes(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", COMMENTED)
    answers = write(tmp_path / "a.yaml", "subject:\n  principal:\n    mobile: '13800138001'\n")
    result = wizard_cli(draft, answers)
    assert result.exit_code == 0, result.output
    after = draft.read_text(encoding="utf-8")
    before_lines, after_lines = COMMENTED.splitlines(), after.splitlines()
    changed = [(a, b) for a, b in zip(before_lines, after_lines, strict=True) if a != b]
    assert [(a, re.sub(" +#", "  #", b)) for a, b in changed] == [
        ("    mobile: ''  # 待填", "    mobile: '13800138001'  # 待填")]  # the comment may move
    assert "# icpfile: disable=ICP213" in after and after.count("\n\n") == 2  # blank lines kept


def test_a_hand_edit_survives_the_next_run(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    answers = write(tmp_path / "a.yaml", "subject:\n  principal:\n    email: lisi@example.com\n")
    assert wizard_cli(draft, answers).exit_code == 0
    edited = draft.read_text(encoding="utf-8").replace("13800138001", "13800138009")
    write(draft, edited)
    assert wizard_cli(draft, answers).exit_code == 0
    assert draft.read_text(encoding="utf-8") == edited  # the state never overrides the draft
    assert "13800138009" in draft.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["subject: 5\n", "websites: example.net\n",
                                 "subject:\n  principal:\n    mobile: '12345'\n",
                                 "subject:\n  nmae: 李四\n"])
def test_a_bad_answers_file_changes_nothing(tmp_path: Path, bad: str) -> None:
    draft = write(tmp_path / "mine.yaml", COMMENTED)
    answers = write(tmp_path / "a.yaml", "# answers\n" + bad)
    result = wizard_cli(draft, answers)
    assert result.exit_code == 2
    assert f"{answers}:{bad.count(chr(10)) + 1}:" in result.output  # reported at its line
    assert draft.read_text(encoding="utf-8") == COMMENTED
    assert not draft.with_name("mine.yaml.bak").exists()


def test_the_backup_holds_exactly_what_the_user_had_once_per_run(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", COMMENTED)
    answers = write(tmp_path / "a.yaml", "subject:\n  principal:\n    mobile: '13800138001'\n")
    assert wizard_cli(draft, answers).exit_code == 0
    backup = draft.with_name("mine.yaml.bak")
    assert backup.read_text(encoding="utf-8") == COMMENTED
    first = draft.read_text(encoding="utf-8")
    answers2 = write(tmp_path / "b.yaml", "subject:\n  principal:\n    email: chen@example.com\n")
    assert wizard_cli(draft, answers2).exit_code == 0
    assert backup.read_text(encoding="utf-8") == first  # the previous run's file, not the wizard's own
    assert not [p for p in tmp_path.rglob("*.tmp")]  # no temporary file outlives a run


def test_a_bak_symlink_target_is_untouched(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", COMMENTED)
    precious = write(tmp_path / "precious.txt", "keep me\n")
    draft.with_name("mine.yaml.bak").symlink_to(precious)
    answers = write(tmp_path / "a.yaml", "subject:\n  principal:\n    mobile: '13800138001'\n")
    assert wizard_cli(draft, answers).exit_code == 0
    assert precious.read_text(encoding="utf-8") == "keep me\n"
    backup = draft.with_name("mine.yaml.bak")
    assert not backup.is_symlink() and backup.read_text(encoding="utf-8") == COMMENTED


def test_a_draft_that_is_a_symlink_is_refused_and_its_target_unchanged(tmp_path: Path) -> None:
    real = write(tmp_path / "real.yaml", COMMENTED)
    link = tmp_path / "mine.yaml"
    link.symlink_to(real)
    answers = write(tmp_path / "a.yaml", "subject:\n  principal:\n    mobile: '13800138001'\n")
    result = wizard_cli(link, answers)
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert real.read_text(encoding="utf-8") == COMMENTED and link.is_symlink()


def test_a_yaml_and_a_yml_keep_their_own_state(tmp_path: Path) -> None:
    assert state_path(tmp_path / "a.yaml") != state_path(tmp_path / "a.yml")
    StateStore(tmp_path / "a.yaml").save(State(draft="a.yaml", step="sms"))
    assert StateStore(tmp_path / "a.yml").load().step == "draft"
    assert StateStore(tmp_path / "a.yaml").load().step == "sms"


@pytest.mark.parametrize("text, word", [
    ("version: 1\nfiling: {type: first_filing}\nfiling: {type: change}\n", "ICP007"),
    ("version: 1\nx_a: &a 李四\nx_b: *a\n", "YAML"),
    ("version: 1\nx_a: !!str 李四\n", "ICP008"),
])
def test_a_draft_with_loader_findings_is_refused_unchanged(tmp_path: Path, text: str, word: str) -> None:
    draft = write(tmp_path / "mine.yaml", text)
    answers = write(tmp_path / "a.yaml", "subject:\n  province: 浙江省\n")
    result = wizard_cli(draft, answers)
    assert result.exit_code == 2 and word in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert draft.read_text(encoding="utf-8") == text and not draft.with_name("mine.yaml.bak").exists()


# -- the state: progress only, validated ----------------------------------------------------------

def _state_file(tmp_path: Path, content: bytes) -> Path:
    path = state_path(tmp_path / "d.yaml")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("content, said", [
    (b"{not json", "could not be read"),
    ("{\"version\": 2, \"step\": \"sms\"}".encode("gbk") + b"\xff\xfe", "not UTF-8"),
    (json.dumps({"version": 2, "step": "nowhere"}).encode(), "unknown step"),
    (json.dumps({"version": 2, "step": "sms", "dates": {"sms_received": "2026-11-29T10:00+08:00"}}).encode(),
     "time zone"),
    (json.dumps({"version": 2, "step": "sms", "dates": {"x": "yesterday"}}).encode(), "ISO date"),
    (json.dumps({"version": 2, "skipped": ["/subject/name/x"]}).encode(), "pointer"),
])
def test_a_bad_state_is_moved_aside_and_named(tmp_path: Path, content: bytes, said: str) -> None:
    path = _state_file(tmp_path, content)
    store = StateStore(tmp_path / "d.yaml")
    assert store.load().step == "draft"
    assert said in store.notice and str(path) in store.notice
    aside = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content


def test_a_newer_state_is_refused_in_one_line(tmp_path: Path) -> None:
    _state_file(tmp_path, json.dumps({"version": 99, "step": "sms"}).encode())
    with pytest.raises(StateError, match="newer icpfile"):
        StateStore(tmp_path / "d.yaml").load()
    draft = write(tmp_path / "d.yaml", PERSONAL_TEXT)
    answers = write(tmp_path / "a.yaml", "subject:\n  province: 浙江省\n")
    result = wizard_cli(draft, answers)
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_an_old_state_keeps_its_progress_and_drops_its_answers(tmp_path: Path) -> None:
    _state_file(tmp_path, json.dumps({"version": 1, "step": "sms", "answers": {"/subject/name": "陈晶"}}).encode())
    state = StateStore(tmp_path / "d.yaml").load()
    assert state.step == "sms" and not hasattr(state, "answers")


# -- answers as the format writes them ------------------------------------------------------------

def test_answers_are_normalised() -> None:
    assert normalise("/subject/principal/id_expiry", "长期") == "long_term"
    assert normalise("/websites/0/principal/id_expiry", "2030.03.07") == "2030-03-07"
    assert normalise("/subject/principal/id_expiry", "2030年3月7日") == "2030-03-07"
    assert normalise("/subject/certificate/number", " 91330106ma2b3c4d5e ") == "91330106MA2B3C4D5E"
    assert normalise("/subject/name", " 李四 ") == "李四"


def test_edit_names_a_field() -> None:
    assert field_pointer("subject.principal.mobile") == "/subject/principal/mobile"
    assert field_pointer("websites.1.domain") == "/websites/1/domain"
    with pytest.raises(ValueError, match="not a field"):
        field_pointer("subject.nmae")


def test_the_indent_of_the_users_file_is_kept() -> None:
    assert guess_indent("a:\n    b: 1\nc:\n- x: 1\n") == (4, 0)
    assert guess_indent("a:\n  b: 1\nc:\n  - x: 1\n") == (2, 2)


# -- prompts --------------------------------------------------------------------------------------

def test_a_refused_answer_wraps_at_60_columns_and_nothing_is_cut() -> None:
    text = ("ICP401 *** is not a valid mainland mobile number (3 characters) — write the 11 digits "
            "without +86, spaces or dashes；手机号应为 11 位大陆手机号，不含 +86、空格或短横线。")
    from wcwidth import wcswidth

    lines = wrap(text, 60)
    assert all(wcswidth(line) <= 60 for line in lines)
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")


def test_yes_no_takes_chinese() -> None:
    assert yes_no("是", False) is True and yes_no("否", True) is False
    assert yes_no("", False) is False and yes_no("Y", False) is True and yes_no("maybe", True) is None


def test_every_message_has_zh_and_en_with_the_same_fields() -> None:
    fields = string.Formatter()
    for key, entry in messages.catalog().items():
        assert set(entry) == {"zh", "en"}, key
        zh = {name for _, name, _, _ in fields.parse(entry["zh"]) if name}
        en = {name for _, name, _, _ in fields.parse(entry["en"]) if name}
        assert zh == en, key


def test_the_wizard_and_status_words_come_from_the_catalog() -> None:
    used: set[str] = set()
    for module in ("steps.py", "wizard.py", "status.py"):
        source = (ROOT / "icpfile" / "filing" / module).read_text(encoding="utf-8")
        used |= set(re.findall(r'(?:self\.t|_confirm|_select|_date|say)\("([a-z_.]+)"', source))
        assert not re.search(r'"[^"\n]*[\u4e00-\u9fff][^"\n]*" if zh', source), module  # no inline zh/en pairs
    assert used and used <= set(messages.catalog())


# -- the walk after the draft ---------------------------------------------------------------------

class Walk:
    """A Prompter for the steps: each question is matched by a piece of its (English) text."""

    def __init__(self, script: list[tuple[str, Any]]) -> None:
        self.script = deque(script)
        self.asked: list[str] = []

    def _next(self, message: str) -> Any:
        self.asked.append(message)
        assert self.script, f"unscripted question: {message}"
        piece, answer = self.script.popleft()
        assert piece in message, (piece, message)
        return answer

    def text(self, message, default="", validate=None, instruction=None, completions=None):
        answer = self._next(message)
        answer = default if answer is None else answer  # None: Enter, the default
        assert validate is None or validate(answer) is True, (message, answer, validate(answer))
        return answer

    def select(self, message, choices, default=None, instruction=None):
        answer = self._next(message)
        assert answer in [c for c, _ in choices], (answer, choices)
        return answer

    def checkbox(self, message, choices, checked, validate=None, instruction=None):
        return self._next(message)

    def confirm(self, message, default=True, instruction=None):
        return self._next(message)


def walk(draft: Path, script: list[tuple[str, Any]], today: dt.date = TODAY) -> tuple[list[str], State]:
    said: list[str] = []
    prompter = Walk(script)
    wizard = Wizard(draft, prompter, Options(lang="en", today=today), said.append)
    with wizard.store.locked():
        assert wizard.run() == 0, said
    assert not prompter.script, f"unused: {list(prompter.script)}"
    return said, StateStore(draft).load()


MATERIALS = [("Ready:", True)] * 2  # a person: the certificate (their ID card, once) and the commitment letter


def test_every_step_of_a_first_filing_to_all_done(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    said, state = walk(draft, [*MATERIALS, ("face check", True), ("submitted the order", True),
                               ("order was created", "2026-11-29"), ("initial review", "waiting")])
    assert state.step == "provider_review" and "Real-person verification" in "\n".join(said)
    assert any("Before you submit: the whole order" in line for line in said)  # the review before "submitted?"
    said, state = walk(draft, [("initial review", "passed"), ("mail materials", True),
                               ("mailed them", False)])
    assert state.step == "mailing" and any("address and recipient" in line for line in said)
    said, state = walk(draft, [("mail materials", True), ("mailed them", True), ("Date mailed", "2026-11-30"),
                               ("arrived", "no"), ("Pressed resend", True)])
    assert state.step == "sms" and state.facts["sms_resends"] == 1
    said, state = walk(draft, [("arrived", "no"), ("Pressed resend", True)])
    assert state.facts["sms_resends"] == 2
    said, state = walk(draft, [("arrived", "no")])  # a third resend is not offered
    assert any("sends no more" in line for line in said) and state.facts["sms_resends"] == 2
    said, state = walk(draft, [("arrived", "yes"), ("Verified every code", True), ("decision", "approved"),
                               ("Approval date", None),
                               ("filing number", "浙ICP备2026000001号-1"), ("open to the public", True),
                               ("Opening date", "2026-12-01"), ("resolves to", "47.96.10.21"),
                               ("access provider", "阿里云计算有限公司"), ("access method", None),
                               ("registrar", "阿里云计算有限公司"),
                               ("website type", "Z 其他"), ("interactive service", False),
                               ("security officer", True), ("emergency contact", True),
                               ("public-security filing", False)])
    assert state.step == "approved" and "浙ICP备2026000001号-1" in "\n".join(said)
    assert not any("all done" in line for line in said)  # not before the police filing
    said, state = walk(draft, [("public-security filing", True),
                               ("public-security number", "浙公网安备33010602012345号")])
    assert state.step == "done" and any("all done" in line for line in said)
    assert "浙公网安备33010602012345号" in said[-4]  # the printed footer carries the police number
    # The last screen says how to check the footer, never that it is right (#21 W10: never asked).
    assert not any("carries both numbers" in line for line in said)
    assert said[-1] == ('  example.net: icpfile footer check SITE_FOLDER --number 浙ICP备2026000001号-1'
                        ' --police "浙公网安备33010602012345号"')


def test_a_date_prompt_takes_the_forms_id_expiry_takes_and_says_the_form_in_words(tmp_path: Path) -> None:
    refused: list[object] = []

    class Dates(Walk):
        def text(self, message, default="", validate=None, instruction=None, completions=None):
            if "order was created" in message and validate is not None:
                refused.append(validate("20.11.2026"))
                refused.append(validate("2026/02/30"))
            return super().text(message, default, validate, instruction)

    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    prompter = Dates([*MATERIALS, ("face check", True), ("submitted the order", True),
                      ("order was created", "2026/11/20"), ("initial review", "waiting")])
    wizard = Wizard(draft, prompter, Options(lang="en", today=TODAY), lambda _: None)
    with wizard.store.locked():
        assert wizard.run() == 0
    assert StateStore(draft).load().dates["order_created"] == "2026-11-20"
    assert refused == [f"write the date like {TODAY.isoformat()} (year-month-day; 2026/11/20, 2026.11.20 and "
                       "2026年11月20日 are taken too)"] * 2
    for written in ("2026.11.20", "2026年11月20日", "2026-11-20", "2026/11/20"):
        assert iso_day_text(written) == "2026-11-20"
    assert normalise("/subject/principal/id_expiry", "2035/6/30") == "2035-06-30"


def test_a_rejection_goes_back_to_editing_and_resubmission_resets_the_sms_clock(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    store = StateStore(draft)
    store.save(State(draft=draft.name, step="authority_review", checklist={},
                     dates={"order_created": "2026-11-19", "submitted": "2026-11-20T10:00",
                            "sms_received": "2026-11-21T10:00", "sms_verified": "2026-11-21T11:00",
                            "authority_submitted": "2026-11-21"},
                     facts={"sms_resends": 1}))
    said, state = walk(draft, [
        ("decision", "rejected"), ("reason", "网站名称与内容不符"),
        ("Change an answer", "/websites/0/name"), ("websites/0/name", "静夜读书随笔"),
        ("Change an answer", "ok"),
        ("submitted the order", True), ("initial review", "passed"), ("mail materials", False),
        ("arrived", "yes"), ("Verified every code", False),
    ])
    assert any("网站名称与内容不符" in line for line in said)
    assert yaml.safe_load(draft.read_text(encoding="utf-8"))["websites"][0]["name"] == "静夜读书随笔"
    assert state.step == "sms" and "sms_verified" not in state.dates and "sms_resends" not in state.facts
    assert state.dates["sms_received"].startswith("2026-11-29")  # a new code, a new clock
    assert "rejection" not in state.facts


def test_an_sms_code_left_24_hours_returns_the_order(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    StateStore(draft).save(State(draft=draft.name, step="sms", dates={"sms_received": "2026-11-27T09:00"}))
    said, state = walk(draft, [("submitted the order", False)])
    assert any("went back to your provider account" in line for line in said)
    assert state.step == "submit" and "sms_received" not in state.dates


def test_a_provider_rejection_asks_the_reason(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    StateStore(draft).save(State(draft=draft.name, step="provider_review"))
    _, state = walk(draft, [("initial review", "rejected"), ("reason", "地址不详"),
                            ("Change an answer", "ok"), ("submitted the order", False)])
    assert state.step == "submit"


def test_deadlines_after_a_resubmission(tmp_path: Path) -> None:
    dates = {"order_updated": "2026-11-29T09:00", "sms_received": "2026-11-29T10:00"}
    found = {d.id: d for d in process.deadlines(dates, "sms")}
    assert found["sms_code"].due == dt.datetime(2026, 11, 30, 10, 0)
    assert "order_deleted" not in found  # with the 管局 from the SMS step on (walker41 item 4)
    found = {d.id: d for d in process.deadlines(dates, "provider_review")}
    assert found["order_deleted"].due == dt.datetime(2027, 1, 13, 9, 0)


# -- wizard entry points --------------------------------------------------------------------------

def test_edit_asks_one_answer_again(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    said: list[str] = []
    prompter = Walk([("principal/mobile", "13800138002"), ("Change an answer", "ok"), *MATERIALS,
                     ("face check", False)])
    wizard = Wizard(draft, prompter, Options(lang="en", today=TODAY), said.append,
                    edit=field_pointer("subject.principal.mobile"))
    with wizard.store.locked():
        assert wizard.run() == 0
    assert "13800138002" in draft.read_text(encoding="utf-8")
    assert draft.with_name("mine.yaml.bak").read_text(encoding="utf-8") == PERSONAL_TEXT


def test_a_unit_is_asked_every_website_question_and_a_person_no_credit_code(tmp_path: Path) -> None:
    draft = tmp_path / "new.yaml"
    assert CliRunner().invoke(app, ["init", "--nature", "personal", "-o", str(draft)]).exit_code == 0
    said: list[str] = []
    wizard = Wizard(draft, None, Options(lang="en", today=TODAY), said.append)
    wizard.load()
    choices = wizard.session.choices(question_at("/subject/certificate/type"),
                                     {"enum": ["business_license", "uscc_certificate", "resident_id", "passport"]})
    assert [c for c, _ in choices][:2] == ["resident_id", "passport"]
    unit = tmp_path / "unit.yaml"
    assert CliRunner().invoke(app, ["init", "-o", str(unit)]).exit_code == 0
    data = yaml.safe_load(unit.read_text(encoding="utf-8"))
    site = data["websites"][0]  # nothing the person must choose is pre-answered
    assert site["access"]["service"] == "" and site["content"] == "" and site["languages"] == []
    assert site["principal"] == ""


def test_init_offers_a_gitignore_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["init", "-o", str(tmp_path / "new.yaml")])
    assert "\n.icpfile/\n*.bak\n*.bak.*\n.*.tmp" in result.output  # one pattern a line, or git ignores nothing
    write(tmp_path / ".gitignore", ".icpfile/\n*.bak\n*.bak.*\n.*.tmp\n")
    result = CliRunner().invoke(app, ["init", "-o", str(tmp_path / "other.yaml")])
    assert ".gitignore" not in result.output


# -- icpfile status -------------------------------------------------------------------------------

def status(*args: str) -> Any:
    return CliRunner().invoke(app, ["status", *args, "--today", "2026-11-29", "--lang", "en"])


def test_status_of_a_missing_or_misspelt_draft_is_one_line(tmp_path: Path) -> None:
    write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    result = status(str(tmp_path / "mien.yaml"))
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1
    assert "did you mean" in result.output and "mine.yaml" in result.output


def test_status_text_shows_what_json_shows(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    StateStore(draft).save(State(draft=draft.name, step="authority_review",
                                 checklist={"subject_certificate/主体证件（营业执照或身份证）": True},
                                 dates={"order_updated": "2026-11-20T10:00", "authority_submitted": "2026-11-27"},
                                 facts={"approval_number": "浙ICP备2026000001号-1", "sms_resends": 1}))
    data = json.loads(status(str(draft), "-f", "json").stdout)
    text = status(str(draft)).stdout
    assert data["missing_materials"] and all(label in text for label in data["missing_materials"])
    assert data["approval_number"] in text
    assert data["authority_review_expected"]["from"] in text and data["authority_review_expected"]["to"] in text
    assert "SMS resent 1" in text


@pytest.mark.parametrize("date", ["2026-11-29T10:00+08:00", "soon"])
def test_status_with_a_bad_date_in_the_state_does_not_crash(tmp_path: Path, date: str) -> None:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    _state_file(tmp_path, json.dumps({"version": 2, "step": "sms", "dates": {"sms_received": date}}).encode())
    result = status(str(tmp_path / "d.yaml"))
    assert result.exit_code == 2  # d.yaml does not exist: one line
    path = state_path(draft)
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"version": 2, "step": "sms", "dates": {"sms_received": date}}), encoding="utf-8")
    result = status(str(draft))
    assert result.exit_code == 2 and "cannot be read" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


# -- footer snippet: no placeholder, no empty police number ---------------------------------------

def test_footer_snippet_for_jiangsu_needs_the_holder_and_police_needs_a_code() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["footer", "snippet", "--number", "苏ICP备2021012345号-2"])
    assert result.exit_code == 2 and "--holder" in result.output and "（单位名称）" not in result.output
    result = runner.invoke(app, ["footer", "snippet", "--number", "苏ICP备2021012345号-2",
                                 "--holder", "南京示例软件有限公司"])
    assert result.exit_code == 0 and "南京示例软件有限公司" in result.stdout
    for police in ("", "苏公网安备", "  "):
        result = runner.invoke(app, ["footer", "snippet", "--number", "浙ICP备12345678号-1", "--police", police])
        assert result.exit_code == 2 and "--police" in result.output
    ok = runner.invoke(app, ["footer", "snippet", "--number", "浙ICP备12345678号-1",
                             "--police", "浙公网安备33010602012345号"])
    assert ok.exit_code == 0 and "code=33010602012345" in ok.stdout


def test_an_empty_draft_file_is_started_and_backed_up(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", "")
    answers = write(tmp_path / "a.yaml", "filing: {type: first_filing}\n")
    result = wizard_cli(draft, answers)
    assert result.exit_code == 2 and "/subject" in result.output  # still missing: no terminal
    assert yaml.safe_load(draft.read_text(encoding="utf-8"))["filing"] == {"type": "first_filing"}
    assert draft.with_name("mine.yaml.bak").read_text(encoding="utf-8") == ""


def test_a_change_filing_asks_what_changes_and_a_cancel_access_has_no_sms(tmp_path: Path) -> None:
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    StateStore(draft).save(State(draft=draft.name, step="sms"))
    data = yaml.safe_load(PERSONAL_TEXT)
    data["filing"] = {"type": "change", "existing_number": "浙ICP备2026000001号"}
    said: list[str] = []
    wizard = Wizard(draft, Walk([("change concerns", "subject"), ("arrived", "no"), ("Pressed resend", False)]),
                    Options(lang="en", today=TODAY), said.append)
    wizard.data = data
    wizard.state.step = "sms"
    wizard.guide.step()
    assert wizard.state.facts["change_scope"] == "subject"
    assert any("subject principal 138****8001" in line for line in said)
    data["filing"] = {"type": "cancel_access", "existing_number": "浙ICP备2026000001号"}
    wizard.state.step = "sms"
    wizard.guide.step()
    assert wizard.state.step == "authority_review"  # 取消接入: no code to verify


FILED = ROOT / "examples" / "filed-site-with-police.yaml"


@pytest.mark.parametrize("step", ["draft", "approved"])
def test_the_police_deadline_shows_whenever_the_draft_knows_the_opening_day(tmp_path: Path, step: str) -> None:
    """Origin: W30-03: after Ctrl-C in the wizard `icpfile status` showed no police filing deadline,
    the draft's police.websites[].opened being set: the 30 days run from it whatever the progress."""
    text = FILED.read_text(encoding="utf-8")
    draft = write(tmp_path / "site.yaml", re.sub(r"\n      number: 浙公网安备[^\n]*", "", text))
    StateStore(draft).save(State(draft=draft.name, step=step))  # a run stopped before it saved the day
    data = json.loads(status(str(draft), "-f", "json").stdout)
    police = [d for d in data["deadlines"] if d["id"] == "police_filing"]
    assert [d["due"][:10] for d in police] == ["2026-12-25"]  # opened 2026-11-25, 30 days
    assert "2026-12-25" in status(str(draft)).stdout
    # Filed (the number is in the draft): no deadline runs.
    write(draft, text)
    StateStore(draft).save(State(draft=draft.name, step=step))
    assert not [d for d in json.loads(status(str(draft), "-f", "json").stdout)["deadlines"]
                if d["id"] == "police_filing"]


class Stopping(Walk):
    """Walk for the steps (Enter, or no, at the draft's optional questions), then Ctrl-C at the
    first question past the script."""

    def _next(self, message: str) -> Any:
        if re.search(r"\([a-z_]+(/[a-z_0-9]+)+\)$", message) or "Add another" in message:
            return None  # a draft question: Enter
        if not self.script:
            self.asked.append(message)
            raise KeyboardInterrupt
        return super()._next(message)

    def confirm(self, message, default=True, instruction=None):
        answer = self._next(message)
        return False if answer is None else answer


def test_ctrl_c_in_the_steps_keeps_the_opening_day_for_status(tmp_path: Path) -> None:
    """Origin: W30-03: the opening day was known, then Ctrl-C at the police questions lost it from
    the progress; and the W30 walk: "is the site open?" was asked of a draft that gives the day."""
    text = re.sub(r"\n      number: 浙公网安备[^\n]*", "", FILED.read_text(encoding="utf-8"))
    draft = write(tmp_path / "site.yaml", text)
    StateStore(draft).save(State(draft=draft.name, step="approved"))
    prompter = Stopping([])  # Ctrl-C at the first question of the steps
    wizard = Wizard(draft, prompter, Options(lang="en", today=TODAY), lambda _: None)
    with wizard.store.locked(), pytest.raises(KeyboardInterrupt):
        wizard.run()
    assert not [q for q in prompter.asked if "open to the public" in q]  # the draft says it
    assert StateStore(draft).load().dates["site_opened"] == "2026-11-25"  # saved at Ctrl-C
    police = [d for d in json.loads(status(str(draft), "-f", "json").stdout)["deadlines"]
              if d["id"] == "police_filing"]
    assert [d["due"][:10] for d in police] == ["2026-12-25"]


def test_the_numbers_a_prompt_quotes_are_of_the_drafts_province() -> None:
    """Origin: W30 walk: a 上海 draft's prompts quoted 浙ICP备 and 浙公网安备 numbers."""
    from icpfile.filing.approval import number_examples

    shanghai = {"subject": {"province": "上海市", "city": "上海市", "district": "徐汇区"}}
    assert number_examples(shanghai) == {"icp": "沪ICP备12345678号", "police": "沪公网安备31010402012345号"}
    assert number_examples({})["icp"] == "浙ICP备12345678号"  # no province yet: the guide's example
    said = messages.say("police_number", "zh", police=number_examples(shanghai)["police"])
    assert "沪公网安备310104" in said and "浙" not in said


def test_a_persons_checklist_names_their_id_card_once() -> None:
    """Origin: W30 walk: a person's checklist asked for the subject's certificate and the
    principal's ID, one and the same ID card; a unit's certificate and its principal's ID differ."""
    from icpfile.filing.steps import materials
    from icpfile.schema import typed

    person = typed.apply(yaml.safe_load(PERSONAL_TEXT))
    kinds = [key.split("/")[0] for key, _ in materials(person, "en")]
    assert kinds.count("subject_certificate") == 1 and "principal_id" not in kinds
    unit = typed.apply(yaml.safe_load((ROOT / "examples" / "enterprise-first-filing.yaml").read_text(encoding="utf-8")))
    assert {"subject_certificate", "principal_id"} <= {key.split("/")[0] for key, _ in materials(unit, "en")}


class HangUp(Walk):
    """Walk, then the terminal goes away (a closed window: an error, not Ctrl-C) past the script."""

    def _next(self, message: str) -> Any:
        if not self.script:
            raise EOFError
        return super()._next(message)


def test_the_sms_deadline_runs_from_when_the_code_arrived_whatever_ends_the_run(tmp_path: Path) -> None:
    """Origin: walker21 item 1: the 24 hours were counted from each run's "now" (截止 17:57, then
    17:58) when the run ended before the step did; status listed no SMS deadline."""
    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    StateStore(draft).save(State(draft=draft.name, step="sms"))
    said: list[str] = []
    wizard = Wizard(draft, HangUp([("arrived", "yes")]), Options(lang="en", today=TODAY), said.append)
    with wizard.store.locked(), pytest.raises(EOFError):
        wizard.run()
    received = StateStore(draft).load().dates["sms_received"]  # saved when the code arrived
    due = (dt.datetime.fromisoformat(received) + dt.timedelta(hours=24)).isoformat(sep=" ", timespec="minutes")
    assert any(due in line for line in said), said
    said, state = walk(draft, [("Verified every code", False)])  # not asked again whether it arrived
    assert state.dates["sms_received"] == received and any(due in line for line in said), said
    shown = status(str(draft)).stdout
    assert re.search(r"the SMS code expires: \S+ \([\d.]+ hours? left\)", shown), shown


def test_after_approval_status_drops_the_resends_and_a_resume_prints_no_empty_headers(tmp_path: Path) -> None:
    """Origin: walker21 item 6: `status` printed 'SMS resent 2 times' after approval, and every
    resume printed the section headers with no question under them."""
    text = re.sub(r"\n      number: 浙公网安备[^\n]*", "", FILED.read_text(encoding="utf-8"))
    draft = write(tmp_path / "site.yaml", text)
    StateStore(draft).save(State(draft=draft.name, step="approved", facts={"sms_resends": 2},
                                 skipped=["/subject/remarks", "/websites/0/remarks", "/websites/0/commercial"]))
    assert "SMS resent" not in status(str(draft)).stdout
    StateStore(draft).save(State(draft=draft.name, step="sms", facts={"sms_resends": 2}))
    assert "SMS resent 2 time(s)" in status(str(draft)).stdout
    StateStore(draft).save(State(draft=draft.name, step="approved",
                                 skipped=["/subject/remarks", "/websites/0/remarks", "/websites/0/commercial"]))
    prompter = Stopping([])
    said: list[str] = []
    wizard = Wizard(draft, prompter, Options(lang="en", today=TODAY), said.append)
    with wizard.store.locked(), pytest.raises(KeyboardInterrupt):
        wizard.run()
    assert not [line for line in said if line.startswith("==")], said


def test_a_units_principal_who_is_its_legal_representative_needs_no_letter_of_authorisation() -> None:
    """Origin: walker21 item 6: the checklist asked for the principal's letter of authorisation
    (if not the legal representative) though `investor`, the legal representative, is the principal."""
    from icpfile.filing.steps import materials

    data = yaml.safe_load(FILED.read_text(encoding="utf-8"))
    data["subject"]["province"] = "山西省"  # whose list names the letter (provinces.yaml, JD)

    def letter(d: dict) -> bool:
        return any("letter of authorisation" in label for _, label in materials(d, "en"))

    assert data["subject"]["investor"] == data["subject"]["principal"]["name"] and not letter(data)
    data["subject"]["investor"] = "王五"  # another legal representative: the letter is asked
    assert letter(data)
    data["subject"]["investor"] = data["subject"]["principal"]["name"]
    data["subject"]["legal_representative"] = {"name": "王五", "id_number": "330106198001010016"}
    assert letter(data)
