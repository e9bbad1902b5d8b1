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
from dataclasses import dataclass

from icpfile.findings import FileReport, Severity

REPORTERS: dict[str, str] = {
    "text": "icpfile.report.text",
    "json": "icpfile.report.json_",
    "sarif": "icpfile.report.sarif",
    "github": "icpfile.report.github",
    "junit": "icpfile.report.junit",
    "gitlab": "icpfile.report.gitlab",
}


@dataclass(frozen=True, slots=True)
class ReportOptions:
    lang: str = "en"
    strict: bool = False
    color: bool = False


def summary(reports: list[FileReport]) -> dict[str, int]:
    return {
        "files": len(reports),
        "errors": sum(r.count(Severity.ERROR) for r in reports),
        "warnings": sum(r.count(Severity.WARNING) for r in reports),
        "infos": sum(r.count(Severity.INFO) for r in reports),
    }


def reporter(name: str) -> Callable[[list[FileReport], ReportOptions], str]:
    return importlib.import_module(REPORTERS[name]).render


def is_utf8(name: str) -> bool:
    """Is `name` a machine format (`UTF8 = True` in its module), written as UTF-8 on any console?"""
    return bool(getattr(importlib.import_module(REPORTERS[name]), "UTF8", False))
