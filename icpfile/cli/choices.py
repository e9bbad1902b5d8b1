"""The choices options take, defined once for every command (`--lang`, `--format`).

Typer turns an Enum into a checked choice, so `--lang fr` is a usage error (exit 2) before any
command runs. `ReportFormat` is made from `icpfile.report.REPORTERS`, the one list of formats.
"""

from __future__ import annotations

from enum import StrEnum

from icpfile.report import REPORTERS

# The language of messages, hints and labels.
Lang = StrEnum("Lang", ["zh", "en"])
# `check` and `footer check` reports.
ReportFormat = StrEnum("ReportFormat", list(REPORTERS))
# `rules` and `status`: for people, or for programs.
ListFormat = StrEnum("ListFormat", ["text", "json"])
# `footer snippet`: the footer as HTML, Markdown or plain text.
SnippetFormat = StrEnum("SnippetFormat", ["html", "markdown", "text"])
