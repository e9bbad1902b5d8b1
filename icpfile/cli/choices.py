"""The choices options take, defined once for every command (`--lang`, `--format`).

Typer turns an Enum into a checked choice, so `--lang fr` is a usage error (exit 2) before any
command runs. `ReportFormat` names the reporters of `icpfile.report.REPORTERS` (a test keeps the
two in step).
"""

from __future__ import annotations

from enum import StrEnum

# The language of messages, hints and labels.
Lang = StrEnum("Lang", ["zh", "en"])
# `check` and `footer check` reports.
ReportFormat = StrEnum("ReportFormat", ["text", "json", "sarif", "github", "junit", "gitlab", "html", "xlsx"])
# `rules` and `status`: for people, or for programs.
ListFormat = StrEnum("ListFormat", ["text", "json"])
# `footer snippet`: the footer as HTML, Markdown or plain text.
SnippetFormat = StrEnum("SnippetFormat", ["html", "markdown", "text"])
# `export --format`: the sheet layout `import` reads.
SheetFormat = StrEnum("SheetFormat", ["xlsx", "csv"])
# `status`: a draft as text or JSON; a folder also as XLSX.
StatusFormat = StrEnum("StatusFormat", ["text", "json", "xlsx"])
