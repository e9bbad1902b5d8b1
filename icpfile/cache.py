"""Parsed data kept between runs as JSON in the user's cache folder.

Parsing the rule catalog's YAML costs ~45 ms and the Public Suffix List ~15 ms on every run; read
back as JSON they cost about 1 ms. An entry is keyed by a checksum of its source bytes, so an edited
data file is picked up at once; an unwritable cache folder only costs the parse.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """ICPFILE_CACHE_DIR, else `$XDG_CACHE_HOME/icpfile`, else `~/.cache/icpfile`."""
    explicit = os.environ.get("ICPFILE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "icpfile"


def cached_json(name: str, source: bytes, parse: Callable[[bytes], Any]) -> Any:
    """`parse(source)`, or the JSON of an earlier parse of the same bytes."""
    entry = cache_dir() / f"{name}-{zlib.crc32(source):08x}-{len(source)}.json"
    try:
        return json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = parse(source)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, entry)
    except OSError:
        pass
    return data
