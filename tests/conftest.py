"""Shared helpers: build drafts from the rule examples' bases and run the real pipeline on them."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from icpfile import engine
from icpfile.findings import Finding
from icpfile.options import Options
from icpfile.rules.catalog import read_data

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TODAY = dt.date(2026, 11, 29)


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


SAMPLES = {
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64,
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64,
    "text": "营业执照扫描件见附件\n".encode(),
    "big": b"\xff\xd8\xff\xe0" + b"\x00" * (10 * 1024 * 1024 + 1),
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
