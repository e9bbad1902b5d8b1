"""The schema agrees with draft-format.md, and each kind of schema error is worded and located."""

from __future__ import annotations

import json
import re

from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from icpfile import engine
from icpfile.cli import app
from icpfile.schema import draft as sch

from conftest import (
    ROOT,
    apply_example,
    check_text,
    dump,
    example_base,
    only,
    read_data,
)


def test_schema_is_valid_2020_12() -> None:
    Draft202012Validator.check_schema(sch.schema())
    assert sch.schema()["$schema"].endswith("2020-12/schema")


def test_every_property_has_a_chinese_title_and_description() -> None:
    missing: list[str] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                target = sch.deref(sub)
                if sub in (True, False) or "not" in sub:
                    continue
                if not (sub.get("title") or target.get("title")) or not (
                    sub.get("description") or target.get("description")
                ):
                    missing.append(f"{where}/{name}")
                elif not re.search(r"[\u4e00-\u9fff]", sub.get("title") or target.get("title")):
                    missing.append(f"{where}/{name} (title not Chinese)")
            for key, sub in node.items():
                if key not in ("allOf", "if", "then", "else"):  # conditions restate, not define
                    walk(sub, f"{where}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{where}/{i}")

    walk(sch.schema(), "")
    assert not missing, missing


def test_every_enum_has_a_label_per_code() -> None:
    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "enum" in node and "enumDescriptions" in node:
                assert len(node["enum"]) == len(node["enumDescriptions"]), node["enum"]
            elif "enum" in node:
                assert node is sch.schema()["$defs"]["subject"]["properties"]["province"], node["enum"]
            for key, sub in node.items():
                if key not in ("allOf", "if", "then", "else"):
                    walk(sub)
        elif isinstance(node, list):
            for sub in node:
                walk(sub)

    walk(sch.schema())


# A code and its label as docs/draft-format.md writes them: `code` 标签 (a label begins with a
# Chinese character or a capital, or is iOS; it runs to a space, a separator or a bracket).
_DOC_PAIR = re.compile(r"`([a-z][A-Za-z0-9_-]*)` ((?:[\u4e00-\u9fffA-Z]|iOS)[^\s·|;,`(]*)")


def _schema_pairs() -> set[tuple[str, str]]:
    def walk(node: object):
        if isinstance(node, dict):
            if "enumDescriptions" in node:
                yield from zip(node["enum"], node["enumDescriptions"])
            for sub in node.values():
                yield from walk(sub)
        elif isinstance(node, list):
            for sub in node:
                yield from walk(sub)

    return set(walk(sch.schema()))


def test_schema_codes_and_labels_agree_with_draft_format() -> None:
    """Every code of the schema is written in docs/draft-format.md as `code` 标签 with its label,
    and every code written so in the page is a code of the schema with that label."""
    doc = (ROOT / "docs" / "draft-format.md").read_text(encoding="utf-8")
    pairs = _schema_pairs()
    written = set(_DOC_PAIR.findall(doc))
    assert pairs - written == set(), "codes of the schema not in docs/draft-format.md"
    assert written - pairs == set(), "codes in docs/draft-format.md not in the schema (or with another label)"


def test_the_page_pair_reader_sees_a_wrong_label() -> None:
    """The negative control of the test above: a changed label or an unknown code is seen."""
    assert _DOC_PAIR.findall("`app` APP · `mini_program` 小程序 · `x_y` 未知。") == [
        ("app", "APP"), ("mini_program", "小程序"), ("x_y", "未知。")]
    assert ("mini_program", "小程序") in _schema_pairs()
    assert ("x_y", "未知。") not in _schema_pairs()


def test_icpfile_schema_prints_the_editors_schema() -> None:
    """`icpfile schema` prints the shipped file with typed scalars admitted (issue 22, P4): the
    same keys, titles and codes, and a free-text field also takes an integer."""


    printed = CliRunner().invoke(app, ["schema"]).stdout
    shipped = json.loads((ROOT / "schemas" / "draft.schema.json").read_text(encoding="utf-8"))
    published = json.loads(printed)
    assert published.keys() == shipped.keys() and published["$defs"].keys() == shipped["$defs"].keys()
    mobile = published["$defs"]["person"]["properties"]["mobile"]
    assert shipped["$defs"]["person"]["properties"]["mobile"]["type"] == "string"
    assert mobile["type"] == ["string", "integer"]
    nature = published["$defs"]["subject"]["properties"]["nature"]
    assert "integer" not in nature.get("type", "string")  # a code stays a string code
    assert json.loads(printed)["$defs"]["person"]["title"] == "负责人"


def test_missing_field_is_named_and_placed_at_the_parent(base: dict) -> None:
    del base["subject"]["mailing_address"]
    finding = only(check_text(dump(base)), "ICP100")
    assert finding.pointer == "/subject/mailing_address"
    assert "Mailing address" in finding.message and "mailing_address" in finding.message
    assert "通信地址" not in finding.message  # the field's English title under en (#22 P7)
    assert finding.line == 4  # the `subject:` key
    zh = only(check_text(dump(base), lang="zh"), "ICP100")
    assert "通信地址" in zh.message and "Mailing address" not in zh.message


def test_unknown_key_suggests_the_closest(base: dict) -> None:
    site = base["websites"][0]
    site["domian"] = site.pop("domain")
    findings = check_text(dump(base))
    finding = only(findings, "ICP101")
    assert finding.pointer == "/websites/0/domian"
    assert "did you mean domain?" in finding.hint
    text = dump(base)
    line, column = next((i, t.index("domian") + 1) for i, t in enumerate(text.splitlines(), 1) if "domian" in t)
    assert (finding.line, finding.column) == (line, column)
    assert only(findings, "ICP100").pointer == "/websites/0/domain"


def test_x_keys_are_allowed(base: dict) -> None:
    base["x_notes"] = {"anything": [1, 2]}
    base["subject"]["x_sales"] = "张三负责"
    assert not [f for f in check_text(dump(base)) if f.severity.value == "error"]


def test_chinese_label_where_a_code_belongs(base: dict) -> None:
    base["subject"]["nature"] = "企业"
    finding = only(check_text(dump(base), lang="zh"), "ICP102")
    assert finding.pointer == "/subject/nature"
    assert "enterprise" in finding.hint and "企业" in finding.hint


def test_bad_code_lists_codes_with_labels(base: dict) -> None:
    base["websites"][0]["content"] = "portal"
    finding = only(check_text(dump(base), lang="zh"), "ICP102")
    assert "comprehensive_portal（综合门户）" in finding.hint
    english = only(check_text(dump(base)), "ICP102")  # the codes alone under en: the labels are Chinese
    assert "comprehensive_portal, unit_portal" in english.hint and "综合门户" not in english.hint


def test_misspelt_code_gets_the_closest(base: dict) -> None:
    base["subject"]["certificate"]["type"] = "business_licence"
    finding = only(check_text(dump(base)), "ICP102")
    assert "did you mean business_license?" in finding.hint


def test_a_list_of_codes_reads_as_jsonschema_reads_it(base: dict, monkeypatch) -> None:
    """draft._items decides a list of codes by set membership and sends one error up the tree for all
    its bad codes (#24: 95,000 of them took seconds); every finding must be the one jsonschema's own
    `items` gives: bad, misspelt, Chinese-label, blank, duplicate, non-text and null items."""
    site = base["websites"][0]
    site["languages"] = ["x1", "x1", 5, "", " ", "zh-Hans", "zh-Hans", None, "en", "中文简体", "EN", "zh-hans",
                         True, ["a"], {"a": "b"}, "英语", "x1"]
    text = dump(base)
    for lang in ("en", "zh"):
        shortcut = [f.to_dict() for f in check_text(text, lang=lang)]
        monkeypatch.setattr(sch, "validator", lambda: Draft202012Validator(sch.schema()))
        plain = [f.to_dict() for f in check_text(text, lang=lang)]
        monkeypatch.undo()
        assert shortcut == plain
        assert sum(f["rule"] == "ICP102" for f in shortcut) >= 8


def test_wrong_type(base: dict) -> None:
    base["websites"] = {"name": "x"}
    finding = only(check_text(dump(base)), "ICP103")
    assert finding.pointer == "/websites"
    assert "must be a list, not a mapping" in finding.message


def test_existing_number_forbidden_for_first_filing(base: dict) -> None:
    base["filing"]["existing_number"] = "浙ICP备12345678号"
    finding = only(check_text(dump(base)), "ICP105")
    assert finding.pointer == "/filing/existing_number"
    assert finding.line == 4


def test_existing_number_required_otherwise(base: dict) -> None:
    base["filing"]["type"] = "change"
    finding = only(check_text(dump(base)), "ICP100")
    assert finding.pointer == "/filing/existing_number"


def test_previous_provider_only_for_new_website(base: dict) -> None:
    base["filing"].update(type="new_website", existing_number="浙ICP备12345678号")
    assert only(check_text(dump(base)), "ICP100").pointer == "/filing/previous_provider"
    base["filing"].update(type="change", previous_provider="same")
    assert only(check_text(dump(base)), "ICP105").pointer == "/filing/previous_provider"


def test_deregister_subject_needs_no_websites(base: dict) -> None:
    base["filing"].update(type="deregister_subject", existing_number="浙ICP备12345678号")
    del base["websites"]
    assert not [f for f in check_text(dump(base)) if f.rule.startswith("ICP1")]


def test_website_principal_string_other_than_same_as_subject(base: dict) -> None:
    base["websites"][0]["principal"] = "same"
    finding = only(check_text(dump(base), lang="zh"), "ICP102")
    assert "same_as_subject（复用主体负责人）" in finding.hint


def test_website_principal_person_errors_are_inside_it(base: dict) -> None:
    base["websites"][0]["principal"] = {"name": "赵六"}
    found = [f for f in check_text(dump(base)) if f.rule == "ICP100"]
    assert {f.pointer for f in found} >= {"/websites/0/principal/id_number", "/websites/0/principal/mobile"}


def test_id_expiry_form(base: dict) -> None:
    base["subject"]["principal"]["id_expiry"] = "2035/06/30"
    finding = only(check_text(dump(base)), "ICP104")
    assert "long_term" in finding.hint


def test_all_problems_are_reported_sorted_by_line(base: dict) -> None:
    base["subject"]["nature"] = "company"
    base["websites"][0]["content"] = "portal"
    base["x_ok"] = 1
    base["extra"] = 2
    findings = [f for f in check_text(dump(base)) if f.severity.value == "error"]
    assert len(findings) >= 3
    assert [f.line for f in findings] == sorted(f.line for f in findings)


def _every_example_draft():
    from icpfile.data.catalog import rules


    for rule in rules().values():
        for example in rule.examples:
            if "html" not in example and "config" not in example:
                yield apply_example(example)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        yield path.read_text(encoding="utf-8")


def _every_example_data():
    """(typed data, text) of every example draft that loads."""
    from icpfile.schema import typed as typing_pass

    for text in _every_example_draft():
        doc = engine.load_bytes(text.encode("utf-8"), "d.yaml")
        if doc.data is not None:
            yield typing_pass.apply(doc.data), text


def test_fast_and_full_validators_agree() -> None:
    """jsonschema-rs says valid exactly when jsonschema finds no error, on every example draft."""
    fast = sch.fast_validator()
    assert fast is not None
    checked = 0
    for data, text in _every_example_data():
        assert fast.is_valid(data) == (not list(sch.validator().iter_errors(data))), text
        checked += 1
    assert checked > 100


def test_an_order_of_apps_alone_is_valid() -> None:
    for name in ("app_only", "mini_program", "enterprise_app"):
        assert not [f for f in check_text(dump(read_data("example_bases.yaml")[name])) if f.rule.startswith("ICP1")]


def test_an_order_with_neither_websites_nor_apps_names_both(base: dict) -> None:
    del base["websites"]
    finding = only(check_text(dump(base), lang="zh"), "ICP100")
    assert finding.pointer == "/websites"
    assert "websites / apps" in finding.message and "APP、小程序、快应用" in finding.message


def test_an_app_without_platforms_and_a_mini_program_with_them() -> None:
    draft = read_data("example_bases.yaml")["app_only"]
    app = draft["apps"][0]
    platforms = app.pop("platforms")
    assert only(check_text(dump(draft)), "ICP100").pointer == "/apps/0/platforms"
    app.update(kind="mini_program", host="wechat", app_id="wx1a2b3c4d5e6f7a8b", platforms=platforms)
    found = {f.pointer for f in check_text(dump(draft)) if f.rule == "ICP108"}
    assert found == {"/apps/0/platforms", "/apps/0/domains", "/apps/0/access"}


def test_an_app_may_not_carry_a_mini_program_s_keys() -> None:
    draft = read_data("example_bases.yaml")["app_only"]
    draft["apps"][0]["app_id"] = "wx1a2b3c4d5e6f7a8b"
    finding = only(check_text(dump(draft), lang="zh"), "ICP108")
    assert finding.pointer == "/apps/0/app_id" and "小程序AppID" in finding.message and "app" in finding.message


def test_a_platform_names_its_missing_signature_in_chinese() -> None:
    draft = read_data("example_bases.yaml")["app_only"]
    del draft["apps"][0]["platforms"][1]["signature"]
    finding = only(check_text(dump(draft), lang="zh"), "ICP100")
    assert finding.pointer == "/apps/0/platforms/1/signature" and "签名MD5值" in finding.message


def test_provider_code_with_label() -> None:
    draft = read_data("example_bases.yaml")["enterprise"]
    draft["filing"]["provider"] = "华为云"
    finding = only(check_text(dump(draft), lang="zh"), "ICP102")
    assert "huawei" in finding.hint


def test_an_empty_value_is_one_finding_named_by_its_label_with_a_fitting_hint(base: dict) -> None:
    base["subject"]["province"] = ""
    base["subject"]["principal"]["name"] = ""
    base["subject"]["principal"]["phone2"] = ""
    base["websites"][0]["access"]["ip"] = [""]
    findings = check_text(dump(base))
    by_pointer = {f.pointer: f for f in findings}
    assert len(by_pointer) == len(findings)  # one finding per place: no ICP520 "'' is not a public IP"
    ip = by_pointer["/websites/0/access/ip/0"]
    assert (ip.rule, ip.message) == ("ICP106", "IP addresses (websites/0/access/ip) is empty")
    province = by_pointer["/subject/province"]
    assert (province.rule, province.message) == ("ICP106", "Province is empty")
    for required in (ip, province, by_pointer["/subject/principal/name"]):
        assert required.hint == "Fill it in."
    assert by_pointer["/subject/principal/phone2"].hint == "Fill it in."  # a unit's principal needs one (ICP402)
    del base["subject"]["principal"]["phone2"]
    base["subject"]["nature"] = "personal"
    base["subject"]["principal"]["phone2"] = ""
    found = [f for f in check_text(dump(base)) if f.pointer == "/subject/principal/phone2"]
    assert len(found) == 1 and "remove the line" in found[0].hint  # optional for a person


def test_a_4301_digit_version_is_a_finding_not_a_crash() -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    data = example_base("enterprise")
    text = dump(data).replace("version: 1", "version: " + "9" * 4301)
    findings = check_text(text)
    assert any(f.pointer == "/version" for f in findings)


def _error_keys(errors) -> list[tuple]:
    def one(error) -> tuple:
        more = tuple(getattr(error, "more", None) or ())
        return (tuple(str(p) for p in error.absolute_path), error.validator, error.message, more,
                tuple(sorted(one(sub) for sub in error.context)))

    return sorted(one(e) for e in errors)


def test_the_led_walk_finds_what_the_whole_walk_finds() -> None:
    """`draft.errors` (jsonschema led by jsonschema-rs to where the errors are) gives the same
    errors as jsonschema's whole walk, on every example draft and rule example (issue 24, L18)."""
    compared = 0
    for data, text in _every_example_data():
        whole = list(sch.validator().iter_errors(data))
        assert _error_keys(sch.errors(data)) == _error_keys(whole), text
        compared += bool(whole)
    assert compared > 20


def test_the_led_walk_skips_the_valid_websites(monkeypatch) -> None:
    """1,000 valid websites and one unknown key at the top: jsonschema goes down to the key only,
    not into every website (it walked them all: 0.76 s for 4,551 websites)."""
    base = example_base("enterprise")
    base["websites"] = [dict(base["websites"][0], domain=f"x{i}.example.com") for i in range(1000)]
    base["bogus_key"] = "1"
    from icpfile.schema import typed as typing_pass

    data = typing_pass.apply(json.loads(json.dumps(base)))
    validator_class = type(sch.validator())
    calls = []
    real = validator_class.descend

    def counted(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(validator_class, "descend", counted)
    led = list(sch.errors(data))
    led_calls, calls[:] = len(calls), []
    whole = list(sch.validator().iter_errors(data))
    assert _error_keys(led) == _error_keys(whole)
    assert [e.validator for e in led] == ["additionalProperties"]
    assert led_calls * 50 < len(calls), (led_calls, len(calls))
