"""The one finding model every checker produces and every reporter consumes.

Checkers never format text: they yield an `Issue` (a rule code, where, and the values the
message needs). The catalog turns an issue into a `Finding` in the chosen language, so the same
check serves zh and en output, and a reporter only ever sees finished findings.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from icpfile.records import Frozen, Record


class Severity(StrEnum):
    """How bad a finding is: `error` means the order will be rejected."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Own(str):
    """A message value icpfile wrote itself from its rule data (a list of materials): it is
    echoed in full, where a user's value is shortened (see `icpfile.values.echo`)."""

    __slots__ = ()


class Cited(Own):
    """A source citation from rule data (`firekylin#731 2019-12-19`): shown as written, neither
    shortened nor masked, since its dates and issue numbers are no person's (walker30: a citation's
    year was masked as an ID's digits, `****-12-19`)."""

    __slots__ = ()


class Issue(Frozen):
    """What a checker found, before it is worded: JSON Pointer, message values and rule code.

    A rule function never writes its own code: it yields `Issue(pointer, params)` and the engine
    stamps the code the function is registered under (the code its record gives), so a code is
    written once, in the record. The loader, the schema step and `footer check`, which report
    several codes from one place, name theirs with `Issue.of(code, ...)`.

    `line`/`column` are set by checkers that know them without a pointer (the loader);
    otherwise they are looked up from the pointer in the document's position map.
    `at_key` asks for the position of the key rather than its value (unknown keys). `offset`
    points at one character of a one-line value (an invisible character in a name).
    """

    pointer: str
    params: dict[str, Any]
    line: int | None
    column: int | None
    at_key: bool
    offset: int | None  # a character within the value (0: its first): the column moves to it
    code: str
    severity: str  # set by the engine from the record's severity_by (provider, host); '' = the record's

    __slots__ = ("pointer", "params", "line", "column", "at_key", "offset", "code", "severity")

    def __init__(self, pointer: str = "", params: dict[str, Any] | None = None, line: int | None = None,
                 column: int | None = None, at_key: bool = False, offset: int | None = None, code: str = "",
                 severity: str = "") -> None:
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "params", {} if params is None else params)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "at_key", at_key)
        object.__setattr__(self, "offset", offset)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "severity", severity)

    @classmethod
    def of(cls, code: str, pointer: str = "", params: dict[str, Any] | None = None, **where: Any) -> Issue:
        """An issue with its code named: for the stages that are not one rule function."""
        return cls(pointer, {} if params is None else params, code=code, **where)


class Finding(Frozen):
    """A worded issue: what a person or a CI system reads."""

    rule: str
    severity: Severity
    pointer: str
    line: int
    column: int
    message: str
    hint: str
    source: str
    # A closing finding of a rule past the engine's cap (engine.MAX_PER_RULE) stands for this many
    # unlisted findings; 0 for every other finding. Counts and totals read it (#24, B20: 22,500
    # errors were summed as 101, the closing line counted as one of them).
    stands_for: int

    __slots__ = ("rule", "severity", "pointer", "line", "column", "message", "hint", "source", "stands_for")

    def __init__(self, rule: str, severity: Severity, pointer: str, line: int, column: int, message: str,
                 hint: str, source: str, stands_for: int = 0) -> None:
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "severity", severity)
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "hint", hint)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "stands_for", stands_for)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as a call with its fields: a batch's workers send every finding back to the
        parent, where the frozen dataclass's own way (a __setstate__ setting each field through
        object.__setattr__) cost 0.04 ms a draft, in the one process that writes the report (#19)."""
        return Finding, (self.rule, self.severity, self.pointer, self.line, self.column, self.message, self.hint,
                         self.source, self.stands_for)

    def weight(self) -> int:
        """How many findings this one counts as in a total: itself, or the unlisted ones it closes."""
        return self.stands_for or 1

    def sort_key(self) -> tuple[int, int, int, str, str]:
        return (self.line, self.column, self.severity.rank, self.rule, self.pointer)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "pointer": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "source": self.source,
            **({"unlisted": self.stands_for} if self.stands_for else {}),
        }


class FileReport(Record):
    """All findings of one draft, sorted by position."""

    path: str
    findings: list[Finding]
    details: dict[str, Any] | None  # per-file facts a reporter may add (footer check: what was found)
    subject: str  # the draft's 主办单位名称 as reports show it (engine.shown_subject); "" when none

    __slots__ = ("path", "findings", "details", "subject")

    def __init__(self, path: str, findings: list[Finding], details: dict[str, Any] | None = None,
                 subject: str = "") -> None:
        self.path = path
        self.findings = findings
        self.details = details
        self.subject = subject

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return FileReport, (self.path, self.findings, self.details, self.subject)  # as Finding's (#19)

    def count(self, severity: Severity) -> int:
        return sum(f.weight() for f in self.findings if f.severity is severity)

    def valid(self, strict: bool = False) -> bool:
        if self.count(Severity.ERROR):
            return False
        return not (strict and self.count(Severity.WARNING))
