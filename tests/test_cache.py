"""The parsed-data cache (icpfile/cache.py): an entry is believed only when it is ours and intact."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def test_a_tampered_or_foreign_cache_entry_is_not_believed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Origin: Hostile input, issue 12 (was tests/test_hostile.py)."""
    from icpfile import cache

    monkeypatch.setenv("ICPFILE_CACHE_DIR", str(tmp_path / "c"))
    calls = []

    def parse(data: bytes) -> dict:
        calls.append(data)
        return {"words": ["论坛"]}

    assert cache.cached_json("t", b"source", parse) == {"words": ["论坛"]}
    assert cache.cached_json("t", b"source", parse) == {"words": ["论坛"]} and len(calls) == 1
    [entry] = (tmp_path / "c").iterdir()
    assert len(entry.name) > 40  # a SHA-256 key, not a CRC
    digest, _, payload = entry.read_bytes().partition(b"\n")
    entry.write_bytes(digest + b"\n" + payload.replace("论坛".encode(), b"ok"))
    assert cache.cached_json("t", b"source", parse) == {"words": ["论坛"]} and len(calls) == 2
    if hasattr(os, "getuid"):
        entry.chmod(0o666)
        assert cache.cached_json("t", b"source", parse) == {"words": ["论坛"]} and len(calls) == 3
