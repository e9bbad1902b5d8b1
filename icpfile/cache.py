"""Parsed data kept between runs as JSON in the user's cache folder.

Parsing the rule catalog's YAML costs ~45 ms and the Public Suffix List ~15 ms on every run; read
back as JSON they cost about 1 ms. The cache is not trusted as it is:

- an entry's name is the SHA-256 of its source bytes and of icpfile's version, so an edited data
  file or another release never reads an old parse (a CRC-32 key could be matched on purpose);
- an entry holds the SHA-256 of its payload beside it, so a truncated or edited entry is parsed
  again rather than believed;
- on POSIX an entry is read only when it belongs to the current user and neither group nor
  others may write it or its folder (as ssh treats its files), so another account, or a cache
  folder restored from somewhere shared, cannot change what a run decides.
An unwritable cache folder only costs the parse. Entries are written by temp-file-and-rename.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
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


def _trusted(path: Path) -> bool:
    """Owned by us and writable by nobody else (POSIX); always True where there are no owners."""
    if not hasattr(os, "getuid"):
        return True
    try:
        for item in (path, path.parent):
            info = os.stat(item)
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return False
    except OSError:
        return False
    return True


def _read(entry: Path) -> Any:
    """The payload of a cache entry, or KeyError when it is missing, foreign or does not verify."""
    if not _trusted(entry):
        raise KeyError(entry)
    try:
        digest, _, payload = entry.read_bytes().partition(b"\n")
    except OSError:
        raise KeyError(entry) from None
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        raise KeyError(entry)
    return json.loads(payload)


def cached_json(name: str, source: bytes, parse: Callable[[bytes], Any]) -> Any:
    """`parse(source)`, or the JSON of an earlier parse of the same bytes by the same version."""
    from icpfile import __version__

    key = hashlib.sha256(__version__.encode() + b"\0" + source).hexdigest()
    entry = cache_dir() / f"{name}-{key}.json"
    try:
        return _read(entry)
    except (KeyError, ValueError):
        pass
    data = parse(source)
    try:
        from icpfile.load.files import write_atomic

        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
        write_atomic(entry, hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload, mode=0o600)
    except OSError:
        pass
    return data
