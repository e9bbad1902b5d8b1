"""Reporters: one module per output format, chosen by name from `REPORTERS`.

A reporter takes every file's report at once (formats such as JUnit and SARIF need a head and a
tail) and returns the whole text; the CLI decides where it goes. Modules are imported only when
their format is asked for. A module that sets `UTF8 = True` is a machine format, written as UTF-8
whatever the console's encoding. `REPORTERS` is the one list of formats: `--format`'s choices
(`cli/choices.py`) and the settings file's `format` enum (`cli/settings.schema.json`, held equal
by a test) come from it. Adding a format is a module here and one line in `REPORTERS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from icpfile.findings import FileReport, Finding, Severity
from icpfile.records import Frozen

REPORTERS: dict[str, str] = {
    "text": "icpfile.report.text",
    "json": "icpfile.report.json_",
    "sarif": "icpfile.report.sarif",
    "github": "icpfile.report.github",
    "junit": "icpfile.report.junit",
    "gitlab": "icpfile.report.gitlab",
    "html": "icpfile.report.html",
    "xlsx": "icpfile.report.xlsx",
}


# Findings a portfolio report (html, xlsx) lists per draft: one draft with 100,000 findings must
# not bury the others' cards nor make a page of hundreds of MB. Errors come first; the counts stay
# whole and a line says how many were left out. `icpfile check --max-findings N` (0 = all).
MAX_FINDINGS = 200


class ReportOptions(Frozen):
    lang: str
    strict: bool
    color: bool
    max_findings: int  # per draft, in the portfolio reports; 0 = no cap
    items: str  # what the reports are of: "drafts", or "pages" (`icpfile footer check`, #21)

    __slots__ = ("lang", "strict", "color", "max_findings", "items")

    def __init__(self, lang: str = "en", strict: bool = False, color: bool = False,
                 max_findings: int = MAX_FINDINGS, items: str = "drafts") -> None:
        object.__setattr__(self, "lang", lang)
        object.__setattr__(self, "strict", strict)
        object.__setattr__(self, "color", color)
        object.__setattr__(self, "max_findings", max_findings)
        object.__setattr__(self, "items", items)


def listed(findings: list[Finding], cap: int) -> tuple[list[Finding], int]:
    """(the findings a portfolio report lists, how many it leaves out): all of them, sorted by
    severity then position, when `cap` is 0 or not reached; else the `cap` most severe (then first
    by position). O(n log cap) time, `cap` memory beside the list."""
    import heapq

    def order(f: Finding) -> tuple[int, int, int, str]:
        return (f.severity.rank, f.line, f.column, f.rule)

    if not cap or len(findings) <= cap:
        return sorted(findings, key=order), 0
    return heapq.nsmallest(cap, findings, key=order), len(findings) - cap


def summary(reports: list[FileReport]) -> dict[str, int]:
    return {
        "files": len(reports),
        "errors": sum(r.count(Severity.ERROR) for r in reports),
        "warnings": sum(r.count(Severity.WARNING) for r in reports),
        "infos": sum(r.count(Severity.INFO) for r in reports),
    }


def portfolio(reports: list[FileReport], strict: bool = False, top: int = 3) -> dict[str, object]:
    """What an agency reads at the end of a folder check: drafts ready and failing, and on what.

    Shape: {"drafts": n, "ready": n, "failing": n, "top": [(code, number of failing drafts), …]},
    `top` the `top` codes that fail the most drafts (a code counted once a draft), most first,
    ties by code. A draft fails as `FileReport.valid(strict)` says."""
    failing = [r for r in reports if not r.valid(strict)]
    counts: dict[str, int] = {}
    failing_levels = (Severity.ERROR, Severity.WARNING) if strict else (Severity.ERROR,)
    for report in failing:
        for code in {f.rule for f in report.findings if f.severity in failing_levels}:
            counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return {"drafts": len(reports), "ready": len(reports) - len(failing), "failing": len(failing), "top": ranked}


def reporter(name: str) -> Callable[[list[FileReport], ReportOptions], str]:
    return importlib.import_module(REPORTERS[name]).render


def is_utf8(name: str) -> bool:
    """Is `name` a machine format (`UTF8 = True` in its module), written as UTF-8 on any console?"""
    return bool(getattr(importlib.import_module(REPORTERS[name]), "UTF8", False))


_WORDS = {  # the reporters' own words; rule texts come from their records

    "zh": {"hint": "修改建议", "source": "依据", "clean": "没有发现问题",
           "summary": "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 个提示",
           "drafts": "草稿 {drafts} 份：{ready} 份可以提交，{failing} 份不通过",
           "on": "主要问题", "drafts_of": "{n} 份",
           "github": "icpfile：{files} 个文件，{errors} 个错误，{warnings} 个警告，{infos} 个提示",
           "error": "错误", "warning": "警告", "info": "提示",
           "left_out": "另有 {n} 条问题未列出（每份草稿最多列 {cap} 条，错误在前；--max-findings 0 列出全部）"},
    "en": {"hint": "hint", "source": "source", "clean": "no problems found",
           "summary": "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info",
           "drafts": "{drafts} draft(s): {ready} ready, {failing} failing",
           "on": "most common", "drafts_of": "{n} draft(s)",
           "github": "icpfile: {files} file(s), {errors} error(s), {warnings} warning(s), {infos} info",
           "error": "error", "warning": "warning", "info": "info",
           "left_out": "{n} more finding(s) not listed (at most {cap} a draft, errors first; "
                       "--max-findings 0 lists all)"},
}


# `icpfile footer check` reports on web pages, not drafts: its counting line says so (#21).
_PAGE_WORDS = {
    "zh": {"drafts": "页面 {drafts} 个：{ready} 个通过，{failing} 个不通过", "drafts_of": "{n} 个"},
    "en": {"drafts": "{drafts} page(s): {ready} passing, {failing} failing", "drafts_of": "{n} page(s)"},
}


def words_of(lang: str, items: str = "drafts") -> dict[str, str]:
    """The reporter's own words in `lang` (zh or en; anything else reads as en): labels, severities
    (`error` → 错误, as the summary line counts them) and the summary lines text and github print.
    `items` is what was checked: "drafts", or "pages" (the footer check's web pages)."""
    words = _WORDS.get(lang, _WORDS["en"])
    if items == "pages":
        return {**words, **_PAGE_WORDS["zh" if lang == "zh" else "en"]}
    return words
