"""The shipped YAML data, parsed and validated once when the wheel is built (#23.1).

Every fresh process used to re-parse the 24 YAML files icpfile ships (rule records, packs, word
lists, divisions, sources, the wizard's texts) and to validate the rule records with the
pure-Python jsonschema: 175 ms on an empty cache, on every run where the cache cannot be written.
That is work a build can do. `hatch_build.py` (a hatchling build hook, wheel target only) calls
`build()` and puts its `dump()` into the wheel as `icpfile/_shipped.marshal`; `catalog.read_data`
then answers from it with no YAML, no schema check and no cache entry.

- **What:** the files matched by `SHIPPED`, relative to the package (`checks/names.yaml`).
- **Checked at build time** against their JSON Schema (`CHECKS`): a bad record fails the build with
  a ValueError naming file and place, as it fails the test suite. Rule records are also held to
  what the schema cannot say about their message variants (`validate.variant_problems`).
- **Shape of the bundle:** `{"version": icpfile version, "files": {path: [size in bytes, marshalled
  data]}}`, each data exactly as the JSON cache would give it back (JSON round trip: same keys,
  same types) so the wheel and an editable install see the same values. Each file is read back
  when asked for, into a fresh object per call (as a cache read gives), so a caller that changes
  what it got changes nobody else's copy, and a run pays only for the files it reads.
  `tests/test_bundle.py` builds a wheel and checks that its bundle equals what the sources give.
- **Format:** `marshal` (version 4, which every Python since 3.4 reads), not pickle: the data is
  JSON's types only, marshal is built into the interpreter (which loads `.pyc` files with it), so
  a run no longer imports pickle (~1.6 ms of every command, #23). A bundle that does not read
  (another format, a future Python's marshal) is ignored and the YAML is parsed, as without one.
- **Trust:** the bundle sits inside the installed package, beside the `.py` files it is no less
  trusted than; nothing from the user's cache or a user pack is ever read with marshal. A file whose
  size differs from the one recorded (someone edited the installed data) is parsed from its YAML.
- **Editable installs and source checkouts** have no bundle (the hook writes it into the wheel
  only, never into the tree), so they parse and validate the YAML as before, cached per file.

This module needs only the standard library, PyYAML and jsonschema, so the build hook can import
it from the source tree.
"""

from __future__ import annotations

import json
import marshal
import os
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BUNDLE_NAME = "_shipped.marshal"
MARSHAL_VERSION = 4  # read by every Python since 3.4: a wheel built on one Python runs on another
# Every file of rule records, relative to the package; each sits beside the code it describes.
RECORD_FILES = (
    "load/rules.yaml",
    "schema/rules.yaml",
    "footer/rules.yaml",
    "sheets/rules.yaml",
    "checks/*.yaml",
)
SHIPPED = (*RECORD_FILES, "data/*.yaml", "filing/*.yaml", "platforms/*.yaml")
# The schema (in icpfile/data/) each shipped file must match; files not named here have none.
CHECKS = {
    **{pattern: "record.schema.json" for pattern in RECORD_FILES},
    "data/providers.yaml": "providers.schema.json",
    "data/name_words.yaml": "name_words.schema.json",
    "data/sources.yaml": "sources.schema.json",
    "data/coverage.yaml": "coverage.schema.json",
}


def shipped_files(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """The shipped YAML files, relative to the package, in a fixed order (patterns, then names)."""
    found: list[str] = []
    for pattern in SHIPPED:
        for path in sorted(package_dir.glob(pattern)):
            rel = path.relative_to(package_dir).as_posix()
            if rel not in found:
                found.append(rel)
    return found


def schema_of(rel: str) -> str | None:
    """The schema file `rel` is validated against, or None."""
    for pattern, schema in CHECKS.items():
        if Path(rel).match(pattern):
            return schema
    return None


def parse(rel: str, source: bytes) -> Any:
    """One shipped file's data: parsed with PyYAML's C loader and validated against its schema.

    Raises ValueError (naming the file and up to five places) when it breaks its schema.
    """
    import yaml

    from icpfile.data.validate import validate_against, validate_records

    data = yaml.load(source.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    schema = schema_of(rel)
    if schema == "record.schema.json":
        validate_records(data, rel)  # the schema, then the message variants' own checks
    elif schema is not None:
        validate_against(data, schema, rel)
    return data


def build(package_dir: Path = PACKAGE_DIR) -> dict[str, Any]:
    """The bundle of every shipped file under `package_dir` (see the module's docstring)."""
    from icpfile import __version__

    files: dict[str, Any] = {}
    for rel in shipped_files(package_dir):
        raw = (package_dir / rel).read_bytes()
        data = json.loads(json.dumps(parse(rel, raw), ensure_ascii=False))  # exactly what the cache holds
        files[rel] = [len(raw), marshal.dumps(data, MARSHAL_VERSION)]
    return {"version": __version__, "files": files}


def dump(bundle: dict[str, Any]) -> bytes:
    return marshal.dumps(bundle, MARSHAL_VERSION)


@cache
def _loaded() -> dict[str, Any]:
    """The installed bundle's files, or {} without one (a source tree, an editable install)."""
    from icpfile import __version__

    try:
        with open(PACKAGE_DIR / BUNDLE_NAME, "rb") as handle:
            bundle = marshal.load(handle)  # our own build's output, inside the package (see above)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(bundle, dict) or bundle.get("version") != __version__:
        return {}
    files = bundle.get("files")
    if not isinstance(files, dict):  # not our build's shape (breaker42: a list there was a traceback)
        return {}
    return {rel: entry for rel, entry in files.items()
            if type(entry) is list and len(entry) == 2 and type(entry[0]) is int and type(entry[1]) is bytes}


def shipped(rel: str) -> tuple[bool, Any]:
    """(True, data) when the bundle holds `rel` and the file on disk still has its size, else (False, None)."""
    entry = _loaded().get(rel)
    if entry is None:
        return False, None
    try:
        if os.stat(PACKAGE_DIR / rel).st_size != entry[0]:
            return False, None
    except OSError:
        return False, None
    try:
        data = marshal.loads(entry[1])
    except (EOFError, ValueError, TypeError):  # not a bundle this Python reads: parse the YAML
        return False, None
    # every shipped file is a mapping (tests/test_bundle.py); anything else is not our build's
    return (True, data) if isinstance(data, dict) else (False, None)
