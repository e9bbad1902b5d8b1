"""Adding a website or an app to a draft that already names websites (#22): `wizard --add app` and
the review's "+ add one", the app's questions in the portal's order, each answer checked as given,
the item written into the draft in place (every byte and comment before it kept)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_wizard_apps import APP, BASES, clean
from test_wizard_flow import Walk
from test_wizard_io import CLEAR, ENTER, drive, finish, ready, spawn

from icpfile.filing.state import StateStore
from icpfile.filing.wizard import Wizard, added_list
from icpfile.options import Options

from conftest import ROOT, TODAY

# A unit's complete first filing of one website, its provider named, its comments the user's.
SITES = (ROOT / "examples" / "enterprise-first-filing.yaml").read_text(encoding="utf-8").replace(
    "  type: first_filing ", "  provider: aliyun\n  type: first_filing ", 1)
MINI = BASES["mini_program"]["apps"][0]
# The draft leaves out the two optional remarks: asked once (Enter leaves them out), before the new item.
REMARKS = [("(subject/remarks)", ""), ("(websites/0/remarks)", ""), ("Add another (Websites)", False)]


def _site_draft(tmp_path: Path) -> Path:
    draft = tmp_path / "acme.yaml"
    draft.write_text(SITES, encoding="utf-8")
    return draft


class Choices(Walk):
    """A Walk that keeps every select's choice codes, by the select's message."""

    def __init__(self, script: list[tuple[str, Any]]) -> None:
        super().__init__(script)
        self.offered: dict[str, list[str]] = {}

    def select(self, message, choices, default=None, instruction=None):
        self.offered[message] = [code for code, _ in choices]
        return super().select(message, choices, default, instruction)


def _run(draft: Path, script: list[tuple[str, Any]], add: str | None, lang: str = "en") -> tuple[Choices, list[str]]:
    said: list[str] = []
    prompter = Choices(script)
    wizard = Wizard(draft, prompter, Options(lang=lang, today=TODAY), said.append, add=add)
    with wizard.store.locked():
        assert wizard.run() == 0, said
    left = [piece for piece, _ in prompter.script]
    assert set(left) <= {"Ready:"}, left  # only the materials checklist, which the test leaves unanswered
    return prompter, said


def test_an_app_is_added_to_a_draft_of_websites_in_place(tmp_path: Path) -> None:
    draft = _site_draft(tmp_path)
    _, said = _run(draft, [*REMARKS, *APP, ("Change an answer", "ok"), *[("Ready:", False)] * 12], "/apps")
    text = draft.read_text(encoding="utf-8")
    # every byte the user wrote, comments included, is kept: the app follows as a new top-level list
    assert text.startswith(SITES) and text[len(SITES):].startswith("apps:\n  - kind: app\n")
    data = yaml.safe_load(text)
    assert [site["domain"] for site in data["websites"]] == ["example.com"]
    expected = {**BASES["app_only"]["apps"][0], "principal": "same_as_subject"}
    assert data["apps"] == [expected]
    assert clean(draft) == []
    assert "== Apps, mini-programs and quick apps ==" in said
    assert StateStore(draft).load().step == "materials"


def test_the_review_offers_to_add_a_website_or_an_app_and_a_mini_program_is_added(tmp_path: Path) -> None:
    draft = _site_draft(tmp_path)
    remarks = MINI["remarks"]
    prompter, _ = _run(draft, [
        ("(subject/remarks)", ""),
        ("(websites/0/remarks)", "官网介绍公司的产品与联系方式。"),  # asked: a review follows
        ("Add another (Websites)", False),
        ("Change an answer", "add:/apps"),
        ("(apps/0/kind)", "mini_program"), ("(apps/0/name)", MINI["name"]), ("(apps/0/host)", "wechat"),
        ("(apps/0/app_id)", MINI["app_id"]), ("(apps/0/service_content)", "教育-在线学习"),
        ("Add any Pre-approvals", False), ("Is the principal of the internet information service of app 1", True),
        ("(apps/0/remarks)", remarks), ("Add another (Apps", False),
        ("Change an answer", "ok"), *[("Ready:", False)] * 12,
    ], None)
    review = next(codes for message, codes in prompter.offered.items() if "Change an answer" in message)
    assert review[:3] == ["ok", "add:/websites", "add:/apps"]
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["apps"] == [{**MINI, "principal": "same_as_subject"}]
    assert "# 网站名称：三个以上汉字" in draft.read_text(encoding="utf-8")
    assert clean(draft) == []


def test_an_app_rule_refuses_the_answer_before_it_is_written(tmp_path: Path) -> None:
    """A WeChat mini-program's remark under 20 characters is refused at the prompt (ICP559), as a
    website's answers are; nothing refused reaches the file."""
    draft = _site_draft(tmp_path)
    wizard = Wizard(draft, None, Options(lang="en", today=TODAY), print, add="/apps")
    wizard.load()
    wizard.data["apps"] = [{"kind": "mini_program", "host": "wechat"}]
    assert "ICP559" in (wizard.document.problem("/apps/0/remarks", "读书笔记") or "")
    assert draft.read_text(encoding="utf-8") == SITES


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_add_is_refused_in_one_line_for_another_word(lang: str) -> None:
    with pytest.raises(ValueError, match="website") as refused:
        added_list("wesbite", lang)
    assert "\n" not in str(refused.value)
    assert added_list("App", lang) == "/apps" and added_list("website", lang) == "/websites"


def _at_step(draft: Path, step: str) -> None:
    store = StateStore(draft)
    state = store.load()
    state.step = step
    state.checklist["kept"] = True
    store.save(state)


@pytest.mark.parametrize(("step", "lang", "words", "label"), [
    ("provider_review", "zh", "这份订单已提交", "接入商初审"),
    ("sms", "en", "this order is submitted", "SMS verification"),
    ("authority_review", "en", "once it is approved, write the new one into the draft", "review"),
    ("approved", "zh", "新增网站", "备案通过后"),
    ("done", "en", "a new website filing (新增网站, new_website)", "all done"),
])
def test_add_after_submission_is_refused_with_the_way_to_file_it_by_the_steps_label(
        tmp_path: Path, step: str, lang: str, words: str, label: str) -> None:
    """walker41 item 1: once submitted the order takes no more items; the line says what to do
    (a new website filing after approval) and names the step by its label, never its code."""
    draft = _site_draft(tmp_path)
    _at_step(draft, step)
    for prompter in (Walk([]), None):  # said before the terminal is asked for
        wizard = Wizard(draft, prompter, Options(lang=lang, today=TODAY), print, add="/apps")
        with wizard.store.locked(), pytest.raises(ValueError, match="new_website") as late:
            wizard.run()
        line = str(late.value)
        assert words in line and label in line and "\n" not in line
        assert f"“{step}”" not in line and f"step {step}" not in line
    assert draft.read_text(encoding="utf-8") == SITES  # nothing written


@pytest.mark.parametrize("step", ["materials", "verification", "submit"])
def test_add_before_submission_adds_the_app_and_walks_the_order_again_from_its_review(
        tmp_path: Path, step: str) -> None:
    """walker41 item 1: the summary moves the order to `materials`; nothing is submitted until
    "submit"'s yes, so `--add app` still works there: the app is asked, the order is reviewed again,
    and the materials ticked so far stay ticked."""
    draft = _site_draft(tmp_path)
    _at_step(draft, step)
    _run(draft, [*REMARKS, *APP, ("Change an answer", "ok"), *[("Ready:", False)] * 12], "/apps")
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["apps"] == [{**BASES["app_only"]["apps"][0], "principal": "same_as_subject"}]
    state = StateStore(draft).load()
    assert state.step == "materials" and state.checklist.get("kept") is True


@pytest.mark.parametrize(("lang", "words"), [("en", "icpfile: --add appz: it takes website or app"),
                                             ("zh", "icpfile: --add appz：只能是 website")])
def test_a_bad_add_value_is_refused_first_without_a_terminal_or_a_draft(tmp_path: Path, lang: str,
                                                                         words: str) -> None:
    """walker41 item 12: `--add apps` (a typo) is said as such before the terminal's or the step's line."""
    from conftest import invoke

    draft = _site_draft(tmp_path)
    _at_step(draft, "sms")
    for target in (draft, tmp_path / "missing.yaml"):
        result = invoke("wizard", str(target), "--add", "appz", "--lang", lang)
        assert result.exit_code == 2
        assert result.output.startswith(words) and result.output.count("\n") == 1, result.output


def test_a_kind_that_files_no_apps_is_offered_none(tmp_path: Path) -> None:
    """data/kinds.yaml: a kind whose `files` is empty (a cancellation) is offered no list to add to."""
    from icpfile.data import kinds

    code = next(k.code for k in kinds.table().kinds if not k.files)
    draft = _site_draft(tmp_path)
    draft.write_text(SITES.replace("type: first_filing", f"type: {code}", 1), encoding="utf-8")
    wizard = Wizard(draft, Walk([]), Options(lang="en", today=TODAY), print, add="/apps")
    wizard.load()
    assert wizard.session.addable() == []
    with pytest.raises(ValueError, match="files no"):
        wizard.session.adding("/apps")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_wizard_add_app_in_a_real_terminal_adds_a_mini_program_to_a_draft_of_websites(tmp_path: Path) -> None:
    draft = _site_draft(tmp_path)
    child = spawn(tmp_path, ["wizard", "acme.yaml", "--add", "app", "--lang", "en", "--today", "2026-11-29"], 100)
    drive(child, [
        ("(subject/remarks)", ENTER), ("(websites/0/remarks)", ENTER),
        ("Add another (Websites)", "n" + ENTER),
        ("(apps/0/kind)", "\x1b[B" + ENTER),  # mini_program, the second
        ("(apps/0/name)", MINI["name"] + ENTER),
        ("(apps/0/host)", ENTER),  # wechat, the first
        ("(apps/0/app_id)", MINI["app_id"] + ENTER),
        ("(apps/0/service_content)", "教育-在线学习" + ENTER),
        ("Add any Pre-approvals", "n" + ENTER),
        ("Is the principal of the internet information service of app 1", "y" + ENTER),
        ("(apps/0/remarks)", "读书笔记" + ENTER),  # too short for WeChat: refused at the answer
        ("ICP559", CLEAR + MINI["remarks"] + ENTER),
        ("Add another (Apps", "n" + ENTER),
        ("Change an answer", ENTER),
    ])
    drive(child, ready(draft, "n"))
    output = finish(child)
    assert child.exitstatus == 0, output
    text = draft.read_text(encoding="utf-8")
    assert text.startswith(SITES)
    assert yaml.safe_load(text)["apps"] == [{**MINI, "principal": "same_as_subject"}]
    assert (tmp_path / "acme.yaml.bak").read_text(encoding="utf-8") == SITES  # the backup is the user's file


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
@pytest.mark.parametrize(("lang", "shown"), [("en", "Government body (government)"), ("zh", "政府机关（government）")])
def test_the_nature_prompt_shows_its_choices_before_anything_is_typed(tmp_path: Path, lang: str, shown: str) -> None:
    """#22 P25: the nature prompt (18 choices, a typed list) showed none until Tab; now its list is
    open from the start, in the run's language. Nothing is typed before the choice is seen."""
    pexpect = pytest.importorskip("pexpect")
    child = spawn(tmp_path, ["wizard", "mine.yaml", "--lang", lang], 120)
    drive(child, [("Start a new draft there?" if lang == "en" else "新建", "y" + ENTER),
                  ("(filing/type)", ENTER)])
    child.expect_exact("(subject/nature)")
    child.expect_exact(shown, timeout=20)  # a choice neither the label nor the help names
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130



@pytest.mark.parametrize(("lang", "provider", "named"), [
    ("en", "aliyun", "its template is in Alibaba Cloud's filing system"),
    ("zh", "tencent", "这份表格的模板在腾讯云的备案系统里"),
])
def test_a_commitment_letter_not_ready_says_where_its_template_is(tmp_path: Path, lang: str, provider: str,
                                                                   named: str) -> None:
    """#22 P25: national.yaml `material_obtain` says a 承诺书 is a form of the provider's filing
    system: said under its "not ready", naming the draft's provider; the certificate (no entry) is
    told nothing, and a letter that is ready is not told either."""
    from test_wizard_flow import PERSONAL_TEXT, write

    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT.replace("provider: aliyun", f"provider: {provider}"))
    ready_word = "已准备好" if lang == "zh" else "Ready:"
    said: list[str] = []
    prompter = Walk([(ready_word, False), (ready_word, False)])  # the certificate, then the letter
    wizard = Wizard(draft, prompter, Options(lang=lang, today=TODAY), said.append)
    with wizard.store.locked():
        assert wizard.run() == 0, said
    assert len([line for line in said if named in line]) == 1, said  # once: the letter's, not the certificate's
    assert "承诺书" in prompter.asked[-1] or "commitment" in prompter.asked[-1]
    said.clear()
    face = "人脸" if lang == "zh" else "face check"
    wizard = Wizard(draft, Walk([(ready_word, True), (ready_word, True), (face, False)]),
                    Options(lang=lang, today=TODAY), said.append)
    with wizard.store.locked():
        wizard.run()
    assert not [line for line in said if named in line]


def test_without_a_named_provider_the_hint_says_your_provider_and_other_kinds_say_nothing() -> None:
    from icpfile.filing.steps import obtain_hint

    assert "your provider's filing system" in obtain_hint({"filing": {}}, "commitment_letter", "en")
    assert "你的接入商的备案系统" in obtain_hint({}, "commitment_letter", "zh")
    assert obtain_hint({"filing": {"provider": "aliyun"}}, "subject_certificate", "en") == ""


def test_a_complete_draft_that_asks_nothing_says_how_to_add_a_website_or_an_app(tmp_path: Path) -> None:
    from test_wizard_flow import PERSONAL_TEXT, write

    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    said: list[str] = []
    wizard = Wizard(draft, Walk([("Ready:", False), ("Ready:", False)]), Options(lang="en", today=TODAY), said.append)
    with wizard.store.locked():
        assert wizard.run() == 0
    assert f"To add one more website or app: icpfile wizard {draft} --add website (or --add app)" in "\n".join(said)
    said.clear()
    wizard = Wizard(draft, Walk([("Ready:", False), ("Ready:", False)]), Options(lang="en", today=TODAY), said.append)
    with wizard.store.locked():
        wizard.run()  # at materials now: an order past its draft is not told to add to it
    assert not [line for line in said if "--add" in line]


@pytest.mark.parametrize(("lang", "words"), [("en", "--add asks its questions on a terminal"),
                                             ("zh", "--add 要在终端里逐项提问")])
def test_add_without_a_terminal_is_named_in_the_runs_language(tmp_path: Path, lang: str, words: str) -> None:
    from icpfile.filing.wizard import NeedsTerminal

    draft = _site_draft(tmp_path)
    wizard = Wizard(draft, None, Options(lang=lang, today=TODAY), print, add="/apps")
    with wizard.store.locked(), pytest.raises(NeedsTerminal, match=words):
        wizard.run()
    assert draft.read_text(encoding="utf-8") == SITES


@pytest.mark.parametrize(("submitted", "window", "uncounted"), [
    # past the table: weekends and 元旦 (fixed by 全国年节及纪念日放假办法) only, and said (walker41 item 3)
    ("2026-12-24", "2026-12-25 to 2027-01-22", True),
    # 国庆节 1–7 October skipped and Saturday 10 October worked: weekdays alone would end on 27 October
    ("2026-09-29", "2026-09-30 to 2026-11-02", False),
])
def test_the_authority_step_counts_the_holidays_and_says_when_it_cannot(tmp_path: Path, submitted: str,
                                                                        window: str, uncounted: bool) -> None:
    from test_wizard_flow import PERSONAL_TEXT, write

    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    store = StateStore(draft)
    state = store.load()
    state.step, state.dates = "authority_review", {"authority_submitted": submitted}
    store.save(state)
    said: list[str] = []
    wizard = Wizard(draft, Walk([("decision", "waiting")]), Options(lang="en", today=TODAY), said.append)
    with wizard.store.locked():
        assert wizard.run() == 0, said
    assert f"the authority's review takes about 1–20 working days: {window}" in said
    assert any("moving holidays" in line and "2027" in line for line in said) == uncounted
    past = dt.date.fromisoformat(window[-10:]) < TODAY  # the window alone, after it ended, said nothing
    assert any("ask your provider" in line for line in said) == past


def test_the_authority_step_says_when_the_expected_review_is_past(tmp_path: Path) -> None:
    """Origin: walker41 item 4: the window was shown unchanged after it had passed."""
    from test_wizard_flow import PERSONAL_TEXT, write

    draft = write(tmp_path / "mine.yaml", PERSONAL_TEXT)
    store = StateStore(draft)
    state = store.load()
    state.step, state.dates = "authority_review", {"authority_submitted": "2026-09-01"}
    store.save(state)
    said: list[str] = []
    wizard = Wizard(draft, Walk([("decision", "waiting")]), Options(lang="en", today=TODAY), said.append)
    with wizard.store.locked():
        assert wizard.run() == 0, said
    assert any("ask your provider" in line and "beian.miit.gov.cn" in line for line in said), said
