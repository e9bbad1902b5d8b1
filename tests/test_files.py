"""Reading and writing files (icpfile/load/files.py): regular files only, one walker, never through a symlink."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from icpfile.footer import page_check
from icpfile.load import files

from conftest import (
    POSIX,
    dump,
    example_base,
    invoke,
)


def test_read_regular_reads_at_most_one_byte_over_the_limit(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    (tmp_path / "f").write_bytes(b"x" * 1000)
    assert len(files.read_regular(tmp_path / "f", 10)) == 11
    with pytest.raises(files.FileProblem) as problem:
        files.read_regular(tmp_path, 10)
    assert problem.value.kind == files.NOT_REGULAR


def test_a_1100_deep_folder_is_walked_by_check_and_footer_check(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    fd = os.open(tmp_path, os.O_RDONLY)
    for _ in range(1100):  # os.makedirs and Path.mkdir(parents=True) recurse: make it one level at a time
        os.mkdir("d", dir_fd=fd)
        fd, old = os.open("d", os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
    os.close(fd)
    deep = Path(os.path.join(tmp_path, *["d"] * 1100))
    try:
        (deep / "x.yaml").write_text(dump(example_base("enterprise")), encoding="utf-8")
        (deep / "x.html").write_text("<p>none</p>", encoding="utf-8")
        from icpfile import batch

        [item] = batch.expand([str(tmp_path)])
        assert item.path == deep / "x.yaml" and item.problem is None
        [page] = page_check.pages([str(tmp_path)])
        assert page[1] == deep / "x.html"
    finally:  # pytest's own cleanup (shutil.rmtree) recurses too
        for name in ("x.yaml", "x.html"):
            (deep / name).unlink(missing_ok=True)
        for level in range(1100, 0, -1):
            os.rmdir(os.path.join(tmp_path, *["d"] * level))


@POSIX
def test_a_draft_symlinked_out_of_a_walked_folder_is_not_read(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    outside = tmp_path / "secret.yaml"
    outside.write_text("password: hunter2-secret-value\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "evil.yaml").symlink_to(outside)
    (drafts / "inside.yaml").symlink_to(drafts / "real.yml")
    (drafts / "real.yml").write_text(dump(example_base("enterprise")), encoding="utf-8")
    result = invoke("check", "--isolated", "--format", "json", "--today", "2026-11-29", str(drafts))
    assert "hunter2" not in result.stdout and "password" not in result.stdout
    found = {Path(f["path"]).name: [x["rule"] for x in f["findings"]] for f in json.loads(result.stdout)["files"]}
    assert found["evil.yaml"] == ["ICP015"] and "ICP015" not in found["inside.yaml"]


@POSIX
def test_report_written_over_a_symlink_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "report.sarif"
    link.symlink_to(target)
    result = invoke("check", "--isolated", "--format", "sarif", "-o", str(link), "tests/data/broken.yaml")
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert not link.is_symlink() and json.loads(link.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_write_atomic_keeps_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    files.write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "new" and (path.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="POSIX FIFOs")
def test_o_into_a_fifo_writes_into_it_and_leaves_it_a_fifo(tmp_path: Path) -> None:
    """-o /dev/null as root replaced the machine's /dev/null with a regular file (the rename of
    write_atomic); a FIFO stands in for a device here.

    Origin: Hostile input, second round, issue 12 (was tests/test_hostile_findings.py).
    """
    import os
    import stat

    from icpfile.load.files import write_atomic

    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, "report\n")
    reader.join(5)
    assert got == [b"report\n"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)
