"""Evidence on every record: each rule says its basis, and no error rests on inference (#18)."""

from __future__ import annotations

import copy

import pytest
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.data.catalog import rules
from icpfile.data.packs import builtin
from icpfile.data.validate import problems, validate_records


def _record(**changes: object) -> dict:
    text = {"zh": "字", "en": "w"}
    record = {"code": "ICP999", "name": "made-up", "severity": "warning", "basis": "inferred", "group": "names",
              "source": "icpfile", "summary": text, "rationale": text, "message": text, "hint": text,
              "examples": []}
    record.update(changes)
    return {"rules": [record]}


def test_an_inferred_error_is_refused_by_the_record_schema() -> None:
    assert problems(_record(), "record.schema.json") == []
    assert problems(_record(severity="error", basis="stated"), "record.schema.json") == []
    with pytest.raises(ValueError, match=r"record\.schema\.json"):
        validate_records(_record(severity="error"))


def test_a_record_without_basis_or_with_an_unknown_one_is_refused() -> None:
    data = _record()
    del data["rules"][0]["basis"]
    assert problems(data, "record.schema.json")
    assert problems(_record(basis="hearsay"), "record.schema.json")
    assert problems(_record(stated_by=[]), "record.schema.json")


def test_every_shipped_record_has_a_basis_and_no_error_is_inferred() -> None:
    for rule in rules().values():
        assert rule.basis in {"stated", "refusal", "standard", "format", "inferred"}, rule.code
        assert not (rule.severity.value == "error" and rule.basis == "inferred"), rule.code


def test_every_word_entry_has_its_own_basis() -> None:
    words = builtin().name_words
    assert words and all(w["basis"] in {"stated", "refusal", "inferred"} for w in words)
    by_word = {w["word"]: w for w in words}
    assert by_word["博客"]["basis"] == "refusal" and by_word["电影"]["basis"] == "inferred"
    entry = copy.deepcopy(by_word["电影"])
    del entry["basis"]
    assert problems({"words": [entry]}, "name_words.schema.json")


def _cli(*args: str) -> str:
    return CliRunner().invoke(app, list(args)).stdout


def test_rules_command_shows_the_basis_and_who_states_a_single_source_rule() -> None:
    out = _cli("rules", "ICP220", "--lang", "en")
    assert "basis: stated (a source says so)" in out
    assert "stated only by: Tencent Cloud (tencent)" in out
    out = _cli("rules", "ICP704", "--lang", "en")
    assert "basis: inferred" in out and "(severity: warning)" in out
