"""The rule catalog: every code icpfile can report, as data, and how an issue becomes words.

A rule's record lives beside the code that reports it: `icpfile/checks/names.yaml` holds the
records of the functions in `icpfile/checks/names.py`, `icpfile/load/rules.yaml` those of the
loader, `icpfile/schema/rules.yaml` those of the schema step, `icpfile/footer/rules.yaml` those of
`footer check`. A record (code, name, severity, zh/en message and hint templates, rationale,
source, pass/fail examples, message variants) is validated against `record.schema.json` and
`validate.variant_problems` when its file is parsed:
when the wheel is built (`bundle.py`), or on first use in a source tree.
Loader and schema codes are records too, so `icpfile rules`, SARIF's rule table and
`--select/--ignore` treat every finding alike.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from icpfile.data.bundle import RECORD_FILES
from icpfile.data.reading import PACKAGE_DIR as PACKAGE_DIR  # re-exported: imported from the catalog widely
from icpfile.data.reading import RULES_DIR as RULES_DIR
from icpfile.data.reading import read_data as read_data
from icpfile.findings import Cited, Finding, Issue, Own, Severity
from icpfile.records import Frozen
from icpfile.values import echo
from icpfile.values.pii import Pii

LANGS = ("zh", "en")


class Rule(Frozen):
    """One rule record. `check` is False for codes the loader or the schema step produce."""

    code: str
    name: str
    severity: Severity
    basis: str  # stated | refusal | standard | format | inferred (record.schema.json)
    source: str
    summary: dict[str, str]
    rationale: dict[str, str]
    message: dict[str, str]
    hint: dict[str, str]
    # Message variants (record `messages:`): the issue's `message` parameter names one; `message`
    # above is the default. The loader holds each to both languages and an example (validate.py).
    messages: dict[str, dict[str, str]]
    hints: dict[str, dict[str, str]]
    providers: dict[str, dict[str, str]]  # provider code → its position
    applies: dict[str, str]  # {province: pack key, provider: profile key}
    examples: tuple[dict[str, Any], ...]
    check: bool
    stated_by: tuple[str, ...]  # provider codes, for a rule one provider (or a few) states
    # Severity by evidence where providers or platforms differ: {"provider": {"unset": "warning",
    # "aliyun": "error", "tencent": "off", "other": …}, "host": {"wechat": "error", "other": "warning"}}.
    severity_by: dict[str, dict[str, str]]
    file: str  # the record's file, relative to the package: "checks/names.yaml"

    __slots__ = (
        "code", "name", "severity", "basis", "source", "summary", "rationale", "message", "hint", "messages", "hints",
        "providers", "applies", "examples", "check", "stated_by", "severity_by", "file",
    )

    def __init__(self, code: str, name: str, severity: Severity, basis: str, source: str,
                 summary: dict[str, str], rationale: dict[str, str], message: dict[str, str],
                 hint: dict[str, str], messages: dict[str, dict[str, str]] | None = None,
                 hints: dict[str, dict[str, str]] | None = None,
                 providers: dict[str, dict[str, str]] | None = None, applies: dict[str, str] | None = None,
                 examples: tuple[dict[str, Any], ...] = (), check: bool = True,
                 stated_by: tuple[str, ...] = (), severity_by: dict[str, dict[str, str]] | None = None,
                 file: str = "") -> None:
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "basis", basis)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "summary", summary)
        object.__setattr__(self, "rationale", rationale)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "hint", hint)
        object.__setattr__(self, "messages", {} if messages is None else messages)
        object.__setattr__(self, "hints", {} if hints is None else hints)
        object.__setattr__(self, "providers", {} if providers is None else providers)
        object.__setattr__(self, "applies", {} if applies is None else applies)
        object.__setattr__(self, "examples", examples)
        object.__setattr__(self, "check", check)
        object.__setattr__(self, "stated_by", stated_by)
        object.__setattr__(self, "severity_by", {} if severity_by is None else severity_by)
        object.__setattr__(self, "file", file)

    @property
    def group(self) -> str:
        """The module the rule belongs to, from its record's file: `checks/names.yaml` is `names`,
        `load/rules.yaml` is `load` (what a code's prefix means is `data/code_scheme.py`)."""
        folder, _, stem = self.file.removesuffix(".yaml").rpartition("/")
        return stem if stem != "rules" else folder

    @property
    def function(self) -> str:
        """The name of the function that reports it (its record's name in snake case)."""
        return self.name.replace("-", "_")




@cache
def record_files() -> tuple[str, ...]:
    """The rule-record files, relative to the package, in a fixed order (globbed once a process)."""
    found: list[str] = []
    for pattern in RECORD_FILES:
        found += sorted(p.relative_to(PACKAGE_DIR).as_posix() for p in PACKAGE_DIR.glob(pattern))
    return tuple(found)


def _text(record: dict[str, Any], key: str) -> dict[str, str]:
    value = record.get(key) or {}
    return {lang: str(value.get(lang, value.get("en", ""))).strip() for lang in LANGS}


def _rule(record: dict[str, Any], file: str) -> Rule:
    return Rule(
        code=record["code"],
        name=record["name"],
        severity=Severity(record["severity"]),
        basis=str(record["basis"]),
        source=str(record["source"]),
        summary=_text(record, "summary"),
        rationale=_text(record, "rationale"),
        message=_text(record, "message"),
        hint=_text(record, "hint"),
        messages={k: _text(v, "text") for k, v in (record.get("messages") or {}).items()},
        hints={k: _text(v, "text") for k, v in (record.get("hints") or {}).items()},
        providers={k: _text(record["providers"], k) for k in record.get("providers") or {}},
        applies=dict(record.get("applies") or {}),
        examples=tuple(record.get("examples") or ()),
        check=bool(record.get("check", True)),
        stated_by=tuple(record.get("stated_by") or ()),
        severity_by={k: dict(v) for k, v in (record.get("severity_by") or {}).items()},
        file=file,
    )


@cache
def rules() -> dict[str, Rule]:
    """All rule records by code, in code order."""
    found: dict[str, Rule] = {}
    for file in record_files():
        for record in read_data(file, PACKAGE_DIR)["rules"]:
            if record["code"] in found:
                raise ValueError(f"{record['code']} is recorded twice ({found[record['code']].file}, {file})")
            found[record["code"]] = _rule(record, file)
    return dict(sorted(found.items()))


@cache
def by_name() -> dict[str, Rule]:
    """The same records by name (`name-min-hanzi`): how a check function finds its code."""
    return {rule.name: rule for rule in rules().values()}


_RANK = {"off": 0, "info": 1, "warning": 2, "error": 3}


def level(code: str, provider: str, params: dict[str, Any]) -> str:
    """The severity a finding of `code` takes for a draft filed with `provider` ('' = none given),
    from the record's `severity_by` data, or '' when the record's own severity stands.

    Each dimension looks its value up (`provider`: the draft's filing.provider, "unset" when none;
    `host`/`case`: the issue's parameter of that name, skipped when empty), then falls back to
    "other" (not for "unset"); of the dimensions that
    answer, the lowest level wins ("off" drops the finding). Shapes: see `Rule.severity_by`.
    """
    by = rules()[code].severity_by
    if not by:
        return ""
    found = []
    for dimension, table in by.items():
        value = provider or "unset" if dimension == "provider" else str(params.get(dimension) or "")
        if not value:  # a host not given yet (the wizard's partial draft): the record's severity
            continue
        answer = table.get(value) or (table.get("other") if value != "unset" else None)
        if answer:
            found.append(answer)
    return min(found, key=_RANK.__getitem__) if found else ""


_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def unfilled(template: str) -> str:
    """A template shown without a finding (`icpfile rules`, SARIF's rule help): its `{fields}`,
    filled from a draft when there is one, read as …."""
    return _FIELD.sub("…", template)


def _render(template: str, params: dict[str, Any], show_pii: bool, lang: str = "zh") -> str:
    """Fill `{name}` fields; any other brace (a YAML example in a hint) is left as written.

    A value given as {"zh": …, "en": …} (a text from rule data) is filled in the finding's language.
    Every other value is echoed as `values.echo.shown` makes it: personal data masked by shape
    (unless `show_pii`), controls and line separators escaped, at most `echo.MAX_ECHO` characters;
    a value wrapped in `Own` (a listing icpfile wrote from its own data) is not shortened.
    """

    def fill(match: re.Match[str]) -> str:
        if match.group(1) not in params:
            return match.group(0)
        value = params[match.group(1)]
        if isinstance(value, dict) and lang in value:
            return str(value[lang])
        if isinstance(value, Cited):  # in the finding's language (walker41 item 5: 号段依据：PN, libphonenumber …)
            from icpfile.data.sources import shown

            return shown(str(value), lang)
        raw = value.show(show_pii) if isinstance(value, Pii) else str(value)
        return echo.shown(raw, show_pii, limit=None if isinstance(value, Own) else echo.MAX_ECHO)

    return _FIELD.sub(fill, template)


# Appended to the message of a finding whose severity severity_by lowered (a rule one provider states).
_WHO = {"zh": "（仅 {who} 明说；在 filing.provider 写明接入商后按其做法判断）",
        "en": " (stated only by {who}; name your provider in filing.provider to apply its position)"}


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
    variant = issue.params.get("message")
    template = rule.messages.get(variant, rule.message) if isinstance(variant, str) else rule.message
    message = _render(template[lang], issue.params, show_pii, lang)
    if issue.severity and _RANK[issue.severity] < _RANK[rule.severity.value] and rule.stated_by:
        message += _WHO[lang].format(who=", ".join(rule.stated_by))  # a lowered rule names who states it
    return Finding(
        rule=rule.code,
        severity=severity or (Severity(issue.severity) if issue.severity else rule.severity),
        pointer=echo.shown_pointer(issue.pointer, show_pii),
        line=line,
        column=column,
        message=message,
        hint=_render(hint[lang], issue.params, show_pii, lang),
        source=rule.source,
    )
