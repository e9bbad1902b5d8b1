"""`--format github`: one workflow command per finding, shown as annotations on the pull request.

Chosen by default when GITHUB_ACTIONS=true and no format is given. Values are escaped as the
runner's own toolkit does: `%`, CR and LF in the message; also `:` and `,` in properties.
"""

from __future__ import annotations

from icpfile.findings import FileReport, Severity
from icpfile.report import ReportOptions, summary, words_of

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: list[FileReport], options: ReportOptions) -> str:
    lines = []
    for report in reports:
        for f in report.findings:
            props = ",".join(
                f"{key}={escape_property(str(value))}"
                for key, value in (("file", report.path), ("line", f.line), ("col", f.column),
                                   ("title", f"icpfile {f.rule}"))
            )
            body = f"{f.message}\n{f.hint}" if f.hint else f.message
            lines.append(f"::{COMMANDS[f.severity]} {props}::{escape_data(body)}")
    totals = summary(reports)
    lines.append(words_of(options.lang)["github"].format(**totals))  # in the run's language (#22)
    return "\n".join(lines) + "\n"
