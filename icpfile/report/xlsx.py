"""`--format xlsx`: the portfolio as an office reads it (write it with `-o report.xlsx`).

Sheet 1 (草稿 / drafts): one row a draft: file, status (ready / failing), errors, warnings, infos,
its first error (code and message). Sheet 2 (问题 / findings): one row a finding: file, line,
column, severity, rule, message, hint, source; at most `ReportOptions.max_findings` a draft (the
most severe, in the file's order), then a row saying how many more. Values are the findings' own, masked as every
report is. Returns bytes (an XLSX is a zip); openpyxl is imported only here.
"""

from __future__ import annotations

from icpfile.findings import FileReport, Severity
from icpfile.report import ReportOptions, listed, words_of

HEADS = {
    "zh": (("草稿", ["文件", "状态", "错误", "警告", "提示", "第一个错误", "说明"]),
           ("问题", ["文件", "行", "列", "级别", "规则", "问题", "修改建议", "依据"]),
           {"ready": "可以提交", "failing": "不通过"}),
    "en": (("drafts", ["file", "status", "errors", "warnings", "infos", "first error", "message"]),
           ("findings", ["file", "line", "column", "severity", "rule", "message", "hint", "source"]),
           {"ready": "ready", "failing": "failing"}),
}

# The 级别 column in the report's language, as the 草稿 sheet's heads name them (错误, 警告, 提示).
SEVERITY = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}}


def tables(reports: list[FileReport], options: ReportOptions) -> list[tuple[str, list[list[object]]]]:
    """The two sheets as rows of values (what the golden test compares)."""
    (drafts_name, drafts_head), (findings_name, findings_head), status = HEADS.get(options.lang, HEADS["en"])
    if options.items == "pages":  # `icpfile footer check`: the rows are web pages (#21)
        drafts_name, status = ("页面", {**status, "ready": "通过"}) if options.lang == "zh" else (
            "pages", {**status, "ready": "passing"})
    drafts: list[list[object]] = [drafts_head]
    findings: list[list[object]] = [findings_head]
    for report in reports:
        first = next((f for f in report.findings if f.severity is Severity.ERROR), None)
        drafts.append([report.path, status["ready" if report.valid(options.strict) else "failing"],
                       report.count(Severity.ERROR), report.count(Severity.WARNING), report.count(Severity.INFO),
                       first.rule if first else "", first.message if first else ""])
        kept, left_out = listed(report.findings, options.max_findings)
        if left_out:  # the most severe, in the file's order
            chosen = {id(f) for f in kept}
            kept = [f for f in report.findings if id(f) in chosen]
        else:
            kept = report.findings
        for f in kept:
            level = SEVERITY.get(options.lang, {}).get(f.severity.value, f.severity.value)
            findings.append([report.path, f.line, f.column, level, f.rule, f.message, f.hint, f.source])
        if left_out:
            findings.append([report.path, None, None, None, None,
                             words_of(options.lang)["left_out"].format(n=left_out, cap=options.max_findings), None,
                             None])
    return [(drafts_name, drafts), (findings_name, findings)]


def render(reports: list[FileReport], options: ReportOptions) -> bytes:  # type: ignore[override]
    from icpfile.sheets.exporter import xlsx_bytes

    sheets = tables(reports, options)
    return xlsx_bytes(sheets, {sheets[0][0]: [40, 10, 8, 8, 8, 10, 80], sheets[1][0]: [40, 6, 6, 8, 8, 80, 60, 40]})
