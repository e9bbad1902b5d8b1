"""The wizard offers the fix it knows (issue 22.5, P8): "use this? [Y/n]" instead of refusing."""

from __future__ import annotations

from pathlib import Path

import yaml
from test_wizard import PERSONAL, Scripted, run

from icpfile.filing.offers import candidates, choices


def _said_offers(said: list[str]) -> list[str]:
    return [line for line in said if line.startswith(("✗", "warning"))]


class Offered(Scripted):
    """Scripted, and it keeps every confirm question it was asked (the offers among them)."""

    def __init__(self, answers, confirms=None) -> None:
        super().__init__(answers, confirms)
        self.questions: list[str] = []

    def confirm(self, message, default=True, instruction=None):
        self.questions.append(message)
        return super().confirm(message, default, instruction)


def test_a_city_district_domain_and_mobile_are_offered_their_fix(tmp_path: Path) -> None:
    answers = {**PERSONAL, "subject/province": "上海市", "subject/city": "上海", "subject/district": "浦东",
               "subject/certificate/address": "上海市浦东新区世纪大道100号",
               "subject/mailing_address": "上海市浦东新区世纪大道100号2单元301室",
               "subject/certificate/number": "310115199005121236",
               "subject/principal/id_expiry": "2040-05-12",
               "subject/principal/mobile": "138 0013 8001",
               "websites/0/domain": "https://www.xiaoming-notes.cn/"}
    prompter = Offered(answers, confirms=[True, True, True, True])
    code, said, _ = run(tmp_path / "d.yaml", prompter)
    assert code == 0
    assert prompter.questions[:4] == ["Use 上海市 instead?", "Use 浦东新区 instead?", "Use 138****8001 instead?",
                                      "Use xiaoming-notes.cn instead?"]
    data = yaml.safe_load((tmp_path / "d.yaml").read_text(encoding="utf-8"))
    assert (data["subject"]["city"], data["subject"]["district"]) == ("上海市", "浦东新区")
    assert data["subject"]["principal"]["mobile"] == "13800138001"
    assert data["websites"][0]["domain"] == "xiaoming-notes.cn"
    shown = _said_offers(said)
    assert any("ICP340" in line for line in shown) and any("ICP342" in line for line in shown)
    assert not prompter.refused  # nothing was refused: each was offered instead


def test_no_to_an_error_asks_again_and_no_to_a_warning_keeps_the_answer(tmp_path: Path) -> None:
    answers = {**PERSONAL, "subject/city": ("杭州", "杭州市"), "subject/district": "西湖"}
    prompter = Offered(answers, confirms=[False, False])
    code, said, _ = run(tmp_path / "d.yaml", prompter)
    data = yaml.safe_load((tmp_path / "d.yaml").read_text(encoding="utf-8"))
    assert prompter.asked.count("subject/city") == 2  # refused (an error), asked again
    assert data["subject"]["city"] == "杭州市"
    assert data["subject"]["district"] == "西湖"  # a warning only: kept as written, the warning said
    assert any(line.startswith("warning: ICP342") for line in said)
    assert code == 0


def test_a_good_answer_is_never_offered_anything(tmp_path: Path) -> None:
    prompter = Offered(PERSONAL)
    run(tmp_path / "d.yaml", prompter)
    assert not [q for q in prompter.questions if "instead" in q]


def test_the_fixers_guess_and_the_lists_are_the_ministry_s() -> None:
    data = {"subject": {"province": "上海市", "city": "上海市"}}
    assert candidates("place", "浦东", data, "/subject/district") == ["浦东新区"]
    assert candidates("place", "上海", data, "/subject/city") == ["上海市"]
    assert candidates("mobile", "+86 138-0013-8001", data, "/subject/principal/mobile") == ["13800138001"]
    assert candidates("mobile", "138 0013 800", data, "/subject/principal/mobile") == []
    assert candidates("domain", "https://www.docs.a-b.cn/x?y", data, "/websites/0/domain") == ["docs.a-b.cn", "a-b.cn"]
    assert "浦东新区" in choices(data, "/subject/district")
    assert choices({"subject": {"province": "浙江省"}}, "/subject/city")[:1] and "杭州市" in choices(
        {"subject": {"province": "浙江省"}}, "/subject/city")
    assert choices({"subject": {}}, "/subject/district") == []


def test_the_face_check_names_the_provider_the_draft_names() -> None:
    from icpfile.filing.steps import face_check_app

    assert face_check_app({"filing": {"provider": "tencent"}}, "en") == (
        "in Tencent Cloud's 备案 app or mini-program (as its 备案 pages say)")
    assert "腾讯云" in face_check_app({"filing": {"provider": "tencent"}}, "zh")
    assert "阿里云" not in face_check_app({"filing": {"provider": "tencent"}}, "zh")
    assert face_check_app({"filing": {"provider": "aliyun"}}, "en") == "in the latest 阿里云 App"
    unnamed = face_check_app({"filing": {}}, "en")
    assert "filing.provider" in unnamed and "阿里云 guide's rules" in unnamed


def test_a_pick_says_why_and_takes_a_field_s_dot_path() -> None:
    from icpfile.filing.prompts import exact, pick

    fields = [("ok", "all correct"), ("/websites/0/name", "网站名称 (websites/0/name)")]
    assert pick("websites.0.name", fields) == "/websites/0/name"
    assert exact("websites.0.name", "/websites/0/name", fields)
    provinces = [("上海市", "上海市"), ("浙江省", "浙江省")]
    assert pick("上海", provinces) == "上海市" and not exact("上海", "上海市", provinces)  # offered, not taken
