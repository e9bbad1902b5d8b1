"""The rule catalog: every code icpfile can report, as data, and how an issue becomes words.

Records live in `icpfile/rules/catalog.yaml` (one per code: severity, zh/en message and hint
templates, rationale, source, examples). Loader and schema codes are records too, so `icpfile
rules`, SARIF's rule table and `--select/--ignore` treat every finding alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from icpfile.cache import cached_json
from icpfile.findings import Finding, Issue, Severity
from icpfile.values.pii import Pii

LANGS = ("zh", "en")
RULES_DIR = Path(__file__).resolve().parent  # importlib.resources costs 13 ms to import
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule record. `check` is False for codes the loader or the schema step produce."""

    code: str
    name: str
    severity: Severity
    group: str
    source: str
    summary: dict[str, str]
    rationale: dict[str, str]
    message: dict[str, str]
    hint: dict[str, str]
    hints: dict[str, dict[str, str]] = field(default_factory=dict)
    examples: tuple[dict[str, Any], ...] = ()
    check: bool = True


def read_data(name: str, folder: Path = RULES_DIR) -> Any:
    """A YAML data file shipped in the package (trusted, written by us), parsed once per edit."""
    raw = (folder / name).read_bytes()
    return cached_json(Path(name).stem, raw, lambda data: yaml.load(data.decode("utf-8"), Loader=_Loader))


def _text(record: dict[str, Any], key: str) -> dict[str, str]:
    value = record.get(key) or {}
    return {lang: str(value.get(lang, value.get("en", ""))).strip() for lang in LANGS}


def _rule(record: dict[str, Any]) -> Rule:
    return Rule(
        code=record["code"],
        name=record["name"],
        severity=Severity(record["severity"]),
        group=record["group"],
        source=str(record["source"]),
        summary=_text(record, "summary"),
        rationale=_text(record, "rationale"),
        message=_text(record, "message"),
        hint=_text(record, "hint"),
        hints={k: _text(v, "text") for k, v in (record.get("hints") or {}).items()},
        examples=tuple(record.get("examples") or ()),
        check=bool(record.get("check", True)),
    )


@cache
def rules() -> dict[str, Rule]:
    """All rule records by code, in catalog order."""
    return {r["code"]: _rule(r) for r in read_data("catalog.yaml")["rules"]}


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _render(template: str, params: dict[str, Any], show_pii: bool) -> str:
    """Fill `{name}` fields; any other brace (a YAML example in a hint) is left as written."""

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in params:
            return match.group(0)
        value = params[match.group(1)]
        return value.show(show_pii) if isinstance(value, Pii) else str(value)

    return _FIELD.sub(fill, template)


def word(
    issue: Issue,
    line: int,
    column: int,
    lang: str,
    show_pii: bool = False,
    severity: Severity | None = None,
) -> Finding:
    """Turn an issue into a finding in `lang` (PII masked unless `show_pii`)."""
    rule = rules()[issue.code]
    variant = issue.params.get("hint")
    hint = rule.hints.get(variant, rule.hint) if isinstance(variant, str) else rule.hint
    return Finding(
        rule=rule.code,
        severity=severity or rule.severity,
        pointer=issue.pointer,
        line=line,
        column=column,
        message=_render(rule.message[lang], issue.params, show_pii),
        hint=_render(hint[lang], issue.params, show_pii),
        source=rule.source,
    )
