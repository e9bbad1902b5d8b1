"""The wizard's police step and what it prints (#21): the safety assessment's file asked for, the
police form's fields the draft format has asked for, findings at the draft's line:col, a summary
in words and not Python's `False`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_wizard import TODAY, Scripted
from test_wizard_flow import Walk

from icpfile.filing.wizard import Wizard
from icpfile.options import Options

from conftest import ROOT, check_text

FILED = ROOT / "examples" / "filed-site-with-police.yaml"


def wizard(draft: Path, prompter, lang: str = "en") -> tuple[Wizard, list[str]]:
    said: list[str] = []
    return Wizard(draft, prompter, Options(lang=lang, today=TODAY), said.append), said


def test_the_summary_prints_a_yes_or_no_in_the_persons_language(tmp_path: Path) -> None:
    draft = tmp_path / "site.yaml"
    shutil.copy(FILED, draft)
    for lang, word in (("en", "no"), ("zh", "否")):
        guide, _ = wizard(draft, Scripted({}), lang)
        guide.load()
        lines = guide.session.review_lines()
        interactive = next(line for line in lines if "(police/websites/0/interactive)" in line)
        assert interactive.endswith(f": {word}"), interactive
        assert not any(line.endswith(("False", "True")) for line in lines), lines


def approved(tmp_path: Path, police: str = "") -> Path:
    """The filed example as the wizard leaves it at the approved step: its police section replaced by
    `police` (none by default), the site opened on 2026-11-25."""
    from icpfile.filing.state import State, StateStore

    text = FILED.read_text(encoding="utf-8")  # `commercial` answered, in the website and its record
    text = text.replace("    principal: same_as_subject\n\n",
                        "    principal: same_as_subject\n    commercial: false\n\n", 1)
    text = text.replace("        principal: same_as_subject\n",
                        "        principal: same_as_subject\n        commercial: false\n", 1)
    draft = tmp_path / "site.yaml"
    draft.write_text(text[:text.index("\n# 公安联网备案")] + "\n" + police, encoding="utf-8")
    StateStore(draft).save(State(draft=draft.name, step="approved", dates={"site_opened": "2026-11-25"},
                                 facts={"approval_number": "浙ICP备2026000002号-1"},
                                 skipped=["/subject/remarks", "/websites/0/remarks"]))
    return draft



def two_sites(tmp_path: Path, text: str) -> Path:
    """The filed example's `text` with a second website (example.net), written as the wizard leaves
    it at the approved step, the first site opened on 2026-11-25."""
    from icpfile.filing.state import State, StateStore

    text = text.replace("    principal: same_as_subject\n\n", "    principal: same_as_subject\n"
                        "  - {name: 云栖示例科技商店, domain: example.net, access: {service: ecs, ip: [47.96.10.21]},"
                        " content: unit_portal, service_type: website_app, languages: [zh-Hans],"
                        " principal: same_as_subject}\n\n", 1)
    draft = tmp_path / "site.yaml"
    draft.write_text(text, encoding="utf-8")
    StateStore(draft).save(State(draft=draft.name, step="approved", dates={"site_opened": "2026-11-25"},
                                 facts={"approval_number": "浙ICP备2026000002号-1"},
                                 skipped=["/subject/remarks", "/websites/0/remarks", "/websites/0/commercial",
                                          "/websites/1/commercial", "/websites/1/remarks"]))
    return draft


def walked(draft: Path, script: list) -> tuple[int, list[str], Walk]:
    prompter = Walk(script)
    guide, said = wizard(draft, prompter)
    with guide.store.locked():
        code = guide.run()
    assert not prompter.script, f"unused: {list(prompter.script)}"
    return code, said, prompter


BEFORE_INTERACTIVE = [("legal representative", None), ("resolves to", None),
                      ("access provider", None), ("access method", None), ("registrar", "阿里云计算有限公司"),
                      ("website type", None), ("interactive service", True)]
AFTER_INTERACTIVE = [("security officer", True), ("emergency contact", True)]


def test_an_interactive_site_is_asked_for_its_safety_assessment_inside_the_drafts_tree(tmp_path: Path) -> None:
    draft = approved(tmp_path)
    (tmp_path.parent / "outside.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "scans").mkdir()
    (tmp_path / "scans" / "assessment.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    refused: list[str] = []

    class Checked(Walk):
        def text(self, message, default="", validate=None, instruction=None, completions=None):
            if "safety assessment" in message:
                for bad in ("../outside.pdf", str(tmp_path.parent / "outside.pdf"), "scans/missing.pdf"):
                    verdict = validate(bad)
                    assert verdict is not True, bad
                    refused.append(verdict)
            return super().text(message, default, validate, instruction, completions)

    prompter = Checked([*BEFORE_INTERACTIVE, ("safety assessment", "scans/assessment.pdf"), *AFTER_INTERACTIVE,
                        ("Made the public-security filing", False)])
    guide, said = wizard(draft, prompter)
    with guide.store.locked():
        assert guide.run() == 0, said
    assert len(refused) == 3 and all("ICP701" in v or "ICP708" in v for v in refused), refused
    import yaml

    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert {"kind": "safety_assessment", "path": "scans/assessment.pdf"} in data["materials"]
    site = data["police"]["websites"][0]
    assert site["interactive"] is True and site["access_method"] == "租赁虚拟空间"
    assert site["security_officer"] == "same_as_subject" and site["emergency_contact"] == "same_as_subject"
    assert data["police"]["subject"]["legal_representative"] == "张三"  # a unit's: its principal offered
    found = check_text(draft.read_text(encoding="utf-8"), path=str(draft))
    assert not [f.rule for f in found if f.severity.value == "error"], [(f.rule, f.message) for f in found]
    assert any("the local police will review" in line for line in said)  # the upload list names it


def test_without_the_assessment_yet_the_wizard_stops_and_the_next_start_asks_for_it(tmp_path: Path) -> None:
    draft = approved(tmp_path)
    code, said, _ = walked(draft, [*BEFORE_INTERACTIVE, ("safety assessment", "")])
    assert code == 0 and any("safety assessment report: once it is ready" in line for line in said)
    errors = [f.rule for f in check_text(draft.read_text(encoding="utf-8"), path=str(draft))
              if f.severity.value == "error"]
    assert errors == ["ICP663"]  # what `check` says until the file is listed; the wizard asks for it next
    (tmp_path / "assessment.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    code, said, _ = walked(draft, [("safety assessment", "assessment.pdf"),
                                   *AFTER_INTERACTIVE, ("Made the public-security filing", False)])
    assert code == 0, said


STUCK = """police:
  websites:
    - domain: example.com
      opened: "2026-11-25"
      ip: [47.96.10.20]
      access_provider: 阿里云计算有限公司
      access_method: 租赁虚拟空间
      registrar: 阿里云计算有限公司
      service_type: Z 其他
      interactive: true
      security_officer: same_as_subject
      emergency_contact: same_as_subject
  subject:
    legal_representative: 张三
"""


def test_a_draft_left_interactive_without_its_assessment_is_walked_not_refused(tmp_path: Path) -> None:
    """The new user's draft (an older wizard wrote `interactive: true` and no file): ICP663, and the
    wizard refused to go on at 1:1. Now the police step asks for the file."""
    draft = approved(tmp_path, STUCK)
    assert "ICP663" in [f.rule for f in check_text(draft.read_text(encoding="utf-8"), path=str(draft))]
    (tmp_path / "assessment.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    code, said, _ = walked(draft, [("safety assessment", "assessment.png"),
                                   ("Made the public-security filing", False)])
    assert code == 0 and not any("ICP663" in line for line in said), said


def test_the_wizards_findings_carry_the_drafts_line_and_column(tmp_path: Path) -> None:
    """A draft the wizard will not walk: each error at the line:col `icpfile check` gives, not 1:1."""
    draft = approved(tmp_path, STUCK.replace("domain: example.com", "domain: example.org"))
    from icpfile.filing.police_steps import answers

    expected = [f for f in check_text(draft.read_text(encoding="utf-8"), path=str(draft))
                if f.severity.value == "error" and not answers(f.pointer)]  # ICP663: the walk asks
    assert expected and all(f.line > 1 for f in expected)
    code, said, _ = walked(draft, [])
    assert code != 0
    for f in expected:
        assert f"{draft}:{f.line}:{f.column}  {f.rule}" in "\n".join(said), (f.rule, said)
    lines = draft.read_text(encoding="utf-8").splitlines()
    ip650 = next(f for f in expected if f.rule == "ICP650")
    assert "example.org" in lines[ip650.line - 1]


def test_a_unit_names_another_security_officer_field_by_field(tmp_path: Path) -> None:
    draft = approved(tmp_path)
    person = [("(police/websites/0/security_officer/name)", "王五"),
              ("(police/websites/0/security_officer/id_type)", "resident_id"),
              ("(police/websites/0/security_officer/id_number)", "330106198001010016"),
              ("(police/websites/0/security_officer/id_expiry)", "2036-01-01"),
              ("(police/websites/0/security_officer/mobile)", "13700137000"),
              ("(police/websites/0/security_officer/emergency_mobile)", "13600136000"),
              ("(police/websites/0/security_officer/email)", "wangwu@example.com")]
    script = [*BEFORE_INTERACTIVE[:-1], ("interactive service", False), ("security officer", False), *person,
              ("emergency contact", True), ("Made the public-security filing", True),
              ("public-security number", "浙公网安备33010602012345号")]  # 330106 西湖区; the unit is in 余杭区
    code, said, _ = walked(draft, script)
    assert code == 0, said
    assert any(line.startswith("note: ICP668") and "西湖区" in line for line in said), said  # told, not refused
    import yaml

    officer = yaml.safe_load(draft.read_text(encoding="utf-8"))["police"]["websites"][0]["security_officer"]
    assert officer["name"] == "王五" and officer["mobile"] == "13700137000"
    assert not [f.rule for f in check_text(draft.read_text(encoding="utf-8"), path=str(draft))
                if f.severity.value == "error"]


HOSTILE = ("阿里云计算\x1b]0;pwn\x07有限公司", "张\a三", "租赁\u202e虚拟空间")


def test_control_and_bidi_characters_are_refused_at_every_police_prompt(tmp_path: Path) -> None:
    """Origin: #21 B12: police fields took ESC, BEL and U+202E; `check` reports them (ICP669) and
    the wizard's police prompts refuse them with that finding's words."""
    draft = approved(tmp_path)
    refused: dict[str, list[str]] = {}

    class Hostile(Walk):
        def text(self, message, default="", validate=None, instruction=None, completions=None):
            if validate is not None and any(k in message for k in ("legal representative", "access provider",
                                                                    "access method", "registrar", "website type")):
                refused[message] = [str(validate(bad)) for bad in HOSTILE]
            return super().text(message, default, validate, instruction, completions)

    prompter = Hostile([*BEFORE_INTERACTIVE[:-1], ("interactive service", False), *AFTER_INTERACTIVE,
                        ("Made the public-security filing", False)])
    guide, said = wizard(draft, prompter)
    with guide.store.locked():
        assert guide.run() == 0, said
    assert len(refused) == 5, refused
    assert all(v.startswith("ICP669") for verdicts in refused.values() for v in verdicts), refused
    assert not any(c in draft.read_text(encoding="utf-8") for c in "\x1b\x07\u202e")


def test_a_refused_value_in_the_draft_is_not_offered_again_and_the_second_site_gets_the_registrar(
        tmp_path: Path) -> None:
    """Origin: #21 W12: a value the checks refuse (an invisible ESC in it) was offered again as the
    prompt's default, so Enter was refused again; the second website's registrar was not offered."""
    text = FILED.read_text(encoding="utf-8")
    text = text.replace("access_provider: 阿里云计算有限公司", 'access_provider: "阿里云计算\\e有限公司"', 1)
    text = text.replace("      number: 浙公网安备 33011002012345号", "", 1)
    draft = two_sites(tmp_path, text)
    defaults: dict[str, str] = {}

    class Defaults(Walk):
        def text(self, message, default="", validate=None, instruction=None, completions=None):
            defaults.setdefault(f"{len(defaults)} {message}", default)
            return super().text(message, default, validate, instruction, completions)

    prompter = Defaults([("File it now?", False),  # the second website is a new one: not now
                         ("access provider", None),  # Enter: the provider's name, not the refused value
                         ("Made the public-security filing", False)])
    guide, said = wizard(draft, prompter)
    with guide.store.locked():
        assert guide.run() == 0, said
    assert list(defaults.values()) == ["阿里云计算有限公司"]
    import yaml

    police = yaml.safe_load(draft.read_text(encoding="utf-8"))["police"]["websites"]
    assert police[0]["access_provider"] == "阿里云计算有限公司"
    from icpfile.filing.police_steps import answered

    assert answered(guide.guide, "registrar", 1) == "阿里云计算有限公司（万网）"  # offered to example.net
    assert answered(guide.guide, "registrar", 0) == ""  # no other site answers it for the first


def test_the_summary_names_codes_by_their_labels_and_leaves_the_record_out(tmp_path: Path) -> None:
    """Origin: #21 W11: the summary showed `resident_id`, `ecs`, `unit_portal`, `same_as_subject`
    where the prompts show the portal's words, and listed the record's copy as answers to edit."""
    draft = tmp_path / "site.yaml"
    shutil.copy(FILED, draft)
    for lang, expected in (
            ("zh", ["证件类型 (subject/principal/id_type): 居民身份证（resident_id）",
                    "云服务 (websites/0/access/service): 云服务器ECS（ecs）",
                    "网站内容 (websites/0/content): 单位门户网站（unit_portal）",
                    "网站负责人 (websites/0/principal): 复用主体负责人（same_as_subject）",
                    "网站语言 (websites/0/languages): 中文简体（zh-Hans）"]),
            ("en", ["Website's principal (websites/0/principal): Same as the subject's principal (same_as_subject)",
                    "Certificate type (subject/principal/id_type): Resident ID card (resident_id)",
                    "Cloud service (websites/0/access/service): Cloud server ECS (ecs)"])):
        guide, _ = wizard(draft, Scripted({}), lang)
        guide.load()
        lines = [line.strip() for line in guide.session.review_lines()]
        assert all(line in lines for line in expected), lines
        assert not any("(record/" in line for line in lines)
        assert not any(line.endswith((": resident_id", ": ecs", ": unit_portal", ": same_as_subject"))
                       for line in lines)


def test_a_path_outside_names_the_drafts_folder_not_a_dot(tmp_path: Path, monkeypatch) -> None:
    """Origin: #21 (W14's wording): a safety assessment outside the tree was refused as "outside .",
    the draft being `site.yaml` in the working folder; the folder is named."""
    approved(tmp_path)
    monkeypatch.chdir(tmp_path)
    refused: list[str] = []

    class Outside(Walk):
        def text(self, message, default="", validate=None, instruction=None, completions=None):
            if "safety assessment" in message:
                refused.append(str(validate("../outside.pdf")))
            return super().text(message, default, validate, instruction, completions)

    prompter = Outside([*BEFORE_INTERACTIVE, ("safety assessment", ""), ])
    guide, said = wizard(Path("site.yaml"), prompter)
    with guide.store.locked():
        assert guide.run() == 0, said
    assert refused and "ICP708" in refused[0], refused
    assert "outside ." not in refused[0] and f"outside {tmp_path}," in refused[0], refused


class Stopped(Walk):
    """Walk, then Ctrl-C at the first question past the script."""

    def _next(self, message):
        if not self.script:
            self.asked.append(message)
            raise KeyboardInterrupt
        return super()._next(message)


def test_ctrl_c_in_the_police_questions_keeps_the_opening_day_the_next_run_does_not_ask_it(tmp_path: Path) -> None:
    """Origin: walker21 item 2: Ctrl-C after the opening day was answered; the next run asked
    "Is the site open?" and the date again, and status showed no 30 days."""
    import json

    from icpfile.filing.state import StateStore

    draft = approved(tmp_path)
    state = StateStore(draft).load()
    state.dates.pop("site_opened")
    StateStore(draft).save(state)
    guide, _ = wizard(draft, Stopped([("open to the public", True), ("Opening date", "2026-11-26"),
                                      ("legal representative", None)]))
    with guide.store.locked(), pytest.raises(KeyboardInterrupt):
        guide.run()
    prompter = Stopped([])
    guide, _ = wizard(draft, prompter)
    with guide.store.locked(), pytest.raises(KeyboardInterrupt):
        guide.run()
    assert not [q for q in prompter.asked if "open to the public" in q or "Opening date" in q], prompter.asked
    from typer.testing import CliRunner

    from icpfile.cli import app

    shown = json.loads(CliRunner().invoke(app, ["status", str(draft), "-f", "json", "--today", "2026-11-29"]).stdout)
    assert [d["due"][:10] for d in shown["deadlines"] if d["id"] == "police_filing"] == ["2026-12-26"]


def test_each_website_of_an_order_gets_its_own_opening_day(tmp_path: Path) -> None:
    """Origin: walker21 item 2: one opening day was asked for an order of two websites and written
    to both, though the 30 days run per site; the earliest day is the one status counts from."""
    import yaml

    from icpfile.filing.state import StateStore

    text = FILED.read_text(encoding="utf-8")
    text = text.replace("      number: 浙公网安备 33011002012345号", "", 1)
    draft = two_sites(tmp_path, text)
    prompter = Stopped([("File it now?", False), ("Made the public-security filing", True),
                        ("public-security number", "浙公网安备 33011002012345号"),
                        ("opening date of example.net", "2026-11-20")])
    guide, _ = wizard(draft, prompter)
    with guide.store.locked(), pytest.raises(KeyboardInterrupt):
        guide.run()
    police = yaml.safe_load(draft.read_text(encoding="utf-8"))["police"]["websites"]
    assert [str(p["opened"]) for p in police] == ["2026-11-25", "2026-11-20"]
    assert StateStore(draft).load().dates["site_opened"] == "2026-11-20"  # the first due


def test_the_small_things_a_new_user_met_in_the_police_step(tmp_path: Path) -> None:
    """Origin: walker21 item 6: a named security officer's ID missing from the upload list; the
    officer's mobile help spoke of the ICP SMS; site 2's access provider fell back to 阿里云 though
    site 1 was answered 腾讯云; two footers printed without saying whose."""
    import yaml

    from icpfile.filing import police_steps
    from icpfile.filing.state import State, StateStore

    text = FILED.read_text(encoding="utf-8")
    text = text.replace("    principal: same_as_subject\n\n", "    principal: same_as_subject\n"
                        "  - {name: 云栖示例科技商店, domain: example.net, access: {service: ecs, ip: [47.96.10.21]},"
                        " content: unit_portal, service_type: website_app, languages: [zh-Hans],"
                        " principal: same_as_subject}\n\n", 1)
    text = text.replace("access_provider: 阿里云计算有限公司", "access_provider: 腾讯云计算（北京）有限责任公司", 1)
    draft = tmp_path / "site.yaml"
    draft.write_text(text, encoding="utf-8")
    StateStore(draft).save(State(draft=draft.name, step="approved", dates={"site_opened": "2026-11-25"}))
    offered: dict[str, str] = {}
    hints: list[str] = []

    class Noting(Walk):
        def text(self, message, default="", validate=None, instruction=None, completions=None):
            offered[message] = default
            if message.endswith("/mobile)"):
                hints.append(instruction or "")
            return super().text(message, default, validate, instruction, completions)

    guide, said = wizard(draft, Noting([("opening date of example.net", None), ("resolves to", None),
                                        ("access provider", None), ("access method", None), ("registrar", None),
                                        ("website type", None), ("interactive service", False),
                                        ("security officer", False),
                                        *[(f"(police/websites/1/security_officer/{k})", v) for k, v in (
                                            ("name", "王强"), ("id_type", "resident_id"),
                                            ("id_number", "330106198001010016"), ("id_expiry", "2036-01-01"),
                                            ("mobile", "13700137000"), ("emergency_mobile", "13600136000"),
                                            ("email", "wq@example.com"))],
                                        ("emergency contact", True)]))
    guide.load()
    listed = police_steps.sites(guide.guide)
    j = police_steps.questions(guide.guide, listed[1][0], listed[1][1])
    assert j == 1
    assert next(v for k, v in offered.items() if "access provider" in k) == "腾讯云计算（北京）有限责任公司"
    assert [h.endswith("(no SMS code goes to it)") for h in hints] == [True], hints  # not the ICP's SMS help
    police_steps.uploads(guide.guide, False, "/police/websites/1")
    assert any("security officer 王强" in line and "holding it" in line for line in said), said
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["police"]["websites"][1]["security_officer"]["name"] == "王强"
    said.clear()
    police_steps.put(guide.guide, "/police/websites/1/number", "浙公网安备 33011002012346号")
    assert police_steps.walk(guide.guide).to is not None  # done: advanced
    footers = [line for line in said if line.endswith("(both numbers):")]
    assert footers == ["The footer of example.com (both numbers):", "The footer of example.net (both numbers):"]


def test_a_warning_on_the_interactive_answer_is_said_at_once(tmp_path: Path, monkeypatch) -> None:
    """walker22: a personal site answered "interactive" heard nothing, and `check` raised ICP664
    after "all done". What check warns at the answer is said under it (wired here with a stand-in
    warning, as this fixture is a unit's)."""
    from icpfile.filing.draft import Draft
    from icpfile.findings import Finding, Severity

    real = Draft.problems_at

    def problems_at(self, pointer, data=None, severities=(Severity.ERROR,)):
        if pointer.endswith("/interactive") and Severity.WARNING in severities:
            return [Finding("ICP664", Severity.WARNING, pointer, 1, 1, "a personal site offers interactive services",
                            "", "QC")]
        return real(self, pointer, data, severities)

    monkeypatch.setattr(Draft, "problems_at", problems_at)
    _, said, _ = walked(approved(tmp_path), [*BEFORE_INTERACTIVE, ("safety assessment", "")])
    at = next(i for i, line in enumerate(said) if "ICP664 a personal site offers interactive services" in line)
    assert not any("safety assessment report: once it is ready" in line for line in said[:at])
