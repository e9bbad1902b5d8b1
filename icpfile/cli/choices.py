"""The choices options take, defined once for every command (`--lang`, `--format`).

Typer turns an Enum into a checked choice, so `--lang fr` is a usage error (exit 2) before any
command runs. `ReportFormat` names the reporters of `icpfile.report.REPORTERS` (a test keeps the
two in step).
"""

from __future__ import annotations

from enum import StrEnum


class Lang(StrEnum):
    """The language of messages, hints and labels."""

    zh = "zh"
    en = "en"


class ReportFormat(StrEnum):
    """`check` and `footer check` reports."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"


class ListFormat(StrEnum):
    """`rules` and `status`: for people, or for programs."""

    text = "text"
    json = "json"


class SnippetFormat(StrEnum):
    """`footer snippet`: the footer as HTML, Markdown or plain text."""

    html = "html"
    markdown = "markdown"
    text = "text"
