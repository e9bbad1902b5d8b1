"""CONTRIBUTING.md's recipes name files that exist (#17.7): a move that forgets the guide fails here."""

from __future__ import annotations

import re

from conftest import ROOT

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
PATHS = sorted(set(re.findall(r"`((?:icpfile|scripts|tests|schemas|docs)/[\w./-]+?\.(?:py|yaml|json|md))", TEXT)))


def test_every_file_a_recipe_names_exists() -> None:
    assert len(PATHS) > 20
    missing = [p for p in PATHS if "<" not in p and not (ROOT / p).exists()]
    assert missing == []


def test_every_script_is_in_scripts_and_named_by_the_guide() -> None:
    """Generators live in scripts/ (not bench/ or docs/), and the guide says how to run each."""
    for script in sorted((ROOT / "scripts").glob("*.py")):
        assert f"scripts/{script.name}" in TEXT, script.name
    assert not [p.name for p in (ROOT / "docs").glob("*.py")]
