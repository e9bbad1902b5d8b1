"""Write the draft schema's kind-dependent parts from the kinds table (icpfile/data/kinds.yaml).

    python scripts/gen_schema.py           # rewrite schemas/draft.schema.json in place
    python scripts/gen_schema.py --check   # exit 1 (and say so) when the file is not what it would write

Generated: `filing.type`'s `enum` and `enumDescriptions`, and the top-level `allOf` (one if/then/else
block per draft key a kind rules on, then one for the lists an order files, one for the services it
describes in full). Everything else in the file is hand-written and left byte for byte as it is.
tests/test_kinds.py holds the file equal to this script's output.

A block's `else` is what an order of no known type gets (`unknown:` in kinds.yaml), so a draft whose
type is missing or misspelt is checked as before; its `if` names the kinds that differ from that.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from icpfile.data import kinds as kinds_table  # noqa: E402
from icpfile.data.kinds import OPTIONAL, REQUIRED, Kind, Table  # noqa: E402

SCHEMA = ROOT / "schemas" / "draft.schema.json"

# What "described in full" asks of each website and app (docs/draft-format.md, websites and apps).
DESCRIBED: dict[str, Any] = {"properties": {
    "websites": {"items": {
        "required": ["name", "domain", "access", "content", "service_type", "languages", "principal"],
    }},
    "apps": {"items": {
        "required": ["service_content", "principal"],
        "if": {"properties": {"kind": {"const": "app"}}, "required": ["kind"]},
        "then": {"required": ["domains", "access"]},
    }},
}}


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def key_effect(pointer: str, rule: str) -> dict[str, Any] | None:
    """The schema fragment that makes the draft key at `pointer` (/a or /a/b) required or forbidden."""
    if rule == OPTIONAL:
        return None
    tokens = pointer.strip("/").split("/")
    leaf: dict[str, Any] = {"required": [tokens[-1]]} if rule == REQUIRED else {"properties": {tokens[-1]: {"not": {}}}}
    for token in reversed(tokens[:-1]):
        leaf = {"properties": {token: leaf}}
    return leaf


def files_effect(files: tuple[str, ...]) -> dict[str, Any] | None:
    if not files:
        return None
    return {"required": [files[0]]} if len(files) == 1 else {"anyOf": [{"required": [name]} for name in files]}


def _condition(codes: list[str]) -> dict[str, Any]:
    test = {"const": codes[0]} if len(codes) == 1 else {"enum": codes}
    return {"properties": {"filing": {"properties": {"type": test}, "required": ["type"]}}, "required": ["filing"]}


def _blocks(kinds: tuple[Kind, ...], unknown: Kind, effect: Any) -> list[dict[str, Any]]:
    """The blocks for one rule: `effect(kind)` is its schema fragment (None: no constraint)."""
    default = effect(unknown)
    groups: dict[str, tuple[Any, list[str]]] = {}
    for kind in kinds:
        mine = effect(kind)
        if mine != default:
            groups.setdefault(_dump(mine), (mine, []))[1].append(kind.code)
    if not groups:  # every kind as an unknown type: the rule holds for every order
        return [default] if default is not None else []
    differing = [code for _, codes in groups.values() for code in codes]
    out: list[dict[str, Any]] = []
    if len(groups) == 1:
        (mine, codes), = groups.values()
        block: dict[str, Any] = {"if": _condition(codes)}
        if mine is not None:
            block["then"] = mine
        if default is not None:
            block["else"] = default
        return [block]
    for mine, codes in groups.values():
        if mine is not None:
            out.append({"if": _condition(codes), "then": mine})
    if default is not None:
        out.append({"if": _condition(differing), "else": default})
    return out


def all_of(table: Table) -> list[dict[str, Any]]:
    """The schema's `allOf`: per key, the lists filed, the services described."""
    blocks: list[dict[str, Any]] = []
    for pointer in table.pointers():
        blocks += _blocks(table.kinds, table.unknown, lambda k, p=pointer: key_effect(p, k.key(p)))
    blocks += _blocks(table.kinds, table.unknown, lambda k: files_effect(k.files))
    blocks += _blocks(table.kinds, table.unknown, lambda k: DESCRIBED if k.describes else None)
    return blocks


def _render(blocks: list[dict[str, Any]]) -> str:
    rendered = []
    for block in blocks:
        parts = [f'      "{key}": {_dump(value)}' for key, value in block.items()]
        rendered.append("    {\n" + ",\n".join(parts) + "\n    }")
    return '  "allOf": [\n' + ",\n".join(rendered) + "\n  ],\n"


def _replace_line(text: str, after: str, key: str, value: Any) -> str:
    """`text` with the first line `"key": …,` after the marker `after` holding `value`."""
    start = text.index(after)
    begin = text.index(f'"{key}": ', start)
    end = text.index("\n", begin)
    comma = "," if text[begin:end].rstrip().endswith(",") else ""
    return text[:begin] + f'"{key}": {_dump(value)}{comma}' + text[end:]


def generate(table: Table, text: str) -> str:
    """`text` (the schema file) with its generated parts written from `table`."""
    begin = text.index('  "allOf": [\n')
    end = text.index("\n  ],\n", begin) + len("\n  ],\n")
    text = text[:begin] + _render(all_of(table)) + text[end:]
    marker = '"title": "备案类型"'
    text = _replace_line(text, marker, "enum", list(table.codes()))
    return _replace_line(text, marker, "enumDescriptions", [k.zh for k in table.kinds])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    args = parser.parse_args(argv)
    current = SCHEMA.read_text(encoding="utf-8")
    wanted = generate(kinds_table.table(), current)
    if args.check:
        if wanted != current:
            print(f"{SCHEMA.relative_to(ROOT)} is out of date: run python scripts/gen_schema.py", file=sys.stderr)
            return 1
        return 0
    if wanted != current:
        SCHEMA.write_text(wanted, encoding="utf-8")
        print(f"wrote {SCHEMA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
