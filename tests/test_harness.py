"""The test harness itself: no skip passes in CI, and tests keep out of the user's cache."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from icpfile.cache import cache_dir

from conftest import ROOT, SHARED

SKIPPING = """
import pytest

@pytest.mark.skipif(True, reason="a sibling folder is missing")
def test_needs_something():
    pass
"""


@pytest.mark.parametrize(("required", "outcome"), [("1", {"errors": 1}), ("", {"skipped": 1})])
def test_a_skip_fails_when_ci_forbids_skipping(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, required: str, outcome: dict[str, int]
) -> None:
    monkeypatch.setenv("ICPFILE_REQUIRE_SHARED", required)
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_skipping=SKIPPING)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(**outcome)
    if required:
        result.stdout.fnmatch_lines(["*forbids skipping*a sibling folder is missing*"])


def test_ci_forbids_skipping() -> None:
    assert "export ICPFILE_REQUIRE_SHARED=1" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_cache_is_a_temporary_folder() -> None:
    folder = cache_dir()
    assert folder == Path(os.environ["ICPFILE_CACHE_DIR"])
    assert str(folder).startswith(tempfile.gettempdir())
    assert Path.home() / ".cache" not in [folder, *folder.parents]


def test_the_consumers_schemas_are_not_copied_into_the_project() -> None:
    names = {"sarif-schema-2.1.0.json", "junit-windyroad.xsd"}
    assert not [p for p in ROOT.rglob("*") if p.name in names and ".venv" not in p.parts]
    if os.environ.get("ICPFILE_REQUIRE_SHARED") == "1":
        assert all((SHARED / "reference" / "schemas" / name).is_file() for name in names)
