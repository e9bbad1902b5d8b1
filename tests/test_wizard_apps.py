"""The wizard files apps (issue 14): "websites, apps or both?", the app questions in the portal's
order per kind, the checklist an app needs, and where an approved app shows its number."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_wizard_flow import Walk, walk
from test_wizard_io import (
    CLEAR,
    DOWN,
    ENTER,
    PERSON_DRAFT,
    TWO_SITES,
    UNIT_SUBJECT,
    check_json,
    drive,
    finish,
    ready,
    spawn,
)

from icpfile import engine
from icpfile.filing.state import State, StateStore
from icpfile.filing.steps import materials
from icpfile.filing.wizard import NeedsTerminal, Wizard
from icpfile.options import Options

from conftest import ROOT, TODAY

BASES = yaml.safe_load((ROOT / "icpfile" / "data" / "example_bases.yaml").read_text(encoding="utf-8"))
KEYS = {p["os"]: p for p in BASES["app_only"]["apps"][0]["platforms"]}  # made-up test keys


def subject_only(base: str, tmp_path: Path) -> Path:
    data = copy.deepcopy(BASES[base])
    del data["apps"]
    draft = tmp_path / "mine.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return draft


def clean(draft: Path) -> list[str]:
    found = engine.check_path(draft, str(draft), Options(today=TODAY)).report.findings
    return [f"{f.rule} {f.pointer} {f.message}" for f in found if f.severity.value in ("error", "warning")]


def platform(i: int, os: str) -> list[tuple[str, Any]]:
    return [(f"(apps/0/platforms/{i}/os)", os), (f"(apps/0/platforms/{i}/package)", KEYS[os]["package"]),
            (f"(apps/0/platforms/{i}/public_key)", KEYS[os]["public_key"]),
            (f"(apps/0/platforms/{i}/signature)", KEYS[os]["signature"])]


APP = [
    ("(apps/0/kind)", "app"),
    ("(apps/0/name)", "云栖记账本"),
    *platform(0, "android"), ("Add another (Platforms)", True),
    *platform(1, "ios"), ("Add another (Platforms)", False),
    ("(apps/0/domains)", "api.example.com"),
    ("(apps/0/access/service)", "ecs"),
    ("(apps/0/access/ip)", "47.96.10.20"),
    ("(apps/0/icon)", ""),  # optional: the checklist asks for it instead
    ("Add any Third-party SDKs (apps/0/sdk)", True),
    ("(apps/0/sdk/0/vendor)", "深圳市腾讯计算机系统有限公司"), ("(apps/0/sdk/0/kind)", "登录类"),
    ("(apps/0/sdk/0/name)", ""), ("Add another (Third-party SDKs)", False),
    ("(apps/0/service_content)", "生活服务-记账"),
    ("Add any Pre-approvals (apps/0/pre_approvals)", False),  # 以上都不涉及
    ("(apps/0/commercial)", False),
    ("Is the principal of the internet information service of app 1", True),
    ("(apps/0/remarks)", "个人与家庭记账，数据仅本人可见。"),
    ("Add another (Apps", False),
]


def test_an_app_only_filing_asks_the_app_questions_in_the_portals_order(tmp_path: Path) -> None:
    draft = subject_only("app_only", tmp_path)
    needs = [label for _, label in materials(BASES["app_only"], "en")]
    assert "screenshots of the app running (3 to 5)" in needs and any(n.startswith("the app's icon") for n in needs)
    walk(draft, [("What are you filing", "/apps"), ("(filing/provider)", "aliyun"), ("(subject/remarks)", ""), *APP,
                                  ("Change an answer", "ok"),
                                  *[(f"Ready: {label}?", not label.startswith("the app's icon")) for label in needs]])
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert "websites" not in data
    app = data["apps"][0]
    assert "commercial" not in app  # "no" on an absent yes/no keeps it absent, the format's "no" (#21 B11)
    assert app == BASES["app_only"]["apps"][0]  # every key the portal has for an app, as given
    assert clean(draft) == []
    state = StateStore(draft).load()
    assert state.step == "materials" and "files" not in state.facts  # the draft says it
    assert [k for k, v in state.checklist.items() if not v] == [
        "app_icon/APP图标（PNG 或 JPEG，≤100 KB，写在 apps 的 icon 中）"]


def test_a_persons_wechat_mini_program_asks_only_a_mini_programs_keys(tmp_path: Path) -> None:
    draft = subject_only("mini_program", tmp_path)
    remarks = BASES["mini_program"]["apps"][0]["remarks"]
    needs = [label for _, label in materials(BASES["mini_program"], "en")]
    assert not any("app" in label for label in needs)  # the platform holds a mini-program's files
    walk(draft, [
        ("What are you filing", "/apps"),
        ("(filing/provider)", "aliyun"),  # whose filing system: the draft names none
        ("(apps/0/kind)", "mini_program"),
        ("(apps/0/name)", "静夜读书笔记"),
        ("(apps/0/host)", "wechat"),
        ("(apps/0/app_id)", "wx1a2b3c4d5e6f7a8b"),
        ("(apps/0/service_content)", "教育-在线学习"),
        ("Add any Pre-approvals", False),  # stated: [] = 以上都不涉及
        ("(apps/0/remarks)", remarks),  # 20 to 200 characters: asked, not optional
        ("Add another (Apps", False),
        ("Change an answer", "ok"),
        *[(f"Ready: {label}?", False) for label in needs],
    ])
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["apps"] == BASES["mini_program"]["apps"]  # the principal is the person: filled in
    assert clean(draft) == []


def test_a_short_mini_program_remark_is_refused_before_it_is_written(tmp_path: Path) -> None:
    draft = subject_only("mini_program", tmp_path)
    wizard = Wizard(draft, None, Options(lang="en", today=TODAY), print)
    wizard.load()
    wizard.data["apps"] = [{"kind": "mini_program", "host": "wechat"}]  # WeChat states the 20 characters
    assert "ICP559" in (wizard.document.problem("/apps/0/remarks", "读书笔记") or "")


def test_the_question_is_not_asked_when_the_draft_says_and_both_starts_both_lists(tmp_path: Path) -> None:
    """Origin: walker21 item 5: init's skeleton (`websites:`) was asked again what it files, and
    `--answers` with the subject only said "the draft does not say what it files"."""
    draft = tmp_path / "new.yaml"
    from typer.testing import CliRunner

    from icpfile.cli import app

    assert CliRunner().invoke(app, ["init", "-o", str(draft)]).exit_code == 0
    spec = ["/websites", "/apps"]
    wizard = Wizard(draft, Walk([]), Options(lang="en", today=TODAY), print)
    wizard.load()
    assert wizard.session.files_known(spec)  # init was told: websites (its default)
    wizard.session.ask_lists(spec)  # nothing asked
    wizard = Wizard(draft, None, Options(lang="en", today=TODAY), print,
                    answers={"/subject/name": "李四"})
    with wizard.store.locked(), pytest.raises(NeedsTerminal) as missing:
        wizard.run()
    assert "what it files" not in str(missing.value) and "/websites/0/" in str(missing.value)
    # A draft with neither list is asked; "all" starts both.
    bare = tmp_path / "bare.yaml"
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    data.pop("websites")
    bare.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    wizard = Wizard(bare, Walk([("What are you filing", "all")]), Options(lang="en", today=TODAY), print)
    wizard.load()
    assert not wizard.session.files_known(spec)
    wizard.session.ask_lists(spec)
    assert yaml.safe_load(bare.read_text(encoding="utf-8"))["apps"] == []
    assert wizard.session.files_known(spec)


def test_the_approved_step_says_where_an_app_shows_its_number_and_the_police_filing(tmp_path: Path) -> None:
    draft = tmp_path / "mine.yaml"
    draft.write_text(yaml.safe_dump(BASES["app_only"], allow_unicode=True), encoding="utf-8")
    StateStore(draft).save(State(draft=draft.name, step="authority_review",
                                 dates={"authority_submitted": "2026-11-20"}))
    # The optional keys left out are offered once (then remembered as skipped); then the step.
    said, _ = walk(draft, [("(subject/remarks)", ""), ("(apps/0/icon)", ""), ("(apps/0/sdk/0/name)", ""),
                           ("Add another (Third-party SDKs)", False), ("(apps/0/commercial)", False),
                           ("Add another (Apps", False), ("decision", "approved"), ("Approval date", None),
                           ("filing number", "浙ICP备2026000001号-1A"),  # an app's number is taken
                           ("open to the public", False)])
    text = "\n".join(said)
    assert "about page or settings screen" in text and "https://beian.miit.gov.cn/ below it" in text
    assert "ends in A" in text and "applies to apps too" in text
    assert StateStore(draft).load().facts["approval_number"] == "浙ICP备2026000001号-1A"


# -- through a real pseudo-terminal, from `icpfile init` to the written draft -------------------

def _init(draft: Path, *args: str) -> None:
    init = subprocess.run([sys.executable, "-m", "icpfile", "init", *args, "-o", str(draft)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert init.returncode == 0, init.stderr


def _check_clean(draft: Path) -> None:
    found = check_json(draft)
    assert [f["rule"] for f in found if f["severity"] in ("error", "warning")] == []


def tty_platform(i: int, os_keys: str, os_name: str) -> list[tuple[str, str]]:
    return [(f"(apps/0/platforms/{i}/os)", os_keys),
            (f"(apps/0/platforms/{i}/package)", KEYS[os_name]["package"] + ENTER),
            (f"(apps/0/platforms/{i}/public_key)", KEYS[os_name]["public_key"] + ENTER),
            (f"(apps/0/platforms/{i}/signature)", KEYS[os_name]["signature"] + ENTER)]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_a_unit_files_two_websites_and_an_android_and_ios_app_in_a_terminal(tmp_path: Path) -> None:
    draft = tmp_path / "acme.yaml"
    _init(draft)  # websites: init's default, so what the order files is not asked (walker21 item 5) …
    with draft.open("a", encoding="utf-8") as out:
        out.write("apps: []\n")  # … and apps started, as choosing "both" there did
    child = spawn(tmp_path, ["wizard", "acme.yaml", "--lang", "en", "--today", "2026-11-29"], 100)
    drive(child, [
        *UNIT_SUBJECT,
        *TWO_SITES,
        ("(apps/0/kind)", ENTER),  # app, the first
        ("(apps/0/name)", "云栖记账本" + ENTER),
        *tty_platform(0, ENTER, "android"),
        ("Add another (Platforms)", "y" + ENTER),
        *tty_platform(1, DOWN + ENTER, "ios"),
        ("Add another (Platforms)", "n" + ENTER),
        ("(apps/0/domains)", "api.example.com" + ENTER),
        ("(apps/0/access/service)", ENTER),  # ecs
        ("(apps/0/access/ip)", "47.96.10.20" + ENTER),
        ("(apps/0/icon)", ENTER),  # later: the checklist asks for it
        ("Add any Third-party SDKs", "y" + ENTER),
        ("(apps/0/sdk/0/vendor)", "深圳市腾讯计算机系统有限公司" + ENTER),
        ("(apps/0/sdk/0/kind)", "登录类" + ENTER),
        ("(apps/0/sdk/0/name)", ENTER),
        ("Add another (Third-party SDKs)", "n" + ENTER),
        ("(apps/0/service_content)", "生活服务-记账" + ENTER),
        ("Add any Pre-approvals", "n" + ENTER),
        ("(apps/0/commercial)", "n" + ENTER),
        ("Is the principal of the internet information service of app 1", "y" + ENTER),
        ("(apps/0/remarks)", "个人与家庭记账，数据仅本人可见。" + ENTER),
        ("Add another (Apps", "n" + ENTER),
        ("Change an answer", ENTER),
    ])
    checklist = ready(draft, "n")  # the draft is written: the checklist begins
    assert "Ready: screenshots of the app running (3 to 5)?" in [label for label, _ in checklist]
    drive(child, checklist)
    output = finish(child)
    assert child.exitstatus == 0, output
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert [s["domain"] for s in data["websites"]] == ["example.com", "example.net"]
    app = data["apps"][0]
    assert [(p["os"], p["signature"]) for p in app["platforms"]] == [
        ("android", KEYS["android"]["signature"]), ("ios", KEYS["ios"]["signature"])]
    assert app["pre_approvals"] == [] and app["principal"] == "same_as_subject" and "commercial" not in app
    assert "# 网站名称" in draft.read_text(encoding="utf-8")  # init's notes kept
    _check_clean(draft)


PERSON_FIELD = {expected: i for i, (expected, _) in enumerate(PERSON_DRAFT)}


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_a_persons_wechat_mini_program_in_a_terminal(tmp_path: Path) -> None:
    draft = tmp_path / "mini.yaml"
    _init(draft, "--nature", "personal")
    text = draft.read_text(encoding="utf-8")  # apps only, as choosing "apps" did: init's websites dropped
    start = text.index("\nwebsites:")
    end = next((m.start() for m in re.finditer(r"\n[a-z]", text) if m.start() > start), len(text))
    draft.write_text(text[:start] + text[end:].rstrip("\n") + "\napps: []\n", encoding="utf-8")
    child = spawn(tmp_path, ["wizard", "mini.yaml", "--lang", "en", "--today", "2026-11-29"], 80)
    mini = BASES["mini_program"]["apps"][0]
    drive(child, [
        *PERSON_DRAFT[:PERSON_FIELD["(subject/remarks)"]],  # the person's subject, as for a website
        ("(subject/remarks)", "个人小程序，用于记录读书笔记。" + ENTER),
        PERSON_DRAFT[PERSON_FIELD["(subject/principal/id_expiry)"]],
        ("(subject/principal/mobile)", "13800138001" + ENTER),
        ("(subject/principal/emergency_mobile)", "13900139001" + ENTER),
        ("(subject/principal/email)", "lisi@example.com" + ENTER),
        ("(apps/0/kind)", DOWN + ENTER),  # mini_program
        ("(apps/0/name)", mini["name"] + ENTER),
        ("(apps/0/host)", ENTER),  # wechat, the first
        ("(apps/0/app_id)", mini["app_id"] + ENTER),
        ("(apps/0/service_content)", "教育-在线学习" + ENTER),
        ("Add any Pre-approvals", "n" + ENTER),  # [] = 以上都不涉及
        ("(apps/0/remarks)", "读书笔记" + ENTER),  # too short: refused, asked again
        ("ICP559", CLEAR + mini["remarks"] + ENTER),
        ("Add another (Apps", "n" + ENTER),
        ("Change an answer", ENTER),
    ])
    drive(child, ready(draft, "n"))  # the draft is written: the checklist begins
    output = finish(child)
    assert child.exitstatus == 0, output
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert "websites" not in data and data["apps"] == [mini]
    _check_clean(draft)


def test_an_apps_own_principal_gets_an_sms_code_too(tmp_path: Path) -> None:
    data = copy.deepcopy(BASES["app_only"])
    data["apps"][0]["principal"] = {**data["subject"]["principal"], "mobile": "13700137000"}
    said: list[str] = []
    wizard = Wizard(tmp_path / "d.yaml", Walk([("arrived", "no"), ("Pressed resend", False)]),
                    Options(lang="en", today=TODAY), said.append)
    wizard.data = data
    wizard.state.step = "sms"
    wizard.guide.step()
    assert [line for line in said if "a code goes to" in line] == [
        "a code goes to the subject principal 138****8000", "a code goes to the app's principal 137****7000"]


def test_without_a_terminal_a_draft_that_does_not_say_what_it_files_is_named(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from icpfile.cli import app

    answers = tmp_path / "a.yaml"
    answers.write_text("filing: {type: first_filing}\nsubject: {nature: personal}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["wizard", str(tmp_path / "d.yaml"), "--answers", str(answers), "--lang", "en"])
    assert result.exit_code == 2 and "/websites /apps: the draft does not say what it files" in result.output
