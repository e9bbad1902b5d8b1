"""`--format json`: the versioned contract of the README, one object on stdout."""

from __future__ import annotations

import json

from icpfile.findings import FileReport
from icpfile.report import ReportOptions, summary

# A machine format: written as UTF-8 whatever the console's encoding (its consumers read UTF-8).
UTF8 = True


def render(reports: list[FileReport], options: ReportOptions) -> str:
    document = {
        "version": 1,
        "files": [
            {
                "path": r.path,
                "valid": r.valid(options.strict),
                "findings": [f.to_dict() for f in r.findings],
                **({"footer": r.details} if r.details is not None else {}),
            }
            for r in reports
        ],
        "summary": summary(reports),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
