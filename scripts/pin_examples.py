"""Pin where each fail example of the check records reports: add `at:` (and `count:`) to it.

    python scripts/pin_examples.py            # every checks/*.yaml
    python scripts/pin_examples.py names      # checks/names.yaml only

Runs each one-line fail example (`- {expect: fail, ...}`) that has no `at:` yet through the real
pipeline and writes the pointers its rule reports at into the line (`at: /websites/0/name`, or a
list with `count:`). Review the diff: the pin is what the rule does today, which a test then holds
(`tests/test_rules.py::test_rule_example`). Examples of several lines, or of html/config, are left
as they are.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import TODAY, apply_example, check_text, write_example_files  # noqa: E402

PLAIN = re.compile(r"^[/A-Za-z0-9_~.-]+$")
CODE = re.compile(r"^\s*- code: (ICP\d{3})")
FAIL = re.compile(r"^(\s*- \{expect: fail, )(.*\})\s*$")


def _shown(pointer: str) -> str:
    return pointer if PLAIN.match(pointer) else '"' + pointer.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pin(file: Path) -> int:
    """Pin the unpinned one-line fail examples of one record file; return how many were pinned."""
    lines = file.read_text(encoding="utf-8").split("\n")
    code, pinned = None, 0
    for i, line in enumerate(lines):
        if match := CODE.match(line):
            code = match.group(1)
            continue
        match = FAIL.match(line)
        if not match or code is None or "at:" in line:
            continue
        example = yaml.safe_load(line.strip()[2:])
        if "html" in example or "config" in example:
            continue
        today = dt.date.fromisoformat(example["today"]) if "today" in example else TODAY
        with tempfile.TemporaryDirectory() as tmp:
            write_example_files(example, Path(tmp))
            found = check_text(apply_example(example), path=str(Path(tmp) / "draft.yaml"), today=today)
        mine = [f for f in found if f.rule == code]
        pointers = sorted({f.pointer for f in mine})
        if not pointers:
            continue
        if len(pointers) == 1:
            lines[i] = f"{match.group(1)}at: {_shown(pointers[0])}, {match.group(2)}"
        else:
            listed = ", ".join(map(_shown, pointers))
            lines[i] = f"{match.group(1)}at: [{listed}], count: {len(mine)}, {match.group(2)}"
        pinned += 1
    file.write_text("\n".join(lines), encoding="utf-8")
    return pinned


def main(names: list[str]) -> None:
    folder = ROOT / "icpfile" / "checks"
    files = [folder / f"{name}.yaml" for name in names] if names else sorted(folder.glob("*.yaml"))
    for file in files:
        print(f"{file.relative_to(ROOT)}: {pin(file)} pinned")


if __name__ == "__main__":
    main(sys.argv[1:])
