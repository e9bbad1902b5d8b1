"""One slip must not hide the rest: the repair step reports it once and checks the rest as meant."""

from __future__ import annotations

from icpfile.schema import repair, typed

from conftest import apply_example, check_text, codes

PERSONAL_BLOG = {"/websites/0/name": "静夜读书博客"}


def _at(findings, code):
    return [(f.pointer, f.line) for f in findings if f.rule == code]


def test_a_nature_label_is_reported_once_and_the_personal_name_rules_still_run() -> None:
    written_right = check_text(apply_example({"base": "personal", "set": PERSONAL_BLOG}))
    slipped = check_text(apply_example({"base": "personal", "set": {**PERSONAL_BLOG, "/subject/nature": "个人"}}))
    assert _at(slipped, "ICP102") == [("/subject/nature", 8)]
    assert "ICP218" in codes(written_right)
    # every finding of the right draft is still there, and the slip is the only new one
    assert sorted(codes(slipped)) == sorted([*codes(written_right), "ICP102"])
    hint = next(f.hint for f in slipped if f.rule == "ICP102")
    assert "personal" in hint


def test_a_filing_type_label_asks_for_no_existing_number_and_still_checks_the_websites() -> None:
    findings = check_text(apply_example({"base": "enterprise", "set": {"/filing/type": "首次备案"},
                                         "unset": ["/websites/0/languages"]}))
    assert _at(findings, "ICP102") == [("/filing/type", 3)]
    missing = [f.pointer for f in findings if f.rule == "ICP100"]
    assert missing == ["/websites/0/languages"]  # not /filing/existing_number


def test_websites_written_as_one_mapping_is_reported_once_and_checked_as_a_list() -> None:
    text = apply_example({"base": "personal", "set": PERSONAL_BLOG})
    head, _, tail = text.partition("websites:\n")
    assert tail.startswith("- name: 静夜读书博客") and tail.count("\n- ") == 0
    findings = check_text(head + "websites:\n  " + tail[2:])
    assert _at(findings, "ICP103") == [("/websites", head.count("\n") + 2)]
    name_line = head.count("\n") + 2
    assert ("/websites/name", name_line) in _at(findings, "ICP218")  # at what the user typed
    assert "ICP100" not in codes(findings)


def test_an_unclear_value_is_left_for_the_schema() -> None:
    findings = check_text(apply_example({"base": "personal", "set": {"/subject/nature": "私人"}}))
    assert _at(findings, "ICP102") == [("/subject/nature", 8)]
    assert "ICP218" not in codes(check_text(apply_example(
        {"base": "personal", "set": {**PERSONAL_BLOG, "/subject/nature": "私人"}})))


def test_the_repair_copies_and_leaves_the_users_data_alone() -> None:
    import yaml

    data = typed.apply(yaml.safe_load(apply_example({"base": "personal", "set": {"/subject/nature": "个人"}})))
    site = {"name": "x"}
    data["websites"] = site
    fixed = repair.apply(data)
    assert data["subject"]["nature"] == "个人" and data["websites"] is site
    assert fixed.data["subject"]["nature"] == "personal" and fixed.data["websites"] == [site]
    assert fixed.data["filing"] is data["filing"]  # untouched branches are shared, not copied
    assert fixed.as_typed("/websites/0/name") == "/websites/name"
    assert fixed.as_typed("/websites/0") == "/websites"
    assert fixed.as_typed("/websites0") == "/websites0"
    assert [i.code for i in fixed.issues] == ["ICP102", "ICP103"]


def test_a_unit_certificate_on_a_personal_filing_is_one_cause_not_its_echoes() -> None:
    findings = check_text(apply_example({"base": "personal", "set": {"/subject/certificate/type": "business_license"}}))
    assert "ICP301" in codes(findings)
    assert not {"ICP334", "ICP307", "ICP308", "ICP309", "ICP311", "ICP312"} & set(codes(findings))
    findings = check_text(apply_example({"base": "enterprise", "set": {"/subject/certificate/type": "resident_id"}}))
    assert "ICP301" in codes(findings)
    assert not {"ICP303", "ICP304", "ICP305"} & set(codes(findings))


def test_one_text_where_a_list_of_texts_belongs_is_checked_as_a_one_item_list() -> None:
    findings = check_text(apply_example({"base": "enterprise", "set": {"/websites/0/access/ip": "192.168.1.10"}}))
    assert _at(findings, "ICP103") == _at(findings, "ICP520")  # one slip, and the IP rule still ran
    assert [f.pointer for f in findings if f.rule == "ICP103"] == ["/websites/0/access/ip"]
    assert "[192.168.1.10]" in next(f.hint for f in findings if f.rule == "ICP103")
    # several values written as one text are not guessed at: the schema says what it sees
    findings = check_text(apply_example({"base": "enterprise", "set": {"/websites/0/languages": "zh-Hans, en"}}))
    assert codes(findings).count("ICP103") == 1 and "ICP102" not in codes(findings)


def test_a_short_province_name_is_read_as_the_province_and_its_rules_run() -> None:
    """`province: 江苏` used to leave the province unknown, and with it every 江苏 rule."""
    written_right = check_text(apply_example({"base": "personal", "set": {
        "/subject/province": "江苏省", "/subject/city": "南京市", "/subject/district": "玄武区",
        "/subject/mailing_address": "江苏省南京市玄武区中山路1号", "/websites/0/name": "静夜读书笔记"}}))
    short = check_text(apply_example({"base": "personal", "set": {
        "/subject/province": "江苏", "/subject/city": "南京市", "/subject/district": "玄武区",
        "/subject/mailing_address": "江苏省南京市玄武区中山路1号", "/websites/0/name": "静夜读书笔记"}}))
    assert "ICP216" in codes(written_right)  # 江苏's prescribed personal name
    assert sorted(codes(short)) == sorted([*codes(written_right), "ICP102"])
    assert "江苏省" in next(f.hint for f in short if f.rule == "ICP102")
    for unclear in ("河", "zhejiang"):  # two provinces begin with 河; Latin is never guessed
        findings = check_text(apply_example({"base": "personal", "set": {"/subject/province": unclear}}))
        assert "ICP215" not in codes(check_text(apply_example({"base": "personal", "set": {
            "/subject/province": unclear, "/websites/0/name": "静夜读书官网"}})))
        assert codes(findings).count("ICP102") == 1


SLIPS = """\
version: 1
filing: {type: 首次备案}
subject:
  province: 浙江
  city: 杭州市
  district: 西湖区
  nature: 个人
  certificate: {type: 居民身份证, number: "330106198807202348", address: 浙江省杭州市西湖区文三路100号}
  name: 李四
  mailing_address: 浙江省杭州市西湖区文三路100号2单元301室
  investor: 李四
  principal: {name: 李四, id_type: resident_id, id_number: "330106198807202348", id_expiry: long_term,
              mobile: "13800138001", emergency_mobile: "13900139001", email: lisi@example.com}
websites:
  name: 静夜读书博客
  domain: example.net
  access: {service: ecs, ip: 10.0.0.1}
  content: other
  service_type: website_app
  principal: same_as_subject
"""


def test_every_slip_and_every_problem_behind_them_in_one_run() -> None:
    found = {(f.rule, f.pointer) for f in check_text(SLIPS)}
    slips = {("ICP102", "/filing/type"), ("ICP102", "/subject/province"), ("ICP102", "/subject/nature"),
             ("ICP102", "/subject/certificate/type"), ("ICP103", "/websites"), ("ICP103", "/websites/access/ip")}
    behind = {("ICP100", "/websites/languages"), ("ICP218", "/websites/name"),
              ("ICP520", "/websites/access/ip")}
    assert slips | behind <= found
    assert not {code for code, ptr in found if code == "ICP100" and ptr != "/websites/languages"}


def test_a_failing_repair_is_an_internal_note_and_the_draft_is_still_checked(monkeypatch) -> None:
    from icpfile import engine
    from icpfile.options import Options

    def broken(data):
        raise KeyError("unforeseen")

    monkeypatch.setattr(repair, "apply", broken)
    text = apply_example({"base": "personal", "set": PERSONAL_BLOG})
    result = engine.check_bytes(text.encode(), "d.yaml", Options())
    assert result.internal and "repair failed" in result.internal[0]
    assert "ICP218" in codes(result.report.findings)


def test_a_shortened_label_is_read_as_its_code_and_reported_once() -> None:
    """身份证 (the guide's own word) for 居民身份证, 营业执照 for 营业执照（个人或企业）; the hint lists
    every code in full."""
    findings = check_text(apply_example({"base": "personal", "set": {"/subject/certificate/type": "身份证"}}))
    assert [f.rule for f in findings if f.severity == "error"] == ["ICP102"]
    assert "resident_id" in next(f.hint for f in findings if f.rule == "ICP102")
    findings = check_text(apply_example({"base": "enterprise", "set": {"/subject/certificate/type": "营业执照"}}))
    assert [f.rule for f in findings if f.severity == "error"] == ["ICP102"]
    wrong = check_text(apply_example({"base": "personal", "set": {"/subject/certificate/type": "通行证"}}))
    hint = next(f.hint for f in wrong if f.rule == "ICP102")
    assert "military_officer" in hint and "…" not in hint  # the whole list, never cut


def test_a_miscased_platform_code_names_the_code_to_write() -> None:
    """Origin: issue 22, P18 (`os: iOS` was called "the Chinese label")."""
    for typed_as, code in (("iOS", "ios"), ("Android", "android"), ("HarmonyOS", "harmonyos")):
        findings = check_text(apply_example({"base": "app_only", "set": {"/apps/0/platforms/0/os": typed_as}}),
                              lang="en")
        found = [f for f in findings if f.rule == "ICP102"]
        wanted = [("/apps/0/platforms/0/os", f"Platform cannot be '{typed_as}'")]
        assert [(f.pointer, f.message) for f in found] == wanted
        assert found[0].hint == (f"codes are written in lower case: write {code}, not '{typed_as}' "
                                 f"(the rest of the draft was checked as {code})")
        zh = [f for f in check_text(apply_example({"base": "app_only", "set": {"/apps/0/platforms/0/os": typed_as}}),
                                    lang="zh") if f.rule == "ICP102"]
        assert zh[0].hint == f"代码只用小写字母：写 {code}，不是“{typed_as}”；草稿其余部分已按 {code} 检查"


def test_a_bad_form_hint_is_in_the_findings_language() -> None:
    """Origin: issue 22, W9 (ICP104's hint was the schema's Chinese help under --lang en)."""
    text = apply_example({"base": "enterprise", "set": {"/subject/principal/id_expiry": "12/05/2031"}})
    en = only_code(check_text(text, lang="en"), "ICP104")
    assert en.message == "ID valid until '12/05/2031' is not in the expected form"
    assert en.hint == ("An ISO date such as 2030-06-30, or long_term (`长期`); "
                       "more than 3 months after the day you submit.")
    zh = only_code(check_text(text, lang="zh"), "ICP104")
    assert zh.hint == "ISO 日期如 2030-06-30，或 long_term（长期）；须晚于提交日 3 个月以上。"


def only_code(findings, code):
    found = [f for f in findings if f.rule == code]
    assert len(found) == 1, [(f.rule, f.message) for f in findings]
    return found[0]


def test_a_mapping_where_a_text_is_written_shows_the_layout_in_each_language() -> None:
    """Origin: issue 22, P13 (the hint sent users to examples/, which an installed package lacks)
    and B16 (`应为 mapping，实际是 list` under zh)."""
    text = apply_example({"base": "app_only", "set": {"/apps/0/sdk": ["微信开放平台SDK"]}})
    en = only_code(check_text(text, lang="en"), "ICP103")
    assert en.message == "Third-party SDKs must be a mapping, not a string"
    assert en.hint == ("Write it as a mapping such as {vendor: …, kind: …, name: …} "
                       "(`icpfile schema` lists every key).")
    assert "examples/" not in en.hint
    zh = only_code(check_text(text, lang="zh"), "ICP103")
    assert zh.message == "“第三方SDK”应为映射，实际是文本"
    version = only_code(check_text(apply_example({"base": "enterprise", "set": {"/version": "1"}}), lang="en"),
                        "ICP103")
    assert version.message == "Format version must be an integer, not a string"


def _moved_one_by_one(moves: list[tuple[str, str]], pointer: str) -> str:
    """Repaired.as_typed's definition, tried move by move (quadratic over a batch of issues)."""
    for moved, as_written in reversed(moves):
        if pointer == moved or pointer.startswith(moved + "/"):
            pointer = as_written + pointer[len(moved):]
    return pointer


def test_repaired_pointers_found_by_prefix_equal_the_move_by_move_definition() -> None:
    """breaker42: as_typed tried every move for every issue (890 KB of scalars for lists: 64 s);
    it now looks up the pointer's prefixes. Both must give the same pointer, nested moves included."""
    import random

    from icpfile.schema.repair import Repaired

    rng = random.Random(7)
    words = ["websites", "0", "1", "access", "ip", "name", "apps"]

    def pointer(depth: int) -> str:
        return "/" + "/".join(rng.choice(words) for _ in range(depth))

    for _ in range(3000):
        moves = []
        for _ in range(rng.randint(0, 6)):
            moved = pointer(rng.randint(1, 4))
            as_written = moved.rsplit("/", 1)[0] if moved.count("/") > 1 and rng.random() < 0.7 else pointer(2)
            moves.append((moved, as_written))
        repaired = Repaired(None, [], moves)
        for _ in range(4):
            asked = pointer(rng.randint(1, 6))
            assert repaired.as_typed(asked) == _moved_one_by_one(moves, asked), (moves, asked)
