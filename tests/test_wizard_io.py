"""The wizard through real prompts: prompt_toolkit's pipe input in-process, and a real terminal."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections import deque
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.filing.prompts import QuestionaryPrompter
from icpfile.filing.state import State, StateStore, state_path
from icpfile.filing.wizard import Wizard
from icpfile.options import Options

from conftest import ROOT

DOWN, ENTER, SPACE, BACKSPACE = "\x1b[B", "\r", " ", "\x7f"


def test_questionary_prompts_driven_through_pipe_input(tmp_path: Path) -> None:
    draft = tmp_path / "d.yaml"
    data = yaml.safe_load((ROOT / "examples" / "enterprise-first-filing.yaml").read_text(encoding="utf-8"))
    del data["subject"]["principal"]["mobile"]
    site = data["websites"][0]
    for key in ("languages", "content", "principal", "commercial"):
        del site[key]
    draft.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    keys = deque([
        ENTER,  # subject remarks: optional, left empty
        "123" + ENTER,  # mobile: refused, the message wrapped under the prompt, asked again
        BACKSPACE * 3 + "13800138000" + ENTER,  # … with the refused answer as the default
        "unit_portal" + ENTER,  # content: the portal's 24 types are a typed list, as provinces are
        SPACE + ENTER,  # languages: tick the first, zh-Hans
        "n" + ENTER,  # commercial? no
        "是" + ENTER,  # website principal the same as the subject's? yes (是)
        ENTER,  # website remarks: optional, left empty
        "否" + ENTER,  # add another website? no (否)
        ENTER,  # the summary: all correct
        "y" + ENTER, "n" + ENTER, "n" + ENTER,  # materials ready? the certificate yes, the others not yet
    ])
    opened = []

    def io():
        pipe = create_pipe_input()
        stream = pipe.__enter__()
        stream.send_text(keys.popleft())
        opened.append(pipe)
        return stream, DummyOutput()

    said: list[str] = []
    wizard = Wizard(draft, QuestionaryPrompter(io), Options(lang="en", today=dt.date(2026, 11, 29)), said.append)
    try:
        with wizard.store.locked():
            assert wizard.run() == 0
    finally:
        for pipe in opened:
            pipe.__exit__(None, None, None)
    assert not keys, f"unused keystrokes: {list(keys)}"
    written = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert written["subject"]["principal"]["mobile"] == "13800138000"
    assert written["websites"][0]["content"] == "unit_portal"
    assert written["websites"][0]["languages"] == ["zh-Hans"]
    assert written["websites"][0]["principal"] == "same_as_subject"
    state = State.from_json(yaml.safe_load(state_path(draft).read_text(encoding="utf-8")))
    assert state.step == "materials"  # stopped there: resume later
    assert state.checklist == {"subject_certificate/主体证件（营业执照或身份证）": True,
                               "principal_id/主体负责人证件": False, "commitment_letter/承诺书": False}


def _screen(keys: str, lang: str = "en"):
    """A QuestionaryPrompter fed `keys` whose screen (plain text) is returned by the second item."""
    import io

    from prompt_toolkit.output.plain_text import PlainTextOutput

    screen = io.StringIO()
    pipe = create_pipe_input()
    stream = pipe.__enter__()
    stream.send_text(keys)
    return QuestionaryPrompter(lambda: (stream, PlainTextOutput(screen)), lang=lang), screen, pipe


@pytest.mark.parametrize(("lang", "keys"), [("en", "(Space selects, Enter confirms)"),
                                            ("zh", "（空格选中，回车确认）")])
def test_a_multi_select_says_which_keys_select_and_confirm(lang: str, keys: str) -> None:
    prompter, screen, pipe = _screen(SPACE + ENTER, lang)
    try:
        chosen = prompter.checkbox("网站语言 (websites/0/languages)", [("zh-Hans", "简体中文"), ("en", "英文")], [],
                                   instruction="网站使用的语言")
    finally:
        pipe.__exit__(None, None, None)
    unwrapped = "".join(screen.getvalue().split())  # the screen wraps at 80 columns
    assert chosen == ["zh-Hans"] and "".join(f"网站使用的语言 {keys}".split()) in unwrapped


def test_the_review_says_enter_goes_on_and_a_field_can_be_typed(tmp_path: Path) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text((ROOT / "examples" / "enterprise-first-filing.yaml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    prompter, screen, pipe = _screen(ENTER)
    wizard = Wizard(draft, prompter, Options(lang="en", today=dt.date(2026, 11, 29)), lambda _: None)
    try:
        wizard.load()
        wizard.session.review()  # Enter: all correct
    finally:
        pipe.__exit__(None, None, None)
    shown = "".join(screen.getvalue().split())  # the screen wraps at 80 columns
    assert "Enter=allcorrect;ortypeafieldsuchaswebsites/0/name;+addsawebsiteoranapp(Tabcompletes)" in shown


def test_no_terminal_and_no_answers_exits_2(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").write_text("version: 1\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["wizard", str(tmp_path / "d.yaml")])
    assert result.exit_code == 2 and "--answers" in result.output


def test_a_mistyped_draft_name_is_refused_off_a_terminal_with_the_close_name(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("version: 1\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["wizard", str(tmp_path / "mine.yml")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"icpfile: {tmp_path / 'mine.yml'} does not exist (did you mean {tmp_path / 'mine.yaml'}?)"]
    assert not (tmp_path / "mine.yml").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_a_missing_draft_is_started_only_when_asked_and_ctrl_c_claims_nothing(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    (tmp_path / "mine.yaml").write_text("version: 1\n", encoding="utf-8")
    child = spawn(tmp_path, ["wizard", "mine.yml", "--lang", "en"], 200)
    child.expect_exact("mine.yml does not exist (did you mean mine.yaml?)")
    drive(child, [("Start a new draft there?", ENTER)])  # the default: no
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2 and not (tmp_path / "mine.yml").exists()
    child = spawn(tmp_path, ["wizard", "mine.yml", "--lang", "en"], 200)
    drive(child, [("Start a new draft there?", "y" + ENTER), ("(filing/type)", "\x03")])
    child.expect_exact("nothing was written")
    output = finish(child)
    assert child.exitstatus == 130 and "answers so far" not in output
    assert not (tmp_path / "mine.yml").exists()


def test_answers_file_on_the_command_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text((ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    draft = tmp_path / "d.yaml"
    result = CliRunner().invoke(app, ["wizard", str(draft), "--answers", str(answers), "--today", "2026-11-29"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(draft.read_text(encoding="utf-8"))["subject"]["name"] == "李四"
    partial = tmp_path / "partial.yaml"
    partial.write_text("filing: {type: first_filing}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["wizard", str(tmp_path / "e.yaml"), "--answers", str(partial)])
    assert result.exit_code == 2 and "/subject/province" in result.output


def test_a_draft_the_wizard_starts_gets_inits_gitignore_advice(tmp_path: Path) -> None:
    """Origin: walker41 item 11: `icpfile wizard NEW.yaml` wrote IDs and phones with no word of
    .gitignore, which only `init` printed. The same text, once, for a draft the run made."""
    answers = tmp_path / "answers.yaml"
    answers.write_text((ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    init = CliRunner().invoke(app, ["init", "-o", str(tmp_path / "i.yaml"), "--lang", "en"])
    advice = init.stdout[init.stdout.index("keep personal data out of git"):]
    assert ".icpfile/" in advice and "*.bak" in advice
    (tmp_path / "i.yaml").unlink()
    result = CliRunner().invoke(app, ["wizard", str(tmp_path / "d.yaml"), "--answers", str(answers),
                                      "--today", "2026-11-29", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("keep personal data out of git") == 1 and advice in result.stdout, result.stdout
    again = CliRunner().invoke(app, ["wizard", str(tmp_path / "d.yaml"), "--answers", str(answers),
                                     "--today", "2026-11-29", "--lang", "en"])
    assert "keep personal data out of git" not in again.stdout  # not a new draft any more
    (tmp_path / ".gitignore").write_text(".icpfile/\n*.bak\n", encoding="utf-8")
    listed = CliRunner().invoke(app, ["wizard", str(tmp_path / "e.yaml"), "--answers", str(answers),
                                      "--today", "2026-11-29", "--lang", "en"])
    assert listed.exit_code == 0 and "keep personal data out of git" not in listed.stdout


def test_init_writes_a_commented_draft_that_check_reads(tmp_path: Path) -> None:
    out = tmp_path / "new.yaml"
    result = CliRunner().invoke(app, ["init", "--type", "new_website", "--nature", "personal", "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "# 通信地址：详细到门牌号" in text and "previous_provider: other" in text
    check = CliRunner().invoke(app, ["check", str(out), "--format", "json"])
    assert check.exit_code == 1 and "ICP106" in check.stdout and "ICP006" not in check.stdout
    again = CliRunner().invoke(app, ["init", "-o", str(out)])
    assert again.exit_code == 2 and out.read_text(encoding="utf-8") == text
    assert CliRunner().invoke(app, ["init", "--type", "renew"]).exit_code == 2


KILLER = textwrap.dedent("""
    import itertools, sys
    from pathlib import Path
    from icpfile.filing.draft_writer import DraftFile
    from icpfile.filing.state import State, StateStore
    draft = Path(sys.argv[1])
    store = StateStore(draft)
    edit = DraftFile(draft)
    edit.open([])
    for i in itertools.count():
        store.save(State(draft=draft.name, step="sms", checklist={f"k{j}": True for j in range(i % 300)}))
        edit.set("/x_round", i)
        edit.set("/x_pad", "填" * (i % 2000))
        edit.save()
        print(i, flush=True)  # the parent kills after a count of writes, not after a time
""")


def test_sigkill_while_writing_never_leaves_a_broken_state_draft_or_backup(tmp_path: Path) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text("# 我的草稿\nversion: 1  # 格式\nx_round: -1\n", encoding="utf-8")
    backup = draft.with_name("d.yaml.bak")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    seen: set[int] = set()
    for round_ in range(15):
        # Killed after 11–15 whole writes, then 0–18 ms into the next ones: a loaded machine (CI) slows
        # the writes, not the count (a sleep of 0.4 s saw fewer than 10 writes at load 12).
        child = subprocess.Popen([sys.executable, "-c", KILLER, str(draft)], env=env,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        while int(child.stdout.readline() or "-1") < 11 + round_ % 5:
            assert child.poll() is None, "the writer ended before it was killed"
        time.sleep(0.003 * (round_ % 7))
        child.send_signal(signal.SIGKILL)
        child.wait()
        if state_path(draft).exists():
            StateStore(draft).load()
            assert not StateStore(draft).notice
        for path in (draft, backup):
            text = path.read_text(encoding="utf-8")
            assert text.startswith("# 我的草稿\nversion: 1  # 格式\n")  # whole, comments kept
            seen.add(yaml.safe_load(text)["x_round"])
    assert state_path(draft).exists() and backup.exists()
    assert max(seen) > 10  # the writes were under way when killed


CLEAR = "\x15"  # Ctrl-U: drop the default (a refused answer, the current value)


def spawn(cwd: Path, args: list[str], columns: int):
    pexpect = pytest.importorskip("pexpect")
    # PROMPT_TOOLKIT_NO_CPR: pexpect does not answer cursor-position requests; without it every
    # prompt waits for the answer before drawing.
    return pexpect.spawn(sys.executable, ["-m", "icpfile", *args], cwd=str(cwd),
                         env={**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"},
                         encoding="utf-8", timeout=60, dimensions=(40, columns),
                         logfile=open(cwd / "terminal.log", "w", encoding="utf-8"))


def drive(child, steps: list[tuple[str, str]]) -> None:
    """Wait for each prompt (a piece of its text), then type the answer."""
    for label, keys in steps:
        child.expect_exact(label)
        time.sleep(0.1)
        child.send(keys)


def finish(child) -> str:
    pexpect = pytest.importorskip("pexpect")
    child.expect(pexpect.EOF)
    child.close()
    return child.before or ""


def check_json(draft: Path) -> list[dict]:
    """`icpfile check --format json` on the draft: it exits 0; its findings."""
    check = subprocess.run([sys.executable, "-m", "icpfile", "check", str(draft), "--format", "json",
                            "--today", "2026-11-29"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    return json.loads(check.stdout)["files"][0]["findings"]


def ready(draft: Path, answer: str) -> list[tuple[str, str]]:
    """"Ready: <material>?" for each material the (by now complete) draft needs."""
    from icpfile.filing.steps import materials

    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    return [(f"Ready: {label}?", answer + ENTER) for _, label in materials(data, "en")]


PERSON_DRAFT = [  # init wrote websites: (what the order files), so that is not asked (walker21 item 5)
    ("(filing/provider)", ENTER),  # whose filing system: 阿里云, the first (the draft names none)
    ("(subject/province)", "浙江" + ENTER),  # a long list: typed, a part of one name …
    ("Use 浙江省 instead?", ENTER),  # … offered, never taken silently (#22 P8)
    ("(subject/city)", "杭州" + ENTER),  # refused by ICP340, and its fix offered
    ("Use 杭州市 instead?", ENTER),
    ("(subject/district)", "西湖区" + ENTER),
    ("(subject/name)", "李四" + ENTER),
    ("(subject/certificate/number)", "330106197001011230" + ENTER),
    ("(subject/certificate/address)", "浙江省杭州市西湖区文三路100号" + ENTER),
    ("(subject/mailing_address)", "浙江省杭州市西湖区文三路100号2单元301室" + ENTER),
    ("(subject/remarks)", "本网站为个人网站，用于记录读书笔记。" + ENTER),
    ("(subject/principal/id_expiry)", "长期" + ENTER),
    ("(subject/principal/mobile)", "123" + ENTER),  # refused: the message wraps under the prompt
    ("not a valid mainland mobile", CLEAR + "13800138001" + ENTER),
    ("(subject/principal/emergency_mobile)", "13900139001" + ENTER),
    ("(subject/principal/email)", "lisi@example.com" + ENTER),
    ("(websites/0/name)", "静夜读书笔记" + ENTER),
    ("(websites/0/domain)", "example.net" + ENTER),
    ("(websites/0/access/service)", ENTER),
    ("(websites/0/access/ip)", "47.96.10.21" + ENTER),
    ("(websites/0/languages)", SPACE + ENTER),
    ("(websites/0/commercial)", "否" + ENTER),
    ("(websites/0/remarks)", ENTER),
    ("Add another", "n" + ENTER),
    ("Change an answer", ENTER),
]
POLICE_SITE = [  # the police form's questions the ICP record does not answer (#21)
    ("resolves to", ENTER),  # the ICP access IP offered
    ("access provider", ENTER),  # 阿里云计算有限公司 offered
    ("access method", ENTER),  # 租赁虚拟空间 offered
    ("registrar", "阿里云计算有限公司" + ENTER),
    ("website type", ENTER),  # Z 其他
    ("Can users register", "n" + ENTER),
    ("security officer", ENTER),  # the principal (同主体负责人)
    ("emergency contact", ENTER),
]
AFTER_SUBMIT = [
    ("initial review", DOWN + ENTER),  # passed
    ("mail materials", "n" + ENTER),
    ("arrived", ENTER),  # yes
    ("Verified every code", "y" + ENTER),
]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 80])
def test_a_persons_first_filing_from_init_to_all_done_with_a_rejection(tmp_path: Path, columns: int) -> None:
    draft = tmp_path / "mine.yaml"
    init = subprocess.run([sys.executable, "-m", "icpfile", "init", "--nature", "personal", "-o", str(draft)],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert init.returncode == 0, init.stderr
    child = spawn(tmp_path, ["wizard", "mine.yaml", "--lang", "en", "--today", "2026-11-29"], columns)
    drive(child, PERSON_DRAFT)
    drive(child, [*ready(draft, "y"), ("passed the face check", "y" + ENTER)])
    drive(child, [
        ("submitted the order", "y" + ENTER),
        ("order was created", ENTER),
        *AFTER_SUBMIT,
        ("decision", DOWN + DOWN + ENTER),  # rejected
        ("reason", "网站名称与内容不符" + ENTER),
        ("Change an answer", CLEAR + "websites/0/name" + ENTER),
        ("Website name (websites/0/name)", CLEAR + "静夜读书随笔" + ENTER),
        ("Change an answer", ENTER),
        ("submitted the order", "是" + ENTER),
        *AFTER_SUBMIT,
        ("decision", DOWN + ENTER), ("Approval date", ENTER),  # approved
        ("filing number", "浙ICP备2026000001号-1" + ENTER),
        ("open to the public", "y" + ENTER),
        ("Opening date", ENTER),
        *POLICE_SITE,
        ("Made the public-security filing", "y" + ENTER),
        ("public-security number", "浙公网安备33010602012345号" + ENTER),
        ("(both numbers)", ""),  # the footer of example.net
        ("浙公网安备33010602012345号</a>", ""),  # the footer printed last carries the police number
        ("all done:", ""),
    ])
    output = finish(child)
    assert child.exitstatus == 0, output
    text = draft.read_text(encoding="utf-8")
    assert "# 网站名称" in text and "静夜读书随笔" in text and "long_term" in text  # init's notes kept
    state = json.loads(state_path(draft).read_text(encoding="utf-8"))
    assert state["step"] == "done" and state["facts"]["police_number"] == "浙公网安备33010602012345号"
    # The refused mobile's whole message reached the screen, wrapped, not cut at the edge.
    probe = Wizard(draft, None, Options(lang="en", today=dt.date(2026, 11, 29)), print)
    probe.load()
    message = probe.document.problem("/subject/principal/mobile", "123")
    assert message and len(message) > columns
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", (tmp_path / "terminal.log").read_text(encoding="utf-8"))
    # Every word of it, its last ones included, is on the screen. Compared without white space: a
    # redraw under load can split a word across the log's lines ("q\nu\n\nick").
    flat = "".join(screen.split())
    assert [word for word in message.split() if word not in flat] == []
    check_json(draft)
    assert not list(tmp_path.glob(".*.tmp")) and not list((tmp_path / ".icpfile").glob(".*.tmp"))


UNIT_PERSON = [
    ("principal/name)", "王五" + ENTER),
    ("principal/id_type)", ENTER),  # resident_id, the first
    ("principal/id_number)", "33010619900312123X" + ENTER),
    ("principal/id_expiry)", "2036.05.01" + ENTER),
    ("principal/mobile)", "13700137000" + ENTER),
    ("principal/phone2)", "086-0571-88888889" + ENTER),
    ("principal/emergency_mobile)", "13600136000" + ENTER),
    ("principal/email)", "wangwu@example.com" + ENTER),
]


def unit_site(i: int, name: str, domain: str, ip: str) -> list[tuple[str, str]]:
    return [
        (f"(websites/{i}/name)", name + ENTER),
        (f"(websites/{i}/domain)", domain + ENTER),
        (f"(websites/{i}/access/service)", ENTER),
        (f"(websites/{i}/access/ip)", ip + ENTER),
        (f"(websites/{i}/content)", "unit_portal" + ENTER),  # a typed list (the portal's 24 types)
        (f"(websites/{i}/languages)", SPACE + ENTER),
        (f"(websites/{i}/commercial)", "n" + ENTER),
        (f"Is the principal of website {i + 1}", "n" + ENTER),  # its own principal
        *[(f"(websites/{i}/{label}", keys) for label, keys in UNIT_PERSON],
        (f"(websites/{i}/remarks)", ENTER),
    ]


UNIT_SUBJECT = [  # a unit's subject, after init (filing type and nature given)
    ("(filing/provider)", ENTER),  # 阿里云, the first
    ("(subject/province)", "浙江" + ENTER),
    ("Use 浙江省 instead?", "y" + ENTER),
    ("(subject/city)", "杭州市" + ENTER),
    ("(subject/district)", "余杭区" + ENTER),
    ("(subject/name)", "杭州云栖示例科技有限公司" + ENTER),
    ("(subject/certificate/number)", "91330100716105852f" + ENTER),  # upper-cased
    ("(subject/certificate/address)", "浙江省杭州市余杭区文一西路969号" + ENTER),
    ("(subject/mailing_address)", "浙江省杭州市余杭区文一西路969号3号楼5层" + ENTER),
    ("(subject/investor)", "张三" + ENTER),
    ("(subject/remarks)", ENTER),  # optional: left empty
    ("(subject/principal/name)", "张三" + ENTER),
    ("(subject/principal/id_number)", "330106198503151238" + ENTER),
    ("(subject/principal/id_expiry)", "2035-06-30" + ENTER),
    ("(subject/principal/mobile)", "13800138000" + ENTER),
    ("(subject/principal/phone2)", "086-0571-88888888" + ENTER),
    ("(subject/principal/emergency_mobile)", "13900139000" + ENTER),
    ("(subject/principal/email)", "admin@example.com" + ENTER),
]


TWO_SITES = [  # a unit's two websites, each with its own principal
    *unit_site(0, "云栖示例科技官网", "example.com", "47.96.10.20"),
    ("Add another", "y" + ENTER),
    *unit_site(1, "云栖示例科技商城", "example.net", "47.96.10.22"),
    ("Add another", "n" + ENTER),
]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 80])
def test_a_units_two_website_filing_with_its_own_website_principal(tmp_path: Path, columns: int) -> None:
    draft = tmp_path / "acme.yaml"
    init = subprocess.run([sys.executable, "-m", "icpfile", "init", "-o", str(draft)],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert init.returncode == 0, init.stderr
    child = spawn(tmp_path, ["wizard", "acme.yaml", "--lang", "en", "--today", "2026-11-29"], columns)
    drive(child, [
        *UNIT_SUBJECT,  # init wrote websites: what the order files is not asked
        *TWO_SITES,
        ("Change an answer", ENTER),
    ])
    drive(child, ready(draft, "n"))  # not yet: the wizard stops there, to resume later
    output = finish(child)
    assert child.exitstatus == 0, output
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["subject"]["certificate"]["number"] == "91330100716105852F"
    assert [s["domain"] for s in data["websites"]] == ["example.com", "example.net"]
    for site in data["websites"]:
        assert site["principal"]["id_expiry"] == "2036-05-01" and site["principal"]["mobile"] == "13700137000"
        assert site["content"] == "unit_portal" and site["languages"] == ["zh-Hans"]
    assert "# 网站名称" in draft.read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_ctrl_c_in_a_real_terminal_exits_130_and_keeps_answers(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    draft = tmp_path / "mine.yaml"
    child = spawn(tmp_path, ["wizard", "mine.yaml", "--lang", "en"], 200)
    drive(child, [("Start a new draft there?", "y" + ENTER),
                  ("(filing/type)", ENTER), ("(subject/nature)", "Person" + ENTER),  # its en label
                  ("(files)", ENTER), ("(filing/provider)", DOWN + ENTER), ("(subject/province)", "\x03")])
    child.expect_exact("Resume with: icpfile wizard")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert yaml.safe_load(draft.read_text(encoding="utf-8")) == {
        "version": 1, "filing": {"type": "first_filing", "provider": "tencent"}, "subject": {"nature": "personal"},
        "websites": []}
    saved = json.loads(state_path(draft).read_text(encoding="utf-8"))
    assert saved["step"] == "draft" and "answers" not in saved  # the answers are in the draft
    assert not list(tmp_path.glob(".*.tmp"))


FILED = ROOT / "examples" / "filed-site-with-police.yaml"


def test_enter_at_every_prompt_of_a_filed_draft_changes_no_byte(tmp_path: Path) -> None:
    """Origin: #21 B11: Enter at "Commercial (y/N)" on a filed draft wrote `commercial: false`,
    and check then asked for a change filing (ICP671). Enter keeps every value, so the draft is
    byte for byte the same (comments, order, quoting), no `.bak` is made, and a draft that holds
    its record and its police numbers starts (without a state file) where it stands: all done."""
    import io

    from prompt_toolkit.output.plain_text import PlainTextOutput

    draft = tmp_path / "mine.yaml"
    draft.write_bytes(FILED.read_bytes())
    screen, opened = io.StringIO(), []

    def io_pair():
        pipe = create_pipe_input()
        stream = pipe.__enter__()
        stream.send_text(ENTER)  # Enter, and nothing else, at every prompt
        opened.append(pipe)
        return stream, PlainTextOutput(screen)

    said: list[str] = []
    wizard = Wizard(draft, QuestionaryPrompter(io_pair), Options(lang="en", today=dt.date(2026, 11, 29)), said.append)
    try:
        with wizard.store.locked():
            assert wizard.run() == 0
    finally:
        for pipe in opened:
            pipe.__exit__(None, None, None)
    assert "(websites/0/commercial)" in screen.getvalue()  # it was asked, and Enter kept it absent
    assert draft.read_bytes() == FILED.read_bytes()
    assert not (tmp_path / "mine.yaml.bak").exists()
    assert wizard.state.step == "done" and "websites/0/commercial" not in " ".join(said)
    assert not [f.rule for f in wizard.document.findings() if f.rule.startswith("ICP67")]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_enter_on_a_filed_draft_in_a_real_terminal_changes_no_byte(tmp_path: Path) -> None:
    """The same in a real terminal: Enter at each prompt, then the draft compared byte for byte."""
    draft = tmp_path / "mine.yaml"
    draft.write_bytes(FILED.read_bytes())
    child = spawn(tmp_path, ["wizard", "mine.yaml", "--lang", "en", "--today", "2026-11-29"], 100)
    drive(child, [("(subject/remarks)", ENTER), ("(websites/0/commercial)", ENTER),
                  ("(websites/0/remarks)", ENTER), ("Add another", ENTER)])
    out = finish(child)
    assert child.exitstatus == 0, out
    assert "ICP671" not in out and "all done" in out and "carries both numbers" not in out
    assert "example.com: icpfile footer check SITE_FOLDER --number 浙ICP备2026000002号-1" in out
    assert draft.read_bytes() == FILED.read_bytes() and not (tmp_path / "mine.yaml.bak").exists()


LONG = [("ok", "都对，继续"), *[(f"/f/{i}", f"字段{i} (f/{i})") for i in range(13)]]


@pytest.mark.parametrize(("keys", "chosen"), [(ENTER, "ok"), ("f/3" + ENTER, "/f/3")])
def test_a_long_selects_default_is_shown_not_typed_into_the_input(keys: str, chosen: str) -> None:
    """Origin: W30-05: the review's input was prefilled with 都对，继续, which the person had to
    delete before typing the field to change. The default is shown (Enter takes it); what is typed
    is the whole answer."""
    import io

    from prompt_toolkit.output.plain_text import PlainTextOutput

    screen = io.StringIO()
    with create_pipe_input() as stream:
        stream.send_text(keys)
        stream.close()  # no more keys: a second prompt ends the test (EOFError), never waits
        prompter = QuestionaryPrompter(lambda: (stream, PlainTextOutput(screen)), lang="zh")
        assert prompter.select("要修改哪一项？ (review)", LONG, default="ok") == chosen
    assert "都对，继续" in screen.getvalue()  # shown as the default


@pytest.mark.parametrize(("lang", "keys"), [("zh", "（方向键移动，回车选定）"),
                                            ("en", "(arrow keys move, Enter chooses)")])
def test_a_select_says_its_keys_in_the_runs_language(lang: str, keys: str) -> None:
    """Origin: W30 walk, item 4: questionary's English `(Use arrow keys)` under zh."""
    prompter, screen, pipe = _screen(ENTER, lang)
    try:
        assert prompter.select("备案类型 (filing/type)", [("first_filing", "首次备案（first_filing）"),
                                                       ("change", "变更备案（change）")]) == "first_filing"
    finally:
        pipe.__exit__(None, None, None)
    shown = "".join(screen.getvalue().split())
    assert "".join(keys.split()) in shown and "Usearrowkeys" not in shown
