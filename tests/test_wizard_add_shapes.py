"""`wizard --add` on drafts of odd shapes and sizes (breaker41): the whole draft is checked once
per answer, not once per question (adding a website to a draft of 250 took 109 s); a `websites:`
written as a mapping is refused, never replaced by a new list; an empty list gets one website."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from icpfile import engine
from icpfile.filing.wizard import Wizard
from icpfile.options import Options

from conftest import ROOT, TODAY

SITES = (ROOT / "examples" / "enterprise-first-filing.yaml").read_text(encoding="utf-8")
HEAD = SITES[: SITES.index("\nwebsites:") + 1]  # version, filing and subject, the user's comments kept
SITE = """  - name: 杭州示例官网{n}
    domain: ex{n}.com
    access: {{service: ecs, ip: [47.96.10.20]}}
    content: unit_portal
    service_type: website_app
    languages: [zh-Hans]
    commercial: false
    principal: same_as_subject
    remarks: 公司官网，介绍公司产品与联系方式。
"""
# A new website's answers by the field the question names; anything else takes its default.
ANSWERS = {"name": "杭州示例科技博客", "domain": "example.org", "ip": "47.96.10.21", "remarks": ""}
NUMBERS = "一二三四五六七八九十"


class Auto:
    """A prompter that answers a new website's questions and declines every offer."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def text(self, message, default="", validate=None, instruction=None, completions=None):
        self.asked.append(message)
        field = re.search(r"\(([a-z_/0-9]+)\)", message)
        key = field[1].rsplit("/", 1)[-1] if field else ""
        for answer in (ANSWERS.get(key), default, ""):
            if answer is not None and (validate is None or validate(answer) is True):
                return answer
        raise AssertionError(f"no answer for {message}")

    def select(self, message, choices, default=None, instruction=None):
        self.asked.append(message)
        codes = [code for code, _ in choices]
        return "ok" if "ok" in codes else default if default in codes else codes[0]

    def checkbox(self, message, choices, checked, validate=None, instruction=None):
        self.asked.append(message)
        return [choices[0][0]]

    def confirm(self, message, default=True, instruction=None):
        self.asked.append(message)
        return "principal" in message  # the same principal as the subject's; no other offer taken


def _draft(tmp_path: Path, websites: str) -> Path:
    draft = tmp_path / "acme.yaml"
    draft.write_text(HEAD + websites, encoding="utf-8")
    return draft


def _sites(count: int) -> str:
    return "websites:\n" + "".join(SITE.format(n=NUMBERS[i % 10] + NUMBERS[i // 10 % 10]) for i in range(count))


def _add(draft: Path) -> tuple[int, Auto]:
    prompter = Auto()
    wizard = Wizard(draft, prompter, Options(lang="en", today=TODAY), lambda _: None, add="/websites")
    with wizard.store.locked():
        return wizard.run(), prompter


def _checks_for_adding(tmp_path: Path, count: int, monkeypatch: pytest.MonkeyPatch) -> int:
    calls = []
    real = engine.check_document
    monkeypatch.setattr(engine, "check_document", lambda *a, **k: calls.append(1) or real(*a, **k))
    draft = _draft(tmp_path, _sites(count))
    _add(draft)
    assert len(yaml.safe_load(draft.read_text(encoding="utf-8"))["websites"]) == count + 1
    return len(calls)


def test_adding_a_website_checks_the_draft_as_often_for_30_websites_as_for_3(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    small = _checks_for_adding(tmp_path / "a", 3, monkeypatch)
    large = _checks_for_adding(tmp_path / "b", 30, monkeypatch)
    # Each answer is checked against the whole draft (linear); a check per question of every
    # existing website made it 10 × 27 more checks here, each of a ten times larger draft.
    assert large <= small + 2, (small, large)


@pytest.mark.parametrize("written", [
    "websites:\n  one:\n    name: 杭州示例官网\n    domain: example.com\n",
    "websites: example.com\n",
])
def test_websites_written_as_a_mapping_or_a_value_is_refused_and_left_as_written(
        tmp_path: Path, written: str) -> None:
    draft = _draft(tmp_path, written)
    before = draft.read_bytes()
    with pytest.raises(ValueError, match=r"Websites \(websites\) in the draft is not a list"):
        _add(draft)
    assert draft.read_bytes() == before
    assert not (tmp_path / "acme.yaml.bak").exists()


def test_add_to_an_empty_list_asks_one_website(tmp_path: Path) -> None:
    draft = _draft(tmp_path, "websites: []\n")
    code, prompter = _add(draft)
    assert code == 0
    data: Any = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert [site["name"] for site in data["websites"]] == ["杭州示例科技博客"]
    assert sum("(websites/0/name)" in m for m in prompter.asked) == 1
    assert not any("(websites/1/" in m for m in prompter.asked)
