"""Shared helpers: build drafts from the rule examples' bases and run the real pipeline on them."""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from icpfile import engine
from icpfile.data.catalog import read_data
from icpfile.findings import Finding
from icpfile.options import Options

pytest_plugins = ("pytester",)

ROOT = Path(__file__).resolve().parent.parent
# The third-party schemas (SARIF 2.1.0, the JUnit XSD) stay outside the project, in ../shared;
# from a git worktree the nearest folder upward that holds shared/reference is taken.
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "reference").is_dir()), ROOT.parent / "shared")
TODAY = dt.date(2026, 11, 29)
# CI (.ci/run) sets this: a test that would skip (a missing schema, a missing tool) fails instead.
REQUIRE_ALL = os.environ.get("ICPFILE_REQUIRE_SHARED") == "1"
_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Parsed-data cache in a temporary folder: tests never read or write ~/.cache/icpfile.

    Set before collection, since collecting the rule examples already parses the records.
    """
    _CACHE.append(tempfile.mkdtemp(prefix="icpfile-test-cache-"))
    os.environ["ICPFILE_CACHE_DIR"] = _CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _CACHE:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """Under ICPFILE_REQUIRE_SHARED=1 a skip is a failure: CI cannot pass by skipping."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under ICPFILE_REQUIRE_SHARED=1, which forbids skipping: {reason}"


@pytest.fixture(autouse=True)
def _fresh_run_lang() -> Any:
    """Every test starts with no run language: `cli/language.py` keeps the language a command
    resolved (`set_run_lang`) and the root's `--lang` (`set_cli_lang`) in module lists, which would
    otherwise carry from one CliRunner test into the next in the same process (a zh run leaving
    the next test's usage errors zh)."""
    from icpfile.cli import language

    language._RUN_LANG.clear()
    language._CLI_LANG.clear()
    yield
    language._RUN_LANG.clear()
    language._CLI_LANG.clear()


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def apply_example(example: dict[str, Any]) -> str:
    """The YAML text of a rule example: `text` as is, or a base with `set`/`unset` applied."""
    if "text" in example:
        return example["text"]
    data = copy.deepcopy(read_data("example_bases.yaml")[example["base"]])
    for pointer, value in (example.get("set") or {}).items():
        *parents, last = pointer.lstrip("/").split("/")
        node = data
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node.setdefault(token, {})
        if isinstance(node, list) and int(last) == len(node):
            node.append(value)
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    for pointer in example.get("unset") or []:
        *parents, last = pointer.lstrip("/").split("/")
        node = data
        for token in parents:
            node = node[int(token)] if isinstance(node, list) else node[token]
        del node[int(last) if isinstance(node, list) else last]
    return dump(data)


def _png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size, built with the standard library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


SAMPLES = {
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64,
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64,
    "text": "营业执照扫描件见附件\n".encode(),
    "big": b"\xff\xd8\xff\xe0" + b"\x00" * (10 * 1024 * 1024 + 1),
    "png_small": _png(100, 100),  # a real image whose pixels a platform's minimum refuses
}


def write_example_files(example: dict[str, Any], folder: Path) -> None:
    """The files a rule example's draft lists under materials (`files: {name: sample}`)."""
    for name, sample in (example.get("files") or {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(SAMPLES[sample])


def check_text(text: str | bytes, path: str = "draft.yaml", **options: Any) -> list[Finding]:
    options.setdefault("today", TODAY)
    data = text.encode("utf-8") if isinstance(text, str) else text
    result = engine.check_bytes(data, path, Options(**options))
    assert not result.internal, result.internal
    return result.report.findings


def codes(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.rule == code]
    assert len(matching) == 1, [(f.rule, f.message) for f in findings]
    return matching[0]


@pytest.fixture
def base() -> dict[str, Any]:
    """A fresh copy of the clean enterprise base draft."""
    return copy.deepcopy(read_data("example_bases.yaml")["enterprise"])


# -- shared by the tests of several modules ---------------------------------------------------------

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file system features")
NUMBER_SU = "苏ICP备12345678号-1"  # a website's filing number of 江苏 (its footer carries ©)
GOLDEN = ROOT / "tests" / "golden"


def example_base(name: str) -> dict[str, Any]:
    """A fresh copy of one of the rule examples' base drafts (`enterprise`, `personal`, …)."""
    return copy.deepcopy(read_data("example_bases.yaml")[name])


def invoke(*args: str, stdin: str | None = None):
    """Run `icpfile ARGS` in-process (typer's CliRunner over the whole command tree)."""
    from typer.testing import CliRunner

    from icpfile.cli import app

    return CliRunner().invoke(app, list(args), input=stdin)


def golden(name: str, text: str) -> None:
    """`text` equals tests/golden/NAME; `UPDATE_GOLDEN=1` rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 rewrites it"


def with_timeout(fn: Any, seconds: float = 10.0) -> Any:
    """Run fn in a thread; fail (not hang) when it does not return in time."""
    import threading

    box: dict = {}
    thread = threading.Thread(target=lambda: box.setdefault("value", fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "did not finish: it blocked"
    return box["value"]


def person_in(province: str, division: str, **sets: Any) -> dict[str, Any]:
    """A personal rule example in `province`, with a local ID (`division` its first digits, the
    check digit computed) and the `/pointer: value` sets given."""
    from icpfile.values import identifiers as ids

    number = division + "0102199001011" + "23"
    number = number[:17] + ids.rid_check_digit(number[:17])
    return {"base": "personal", "set": {"/subject/province": province, "/subject/certificate/number": number,
                                        "/subject/principal/id_number": number, **sets}}


def example_findings(example: dict[str, Any], lang: str = "zh") -> list[Finding]:
    """The findings of a rule example (a base with `set`/`unset`), in `lang`."""
    return check_text(apply_example(example), lang=lang)


def pointers(found: list[Finding], code: str) -> list[str]:
    """The pointers `code` reports at, in report order."""
    return [f.pointer for f in found if f.rule == code]
