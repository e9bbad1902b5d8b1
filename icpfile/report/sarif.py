"""`--format sarif`: SARIF 2.1.0, one run, for GitHub code scanning and other SARIF consumers.

Every rule a result names is in `tool.driver.rules` (short and full description, help, default
level), so a viewer can explain a result without icpfile; rules with no result are left out (SARIF
asks only that each `ruleIndex` point at its rule), so a new rule changes no log it does not occur
in. Artifact URIs are relative to the working folder under `%SRCROOT%`; regions are 1-based, columns
in Unicode code points.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from icpfile import __version__
from icpfile.data.catalog import rules, unfilled
from icpfile.findings import FileReport, Severity
from icpfile.report import ReportOptions

# A machine format: written as UTF-8 whatever the console's encoding (its consumers read UTF-8).
UTF8 = True

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def artifact_uri(path: str) -> str:
    """A relative URI reference for a reported path (stdin names are kept as given)."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            path = os.path.relpath(candidate)
        except ValueError:  # another drive on Windows
            return candidate.as_uri()
    return quote(Path(path).as_posix())


def render(reports: list[FileReport], options: ReportOptions) -> str:
    lang = options.lang
    occurring = {f.rule for report in reports for f in report.findings}
    catalog = [rule for rule in rules().values() if rule.code in occurring]
    index = {rule.code: i for i, rule in enumerate(catalog)}
    driver_rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary[lang]},
            "fullDescription": {"text": rule.rationale[lang]},
            "help": {"text": f"{unfilled(rule.hint[lang])}\n\n{rule.source}"},
            "defaultConfiguration": {"level": LEVELS[rule.severity]},
            "properties": {"source": rule.source, "group": rule.group},
        }
        for rule in catalog
    ]
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVELS[f.severity],
            "message": {"text": f"{f.message}\n{f.hint}" if f.hint else f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(report.path), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    },
                    "logicalLocations": [{"fullyQualifiedName": f.pointer or "/", "kind": "member"}],
                }
            ],
            "properties": {"pointer": f.pointer, "hint": f.hint, "source": f.source},
        }
        for report in reports
        for f in report.findings
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "icpfile",
                        "version": __version__,
                        "rules": driver_rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
