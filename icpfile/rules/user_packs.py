"""User rule packs (`--rules FILE`): province words, limits and severities merged over ours.

A pack is YAML, read by the same safe loader as drafts, so its mistakes are reported at their
line and column in the pack rather than as a traceback:

    rules:                      # per-code overrides
      ICP214: {severity: error}
    national:                   # merged over icpfile/rules/national.yaml
      sensitive_words_later: [某词]
    provinces:                  # merged over icpfile/rules/provinces.yaml
      海南省:
        personal_name_banned_words: [论坛, 社区]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icpfile import engine
from icpfile.rules.catalog import rules
from icpfile.rules.packs import builtin

SEVERITIES = ("error", "warning", "info")


class RulePackError(ValueError):
    """Problems in a pack, each already written as `file:line:col: message`."""


@dataclass(slots=True)
class RulePack:
    path: str
    national: dict[str, Any] = field(default_factory=dict)
    provinces: dict[str, Any] = field(default_factory=dict)
    severities: dict[str, str] = field(default_factory=dict)


def _plain(value: Any) -> Any:
    """Pack values as data: plain scalars that look like integers become integers (limits)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    return str(value) if isinstance(value, str) else value


def load(path: Path) -> RulePack:
    doc = engine.load_path(path, str(path))
    problems: list[str] = []

    def fail(pointer: str, message: str, at_key: bool = True) -> None:
        line, column = doc.position(pointer, at_key=at_key)
        problems.append(f"{path}:{line}:{column}: {message}")

    for issue in doc.issues:
        line, column = (issue.line or 1, issue.column or 1)
        problems.append(f"{path}:{line}:{column}: {issue.code} {rules()[issue.code].summary['en']}")
    data = doc.data or {}
    pack = RulePack(str(path))
    known_national = set(builtin().national)
    known_province = set(builtin().defaults) | {"short", "icp", "police", "division"}
    for key, value in data.items():
        if key == "rules":
            for code, override in (value or {}).items():
                if code not in rules():
                    fail(f"/rules/{code}", f"unknown rule code {code}")
                elif not isinstance(override, dict) or set(override) - {"severity"}:
                    fail(f"/rules/{code}", "a rule override takes only 'severity'")
                elif override.get("severity") not in SEVERITIES:
                    fail(f"/rules/{code}/severity", f"severity must be one of {', '.join(SEVERITIES)}", at_key=False)
                else:
                    pack.severities[code] = override["severity"]
        elif key == "national":
            for name in value or {}:
                if name not in known_national:
                    fail(f"/national/{name}", f"unknown national setting '{name}'")
            pack.national = _plain(value or {})
        elif key == "provinces":
            for province, settings in (value or {}).items():
                if province not in builtin().provinces:
                    fail(f"/provinces/{province}", f"unknown province '{province}' (write the full name, e.g. 海南省)")
                    continue
                for name in settings or {}:
                    if name not in known_province:
                        fail(f"/provinces/{province}/{name}", f"unknown province setting '{name}'")
            pack.provinces = _plain(value or {})
        else:
            fail(f"/{key}", f"unknown key '{key}' (a pack has rules, national and provinces)")
    if problems:
        raise RulePackError("\n".join(problems))
    return pack
