"""load → check → findings: the whole pipeline for one draft, with no output of its own.

Every stage adds issues; none raises on bad input. A rule function that crashes on a draft
shape nobody foresaw becomes an `internal` note on the report (the CLI exits 2 for it) rather
than a traceback, and the other rules still run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from icpfile.data import catalog
from icpfile.data.packs import Packs, builtin
from icpfile.data.patterns import PackPatternError
from icpfile.findings import FileReport, Finding, Issue, Severity
from icpfile.load import cell_marks, suppress
from icpfile.load.document import Document
from icpfile.options import Options
from icpfile.records import Record, replace
from icpfile.schema import repair
from icpfile.schema import typed as typing_pass
from icpfile.schema import validate as schema_check
from icpfile.values.echo import escape_controls, shown_path


class Result(Record):
    report: FileReport
    internal: list[str]

    __slots__ = ("report", "internal")

    def __init__(self, report: FileReport, internal: list[str] | None = None) -> None:
        self.report = report
        self.internal = [] if internal is None else internal


def issues_of(doc: Document, options: Options, packs: Packs, internal: list[str]) -> list[Issue]:
    """Loader issues, then the slips the repair step corrected, then schema and rule issues.

    The schema and the rules see the repaired copy (`nature: 个人` read as `personal`), so one
    slip hides nothing else; their pointers are mapped back onto the draft as typed.
    """
    issues = list(doc.issues)
    if doc.data is None:
        return issues
    data = typing_pass.apply(doc.data)
    try:
        fixed = repair.apply(data)
    except Exception as exc:  # a shape nobody foresaw: check the draft as written
        internal.append(f"repair failed on {doc.path}: {type(exc).__name__}: {exc}")
        fixed = repair.Repaired(data)
    found = list(fixed.issues)
    found.extend(schema_check.check(fixed.data))
    empty = {i.pointer: i for i in found if i.code == "ICP106"}  # said once: no rule's second word on ''
    from icpfile.checks import load_all
    from icpfile.checks.context import Context

    ctx = Context(fixed.data, options, packs, Path(doc.path).parent)
    for code, fn in _rules_for(load_all(), options.select, options.ignore):
        try:
            for issue in fn(ctx):
                if issue.code != code:  # the registered code: a function never writes its own
                    issue = replace(issue, code=code)
                level = catalog.level(code, ctx.provider, issue.params)  # the record's severity_by
                if level == "off":
                    continue
                if level:
                    issue = replace(issue, severity=level)
                if issue.pointer in empty:  # a rule wants this value: "remove the line" would not do
                    empty[issue.pointer].params.pop("hint", None)
                else:
                    found.append(issue)
        except PackPatternError as exc:  # a user pack's pattern: that rule is reported, not skipped silently
            issues.append(Issue.of("ICP016", line=1, column=1, params={"code": code, "pattern": exc.pattern,
                                                                    "reason": exc.reason}))
        except Exception as exc:
            shown = shown_path(doc.path, options.show_pii)
            internal.append(escape_controls(f"rule {code} failed on {shown}: {type(exc).__name__}: {exc}"))
            # In the report too, so json/sarif/junit/gitlab never call a file valid that was not
            # fully checked (the note above goes to stderr only).
            issues.append(Issue.of("ICP019", line=1, column=1, params={"code": code, "error": type(exc).__name__}))
    return issues + fixed.restore(found)


_LAST: list[Any] = []  # [codes, functions, select, ignore, selected] of the last draft's registry


def _rules_for(registry: dict[str, Callable[[Any], Iterator[Issue]]], select: tuple[str, ...],
               ignore: tuple[str, ...]) -> tuple[tuple[str, Callable[[Any], Iterator[Issue]]], ...]:
    """`_selected` of the registry as it is now, without making and hashing a tuple of its ~200
    items for every draft (30-45 µs a draft, #19): the last answer is kept with the registry's codes
    and functions, compared as lists (by identity, item by item), so a changed registry is seen."""
    codes, functions = list(registry), list(registry.values())
    last = _LAST
    if last and last[2] == select and last[3] == ignore and last[0] == codes and last[1] == functions:
        return last[4]
    _LAST[:] = [codes, functions, select, ignore, _selected(tuple(registry.items()), select, ignore)]
    return _LAST[4]


@lru_cache(maxsize=8)
def _selected(registry: tuple[tuple[str, Callable[[Any], Iterator[Issue]]], ...], select: tuple[str, ...],
              ignore: tuple[str, ...]) -> tuple[tuple[str, Callable[[Any], Iterator[Issue]]], ...]:
    """The (code, function) pairs a run's `--select`/`--ignore` keep, in registry order: built once
    per run, not per draft (the key is the registry's items, so a changed registry is seen)."""
    wanted = Options(select=select, ignore=ignore)
    return tuple((code, fn) for code, fn in registry if wanted.wants(code))


# Output bounded by input (issue 24.7): at most this many findings of one rule in one file are
# worded and shown, the first by position; the rest are one closing finding that counts them.
# 95,000 bad language codes in a 1 MiB draft gave 95,000 findings (252 MB of SARIF, 2 GB of memory).
MAX_PER_RULE = 100
_MORE = {
    "zh": "另有 {n} 处同类问题（{rule}）未列出：每个文件每条规则最多列出 {cap} 处，请先改正上面的，再检查一次",
    "en": "{n} more {rule} finding(s) in this file not listed (at most {cap} per rule and file): fix those above "
          "and check again",
}


def unlisted(first: Finding, rest: int, line: int, column: int, lang: str) -> Finding:
    """The closing finding of a rule past MAX_PER_RULE: `first`'s rule and severity, at (line,
    column), standing for the `rest` findings not listed (`check`, `footer check`)."""
    words = _MORE["zh" if lang == "zh" else "en"].format(n=rest, rule=first.rule, cap=MAX_PER_RULE)
    return Finding(first.rule, first.severity, "", line, column, words, "", first.source, rest)


def findings_of(doc: Document, issues: list[Issue], options: Options) -> list[Finding]:
    """The worded findings of `issues`, deduplicated and sorted by position; at most MAX_PER_RULE of
    one rule (the first by position), then one finding of that rule saying how many more there
    are, so a report's size follows what it shows, not what a hostile draft holds."""
    found: dict[tuple, Finding] = {}
    overrides = {code: Severity(level) for code, level in options.severities if not code.startswith("ICP0")}
    silenced = suppress.scan(doc.text, doc.text_spans)
    lines: list[str] | None = None  # the draft's lines, split once when a finding needs one (#23.4)
    placed: dict[str, list[tuple[int, int, int, Issue]]] = {}
    wanted: dict[str, bool] = {}  # `options.wants` once per code, not per issue (95,000 of one code: #24)
    for index, issue in enumerate(issues):
        wants = wanted.get(issue.code)
        if wants is None:
            wants = wanted[issue.code] = options.wants(issue.code)
        if not wants:
            continue
        if issue.line is not None:
            line, column = issue.line, issue.column or 1
        else:
            line, column = doc.position(issue.pointer, at_key=issue.at_key)
            if issue.offset is not None:  # 0 too: the first character, past an opening quote
                if lines is None:
                    lines = doc.text.split("\n")
                column = _shift(lines, line, column, issue.offset)
        if silenced.covers(issue.code, line):
            continue
        placed.setdefault(issue.code, []).append((line, column, index, issue))
    closing: list[Finding] = []
    for code, each in placed.items():
        if len(each) > MAX_PER_RULE:
            import heapq

            *shown, hidden = heapq.nsmallest(MAX_PER_RULE + 1, each, key=lambda item: item[:3])
            rest = len(each) - MAX_PER_RULE
            placed[code] = shown
            first = catalog.word(shown[0][3], shown[0][0], shown[0][1], options.lang, options.show_pii,
                                 overrides.get(code))
            # at the first unlisted one: after every listed one
            closing.append(unlisted(first, rest, hidden[0], hidden[1], options.lang))
    for code, each in placed.items():
        for line, column, _, issue in each:
            finding = catalog.word(issue, line, column, options.lang, options.show_pii, overrides.get(code))
            found.setdefault((finding.rule, finding.pointer, finding.line, finding.column, finding.message), finding)
    result = sorted([*found.values(), *closing], key=Finding.sort_key)
    return from_sheet(result, doc.text, options) if cell_marks.SIGN in doc.text else result


def from_sheet(findings: list[Finding], text: str, options: Options) -> list[Finding]:
    """A finding on a line `icpfile import` marked (`# ⚠ Sheet1!S7 ICP950 | …`) says, in its hint,
    which cell of the sheet gave the value: the sheet is where a mangled ID is fixed (#19)."""
    from icpfile.data.words import say
    from icpfile.values.echo import shown

    marked = cell_marks.marks(text)
    if not marked:
        return findings
    out = []
    for finding in findings:
        mark = marked.get(finding.line)
        if mark is not None:
            extra = say("from_sheet_cell", options.lang, cell=shown(mark[0], options.show_pii, 90), code=mark[1])
            stem = finding.hint.rstrip("。；;. ")
            joined = f"{stem}{'；' if options.lang == 'zh' else '; '}{extra}" if stem else extra
            finding = replace(finding, hint=joined)
        out.append(finding)
    return out


_ESCAPE_WIDTH = {"x": 4, "u": 6, "U": 10}  # YAML's \\xXX, \\uXXXX, \\UXXXXXXXX; any other escape is 2


def _shift(lines: list[str], line: int, column: int, offset: int) -> int:
    """The column of the `offset`-th character of the value typed at (line, column) of `lines`
    (the draft's text split once per document: re-splitting it per finding was quadratic): past
    the opening quote of a quoted scalar, each escape (`\\u00ad`, `\\n`) or doubled quote (`''`)
    counted as the one character it stands for (issue 24.9, P04/P05: a column after an escape
    pointed at the wrong character); the value's own column when the value is not on one line.
    Columns count code points, as everywhere (docs/draft-format.md)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    quote = text[column - 1 : column]
    if quote not in ("'", '"') or ("\\" not in text and "''" not in text):
        at = column + (1 if quote in ("'", '"') else 0) + offset
        return at if at <= len(text) else column
    i = column  # the 0-based index just past the opening quote
    for _ in range(offset):  # one typed form of a character a step
        if i >= len(text):
            return column
        if quote == "'" and text.startswith("''", i):
            i += 2
        elif quote == '"' and text[i] == "\\":
            i += _ESCAPE_WIDTH.get(text[i + 1 : i + 2], 2)
        else:
            i += 1
    return i + 1 if i < len(text) else column


def warm() -> None:
    """Load everything a check needs once (rules and their modules' indexes, catalog, schema).

    Called before forking workers, so that they inherit it instead of each paying for it.
    """
    from icpfile import checks
    from icpfile.schema import draft as schema

    checks.warm()
    catalog.rules()
    schema.fast_validator()


def warm_all() -> None:
    """`warm()`, then every first use a draft of any kind pays: one check of each example base
    (website, app, mini program: the lazily built indexes), the GB codecs, idna, regex and the
    parts of cryptography the app rules use.

    Called just before forking workers: each worker re-paid about 45 ms of first use in its first
    chunk (#23.3), once per core.
    """
    import codecs

    import yaml

    from icpfile.load import yamltree

    warm()
    codecs.lookup("gb18030")
    import cryptography.hazmat.primitives.serialization
    import cryptography.x509  # noqa: F401
    import idna  # noqa: F401
    import regex  # noqa: F401

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for name, base in catalog.read_data("example_bases.yaml").items():
        text = yaml.dump(base, Dumper=dumper, allow_unicode=True, sort_keys=False)
        check_document(yamltree.load_text(text, f"<warm {name}>"), Options())


SUBJECT_CHARS = 100  # a 主办单位名称 is at most a few dozen characters; a hostile one is cut for the report


def shown_subject(doc: Document, show_pii: bool) -> str:
    """The draft's `subject.name` as a report shows it beside the file name (an agency knows its
    clients by name): masked and escaped as a path is, at most SUBJECT_CHARS characters."""
    subject = doc.data.get("subject") if isinstance(doc.data, dict) else None
    name = subject.get("name") if isinstance(subject, dict) else None
    if not isinstance(name, str) or not name.strip():
        return ""
    name = name.strip()
    return shown_path(name if len(name) <= SUBJECT_CHARS else name[: SUBJECT_CHARS - 1] + "…", show_pii)


def check_document(doc: Document, options: Options, packs: Packs | None = None) -> Result:
    internal: list[str] = []
    issues = issues_of(doc, options, packs or builtin(), internal)
    report = FileReport(shown_path(doc.path, options.show_pii), findings_of(doc, issues, options),
                        subject=shown_subject(doc, options.show_pii))
    return Result(report, internal)


def load_path(path: Path, shown: str) -> Document:
    """The loader (`icpfile.load.read`), imported on first use: `icpfile name` builds its
    Document without it, and so without PyYAML (commands/name_check.py)."""
    from icpfile.load import read

    return read.load_path(path, shown)


def load_bytes(data: bytes, shown: str) -> Document:
    from icpfile.load import read  # as load_path's

    return read.load_bytes(data, shown)


def check_path(path: Path, shown: str, options: Options, packs: Packs | None = None) -> Result:
    return check_document(load_path(path, shown), options, packs)


def check_bytes(data: bytes, shown: str, options: Options, packs: Packs | None = None) -> Result:
    return check_document(load_bytes(data, shown), options, packs)
