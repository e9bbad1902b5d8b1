"""`icpfile name` builds its Document from the synthetic draft instead of writing it as JSON and
parsing it back (#23: PyYAML's import and parse were most of a run). Both ways must give the same
Document (text, values and their types, positions, text spans, issues) and so the same findings,
for ordinary names and hostile ones."""

from __future__ import annotations

from typing import Any

import pytest

from icpfile import engine
from icpfile.commands import name_check
from icpfile.findings import FileReport
from icpfile.options import Options
from icpfile.records import replace
from icpfile.values.echo import shown

from conftest import TODAY

NAMES = [
    "静夜读书笔记", "云帆科技", "a", "", " ", "个人博客", "某某网", "中国", "国家", "Blog", "test.com", "静夜.cn",
    "静夜\x85读书", "静夜\u2028读书", "静夜\u2029读书", "静\x00夜", "静\x07夜", "静\t夜", "静\n夜", "静\r\n夜",
    "\ufeff静夜", "静夜\ufffe", "静夜\uffff", "静\x7f夜", "静\x9b夜", "静\u200b夜", "静\u202e夜", "e\u0301\u0301\u0301",
    "静" * 300, "读书" * 2000, "#", "静夜 # icpfile: ignore=ICP101", "icpfile: ignore", "# ⚠ Sheet1!A1 ICP101 | x",
    '"quoted"', "back\\slash", "{a: b}", "[1, 2]", "&anchor", "*alias", "!!binary", "---", "...", "- item",
    "true", "null", "123", "0x1F", "静夜\U0001F600", "𠀀𠀁", "ＡＢＣ", "静夜读书笔记工作室", "博客", "论坛",
]


def _typed(value: Any) -> Any:
    """`value` with the type of every node beside it (Plain and str compare equal)."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)


def _old_report(name: str, province: str, nature: str, options: Options, **given: Any) -> FileReport:
    """The report as `check` made it before: the draft as JSON, through the loader."""
    data = name_check.synthetic(name, province, nature, **given)
    result = engine.check_bytes(name_check._json(data).encode("utf-8"), name, options)
    where = name_check._pointer(given.get("kind", "website"))
    found = [replace(f, line=1, column=1) for f in result.report.findings if f.pointer == where]
    return FileReport(shown(name, options.show_pii), found)


@pytest.mark.parametrize("name", NAMES)
def test_the_built_document_is_the_loaded_one(name: str) -> None:
    for nature, kind, subject in (("personal", "website", None), ("enterprise", "app", "静夜科技有限公司"),
                                  ("enterprise", "mini_program", name)):
        data = name_check.synthetic(name, "上海市", nature, kind=kind, subject=subject)
        built = name_check.document(data, name)
        loaded = engine.load_bytes(name_check._json(data).encode("utf-8"), name)
        assert built.text == loaded.text
        assert _typed(built.data) == _typed(loaded.data)
        assert (built.values, built.keys, built.text_spans, built.issues) == (
            loaded.values, loaded.keys, loaded.text_spans, loaded.issues)
        assert built == loaded


@pytest.mark.parametrize("name", NAMES)
def test_the_findings_are_those_of_the_loaded_draft(name: str) -> None:
    for lang, province, nature, given in (("zh", "上海市", "personal", {}),
                                         ("en", "浙江省", "enterprise", {"provider": "aliyun"}),
                                         ("zh", "北京市", "enterprise", {"kind": "app"})):
        options = Options(lang=lang, today=TODAY)
        try:
            old = _old_report(name, province, nature, options, **given)
        except name_check.NameCheckError:
            continue
        new = name_check.check(name, province, nature, options, **given)
        assert new == old
        assert [f.to_dict() for f in new.findings] == [f.to_dict() for f in old.findings]


def test_a_name_past_the_loaders_limits_is_refused_as_a_file_would_be() -> None:
    """Past a quarter of the size limit the loader reads the text: it says what is wrong with it."""
    options = Options(lang="en", today=TODAY)
    name = "静" * 300_000
    assert name_check.check(name, "上海市", "personal", options) == _old_report(name, "上海市", "personal", options)
