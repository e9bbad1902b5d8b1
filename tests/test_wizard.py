"""The wizard: one validation path for every answer, resumable state, the filing steps after."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import deque
from pathlib import Path
from typing import Any

import pytest
import yaml

from icpfile import engine
from icpfile.filing.state import StateError, StateStore, state_path
from icpfile.filing.wizard import AnswersRefused, Wizard
from icpfile.options import Options

TODAY = dt.date(2026, 11, 29)

# A person filing in 浙江, answer by answer, in the order the wizard asks (labels end in "(pointer)").
PERSONAL = {
    "filing/type": "first_filing",
    "filing/provider": "aliyun",  # whose filing system: asked while the draft names none
    "subject/province": "浙江省",
    "subject/city": "杭州市",
    "subject/district": "西湖区",
    "subject/nature": "personal",
    "files": "/websites",  # what the order files: websites only
    "subject/certificate/type": "resident_id",
    "subject/name": "李四",
    "subject/certificate/number": "330106197001011230",
    "subject/certificate/address": "浙江省杭州市西湖区文三路100号",
    "subject/mailing_address": "浙江省杭州市西湖区文三路100号2单元301室",
    "subject/remarks": "本网站为个人网站，用于记录读书笔记。",
    "subject/principal/id_expiry": "long_term",
    "subject/principal/mobile": "13800138001",
    "subject/principal/emergency_mobile": "13900139001",
    "subject/principal/email": "lisi@example.com",
    "websites/0/name": "静夜读书笔记",
    "websites/0/domain": "example.net",
    "websites/0/access/service": "ecs",
    "websites/0/access/ip": "47.96.10.21",
    "websites/0/languages": ["zh-Hans"],
    "websites/0/remarks": "",
    "review": "ok",  # the summary before going on: all correct
}


class Scripted:
    """A Prompter that answers from a script keyed by the pointer in the label, and validates
    like questionary does: an answer the validator refuses is not accepted."""

    def __init__(self, answers: dict[str, Any], confirms: list[bool] | None = None,
                 interrupt_at: str | None = None) -> None:
        self.answers = {k: deque(v) if isinstance(v, tuple) else deque([v]) for k, v in answers.items()}
        self.confirms = deque(confirms or [])
        self.interrupt_at = interrupt_at
        self.asked: list[str] = []
        self.refused: list[tuple[str, str]] = []

    def _next(self, message: str) -> Any:
        key = message.rsplit("(", 1)[-1].rstrip(")")
        self.asked.append(key)
        if key == self.interrupt_at:
            raise KeyboardInterrupt
        return self.answers[key].popleft() if len(self.answers[key]) > 1 else self.answers[key][0]

    def text(self, message, default="", validate=None, instruction=None, completions=None):
        while True:
            value = self._next(message)
            verdict = validate(value) if validate else True
            if verdict is True:
                return value
            self.refused.append((value, verdict))

    def select(self, message, choices, default=None, instruction=None):
        value = self._next(message)
        assert value in [c for c, _ in choices], (value, choices)
        return value

    def checkbox(self, message, choices, checked, validate=None, instruction=None):
        value = self._next(message)
        assert (validate(value) if validate else True) is True
        return value

    def confirm(self, message, default=True, instruction=None):
        return self.confirms.popleft() if self.confirms else False


def run(draft: Path, prompter, answers: dict | None = None) -> tuple[int, list[str], Wizard]:
    said: list[str] = []
    wizard = Wizard(draft, prompter, Options(lang="en", today=TODAY), said.append, answers)
    with wizard.store.locked():
        code = wizard.run()
    return code, said, wizard


def findings(draft: Path) -> list:
    return engine.check_path(draft, str(draft), Options(today=TODAY)).report.findings


def test_from_nothing_to_a_clean_personal_draft(tmp_path: Path) -> None:
    draft = tmp_path / "mine.yaml"
    code, _, wizard = run(draft, Scripted(PERSONAL))
    assert code == 0
    assert not [f for f in findings(draft) if f.severity.value != "info"]
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    # Filled by the wizard as the guide's system does: investor, principal, website principal, content.
    assert data["subject"]["investor"] == "李四"
    assert data["subject"]["principal"]["id_number"] == "330106197001011230"
    assert data["websites"][0]["principal"] == "same_as_subject"
    assert data["websites"][0]["content"] == "other"
    assert list(data) == ["version", "filing", "subject", "websites"]  # the format's key order
    assert "subject/principal/name" not in wizard.prompter.asked  # never asked for a person


def test_a_failing_answer_is_asked_again_with_the_check_message(tmp_path: Path) -> None:
    answers = {**PERSONAL, "subject/principal/mobile": ("1380013800", "13800138001"),
               "websites/0/name": ("静夜读书网站", "静夜读书笔记")}
    prompter = Scripted(answers)
    code, _, _ = run(tmp_path / "d.yaml", prompter)
    assert code == 0
    refused = dict(prompter.refused)
    assert "ICP401" in refused["1380013800"]
    assert "ICP210" in refused["静夜读书网站"]


def test_existing_answers_are_not_asked_again_and_user_keys_stay(tmp_path: Path) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text("version: 1\nx_client: 李四的博客\nfiling: {type: first_filing}\nsubject:\n  province: 浙江省\n",
                     encoding="utf-8")
    prompter = Scripted(PERSONAL)
    run(draft, prompter)
    assert "filing/type" not in prompter.asked and "subject/province" not in prompter.asked
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["x_client"] == "李四的博客"
    backup = draft.with_name("d.yaml.bak")
    assert backup.exists()  # the previous version, kept before the first rewrite


def test_ctrl_c_keeps_the_answers_and_resume_continues(tmp_path: Path) -> None:
    draft = tmp_path / "d.yaml"
    with pytest.raises(KeyboardInterrupt):
        run(draft, Scripted(PERSONAL, interrupt_at="subject/principal/mobile"))
    saved = json.loads(state_path(draft).read_text(encoding="utf-8"))
    assert "answers" not in saved  # progress only: the answers are in the draft
    written = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert written["subject"]["mailing_address"] == PERSONAL["subject/mailing_address"]
    assert oct(state_path(draft).stat().st_mode & 0o777) == "0o600"
    second = Scripted(PERSONAL)
    code, _, _ = run(draft, second)
    assert code == 0
    assert second.asked[0] == "subject/principal/mobile"  # continues where it stopped


def test_answers_file_uses_the_same_checks(tmp_path: Path) -> None:
    draft = tmp_path / "d.yaml"
    answers = yaml.safe_load((Path(__file__).parent.parent / "examples" / "personal-first-filing.yaml")
                             .read_text(encoding="utf-8"))
    flat = {"/" + k.replace(".", "/"): v for k, v in _flatten(answers).items()}
    code, _, _ = run(draft, None, flat)
    assert code == 0
    assert not [f for f in findings(draft) if f.severity.value == "error"]
    bad = {**flat, "/subject/principal/mobile": "12345"}
    with pytest.raises(AnswersRefused, match="subject/principal/mobile"):
        run(tmp_path / "e.yaml", None, bad)
    assert not (tmp_path / "e.yaml").exists()  # checked before anything was written


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}.{key}" if prefix else key))
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict):
        out = {}
        for i, item in enumerate(value):
            out.update(_flatten(item, f"{prefix}.{i}"))
        return out
    return {prefix: value}


def test_a_second_wizard_on_the_same_draft_is_refused(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "d.yaml")
    with store.locked(), pytest.raises(StateError, match="another icpfile wizard"), \
            StateStore(tmp_path / "d.yaml").locked():
        pass


def test_a_corrupt_state_file_is_moved_aside(tmp_path: Path) -> None:
    draft = tmp_path / "d.yaml"
    path = state_path(draft)
    path.parent.mkdir()
    path.write_text("{not json", encoding="utf-8")
    store = StateStore(draft)
    state = store.load()
    assert state.step == "draft"
    aside = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"
    assert "moved to" in store.notice


def test_an_unreadable_draft_is_never_rewritten(tmp_path: Path) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text("version: 1\nfiling: [oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match="does not rewrite a draft"):
        run(draft, Scripted(PERSONAL))
    assert draft.read_text(encoding="utf-8") == "version: 1\nfiling: [oops\n"


def test_steps_after_the_draft_record_dates_and_resume(tmp_path: Path) -> None:
    draft = tmp_path / "d.yaml"
    run(draft, Scripted(PERSONAL))  # confirms default to False: stops at the first step
    state = StateStore(draft).load()
    assert state.step == "materials"
    prompter = Scripted({**PERSONAL, "": "x"}, confirms=[True, True, True])  # 2 materials, face check
    run(draft, prompter)
    state = StateStore(draft).load()
    assert state.checklist["subject_certificate/主体证件（营业执照或身份证）"]
    assert state.checklist["commitment_letter/承诺书"]
    assert state.step in ("verification", "submit")
    assert os.path.exists(state_path(draft))


def test_answers_file_problems_are_one_line_each_at_line_and_column(tmp_path: Path, monkeypatch) -> None:
    """Origin: issue 22, P14 (two problems came out as one line joined by a literal \\x0a)."""
    from conftest import invoke

    monkeypatch.chdir(tmp_path)
    assert invoke("init", "--type", "first_filing", "--nature", "personal", "-o", "new.yaml").exit_code == 0
    before = (tmp_path / "new.yaml").read_bytes()
    (tmp_path / "a.yaml").write_text('subject:\n  principal:\n    mobile: "12345"\nwebsites:\n'
                                     "  - name: 晓明的技术博客\n", encoding="utf-8")
    result = invoke("wizard", "new.yaml", "--answers", "a.yaml")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 2 and "\\x0a" not in result.output and "Traceback" not in result.output
    assert lines[0].startswith("icpfile: a.yaml:3:13: subject/principal/mobile: ICP401 ")
    assert lines[1].startswith("a.yaml:5:11: websites/0/name: ICP218 ")
    assert (tmp_path / "new.yaml").read_bytes() == before  # nothing written
    (tmp_path / "b.yaml").write_text("subject: [\n", encoding="utf-8")
    broken = invoke("wizard", "new.yaml", "--answers", "b.yaml")
    assert broken.exit_code == 2
    assert broken.output.splitlines() == ["icpfile: b.yaml:2:1: cannot read the answers (ICP006)"]


class Keeper:
    """Enter at every prompt: each prompt's default (the value as written) is taken, and must be
    one its own validator accepts."""

    def text(self, message, default="", validate=None, instruction=None, completions=None):
        verdict = validate(default) if validate else True
        assert verdict is True, (message, default, verdict)
        return default

    def select(self, message, choices, default=None, instruction=None):
        return default

    def checkbox(self, message, choices, checked, validate=None, instruction=None):
        return checked

    def confirm(self, message, default=True, instruction=None):
        return default


@pytest.mark.parametrize("example", sorted(p.name for p in (Path(__file__).parent.parent / "examples").glob("*.yaml")))
def test_enter_on_every_field_of_every_example_changes_no_byte(tmp_path: Path, example: str) -> None:
    """Origin: #21 (B11, "the wizard never changes a byte it was not asked to"): `--edit` and the
    summary ask a field again with its value as the default; Enter rewrote `access: {service: ecs,
    ip: [...]}` as a block and a PEM `public_key: |` as one quoted line. Every field of every
    example, asked again and answered with Enter, leaves the draft byte for byte as it was."""
    import shutil

    folder = tmp_path / "examples"
    shutil.copytree(Path(__file__).parent.parent / "examples", folder)
    draft = folder / example
    before = draft.read_bytes()
    wizard = Wizard(draft, Keeper(), Options(lang="en", today=TODAY), lambda _: None)
    wizard.load()
    asked = 0
    for pointer, _ in wizard.session.answered():
        if pointer.startswith("/record/"):
            continue
        try:
            wizard.session.edit(pointer)
        except ValueError:
            continue  # not a single field (a list of mappings)
        asked += 1
        assert draft.read_bytes() == before, pointer
    assert asked > 10 and not (folder / f"{example}.bak").exists()
