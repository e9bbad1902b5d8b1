"""`--format gitlab`: GitLab Code Quality JSON (a list of Code Climate issues).

The fingerprint hashes the path, the rule and the JSON Pointer, not the line, so a finding keeps
its identity when lines above it are added or removed and GitLab does not report it as new.
"""

from __future__ import annotations

import hashlib
import json

from icpfile.findings import FileReport, Severity
from icpfile.report import ReportOptions

# A machine format: written as UTF-8 whatever the console's encoding (its consumers read UTF-8).
UTF8 = True

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(path: str, rule: str, pointer: str, seen: set[str]) -> str:
    salt = 0
    while True:
        digest = hashlib.sha256(f"{path}\0{rule}\0{pointer}\0{salt}".encode()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            return digest
        salt += 1


def render(reports: list[FileReport], options: ReportOptions) -> str:
    seen: set[str] = set()
    issues = [
        {
            "description": f"{f.rule} {f.message}",
            "check_name": f.rule,
            "fingerprint": fingerprint(report.path, f.rule, f.pointer, seen),
            "severity": SEVERITIES[f.severity],
            "location": {"path": report.path, "lines": {"begin": f.line}},
        }
        for report in reports
        for f in report.findings
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
