"""Reading a YAML data file shipped in the package (the bundle, or the file and its JSON cache).

Apart from the catalog so that a module the catalog uses (data/sources.py: a citation in the run's
language) can read its file without an import circle.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from icpfile.cache import cached_json
from icpfile.data import bundle

RULES_DIR = Path(__file__).resolve().parent  # importlib.resources costs 13 ms to import
PACKAGE_DIR = RULES_DIR.parent


def read_data(name: str, folder: Path = RULES_DIR, check: Callable[[Any], None] | None = None) -> Any:
    """A YAML data file shipped in the package (trusted, written by us), parsed once per edit.

    An installed wheel answers from the bundle its build parsed and validated (`bundle.py`): no
    YAML, no schema check, no cache. Without one (a source tree, an editable install) the file is
    parsed, `check` (a schema validation) runs on that fresh parse only, and the result is cached
    as JSON, so a cached file costs nothing. Returns a fresh object on every call.
    """
    rel = (folder / name).relative_to(PACKAGE_DIR).as_posix()
    found, data = bundle.shipped(rel)
    if found:
        return data
    raw = (folder / name).read_bytes()

    def parse(source: bytes) -> Any:
        parsed = bundle.parse(rel, source)  # validated against the schema bundle.CHECKS names
        if check is not None:
            check(parsed)
        return parsed

    return cached_json(rel.removesuffix(".yaml").replace("/", "-"), raw, parse)
