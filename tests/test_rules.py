"""Every rule record is complete, has a function where it needs one, and its examples hold."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from icpfile.checks import load_all
from icpfile.data import packs
from icpfile.data.catalog import LANGS, PACKAGE_DIR, record_files, rules
from icpfile.data.validate import problems, validate_records
from icpfile.footer.configs import config_issues
from icpfile.footer.page_check import page_issues
from icpfile.footer.snippet import expected

from conftest import apply_example, check_text, codes, write_example_files

RECORDS = [{"code": r.code, "examples": r.examples} for r in rules().values()]
UNFILLED = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
EXAMPLES = [
    pytest.param(rule["code"], i, example, id=f"{rule['code']}-{i}-{example['expect']}")
    for rule in RECORDS
    for i, example in enumerate(rule.get("examples") or [])
]


@pytest.mark.parametrize(("code", "index", "example"), EXAMPLES)
def test_rule_example(code: str, index: int, example: dict, tmp_path: Path) -> None:
    today = dt.date.fromisoformat(example["today"]) if "today" in example else dt.date(2026, 11, 29)
    if "html" in example or "config" in example:
        want = expected(example["number"], holder=example.get("holder", ""), police=example.get("police"))
        found = [issue.code for issue in (
            page_issues(example["html"], want) if "html" in example
            else config_issues(example["config"]["name"], example["config"]["text"], want))]
    else:
        write_example_files(example, tmp_path)
        found = codes(check_text(apply_example(example), path=str(tmp_path / "draft.yaml"), today=today,
                                 platform=example.get("platform", "")))
    if example["expect"] == "fail":
        assert code in found, f"{code} example {index} should fail; findings: {found}"
    else:
        assert code not in found, f"{code} example {index} should pass; findings: {found}"


@pytest.mark.parametrize("file", record_files())
def test_every_record_file_matches_the_record_schema(file: str) -> None:
    data = yaml.safe_load((PACKAGE_DIR / file).read_text(encoding="utf-8"))
    assert problems(data, "record.schema.json") == []


def test_a_bad_record_is_refused_at_parse() -> None:
    """The negative control: a record missing its English message is named with its place."""
    bad = {"rules": [{"code": "ICP999", "name": "x", "severity": "fatal", "group": "x", "source": "指南 1",
                      "summary": {"zh": "x", "en": "x"}, "rationale": {"zh": "x", "en": "x"},
                      "message": {"zh": "x"}, "hint": {"zh": "x", "en": "x"}, "examples": []}]}
    with pytest.raises(ValueError, match=r"/rules/0/message: 'en' is a required property"):
        validate_records(bad)
    paths = ["/".join(map(str, path)) for path, _ in problems(bad, "record.schema.json")]
    assert paths == ["rules/0/message", "rules/0/severity"]


def test_each_code_has_one_record_and_each_record_one_function() -> None:
    """A check record's function is in the .py beside its .yaml, under the record's name."""
    registry = load_all()
    for code, rule in rules().items():
        if not rule.check:
            assert code not in registry, code
            continue
        fn = registry[code]
        assert fn.__name__ == rule.function, code
        assert f"icpfile/{rule.file}".removesuffix(".yaml") == fn.__module__.replace(".", "/"), code


def test_rule_functions_and_records_match() -> None:
    registry = load_all()
    needing = {code for code, rule in rules().items() if rule.check}
    assert needing == set(registry), (needing ^ set(registry))


@pytest.mark.parametrize("code", [c for c, r in rules().items() if r.check])
def test_every_rule_has_pass_and_fail_examples(code: str) -> None:
    kinds = {e["expect"] for e in rules()[code].examples}
    assert kinds == {"pass", "fail"}, f"{code} needs a passing and a failing example, has {kinds}"


def test_examples_render_in_both_languages() -> None:
    """A template field that the check never fills would show up as a literal {name}."""
    for record in RECORDS:
        for example in record.get("examples") or []:
            if example["expect"] != "fail" or "html" in example or "config" in example:
                continue
            today = dt.date.fromisoformat(example["today"]) if "today" in example else dt.date(2026, 11, 29)
            for lang in LANGS:
                for f in check_text(apply_example(example), lang=lang, today=today):
                    unfilled = UNFILLED.findall(f.message + f.hint)
                    assert not unfilled, (f.rule, lang, unfilled, f.message, f.hint)


def test_a_new_province_word_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding 书香 to 海南's list is one added line in provinces.yaml, and the rule sees it."""
    draft = apply_example({"base": "personal", "set": {"/subject/province": "海南省",
                                                        "/websites/0/name": "静夜书香笔记"}})
    assert "ICP215" not in codes(check_text(draft))
    original = Path(packs.__file__).parent / "provinces.yaml"
    lines = original.read_text(encoding="utf-8").splitlines()
    at = lines.index("  海南省:")
    edited = [*lines[: at + 1], "    personal_name_banned_words: [书香]", *lines[at + 1 :]]
    assert len(edited) == len(lines) + 1
    real = packs.read_data

    def patched(name: str):
        return yaml.safe_load("\n".join(edited)) if name == "provinces.yaml" else real(name)

    monkeypatch.setattr(packs, "read_data", patched)
    from icpfile import engine
    from icpfile.options import Options

    result = engine.check_bytes(draft.encode(), "d.yaml", Options(today=dt.date(2026, 11, 29)), packs.Packs())
    assert "ICP215" in codes(result.report.findings)
