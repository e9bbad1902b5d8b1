"""After approval the draft is the record: approval writes record:, a hand edit of an approved field
is a finding naming the filing it needs, and the wizard walks that filing to its approval (#21)."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml
from test_wizard_flow import walk

from icpfile.filing.state import StateStore

from conftest import ROOT, TODAY, check_text, codes, only

PERSONAL = (ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8").replace(
    "    remarks: 个人读书笔记", "    commercial: false\n    remarks: 个人读书笔记").replace(
    "  type: first_filing", "  type: first_filing\n  provider: aliyun", 1)  # named: not asked

TO_APPROVAL = [("Ready:", True)] * 2 + [  # a person: the ID card once, the commitment letter
    ("face check", True), ("submitted the order", True), ("order was created", "2026-11-29"),
    ("initial review", "passed"), ("mail materials", False), ("arrived", "yes"), ("Verified every code", True),
    ("decision", "approved"), ("Approval date", None)]


def findings(draft: Path) -> list[str]:
    return codes(check_text(draft.read_text(encoding="utf-8"), path=str(draft)))


def test_approval_writes_the_record_in_place_and_a_hand_edit_needs_a_change_filing(tmp_path: Path) -> None:
    draft = tmp_path / "mine.yaml"
    draft.write_text("# 我的草稿\n" + PERSONAL, encoding="utf-8")
    walk(draft, [*TO_APPROVAL, ("filing number", "浙ICP备2026000001号-1"), ("open to the public", False)])
    text = draft.read_text(encoding="utf-8")
    assert text.startswith("# 我的草稿\n")  # the user's comment kept
    record = yaml.safe_load(text)["record"]
    assert record["number"] == "浙ICP备2026000001号" and record["approved_on"] == TODAY.isoformat()
    assert record["websites"][0]["number"] == "浙ICP备2026000001号-1"
    assert record["subject"]["principal"]["mobile"] == "13800138001"
    assert not [c for c in findings(draft) if c.startswith("ICP67")]

    # A hand edit of an approved field (sed, an editor): check names the filing it needs.
    draft.write_text(text.replace("13800138001", "13700137001", 1), encoding="utf-8")  # not the record's
    found = check_text(draft.read_text(encoding="utf-8"))
    change = next(f for f in found if f.rule == "ICP670")
    assert "变更主体" in change.message or "change of the subject" in change.message
    assert "subject/principal/mobile" in change.message and change.severity.value == "warning"

    # The wizard says so, turns the order into the change filing and walks it to its approval.
    said, state = walk(draft, [("File it now?", True), *TO_APPROVAL,  # the numbers kept, not asked
                               ("open to the public", False)])
    assert any("change of the subject" in line and "subject/principal/mobile" in line for line in said)
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["filing"] == {"type": "change", "provider": "aliyun", "existing_number": "浙ICP备2026000001号"}
    assert data["record"]["subject"]["principal"]["mobile"] == "13700137001"
    assert state.step == "approved" and state.facts["change_scope"] == "subject"
    assert not [c for c in findings(draft) if c.startswith("ICP67")]


def test_a_units_certificate_number_is_not_a_change_and_the_wizard_says_what_to_do(tmp_path: Path) -> None:
    draft = tmp_path / "acme.yaml"
    base = yaml.safe_load((ROOT / "icpfile" / "data" / "example_bases.yaml").read_text(encoding="utf-8"))
    data = base["enterprise_filed"]
    data["subject"]["certificate"]["number"] = "91330106MA2GXXXX0K"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = check_text(draft.read_text(encoding="utf-8"))
    refile = next(f for f in found if f.rule == "ICP674")
    assert refile.severity.value == "error" and "JD" in refile.source
    assert "deregister" in refile.message or "注销主体" in refile.message


def test_a_new_domain_is_a_new_website_and_an_access_change_a_change_of_access() -> None:
    from conftest import apply_example

    moved = apply_example({"base": "enterprise_filed", "set": {"/websites/0/access/ip": ["47.96.10.99"],
                                                              "/websites/1/domain": "example.cn"}})
    found = codes(check_text(moved))
    assert "ICP672" in found and "ICP673" in found and "ICP675" in found  # example.org dropped
    assert "ICP671" not in found  # a domain change is not a website change: it is a new website


def test_a_change_of_two_websites_files_against_the_subjects_number() -> None:
    from icpfile.data import changes
    from icpfile.filing.change import filing_for, scope

    from conftest import apply_example

    data = yaml.safe_load(apply_example({"base": "enterprise_filed", "set": {
        "/websites/0/name": "云栖示例科技主页", "/websites/1/name": "云栖示例科技商店"}}))
    found = changes.found(data)
    assert [c.kind for c in found] == ["change_website"]
    assert filing_for(data, found) == {"type": "change", "existing_number": "浙ICP备2026000002号"}
    assert scope(found) == "website"
    one = yaml.safe_load(apply_example({"base": "enterprise_filed", "set": {"/websites/1/name": "云栖示例科技商店"}}))
    assert filing_for(one, changes.found(one))["existing_number"] == "浙ICP备2026000002号-2"


def test_status_names_the_change_filing_an_edit_needs(tmp_path: Path) -> None:
    """A new user edited an approved mobile and `status` still said "all done"; it names the change."""
    from typer.testing import CliRunner

    from icpfile.cli import app

    draft = tmp_path / "d.yaml"
    text = (ROOT / "examples" / "filed-site-with-police.yaml").read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    before = CliRunner().invoke(app, ["status", str(draft), "--lang", "en", "--format", "json"])
    assert '"changes_needed": []' in before.stdout, before.output
    draft.write_text(text.replace('mobile: "13800138000"', 'mobile: "13700137000"', 1), encoding="utf-8")
    after = CliRunner().invoke(app, ["status", str(draft), "--lang", "en"])
    assert "needs: a change of the subject (变更主体)" in after.stdout, after.output
    zh = CliRunner().invoke(app, ["status", str(draft), "--lang", "zh"])
    assert "需要办理：" in zh.stdout and "变更主体" in zh.stdout


def test_the_comment_of_filing_type_follows_the_change_filing(tmp_path: Path) -> None:
    """#21: `type: change  # 首次备案` after the wizard wrote a change filing; the comment now names
    the new value, and a comment that does not name the old one (init's, the user's) stays."""
    from icpfile.filing.draft_writer import DraftFile

    draft = tmp_path / "site.yaml"
    text = (ROOT / "examples" / "filed-site-with-police.yaml").read_text(encoding="utf-8")
    draft.write_text(text.replace('mobile: "13800138000"', 'mobile: "13700137000"', 1), encoding="utf-8")
    from icpfile.data import changes
    from icpfile.filing.change import start
    from icpfile.filing.wizard import Wizard
    from icpfile.options import Options

    wizard = Wizard(draft, None, Options(lang="en", today=TODAY), lambda line: None)
    with wizard.store.locked():
        wizard.load()
        start(wizard.guide, changes.found(wizard.data))  # what the wizard does on "File it now?": yes
    written = draft.read_text(encoding="utf-8")
    line = next(x for x in written.splitlines() if x.strip().startswith("type:"))
    assert line == "  type: change              # 备案类型：变更备案", line
    assert yaml.safe_load(written)["filing"]["type"] == "change"
    assert written.replace(line, "").count("首次备案") == text.count("首次备案") - 1

    for comment in ("# 备案类型：首次备案、新增网站、变更备案", "# 我们的第一次", ""):
        other = tmp_path / "other.yaml"
        other.write_text(f"version: 1\nfiling:\n  type: first_filing  {comment}\n", encoding="utf-8")
        file = DraftFile(other)
        file.open([])
        file.set("/filing/type", "change")
        assert file.text() == f"version: 1\nfiling:\n  type: change  {comment}\n"


FILED = ROOT / "examples" / "filed-site-with-police.yaml"


def filed_and_edited(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The filed example with its police number, `old` edited to `new` by hand after its approval
    (all done), and the count of its materials' "Ready:" questions."""
    from icpfile.filing.state import State, StateStore
    from icpfile.filing.steps import materials

    draft = tmp_path / "site.yaml"
    draft.write_text(FILED.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert new in draft.read_text(encoding="utf-8")
    StateStore(draft).save(State(draft=draft.name, step="done", facts={"approval_number": "浙ICP备2026000002号-1"},
                                 skipped=["/subject/remarks", "/websites/0/remarks", "/websites/0/commercial"]))
    return draft, len(materials(yaml.safe_load(draft.read_text(encoding="utf-8")), "en"))


def test_a_renamed_website_is_followed_by_updating_its_police_filing(tmp_path: Path) -> None:
    """Origin: walker21 item 3 (finding 6): a change filing that renamed a website ended "all done"
    with no word about beian.mps.gov.cn, whose record kept the old name (the police form's name is
    the ICP-filed name exactly, docs/draft-format.md)."""
    draft, needed = filed_and_edited(tmp_path, "  - name: 云栖示例科技官网", "  - name: 云栖示例科技中心")
    walk(draft, [("File it now?", True), *[("Ready:", False)] * needed])
    state = StateStore(draft).load()
    assert state.facts["police_update"] == [{"domain": "example.com", "fields": ["police_field.name"]}]
    state.step, state.dates["authority_submitted"] = "authority_review", "2026-11-20"
    StateStore(draft).save(state)
    said, state = walk(draft, [("decision", "approved"), ("Approval date", None),
                               ("Updated the public-security filing", False)])
    assert any("example.com" in line and "website name" in line and "beian.mps.gov.cn" in line for line in said)
    assert state.step == "approved" and not any(line.startswith("all done") for line in said)
    from typer.testing import CliRunner

    from icpfile.cli import app

    shown = CliRunner().invoke(app, ["status", str(draft), "--lang", "en", "--today", "2026-11-29"]).stdout
    assert "update the public-security filing on beian.mps.gov.cn: example.com" in shown, shown
    said, state = walk(draft, [("Updated the public-security filing", True)])
    assert state.step == "done" and "police_update" not in state.facts
    assert any(line.startswith("all done") for line in said)


def test_a_change_of_the_principals_mobile_asks_nothing_of_the_police_filing(tmp_path: Path) -> None:
    from icpfile.data import changes
    from icpfile.filing.change import police_updates

    data = yaml.safe_load(FILED.read_text(encoding="utf-8"))
    data["subject"]["principal"]["mobile"] = "13700137001"
    assert police_updates(data, changes.found(data)) == []
    data["websites"][0]["access"]["ip"] = ["47.96.10.99"]
    assert police_updates(data, changes.found(data)) == [{"domain": "example.com",
                                                           "fields": ["police_field.access"]}]


def test_a_declined_change_is_said_to_be_pending_not_all_done(tmp_path: Path) -> None:
    """Origin: walker21 item 4: "File it now? n" ended 全部完成 … 备案已通过 though a change was
    pending, and status said next: all done."""
    draft, _ = filed_and_edited(tmp_path, "13800138000", "13700137001")
    said, _ = walk(draft, [("File it now?", False)])
    assert not any(line.startswith(("all done", "current step: done")) for line in said), said
    assert any("not filed yet" in line and "change of the subject" in line for line in said), said
    from typer.testing import CliRunner

    from icpfile.cli import app

    shown = CliRunner().invoke(app, ["status", str(draft), "--lang", "en", "--today", "2026-11-29"]).stdout
    assert "next: a change of the subject" in shown, shown


def test_a_change_keeps_its_numbers_and_its_review_shows_old_and_new(tmp_path: Path) -> None:
    """Origin: walker21 item 4: the change order asked again for the numbers the record holds, and
    its review listed every line without saying what changed."""
    draft, needed = filed_and_edited(tmp_path, "  - name: 云栖示例科技官网", "  - name: 云栖示例科技中心")
    walk(draft, [("File it now?", True), *[("Ready:", True)] * needed, ("face check", True),
                 ("submitted", False)])
    said, state = walk(draft, [("submitted", True), ("order was created", "2026-11-29"),
                               ("initial review", "passed"), ("mail materials", False), ("arrived", "yes"),
                               ("Verified every code", True), ("decision", "approved"), ("Approval date", None),
                               ("Updated the public-security filing", True)])
    first = next(i for i, line in enumerate(said) if line.startswith("What this change files"))
    assert said[first + 1] == "  websites/0/name: 云栖示例科技官网 → 云栖示例科技中心", said[first:first + 3]
    assert first < next(i for i, line in enumerate(said) if "the whole order" in line)
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["record"]["websites"][0]["number"] == "浙ICP备2026000002号-1"
    assert data["record"]["websites"][0]["filed"]["name"] == "云栖示例科技中心" and state.step == "done"


def test_the_record_carries_the_day_the_authority_approved_not_the_day_the_wizard_ran(tmp_path: Path) -> None:
    """Origin: walker21 item 6: record.approved_on was the day the wizard ran, never asked."""
    draft = tmp_path / "mine.yaml"
    draft.write_text(PERSONAL, encoding="utf-8")
    steps = [step if step[0] != "Approval date" else ("Approval date", "2026/11/27") for step in TO_APPROVAL]
    walk(draft, [*steps, ("filing number", "浙ICP备2026000001号-1"), ("open to the public", False)])
    assert yaml.safe_load(draft.read_text(encoding="utf-8"))["record"]["approved_on"] == "2026-11-27"


def test_a_new_subject_is_a_change_of_subject_where_the_province_allows_it(tmp_path: Path) -> None:
    """ICP674's route is the wizard's (rules32): 广东 allows a change of subject (TXM), so the wizard
    offers it as a change filing, where it told every province to deregister and file anew. (浙江
    refuses a unit's: test_a_units_certificate_number_is_not_a_change_and_the_wizard_says_what_to_do.)"""
    base = yaml.safe_load((ROOT / "icpfile" / "data" / "example_bases.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(base["enterprise_filed"])
    for subject in (data["subject"], data["record"]["subject"]):
        subject.update(province="广东省", city="广州市", district="天河区",
                       mailing_address="广东省广州市天河区天河路385号3号楼5层")
        subject["certificate"]["address"] = "广东省广州市天河区天河路385号"
    data["subject"]["certificate"]["number"] = "91440101MA5C1234XQ"  # another unit of 广州, valid
    draft = tmp_path / "gd.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert only(check_text(draft.read_text(encoding="utf-8")), "ICP674").severity.value == "warning"
    said, _ = walk(draft, [("Remarks", None), *[("Commercial", False), ("Remarks", None)] * 2, ("Add another", False),
                           ("File it now? (filing.type becomes change", False), ("open to the public", False)])
    text = "\n".join(said)
    assert "广东省 lets a filed subject change into another" in text and "change of the subject (变更主体)" in text
    assert "no change filing can do this" not in text and "deregistering the subject" not in text
    from typer.testing import CliRunner

    from icpfile.cli import app

    shown = CliRunner().invoke(app, ["status", str(draft), "--lang", "en"]).output  # breaker23 M10: status too
    assert "change of the subject (变更主体)" in shown and "deregistering" not in shown, shown
