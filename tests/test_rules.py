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
from icpfile.data.code_scheme import SCHEME, meaning
from icpfile.data.validate import fields, problems, validate_records
from icpfile.footer.configs import config_issues
from icpfile.footer.page_check import page_issues
from icpfile.footer.snippet import expected

from conftest import ROOT, apply_example, check_text, codes, write_example_files

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
        reported = [(issue.code, issue.pointer) for issue in (
            page_issues(example["html"], want) if "html" in example
            else config_issues(example["config"]["name"], example["config"]["text"], want))]
    else:
        write_example_files(example, tmp_path)
        findings = check_text(apply_example(example), path=str(tmp_path / "draft.yaml"), today=today,
                              platform=example.get("platform", ""))
        reported = [(f.rule, f.pointer) for f in findings]
        levels = {f.severity.value for f in findings if f.rule == code}
        if "severity" in example and levels:  # severity by evidence (severity_by), #18
            assert levels == {example["severity"]}, f"{code} example {index}: severity {levels}"
    found = [c for c, _ in reported]
    if example["expect"] == "fail":
        assert code in found, f"{code} example {index} should fail; findings: {found}"
        pointers = [pointer for c, pointer in reported if c == code]
        if "at" in example:  # where it reports, as yamllint's problem=(line, col) and sqlfluff's violations:
            wanted = {example["at"]} if isinstance(example["at"], str) else set(example["at"])
            assert set(pointers) == wanted, f"{code} example {index} reports at {pointers}, not {sorted(wanted)}"
        if "count" in example:
            assert len(pointers) == example["count"], f"{code} example {index} reports {len(pointers)} times"
    else:
        assert code not in found, f"{code} example {index} should pass; findings: {found}"


def test_an_example_pins_where_it_reports(tmp_path: Path) -> None:
    """The negative control of `at:`/`count:` (#17.4): a wrong pointer or count fails the example."""
    example = {"expect": "fail", "base": "enterprise", "set": {"/websites/0/name": "云栖"}}
    test_rule_example("ICP201", 0, {**example, "at": "/websites/0/name", "count": 1}, tmp_path)
    with pytest.raises(AssertionError, match="reports at"):
        test_rule_example("ICP201", 0, {**example, "at": "/subject/name"}, tmp_path)
    with pytest.raises(AssertionError, match="reports 1 times"):
        test_rule_example("ICP201", 0, {**example, "count": 2}, tmp_path)


def test_a_pass_example_pins_nothing() -> None:
    with pytest.raises(ValueError, match="/rules/0/examples/0"):
        validate_records({"rules": [{**_good_record(), "examples": [{"expect": "pass", "base": "x", "at": "/a"}]}]})


def _good_record() -> dict:
    return {"code": "ICP999", "name": "x", "severity": "error", "source": "指南 1",
            "summary": {"zh": "x", "en": "x"}, "rationale": {"zh": "x", "en": "x"},
            "message": {"zh": "x", "en": "x"}, "hint": {"zh": "x", "en": "x"}, "examples": []}


@pytest.mark.parametrize("file", record_files())
def test_every_record_file_matches_the_record_schema(file: str) -> None:
    data = yaml.safe_load((PACKAGE_DIR / file).read_text(encoding="utf-8"))
    assert problems(data, "record.schema.json") == []


def test_a_bad_record_is_refused_at_parse() -> None:
    """The negative control: a record missing its English message is named with its place."""
    bad = {"rules": [{"code": "ICP999", "name": "x", "severity": "fatal", "basis": "stated",
                      "source": "指南 1",
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


def test_each_code_is_where_its_prefix_says() -> None:
    """The code scheme (#17.4): `--select ICP5` selects the services' rules and nothing else."""
    for code, rule in rules().items():
        entry = meaning(code)
        assert entry is not None and rule.file in entry[1], (code, rule.file, entry)
    for prefix, files, *_ in SCHEME:  # a sub-prefix narrows its prefix, never widens it
        parent = meaning(prefix[:4])
        assert parent is not None and set(files) <= set(parent[1]), prefix


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
    real = packs.read_data

    def patched(name: str):
        return yaml.safe_load("\n".join(edited)) if name == "provinces.yaml" else real(name)

    monkeypatch.setattr(packs, "read_data", patched)
    from icpfile import engine
    from icpfile.options import Options

    result = engine.check_bytes(draft.encode(), "d.yaml", Options(today=dt.date(2026, 11, 29)), packs.Packs())
    assert "ICP215" in codes(result.report.findings)


def test_the_code_scheme_is_written_down() -> None:
    """CONTRIBUTING.md's table is data/code_scheme.py's, row by row (#17.4)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for prefix, files, en, _ in SCHEME:
        row = next((line for line in text.splitlines() if f"`{prefix}x" in line), "")
        assert en in row and all(f"`{file}`" in row for file in files), prefix


VARIANT_EXAMPLES = [
    pytest.param(rule.code, i, example, id=f"{rule.code}-{i}-{example['message']}")
    for rule in rules().values()
    for i, example in enumerate(rule.examples)
    if example.get("message")
]


def _as_pattern(template: str) -> re.Pattern[str]:
    """A message template as a pattern its findings match: each `{field}` any non-empty text."""
    parts = re.split(r"\{[A-Za-z_][A-Za-z0-9_]*\}", template)
    return re.compile(".+?".join(re.escape(part) for part in parts))


@pytest.mark.parametrize(("code", "index", "example"), VARIANT_EXAMPLES)
def test_an_example_gives_the_message_variant_it_names(code: str, index: int, example: dict, tmp_path: Path) -> None:
    """Message variants (#18, record `messages:`): a fail example names the variant it gives; its
    finding reads as that variant's text, in both languages, with every field filled."""
    rule = rules()[code]
    today = dt.date.fromisoformat(example["today"]) if "today" in example else dt.date(2026, 11, 29)
    for lang in LANGS:
        template = (rule.messages[example["message"]] if example["message"] != "default" else rule.message)[lang]
        write_example_files(example, tmp_path)
        found = check_text(apply_example(example), path=str(tmp_path / "draft.yaml"), lang=lang, today=today)
        messages = [f.message for f in found if f.rule == code]
        assert messages, f"{code} example {index} gives no finding under {lang}"
        for message in messages:
            assert _as_pattern(template).match(message), (code, index, lang, message, template)
            assert not UNFILLED.findall(message), (code, lang, message)
            # Another text it also reads as; a text with a field this one lacks (a catch-all default
            # quoting the system's reason) can read as anything and is not asked.
            others = [name for name, text in {"default": rule.message, **rule.messages}.items()
                      if text[lang] != template and _as_pattern(text[lang]).fullmatch(message)
                      and fields(text[lang]) <= fields(template)]
            assert not others, f"{code} example {index}: {message!r} reads as {others} too"


def test_every_message_variant_is_shown_by_an_example() -> None:
    """The negative control of the loader's variant checks (validate.variant_problems)."""
    base = {**_good_record(), "basis": "stated", "messages": {"odd": {"text": {"zh": "x {a}", "en": "x {a}"}}},
            "examples": [{"expect": "fail", "message": "default", "base": "x"}, {"expect": "pass", "base": "x"}]}
    with pytest.raises(ValueError, match="message odd is named by no fail example"):
        validate_records({"rules": [base]})
    with pytest.raises(ValueError, match="names message even"):
        validate_records({"rules": [{**base, "examples": [*base["examples"], {"expect": "fail", "message": "even",
                                                                              "base": "x"}]}]})
    with pytest.raises(ValueError, match="names the one each fail example gives"):
        validate_records({"rules": [{**base, "examples": [*base["examples"], {"expect": "fail", "base": "x"}]}]})
    with pytest.raises(ValueError, match=r"zh fills \['a', 'b'\]"):
        validate_records({"rules": [{**base, "messages": {"odd": {"text": {"zh": "{a}{b}", "en": "{a}"}}}}]})
    with pytest.raises(ValueError, match="'en' is a required property"):
        validate_records({"rules": [{**base, "messages": {"odd": {"text": {"zh": "x"}}}}]})
    good = {**base, "examples": [*base["examples"], {"expect": "fail", "message": "odd", "base": "x"}]}
    validate_records({"rules": [good]})
    with pytest.raises(ValueError, match="message"):
        validate_records({"rules": [{**good, "examples": [*good["examples"],
                                                          {"expect": "pass", "message": "odd", "base": "x"}]}]})
