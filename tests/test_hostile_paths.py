"""Paths and pointers deeper than any draft (issue 24, B21): a clear finding, never a RecursionError."""

from __future__ import annotations

import csv
from pathlib import Path

from icpfile.load import pointer as jp


def test_nesting_is_counted_without_recursion_and_stops_past_the_limit() -> None:
    deep: object = "x"
    for _ in range(100_000):
        deep = [deep]
    assert jp.nesting(deep) == jp.MAX_PARTS + 1
    assert jp.nesting({"a": [1, {"b": []}]}) == 4 and jp.nesting("x") == 0


def test_flatten_takes_a_5000_deep_copy_in_one_pass() -> None:
    from icpfile.values.approved import differences, flatten

    deep: dict = {}
    node = deep
    for _ in range(5000):
        node["a"] = {}
        node = node["a"]
    node["name"] = "x"
    assert flatten(deep) == {"/a" * 5000 + "/name": "x"}
    assert flatten({"x_note": 1, "b": [{"c": 1}, 2], "d": [1, 2], "e": {}}) == {"/b/0/c": 1, "/b/1": 2, "/d": [1, 2]}
    assert differences({"a": 1, "b": [1, 2]}, {"a": " 1", "b": [1, 2], "c": True}) == ["/a", "/c"]


def test_a_sheet_cell_with_a_5000_part_path_or_a_100000_deep_value_is_a_finding(tmp_path: Path) -> None:
    from icpfile.sheets import snapshot
    from icpfile.sheets.run import import_sheet

    path = ".".join(["name"] + ["a"] * 5000)
    found, bad = snapshot.parse(f"{path}: x\n-{path}\nname: {'[' * 100_000}{']' * 100_000}\nmobile: [[1]]")
    assert len(bad) == 2 and found == [(("name",), "[" * 100_000 + "]" * 100_000), (("mobile",), [[1]])]
    sheet = tmp_path / "deep.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["订单编号", "主办单位名称", "备案时主体信息"])
        writer.writerow(["A-1", "甲公司", f"{path}: x"])
    result = import_sheet(sheet, tmp_path / "drafts", "en")  # was: RecursionError rendering the draft
    [finding] = result.report.findings
    assert finding.rule == "ICP955" and finding.pointer == "C2" and "is not 'field: value'" in finding.message
    assert result.counts["written"] == 1
