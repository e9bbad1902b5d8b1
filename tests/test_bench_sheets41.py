"""bench/hostile.py's round-hostile41 sheet shapes (breaker22 L10–L12, breaker23 M1) reach the bound
each is about, at a size a test can afford: the bench measures the real ones (docs/benchmarks.md)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from conftest import ROOT, invoke


def _bench():
    spec = importlib.util.spec_from_file_location("bench_hostile", ROOT / "bench" / "hostile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("make", "said"), [
    (lambda b, tmp: b.SHEETS_41["yardstick: a two-row XLSX"](tmp), "wrote 1 draft(s)"),
    (lambda b, tmp: b._shared_strings(tmp, 500_000), "its shared strings have more than 1000000 XML elements"),
    (lambda b, tmp: b._styles(tmp, 500_001), "its styles have more than 500000 XML elements"),
    (lambda b, tmp: b._big_cell(tmp, 1), "the cell holds 1048576 characters, more than 20000"),
    (lambda b, tmp: b._workbook(tmp, "names", 120_000), "its workbook part (sheet and defined names) unpacks to"),
    (lambda b, tmp: b._workbook(tmp, "sheets", 120_000), "its workbook part (sheet and defined names) unpacks to"),
])
def test_each_sheet_shape_meets_its_bound(tmp_path: Path, monkeypatch, make, said: str) -> None:
    sheet = make(_bench(), tmp_path).rename(tmp_path / "s.xlsx")
    monkeypatch.chdir(tmp_path)
    result = invoke("import", "s.xlsx", "-o", "out", "--lang", "en")
    assert said in " ".join(result.output.split()), result.output
    assert "internal error" not in result.output and sheet.exists()
