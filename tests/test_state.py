"""The wizard's state lock (filing/state.py): never taken through a symbolic link."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from icpfile.filing.state import StateError, StateStore, state_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("dangling", [False, True])
def test_a_symlinked_lock_is_refused_in_one_line_and_its_target_untouched(tmp_path: Path, dangling: bool) -> None:
    """A `.icpfile/NAME.state.json.lock -> victim` committed to the tree: a clean refusal, the
    victim neither opened, created nor truncated.

    Origin: issue 22, H03 ('internal error: OSError ELOOP')."""
    shutil.copy(ROOT / "examples" / "access.yaml", tmp_path / "a.yaml")
    lock = Path(f"{state_path(tmp_path / 'a.yaml')}.lock")
    lock.parent.mkdir()
    victim = tmp_path / "victim"
    if not dangling:
        victim.write_text("keep me\n", encoding="utf-8")
    os.symlink(victim, lock)
    with pytest.raises(StateError, match="symbolic link"), StateStore(tmp_path / "a.yaml").locked():
        pass
    (tmp_path / "answers.yaml").write_text("{}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "icpfile", "wizard", "a.yaml", "--answers", "answers.yaml"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 2, run
    assert run.stderr.count("\n") == 1 and "symbolic link" in run.stderr and "internal error" not in run.stderr
    assert lock.is_symlink()
    if dangling:
        assert not victim.exists()
    else:
        assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_lock_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    Path(f"{state_path(tmp_path / 'a.yaml')}.lock").mkdir(parents=True)
    with pytest.raises(StateError, match="not a regular file"), StateStore(tmp_path / "a.yaml").locked():
        pass


def test_a_state_file_that_is_a_link_or_holds_a_text_count_is_not_read(tmp_path: Path) -> None:
    """breaker23 M4: `.icpfile/d.yaml.state.json -> outside` was followed (status showed another
    client's progress; the wizard copied it into the tree); M2: a string `sms_resends` reached the
    terminal unmasked. Both are an unreadable state: status says so, the wizard moves it aside."""
    import json

    from icpfile.filing.state import State, StateStore, state_path

    draft = tmp_path / "d.yaml"
    draft.write_text("version: 1\n", encoding="utf-8")
    outside = tmp_path / "other.json"
    outside.write_text(json.dumps({"version": 2, "step": "sms", "facts": {"rejection": "x"}}), encoding="utf-8")
    state_path(draft).parent.mkdir()
    state_path(draft).symlink_to(outside)
    with pytest.raises(ValueError, match="symbolic link"):
        StateStore(draft).read()
    assert StateStore(draft).load() == State(draft="d.yaml") and outside.exists()  # the link moved aside
    state_path(draft).write_text(json.dumps({"version": 2, "step": "sms", "facts": {"sms_resends": "13912345678"}}),
                                 encoding="utf-8")
    with pytest.raises(ValueError, match="not a count"):
        StateStore(draft).read()
