"""The coverage map (data/coverage.yaml, #18): valid, in step with docs/coverage.md, naming real codes,
and listing every rule whose error rests on what a source states or a documented refusal."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from icpfile.data.catalog import rules
from icpfile.data.coverage import coverage
from icpfile.data.sources import sources
from icpfile.data.validate import problems

ROOT = Path(__file__).resolve().parent.parent


def _page_module():
    spec = importlib.util.spec_from_file_location("gen_coverage", ROOT / "scripts" / "gen_coverage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_page_is_in_step_with_the_data() -> None:
    page = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert page == _page_module().render(), "docs/coverage.md is stale: run python scripts/gen_coverage.py"


def test_every_code_exists_and_every_source_is_a_key() -> None:
    known = rules()
    keys = sources()
    for entry in coverage():
        assert entry.source in keys, f"coverage.yaml: {entry.source} is no key of sources.yaml"
        for statement in entry.statements:
            for code in statement.codes:
                assert code in known, f"coverage.yaml ({entry.source}, {statement.at}): {code} is no rule"


def test_each_source_is_listed_once() -> None:
    listed = [entry.source for entry in coverage()]
    assert len(listed) == len(set(listed)), sorted(k for k in listed if listed.count(k) > 1)


def test_every_stated_or_refused_rule_is_listed() -> None:
    listed = {code for entry in coverage() for statement in entry.statements for code in statement.codes}
    missing = [code for code, rule in rules().items() if rule.basis in ("stated", "refusal") and code not in listed]
    assert not missing, f"rules with a stated or refusal basis that coverage.yaml lists nowhere: {missing}"


def test_the_schema_refuses_a_statement_with_neither_or_both() -> None:
    def doc(statement: dict) -> dict:
        return {"sources": [{"source": "K", "read": "whole", "read_on": "2026-12-04", "statements": [statement]}]}

    good = {"at": "二（一）", "says": "one line"}
    assert problems(doc({**good, "codes": ["ICP350"]}), "coverage.schema.json") == []
    assert problems(doc({**good, "not_checked": "a photo"}), "coverage.schema.json") == []
    assert problems(doc(good), "coverage.schema.json")
    assert problems(doc({**good, "codes": ["ICP350"], "not_checked": "x"}), "coverage.schema.json")
    assert problems(doc({**good, "codes": ["ICP35"]}), "coverage.schema.json")
    assert problems(doc({**good, "says": "two\nlines", "codes": ["ICP350"]}), "coverage.schema.json")
    part = {"sources": [{"source": "K", "read": "part", "statements": [{**good, "codes": ["ICP350"]}]}]}
    assert problems(part, "coverage.schema.json"), "a source read in part must say which part"
    undated = {"sources": [{"source": "K", "read": "whole", "statements": [{**good, "codes": ["ICP350"]}]}]}
    assert problems(undated, "coverage.schema.json"), "a source read whole must say when (read_on)"


def test_a_whole_source_counts_its_unchecked_statements() -> None:
    page = _page_module().render()
    whole = [entry for entry in coverage() if entry.read == "whole"]
    assert whole, "at least one source is read end to end"
    for entry in whole:
        assert f"Checked: {entry.checked} of {len(entry.statements)}" in page


def test_a_gap_is_a_reason_that_names_a_miss() -> None:
    def doc(statement: dict) -> dict:
        return {"sources": [{"source": "K", "read": "whole", "read_on": "2026-12-04", "statements": [statement]}]}

    good = {"at": "附录二", "says": "no idiom as a personal site's name"}
    gap = {**good, "gap": True, "not_checked": "a list of idioms would check it"}
    assert problems(doc(gap), "coverage.schema.json") == []
    assert problems(doc({**good, "gap": True, "codes": ["ICP212"]}), "coverage.schema.json"), "a gap has no code"
    assert problems(doc({**good, "gap": True}), "coverage.schema.json"), "a gap says what a rule would compare"
    assert problems(doc({**good, "gap": False, "not_checked": "x"}), "coverage.schema.json"), "gap is true or absent"


def test_gaps_show_on_the_page_and_in_the_count() -> None:
    page = _page_module().render()
    gaps = [st for entry in coverage() for st in entry.statements if st.gap]
    assert gaps, "the guide read end to end leaves statements no rule checks yet"
    for st in gaps:
        assert not st.codes and st.not_checked
        assert f"**gap**, no rule yet: {st.not_checked}" in page
    assert f"| all | | | {sum(len(e.statements) for e in coverage())} |" in page
    assert page.count("**gap**") == len(gaps)


@pytest.mark.parametrize("key", ["指南", "TXM"])
def test_a_source_read_whole_maps_every_rule_that_cites_it(key: str) -> None:
    """The guide and Tencent's per-province page are read end to end: each rule that says it states
    what the source says is mapped in that source's own block."""
    entry = next(entry for entry in coverage() if entry.source == key)
    assert entry.read == "whole" and entry.read_on
    mapped = {code for st in entry.statements for code in st.codes}
    citing = {code for code, rule in rules().items() if rule.basis == "stated" and key in str(rule.source)}
    assert citing, f"no rule cites {key}"
    assert citing <= mapped, sorted(citing - mapped)
