"""The code is ruff-clean (the rules are in pyproject.toml) and keeps its layers (#17.3).

The layers are import-linter contracts in pyproject.toml (`[tool.importlinter]`); `.ci/run` runs
`lint-imports` before pytest, and these tests run it too, so a local `pytest` catches an upward
import or a circle as CI does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is in the test extra")
def test_ruff_is_clean() -> None:
    result = subprocess.run(["ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(["lint-imports", "--no-cache", str(ROOT / "pyproject.toml")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter is in the test extra")
def test_the_layers_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter is in the test extra")
def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    """A value parser that imports the engine (even inside a function) is refused."""
    shutil.copytree(ROOT / "icpfile", tmp_path / "icpfile", ignore=shutil.ignore_patterns("__pycache__"))
    text = tmp_path / "icpfile" / "values" / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\n\ndef _up():\n    from icpfile import engine\n",
                    encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "icpfile.values.text -> icpfile.engine" in result.stdout
