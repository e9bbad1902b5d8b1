"""The kinds table (icpfile/data/kinds.yaml) is read by every place a filing kind matters (issue 17.1).

Each test walks every kind of the shipped table, plus two made-up kinds added to a copy of it
(each flag set one way in one and the other way in the other), through one consumer: the generated
draft schema, `icpfile init`, the wizard's questions and sections, the SMS recipients and step, the
number rule, the app rules and the per-order limit. A consumer that kept a list of codes of its own
would miss the made-up kinds and fail here.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from icpfile.checks import apps as app_rules
from icpfile.checks import numbers as number_rules
from icpfile.checks import websites as website_rules
from icpfile.checks.context import Context
from icpfile.data import kinds
from icpfile.data.catalog import read_data
from icpfile.data.packs import builtin
from icpfile.data.sources import key_of, parts
from icpfile.filing import init_draft, process
from icpfile.options import Options

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "draft.schema.json"


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_schema", ROOT / "scripts" / "gen_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()

# Two made-up kinds: every flag one way in the first, the other way in the second.
MADE_UP = [
    {"code": "made_up_one", "zh": "虚构甲", "en": "made-up one", "number": "website", "files": ["apps"],
     "describes": True, "keys": {"/filing/previous_provider": "required", "/x_police": "forbidden"},
     "sms": {"website": ["services"], "subject": ["subject"]}, "limit": True, "one_service": True,
     "approval": True, "init": {"filing": {"previous_provider": "same"}, "parts": ["subject"]}, "source": "指南 1.1"},
    {"code": "made_up_two", "zh": "虚构乙", "en": "made-up two", "number": "none", "files": [],
     "describes": False, "keys": {"/subject": "optional", "/x_police": "required"},
     "sms": ["subject", "services"], "limit": False, "one_service": False,
     "approval": False, "init": {"filing": {}, "parts": ["websites"]}, "source": "指南 1.1"},
]


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> kinds.Table:
    """The shipped table with the made-up kinds added, in the place every consumer reads it from."""
    raw = copy.deepcopy(read_data("kinds.yaml"))
    raw["kinds"] += copy.deepcopy(MADE_UP)
    from icpfile.data.validate import validate_against

    validate_against(raw, "kinds.schema.json", "the test's kinds")
    mine = kinds.parse(raw)
    monkeypatch.setattr(kinds, "table", lambda: mine)
    return mine


def _all(table: kinds.Table) -> list[kinds.Kind]:
    assert {"made_up_one", "made_up_two"} <= set(table.codes())
    return list(table.kinds)


def test_the_schema_file_is_the_generator_s_output() -> None:
    """Edit kinds.yaml, then `python scripts/gen_schema.py`: the file must be what it writes."""
    text = SCHEMA.read_text(encoding="utf-8")
    assert GEN.generate(kinds.table(), text) == text, "run: python scripts/gen_schema.py"
    assert GEN.main(["--check"]) == 0


def test_every_kind_cites_sources_and_materials_name_kinds() -> None:
    table = kinds.table()
    for kind in table.kinds:
        for part in parts(kind.source):
            assert key_of(part) is not None, f"{kind.code}: '{part}' starts with no key of sources.yaml"
    specs = list(read_data("national.yaml")["materials_base"])
    specs += [s for p in read_data("provinces.yaml")["provinces"].values() for s in p.get("materials") or []]
    named = {t for spec in specs for t in spec.get("types") or []}
    assert named and named <= set(table.codes()), named - set(table.codes())


def test_a_code_given_twice_is_refused() -> None:
    raw = copy.deepcopy(read_data("kinds.yaml"))
    raw["kinds"].append(copy.deepcopy(raw["kinds"][0]))
    with pytest.raises(ValueError, match="given twice"):
        kinds.parse(raw)


# -- the schema ------------------------------------------------------------------------------------


def _errors(schema: dict[str, Any], draft: dict[str, Any]) -> list[tuple[tuple[Any, ...], str, Any]]:
    from jsonschema import Draft202012Validator

    def walk(errors: Any) -> Any:
        for error in errors:
            yield tuple(error.absolute_path), error.validator, error.validator_value
            yield from walk(error.context or [])

    return list(walk(Draft202012Validator(schema).iter_errors(draft)))


def _required(errors: list[tuple[Any, ...]], path: tuple[Any, ...], name: str) -> bool:
    return any(p == path and v == "required" and name in value for p, v, value in errors)


def _forbidden(errors: list[tuple[Any, ...]], path: tuple[Any, ...]) -> bool:
    return any(p == path and v == "not" for p, v, _ in errors)


def test_the_generated_schema_asks_what_each_kind_says(table: kinds.Table) -> None:
    schema = json.loads(GEN.generate(table, SCHEMA.read_text(encoding="utf-8")))
    assert schema["$defs"]["filing"]["properties"]["type"]["enum"] == list(table.codes())
    assert schema["$defs"]["filing"]["properties"]["type"]["enumDescriptions"] == [k.zh for k in table.kinds]
    for kind in _all(table):
        bare = _errors(schema, {"version": 1, "filing": {"type": kind.code}})
        full = _errors(schema, {"version": 1, "filing": {"type": kind.code, "existing_number": "x",
                                                         "previous_provider": "same"},
                                "subject": {}, "x_police": {}, "websites": [{"domain": "a.cn"}],
                                "apps": [{"kind": "mini_program", "name": "甲"}]})
        for pointer, rule in kind.keys.items():
            path = tuple(pointer.strip("/").split("/"))
            assert _required(bare, path[:-1], path[-1]) == (rule == kinds.REQUIRED), (kind.code, pointer)
            assert _forbidden(full, path) == (rule == kinds.FORBIDDEN), (kind.code, pointer)
        assert kind.key(kinds.NUMBER_POINTER) == (kinds.FORBIDDEN if kind.number == "none" else kinds.REQUIRED)
        files_asked = any(p == () and v in ("anyOf", "required") and any(
            "websites" in str(value) or "apps" in str(value) for value in [value]) for p, v, value in bare)
        assert files_asked == bool(kind.files), kind.code
        assert _required(full, ("websites", 0), "content") == kind.describes, kind.code
        assert _required(full, ("apps", 0), "service_content") == kind.describes, kind.code


# -- icpfile init ------------------------------------------------------------------------------------


def test_init_drafts_what_each_kind_says(table: kinds.Table) -> None:
    for kind in _all(table):
        data = init_draft.template(kind.code, "enterprise")
        assert ("existing_number" in data["filing"]) == kind.names_number, kind.code
        for key, value in kind.init_filing.items():
            assert data["filing"][key] == value, kind.code
        assert ("subject" in data) == ("subject" in kind.init_parts), kind.code
        assert ("websites" in data) == ("websites" in kind.init_parts), kind.code
    with pytest.raises(ValueError):
        init_draft.template("no_such_kind", "enterprise")


# -- the wizard --------------------------------------------------------------------------------------


class _Prompter:
    """Takes every default and says no; remembers what it was asked to choose from."""

    def __init__(self) -> None:
        self.selects: list[list[str]] = []

    def select(self, message: str, choices: list[tuple[str, str]], default: str | None = None,
               instruction: str | None = None) -> str:
        self.selects.append([code for code, _ in choices])
        return default or choices[0][0]

    def confirm(self, message: str, default: bool = True, instruction: str | None = None) -> bool:
        return False

    def text(self, message: str, default: str = "", validate: Any = None, instruction: str | None = None,
             completions: list[str] | None = None) -> str:
        return default

    def checkbox(self, *args: Any, **kwargs: Any) -> list[str]:
        return []


def _wizard(tmp_path: Path, data: dict[str, Any], prompter: Any = None) -> Any:
    from icpfile.filing.wizard import Wizard

    wizard = Wizard(tmp_path / "d.yaml", prompter, Options(lang="en", today=dt.date(2026, 12, 1)), lambda _: None)
    wizard.data = data
    return wizard


def test_the_wizard_asks_what_each_kind_needs(table: kinds.Table, tmp_path: Path) -> None:
    from icpfile.filing.questions import sections

    basic = next(s for s in sections() if s.id == "basic")
    by_pointer = {f.pointer or f.lists[0]: f for f in basic.fields}
    repeated = [s for s in sections() if s.repeat]
    for kind in _all(table):
        data = {"version": 1, "filing": {"type": kind.code}, "websites": [], "apps": []}
        for pointer in ("/filing/existing_number", "/filing/previous_provider"):
            asked = by_pointer[pointer].applies(data, {}, "enterprise")
            assert asked == (kind.key(pointer) == kinds.REQUIRED), (kind.code, pointer)
        assert by_pointer["/websites"].applies(data, {}, "enterprise") == bool(kind.files), kind.code
        for section in repeated:
            assert section.applies(data) == kind.files_list(section.repeat.strip("/")), kind.code
        prompter = _Prompter()
        (tmp_path / "d.yaml").write_text(f"version: 1\nfiling: {{type: {kind.code}}}\n", encoding="utf-8")
        wizard = _wizard(tmp_path, {}, prompter)
        wizard.load()
        wizard.session.ask_question(by_pointer["/websites"])
        offered = [p.lstrip("/") for p in prompter.selects[0] if p != "all"] if prompter.selects else []
        assert offered == list(kind.files), kind.code
    unknown = {"version": 1, "filing": {"type": "nonsense"}, "websites": [], "apps": []}
    assert not by_pointer["/filing/existing_number"].applies(unknown, {}, "enterprise")
    assert all(s.applies(unknown) for s in repeated)  # an unknown type: the lists decide


# -- SMS codes ---------------------------------------------------------------------------------------


def test_sms_codes_go_to_whom_each_kind_says(table: kinds.Table, tmp_path: Path) -> None:
    site = [("/websites/0/principal/mobile", "13900000000")]
    for kind in _all(table):
        for scope in list(kind.sms_by_scope) or ["subject"]:
            got = {r.role for r in process.sms_recipients(kind.code, "13800000000", site, scope)}
            wanted = {"subject" if role == "subject" else "website" for role in kind.recipients(scope)}
            assert got == wanted, (kind.code, scope)
        prompter = _Prompter()
        wizard = _wizard(tmp_path, {"version": 1, "filing": {"type": kind.code}}, prompter)
        wizard.state.step = "sms"
        wizard.guide.step()
        asked_scope = bool(prompter.selects) and prompter.selects[0] == list(kind.sms_by_scope)
        assert asked_scope == bool(kind.sms_by_scope), kind.code
    assert process.sms_recipients("nonsense", "13800000000", site) == []


# -- the rules ---------------------------------------------------------------------------------------


def _issues(fn: Any, data: dict[str, Any]) -> list[Any]:
    return list(fn(Context(data, Options(today=dt.date(2026, 12, 1)), builtin())))


def test_the_number_rule_wants_the_number_each_kind_names(table: kinds.Table) -> None:
    for kind in _all(table):
        subject = _issues(number_rules.filing_number_kind,
                          {"filing": {"type": kind.code, "existing_number": "浙ICP备12345678号"}})
        website = _issues(number_rules.filing_number_kind,
                          {"filing": {"type": kind.code, "existing_number": "浙ICP备12345678号-1"}})
        assert (bool(subject), bool(website)) == (kind.number == "website", kind.number == "subject"), kind.code


def test_the_app_rules_follow_one_service_and_approval(table: kinds.Table) -> None:
    for kind in _all(table):
        data = {"filing": {"type": kind.code, "existing_number": "浙ICP备12345678号-1"},
                "apps": [{"kind": "app", "name": "甲"}]}
        assert bool(_issues(app_rules.app_number_kind, data)) == kind.one_service, kind.code
        assert bool(_issues(app_rules.app_after_approval, data)) == kind.approval, kind.code


def test_the_per_order_limit_applies_where_each_kind_says(table: kinds.Table) -> None:
    for kind in _all(table):
        data = {"filing": {"type": kind.code}, "subject": {"nature": "personal", "province": "河南省"},
                "websites": [{"domain": f"a{i}.cn"} for i in range(12)]}
        assert bool(_issues(website_rules.websites_per_order, data)) == kind.limit, kind.code


def test_a_misspelt_type_is_the_one_finding_not_a_missing_number_too() -> None:
    """walker22: `type: 首次` also drew ICP100 "missing existing_number", which a first filing does
    not have: an order of no known type neither asks for the number nor refuses it."""
    from conftest import apply_example, check_text

    found = check_text(apply_example({"base": "personal", "set": {"/filing/type": "首次"}}))
    assert [(f.rule, f.pointer) for f in found if f.severity.value == "error"] == [("ICP102", "/filing/type")]
