"""`icpfile rules [CODE]`: the catalog as a table, as JSON, or one rule explained in full."""

from __future__ import annotations

import json

from icpfile.rules.catalog import Rule, rules
from icpfile.rules.sources import cited

_HEAD = {
    "zh": {"what": "规则", "why": "原因", "source": "依据", "fix": "修改建议", "severity": "级别",
           "examples": "示例", "pass": "通过", "fail": "不通过", "where": "位置", "record": "记录",
           "check": "检查函数", "tests": "示例由 tests/test_rules.py 作为测试运行"},
    "en": {"what": "rule", "why": "why", "source": "source", "fix": "how to fix", "severity": "severity",
           "examples": "examples", "pass": "passes", "fail": "fails", "where": "where", "record": "record",
           "check": "check", "tests": "its examples run as tests in tests/test_rules.py"},
}


def _record(rule: Rule, lang: str) -> dict[str, object]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "group": rule.group,
        "summary": rule.summary[lang],
        "rationale": rule.rationale[lang],
        "message": rule.message[lang],
        "hint": rule.hint[lang],
        "source": rule.source,
        "sources": [
            {"key": s.key, "title": s.title, "date": s.date, **({"url": s.url} if s.url else {})}
            for s in cited(rule.source)
        ],
        "record": f"icpfile/{rule.file}",
        "function": _function(rule),
        "examples": list(rule.examples),
    }


def _function(rule: Rule) -> str:
    """Where the code that reports `rule` lives: `icpfile/checks/names.py::name_min_hanzi`."""
    if rule.check:
        return f"icpfile/{rule.file[: -len('.yaml')]}.py::{rule.function}"
    return f"icpfile/{rule.file.split('/')[0]}/"


def _example(example: dict) -> str:
    if "text" in example:
        return "\n".join("      | " + line for line in str(example["text"]).splitlines())
    parts = [f"base: {example.get('base')}"]
    for pointer, value in (example.get("set") or {}).items():
        parts.append(f"{pointer} = {json.dumps(value, ensure_ascii=False)}")
    for pointer in example.get("unset") or []:
        parts.append(f"remove {pointer}")
    if "today" in example:
        parts.append(f"--today {example['today']}")
    return "      " + "; ".join(parts)


def render(code: str | None, fmt: str, lang: str) -> str:
    catalog = rules()
    if code is not None:
        rule = catalog[code.upper()]
        if fmt == "json":
            return json.dumps(_record(rule, lang), ensure_ascii=False, indent=2) + "\n"
        words = _HEAD[lang]
        lines = [
            f"{rule.code} {rule.name} ({words['severity']}: {rule.severity.value})",
            "",
            f"{words['what']}: {rule.summary[lang]}",
            f"{words['why']}: {rule.rationale[lang]}",
            f"{words['source']}: {rule.source}",
            *(f"  {s.key}: {s.title} ({s.date})" for s in cited(rule.source)),
            f"{words['fix']}: {rule.hint[lang]}",
            f"{words['where']}: {words['record']} icpfile/{rule.file} · {words['check']} {_function(rule)} · "
            f"{words['tests']}",
        ]
        if rule.examples:
            lines += ["", f"{words['examples']}:"]
            for example in rule.examples:
                lines.append(f"  {words[example['expect']]}:")
                lines.append(_example(example))
        return "\n".join(lines) + "\n"
    if fmt == "json":
        return json.dumps([_record(r, lang) for r in catalog.values()], ensure_ascii=False, indent=2) + "\n"
    width = max(len(r.name) for r in catalog.values())
    return "".join(
        f"{r.code}  {r.severity.value:<7}  {r.name:<{width}}  {r.summary[lang]}\n" for r in catalog.values()
    )
