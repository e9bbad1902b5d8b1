"""The schema editors use agrees with the checker (issue 22, P4).

An editor validates a YAML draft with `icpfile schema` and its own YAML parser, which makes
`mobile: 13800138000` an integer. Every bundled example and every rule example is validated here
by an independent validator (check-jsonschema, in the test extra) against the published schema:
a draft on which `check` reports no schema finding must pass it, and one on which `check`
reports a schema finding must fail it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from icpfile.data.catalog import rules
from icpfile.schema.draft import published_text

from conftest import ROOT, apply_example, check_text, codes

pytestmark = pytest.mark.skipif(shutil.which("check-jsonschema") is None,
                                reason="check-jsonschema is in the test extra")

# What the schema step reports (icpfile/schema/rules.yaml); the loader's ICP0xx mean "not read".
SCHEMA_CODES = {r.code for r in rules().values() if r.file == "schema/rules.yaml"}


def _drafts(folder: Path) -> dict[Path, set[str]]:
    """Every draft to compare, written into `folder`, with the codes `check` reports on it."""
    drafts: dict[Path, set[str]] = {}
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        target = folder / example.name
        shutil.copy(example, target)
        drafts[target] = set(codes(check_text(example.read_bytes(), path=str(target))))
    for rule in rules().values():
        for i, example in enumerate(rule.examples or []):
            if "html" in example or "config" in example:
                continue
            text = apply_example(example)
            found = set(codes(check_text(text, path=str(folder / "draft.yaml"))))
            if any(code.startswith("ICP0") for code in found):
                continue  # not a YAML mapping the validator could read either
            target = folder / f"{rule.code}-{i}.yaml"
            target.write_text(text, encoding="utf-8")
            drafts[target] = found
    return drafts


def _refused(schema: Path, files: list[Path]) -> set[Path]:
    """The files check-jsonschema refuses, from its JSON output (one run for all of them)."""
    run = subprocess.run(
        ["check-jsonschema", "--output-format", "json", "--schemafile", str(schema), *map(str, files)],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode in (0, 1), run.stderr
    report = json.loads(run.stdout)
    assert not report.get("parse_errors"), report["parse_errors"]
    return {Path(error["filename"]) for error in report.get("errors", [])}


def test_published_schema_agrees_with_check(tmp_path: Path) -> None:
    schema = tmp_path / "draft.schema.json"
    schema.write_text(published_text(), encoding="utf-8")
    drafts = _drafts(tmp_path)
    wrong = {p for p, found in drafts.items() if found & SCHEMA_CODES}
    assert len(drafts) > 300 and len(wrong) > 10  # both sides are really exercised
    refused = _refused(schema, list(drafts))
    clean_but_refused = sorted(p.name for p, found in drafts.items() if not found & SCHEMA_CODES and p in refused)
    wrong_but_accepted = sorted(p.name for p, found in drafts.items() if found & SCHEMA_CODES and p not in refused)
    assert clean_but_refused == []
    assert wrong_but_accepted == []


def test_unquoted_numbers_and_dates_are_accepted(tmp_path: Path) -> None:
    """The README's promise: write numbers as you see them (the newcomer's scenario b)."""
    text = (ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8")
    text = text.replace('mobile: "13800138001"', "mobile: 13800138001")
    text = text.replace('emergency_mobile: "13900139001"', "emergency_mobile: 13900139001")
    assert "mobile: 13800138001" in text and "emergency_mobile: 13900139001" in text
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    schema = tmp_path / "draft.schema.json"
    schema.write_text(published_text(), encoding="utf-8")
    assert not {c for c in codes(check_text(text)) if c.startswith(("ICP0", "ICP1"))}
    assert _refused(schema, [draft]) == set()


def test_a_code_field_stays_a_string_code(tmp_path: Path) -> None:
    """The negative control: the published schema still refuses what check refuses."""
    text = (ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8")
    text = text.replace("nature: personal", "nature: 42", 1)
    assert "nature: 42" in text
    draft = tmp_path / "draft.yaml"
    draft.write_text(text, encoding="utf-8")
    schema = tmp_path / "draft.schema.json"
    schema.write_text(published_text(), encoding="utf-8")
    assert "ICP102" in codes(check_text(text))
    assert _refused(schema, [draft]) == {draft}
