"""The wizard's police step and what it prints (#21): the safety assessment's file asked for, the
police form's fields the draft format has asked for, findings at the draft's line:col, a summary
in words and not Python's `False`."""

from __future__ import annotations

import shutil
from pathlib import Path

from test_wizard import TODAY, Scripted

from icpfile.filing.wizard import Wizard
from icpfile.options import Options

from conftest import ROOT

FILED = ROOT / "examples" / "filed-site-with-police.yaml"


def wizard(draft: Path, prompter, lang: str = "en") -> tuple[Wizard, list[str]]:
    said: list[str] = []
    return Wizard(draft, prompter, Options(lang=lang, today=TODAY), said.append), said


def test_the_summary_prints_a_yes_or_no_in_the_persons_language(tmp_path: Path) -> None:
    draft = tmp_path / "site.yaml"
    shutil.copy(FILED, draft)
    for lang, word in (("en", "no"), ("zh", "否")):
        guide, _ = wizard(draft, Scripted({}), lang)
        guide.load()
        lines = guide.session.review_lines()
        interactive = next(line for line in lines if "(police/websites/0/interactive)" in line)
        assert interactive.endswith(f": {word}"), interactive
        assert not any(line.endswith(("False", "True")) for line in lines), lines
