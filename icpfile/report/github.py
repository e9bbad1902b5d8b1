"""`--format github`: one workflow command per finding, shown as annotations on the pull request.

Chosen by default when GITHUB_ACTIONS=true and no format is given. Values are escaped as the
runner's own toolkit does (actions/toolkit `command.ts`, the runner's `ActionCommand.cs`): `%`,
CR and LF in the message (%25, %0D, %0A); also `:` and `,` in properties (%3A, %2C). Before that,
every other control, ESC sequence, line separator and bidi control in the message, the hint and
the path is written as a visible escape (`values.echo.escape_controls`), whoever made the
finding: each finding is exactly one command line (the message and hint joined by an escaped
LF), so nothing in a value starts a line of its own, the old `##[command]` form included (a
line the runner reads as a `::` command is not read for `##[` as well).
"""

from __future__ import annotations

from icpfile.findings import FileReport, Severity
from icpfile.report import ReportOptions, summary, words_of
from icpfile.values.echo import escape_controls

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
                for key, value in (("file", escape_controls(report.path)), ("line", f.line), ("col", f.column),
                                   ("title", f"icpfile {f.rule}"))
            )
            message = escape_controls(f.message)
            body = f"{message}\n{escape_controls(f.hint)}" if f.hint else message
            lines.append(f"::{COMMANDS[f.severity]} {props}::{escape_data(body)}")
    totals = summary(reports)
    lines.append(words_of(options.lang)["github"].format(**totals))  # in the run's language (#22)
    return "\n".join(lines) + "\n"
