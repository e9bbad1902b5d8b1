"""Sources that ship: every record's `source` names entries of sources.yaml, listed in docs/sources.md."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from icpfile.data.catalog import rules
from icpfile.data.sources import cited, key_of, parts, sources
from icpfile.data.validate import problems

ROOT = Path(__file__).resolve().parent.parent


def _page_module():
    spec = importlib.util.spec_from_file_location("make_sources", ROOT / "scripts" / "make_sources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("code", sorted(rules()))
def test_every_part_of_a_source_starts_with_a_key(code: str) -> None:
    rule = rules()[code]
    for part in parts(rule.source):
        assert key_of(part) is not None, f"{code} ({rule.file}): '{part}' starts with no key of sources.yaml"
        assert not any(word in part for word in ("domain-facts", "draft-format.md", "cli.md", ".schema.json")), (
            f"{code} cites a file outside the project: {part}"
        )


def test_every_key_is_cited_or_documented_and_the_page_is_in_step() -> None:
    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    for key in sources():
        assert f"\n## {key}\n" in page, f"docs/sources.md lacks {key}"
    assert page == _page_module().render(), "docs/sources.md is stale: run python scripts/make_sources.py"


def test_key_matching_takes_the_longest_key_and_needs_a_boundary() -> None:
    assert key_of("GB 11643-1999 (校验码)") == "GB 11643-1999"
    assert key_of("TXR (全国)") == "TXR"
    assert key_of("TXRX") is None
    assert key_of("domain-facts §1") is None
    assert [s.key for s in cited("指南 2（手机号码）; PN; 指南 5")] == ["指南", "PN"]


def test_a_bad_source_entry_breaks_the_schema() -> None:
    good = {"title": "t", "publisher": "p", "date": "2020-09-21", "supports": "s"}
    assert problems({"sources": {"K": good}}, "sources.schema.json") == []
    assert problems({"sources": {"K": {**good, "date": "last year"}}}, "sources.schema.json")
    assert problems({"sources": {"K": {**good, "url": "http://x"}}}, "sources.schema.json")
    assert problems({"sources": {"A; B": good}}, "sources.schema.json")
    assert problems({"sources": {"K": {"title": "t"}}}, "sources.schema.json")


def test_rules_command_shows_each_cited_sources_title_and_date() -> None:
    import json

    from icpfile.commands.explain import render

    text = render("ICP204", "text", "en")
    assert f"  TXR: {sources()['TXR'].title} ({sources()['TXR'].date})" in text
    assert f"  指南: {sources()['指南'].title} (2020-09-21)" in text
    data = json.loads(render("ICP204", "json", "zh"))
    assert [s["key"] for s in data["sources"]] == ["指南", "TXR", "QC"]
    assert data["sources"][1]["url"].startswith("https://")


def test_rule_data_and_filing_steps_cite_keys_too() -> None:
    """The sources a hint or `status` shows (material lists, the steps after the draft) name keys."""
    from icpfile.data.catalog import read_data
    from icpfile.filing.process import STEPS

    provinces = read_data("provinces.yaml")
    specs = list(read_data("national.yaml")["materials_base"])
    specs += [spec for p in provinces["provinces"].values() for spec in p.get("materials") or []]
    shown = [str(spec["source"]) for spec in specs if "source" in spec] + [step.source for step in STEPS]
    shown.append(read_data("national.yaml")["mobile_source"])
    assert len(shown) > 20
    for source in shown:
        for part in parts(source):
            assert key_of(part) is not None, f"'{part}' starts with no key of sources.yaml"


def _project_page(url: str) -> bool:
    """A page of this project (docs/…), shipped with it: the draft format's and the sheets' own tags."""
    return url.startswith("docs/") and (ROOT / url).is_file()


@pytest.mark.parametrize("code", sorted(rules()))
def test_every_cited_source_can_be_followed_to_a_public_page(code: str) -> None:
    """A user can follow each source a finding shows to a public https page, or to the project's own docs.

    The project's pages (草稿格式, 表格格式) speak only for the draft file itself: a rule that cites
    nothing else must be a `format` rule, never a claim about what a reviewer accepts.
    """
    rule = rules()[code]
    cited_here = cited(rule.source)
    assert cited_here, f"{code} cites no source"
    for source in cited_here:
        assert source.key != "icpfile", f"{code} cites the tag icpfile, which is no public page"
        assert source.url.startswith("https://") or _project_page(source.url), (
            f"{code} cites {source.key}, which has no https url (url: {source.url!r})"
        )
    if all(_project_page(s.url) for s in cited_here):
        assert rule.basis == "format", f"{code} ({rule.basis}) rests only on the project's own pages"


def test_the_project_tag_icpfile_is_gone_and_every_tag_has_a_section() -> None:
    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    assert "icpfile" not in sources()
    missing = [key for key in sources() if f"\n## {key}\n" not in page]
    assert missing == []
    assert all(s.url.startswith("https://") or _project_page(s.url) for s in sources().values())


def test_the_follow_check_fails_on_a_tag_without_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """Negative control: the check above is not vacuous."""
    from icpfile.data import sources as module
    from icpfile.records import replace

    table = dict(sources())
    table["TXR"] = replace(table["TXR"], url="")
    monkeypatch.setattr(module, "sources", lambda: table)
    with pytest.raises(AssertionError, match="has no https url"):
        test_every_cited_source_can_be_followed_to_a_public_page("ICP204")


def _disagreement_section() -> str:
    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    start = page.index("\n## Where the sources disagree\n")
    return page[start : page.index("\n## ", start + 1)]


def test_every_rule_that_carries_a_conflict_is_in_the_disagreement_section() -> None:
    """Rules that speak of sources disagreeing, or read a province's *_conflict data, have a row;
    every code and key the section names exists."""
    import re

    section = _disagreement_section()
    carrying = {
        code
        for code, rule in rules().items()
        if re.search(r"\b(sources|providers) disagree", rule.rationale["en"] + rule.summary["en"])
        or str((rule.applies or {}).get("province", "")).endswith("_conflict")
    }
    assert {"ICP803", "ICP805"} <= carrying
    named = set(re.findall(r"\bICP\d{3}\b", section))
    assert carrying - named == set()
    assert named - set(rules()) == set(), "the section names a rule that does not exist"
    for key in ("TXS", "TX17", "HW", "TX-名", "MIIT-633", "V2F", "HHC", "HMF"):
        assert key in section and key in sources()


def _disagreement_rows() -> list[list[str]]:
    rows = [line.strip().strip("|").split(" | ") for line in _disagreement_section().splitlines()]
    rows = [[cell.strip() for cell in row] for row in rows if len(row) == 3]
    return [row for row in rows if row[0] != "question"]


def test_every_disagreement_names_two_sources_and_what_icpfile_does() -> None:
    """A row is a conflict only if it names two sources by their keys; what icpfile does names a rule."""
    import re

    keys = set(sources())
    rows = _disagreement_rows()
    assert len(rows) >= 28
    for question, said, done in rows:
        named = {k for k in keys if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", said)}
        assert len(named) >= 2, f"'{question}' names fewer than two sources: {sorted(named)}"
        assert re.search(r"\bICP\d{3}\b", done), f"'{question}' does not say which rule carries it"


@pytest.mark.parametrize(
    ("question", "sources_named", "code"),
    [
        ("内蒙古 and 江西", {"JD", "QC", "TX17", "HW", "TXM"}, "ICP314"),
        ("河南 asks for domain certificates", {"QC", "TX17", "TXM"}, "ICP705"),
        ("filed subject can be changed", {"JD", "HW", "TXM"}, "ICP674"),
        ("重庆 unit's domain", {"TXM", "TX-DOM"}, "ICP581"),
        ("福建 unit's domain", {"TXM", "QC", "TX-DOM", "HW"}, "ICP581"),
        ("valid in 上海", {"TXM", "HW", "QC"}, "ICP583"),
        ("山西 unit's principal", {"TXS", "JD", "HW", "RDW", "TXM"}, "ICP801"),
        ("photo limits on the mini-program platforms", {"ALA", "HWA", "WXA"}, "ICP573"),
    ],
)
def test_the_conflicts_found_reading_the_sources_have_rows(question: str, sources_named: set, code: str) -> None:
    """#18: the conflicts met while reading the guide, TXM and the domain notes are each a row."""
    row = next((r for r in _disagreement_rows() if question in r[0]), None)
    assert row is not None, f"no row on {question}"
    assert all(key in row[1] for key in sources_named), (question, sources_named)
    assert code in row[2]


def test_sources_shown_from_rule_data_can_be_followed_too() -> None:
    """The sources a hint, a word list or `status` shows (materials, filing steps, name words,
    providers) lead to a public page as the records' do."""
    from icpfile.data.catalog import read_data
    from icpfile.filing.process import STEPS

    provinces = read_data("provinces.yaml")
    specs = list(read_data("national.yaml")["materials_base"])
    specs += [spec for p in provinces["provinces"].values() for spec in p.get("materials") or []]
    shown = [str(spec["source"]) for spec in specs if "source" in spec] + [step.source for step in STEPS]
    shown += [str(w["source"]) for w in read_data("name_words.yaml")["words"] if "source" in w]
    shown += [str(p["source"]) for p in read_data("providers.yaml")["providers"].values()]
    assert len(shown) > 40
    for source in shown:
        for cited_source in cited(source):
            assert cited_source.key != "icpfile", source
            assert cited_source.url.startswith("https://") or _project_page(cited_source.url), (
                f"{cited_source.key} (shown as '{source}') has no https url"
            )


@pytest.mark.parametrize("code", sorted(c for c, r in rules().items() if r.basis == "inferred"))
def test_an_inferred_rule_says_so_in_its_message(code: str) -> None:
    """A finding that rests on icpfile's own reasoning says so where the user reads it."""
    import re

    message = rules()[code].message
    assert re.search(r"infer|inference|default|no source", message["en"]), f"{code}: {message['en']}"
    assert re.search(r"推断|默认|无来源|没有来源", message["zh"]), f"{code}: {message['zh']}"
