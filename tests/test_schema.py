"""The schema agrees with draft-format.md, and each kind of schema error is worded and located."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from icpfile.schema import draft as sch

from conftest import ROOT, SHARED, check_text, dump, only


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


@pytest.mark.skipif(not (SHARED / "design" / "draft-format.md").exists(), reason="shared/ not beside the project")
def test_schema_codes_and_labels_agree_with_draft_format() -> None:
    """Every code and its Chinese label in the schema appears in draft-format.md, and vice versa."""
    doc = (SHARED / "design" / "draft-format.md").read_text(encoding="utf-8")

    def walk(node: object):
        if isinstance(node, dict):
            if "enumDescriptions" in node:
                yield from zip(node["enum"], node["enumDescriptions"])
            for sub in node.values():
                yield from walk(sub)
        elif isinstance(node, list):
            for sub in node:
                yield from walk(sub)

    pairs = set(walk(sch.schema()))
    for code, label in pairs:
        assert code in doc, f"{code} is not in draft-format.md"
        assert label in doc or label == "原备案在本接入商", f"{label} ({code}) is not in draft-format.md"
    listed = re.findall(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+) ([\u4e00-\u9fff（）]+)", doc)
    schema_codes = {c for c, _ in pairs}
    for code, _ in listed:
        if code not in {"same_as_subject", "existing_number", "previous_provider", "id_expiry", "long_term"}:
            assert code in schema_codes, f"draft-format.md code {code} is not in the schema"


def test_icpfile_schema_prints_the_file() -> None:
    """`icpfile schema` prints the shipped file byte for byte (not a re-serialised copy)."""
    from typer.testing import CliRunner

    from icpfile.cli import app

    printed = CliRunner().invoke(app, ["schema"]).stdout
    assert printed == (ROOT / "schemas" / "draft.schema.json").read_text(encoding="utf-8")
    assert json.loads(printed)["$defs"]["person"]["title"] == "负责人"


def test_missing_field_is_named_and_placed_at_the_parent(base: dict) -> None:
    del base["subject"]["mailing_address"]
    finding = only(check_text(dump(base)), "ICP100")
    assert finding.pointer == "/subject/mailing_address"
    assert "通信地址" in finding.message and "mailing_address" in finding.message
    assert finding.line == 4  # the `subject:` key


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
    finding = only(check_text(dump(base)), "ICP102")
    assert "comprehensive_portal（综合门户）" in finding.hint


def test_misspelt_code_gets_the_closest(base: dict) -> None:
    base["subject"]["certificate"]["type"] = "business_licence"
    finding = only(check_text(dump(base)), "ICP102")
    assert "did you mean business_license?" in finding.hint


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
    finding = only(check_text(dump(base)), "ICP102")
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
    from icpfile.rules.catalog import rules

    from conftest import apply_example

    for rule in rules().values():
        for example in rule.examples:
            if "html" not in example:
                yield apply_example(example)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        yield path.read_text(encoding="utf-8")


def test_fast_and_full_validators_agree() -> None:
    """jsonschema-rs says valid exactly when jsonschema finds no error, on every example draft."""
    from icpfile import engine
    from icpfile.load import typed as typing_pass

    fast = sch.fast_validator()
    assert fast is not None
    checked = 0
    for text in _every_example_draft():
        doc = engine.load_bytes(text.encode("utf-8"), "d.yaml")
        if doc.data is None:
            continue
        data = typing_pass.apply(doc.data)
        assert fast.is_valid(data) == (not list(sch.validator().iter_errors(data))), text
        checked += 1
    assert checked > 100
