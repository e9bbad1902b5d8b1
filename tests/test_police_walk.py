"""From `init` to the police number in a real terminal (#21): a person's site and a company's two
websites, each ending with the approved numbers and a clean `police:` section in the draft, and a
footer that `icpfile footer check` passes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_wizard_io import (
    AFTER_SUBMIT,
    DOWN,
    ENTER,
    PERSON_DRAFT,
    POLICE_SITE,
    TWO_SITES,
    UNIT_SUBJECT,
    check_json,
    drive,
    finish,
    ready,
    spawn,
)

from conftest import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")


def init(draft: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "icpfile", "init", *args, "-o", str(draft)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def footer_passes(tmp_path: Path, number: str, police: str, holder: str) -> None:
    """The footer the wizard prints (the same snippet) on a page: `footer check` finds nothing wrong."""
    snippet = subprocess.run([sys.executable, "-m", "icpfile", "footer", "snippet", "--number", number,
                              "--police", police, "--holder", holder, "--format", "html"],
                             cwd=ROOT, capture_output=True, text=True)
    assert snippet.returncode == 0, snippet.stderr
    page = tmp_path / "site" / number[-1] / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"<html><body><main>内容</main>{snippet.stdout}</body></html>", encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "icpfile", "footer", "check", str(page.parent), "--number",
                            number, "--police", police, "--holder", holder, "--format", "json"],
                           cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert '"findings": []' in check.stdout, check.stdout


def clean(draft: Path) -> None:
    """`icpfile check`: exit 0, no error, and no police or record rule says anything but its reminders
    (a suffix warning such as ICP513 is its own matter, whatever the police section says)."""
    found = check_json(draft)
    assert [f["rule"] for f in found if f["severity"] == "error"] == []
    assert [f["rule"] for f in found if f["severity"] == "warning" and f["rule"][:5] in ("ICP65", "ICP66",
                                                                                          "ICP67")] == []


def test_a_persons_site_from_init_to_its_police_number(tmp_path: Path) -> None:
    draft = tmp_path / "mine.yaml"
    init(draft, "--nature", "personal")
    child = spawn(tmp_path, ["wizard", "mine.yaml", "--lang", "en", "--today", "2026-11-29"], 100)
    drive(child, PERSON_DRAFT)
    drive(child, [*ready(draft, "y"), ("passed the face check", "y" + ENTER)])
    drive(child, [
        ("submitted the order", "y" + ENTER), ("order was created", ENTER), *AFTER_SUBMIT,
        ("decision", DOWN + ENTER), ("Approval date", ENTER),  # approved
        ("filing number", "浙ICP备2026000001号-1" + ENTER),
        ("open to the public", "y" + ENTER), ("Opening date", ENTER), *POLICE_SITE,
        ("hand-held", ""),  # what to upload, and where
        ("Made the public-security filing", "y" + ENTER),
        ("public-security number", "浙公网安备33010602012345号" + ENTER),
        ("all done:", ""),
    ])
    output = finish(child)
    assert child.exitstatus == 0, output
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["record"]["number"] == "浙ICP备2026000001号"
    assert data["record"]["websites"][0]["number"] == "浙ICP备2026000001号-1"
    site = data["police"]["websites"][0]
    assert site["domain"] == "example.net" and site["number"] == "浙公网安备33010602012345号"
    assert site["ip"] == ["47.96.10.21"] and site["interactive"] is False and site["opened"] == "2026-11-29"
    assert site["access_method"] == "租赁虚拟空间" and site["security_officer"] == "same_as_subject"
    assert site["emergency_contact"] == "same_as_subject" and "subject" not in data["police"]  # no 法定代表人
    assert "# 网站名称" in draft.read_text(encoding="utf-8")  # init's notes kept
    clean(draft)
    footer_passes(tmp_path, "浙ICP备2026000001号-1", "浙公网安备33010602012345号", "李四")


# The second website's registrar is the first one's, offered: Enter takes it (#21, W12).
SECOND_SITE = [(label, ENTER) if label == "registrar" else (label, keys) for label, keys in POLICE_SITE]


def test_a_companys_two_websites_from_init_to_their_police_numbers(tmp_path: Path) -> None:
    draft = tmp_path / "acme.yaml"
    init(draft)
    child = spawn(tmp_path, ["wizard", "acme.yaml", "--lang", "en", "--today", "2026-11-29"], 100)
    drive(child, [*UNIT_SUBJECT, *TWO_SITES, ("Change an answer", ENTER)])
    drive(child, [*ready(draft, "y"), ("passed the face check", "y" + ENTER)])
    drive(child, [
        ("submitted the order", "y" + ENTER), ("order was created", ENTER), *AFTER_SUBMIT,
        ("decision", DOWN + ENTER), ("Approval date", ENTER),
        ("filing number", "浙ICP备2026000002号-1" + ENTER),
        ("filing number of example.net", ENTER),  # the next of the sequence, -2, offered
        ("open to the public", "y" + ENTER), ("Opening date", ENTER),
        ("legal representative", ENTER),  # a unit's: its principal offered
        ("of example.com", ""), *POLICE_SITE,
        ("business licence", ""),  # a unit uploads its licence
        ("Made the public-security filing", "y" + ENTER),
        ("public-security number", "浙公网安备33011002012345号" + ENTER),
        ("of example.net", ""), ("opening date of example.net", ENTER), *SECOND_SITE,
        ("Made the public-security filing", "y" + ENTER),
        ("public-security number", "浙公网安备33011002012346号" + ENTER),
        ("all done:", ""),
    ])
    output = finish(child)
    assert child.exitstatus == 0, output
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert [w["number"] for w in data["record"]["websites"]] == ["浙ICP备2026000002号-1", "浙ICP备2026000002号-2"]
    police = data["police"]["websites"]
    assert data["police"]["subject"]["legal_representative"] == data["subject"]["principal"]["name"]
    assert all(p["access_method"] and p["security_officer"] == "same_as_subject" for p in police)
    assert [p["registrar"] for p in police] == ["阿里云计算有限公司"] * 2
    assert [(p["domain"], p["number"]) for p in police] == [
        ("example.com", "浙公网安备33011002012345号"), ("example.net", "浙公网安备33011002012346号")]
    clean(draft)
    for number, police_number in (("浙ICP备2026000002号-1", "浙公网安备33011002012345号"),
                                  ("浙ICP备2026000002号-2", "浙公网安备33011002012346号")):
        footer_passes(tmp_path, number, police_number, "杭州云栖示例科技有限公司")
