"""`--format junit`: one testcase per draft, failing when the draft has errors.

It validates against the strict Apache Ant schema (windyroad JUnit.xsd), which allows one
`<failure>` per testcase: its message counts the errors and its body lists every one of them,
one line each, as `path:line:col severity CODE message`. The timestamp honours
SOURCE_DATE_EPOCH, so a report can be reproduced.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
from xml.etree import ElementTree as ET

from icpfile.findings import FileReport, Severity
from icpfile.report import ReportOptions

# A machine format: written as UTF-8 whatever the console's encoding (its consumers read UTF-8).
UTF8 = True


def _timestamp() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text XML 1.0 can hold: a character it forbids (NUL, ESC, a lone surrogate) becomes U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


def render(reports: list[FileReport], options: ReportOptions) -> str:
    failing = [r for r in reports if not r.valid(options.strict)]
    root = ET.Element("testsuites")
    suite = ET.SubElement(
        root,
        "testsuite",
        {
            "package": "icpfile",
            "id": "0",
            "name": "icpfile",
            "timestamp": _timestamp(),
            "hostname": socket.gethostname() or "localhost",
            "tests": str(len(reports)),
            "failures": str(len(failing)),
            "errors": "0",
            "time": "0",
        },
    )
    ET.SubElement(suite, "properties")
    for report in reports:
        case = ET.SubElement(suite, "testcase", {"name": _xml(report.path), "classname": "icpfile.check", "time": "0"})
        if report in failing:
            errors = report.count(Severity.ERROR)
            warnings = report.count(Severity.WARNING)
            failure = ET.SubElement(
                case,
                "failure",
                {"message": f"{errors} error(s), {warnings} warning(s)", "type": "icpfile"},
            )
            failure.text = _xml("\n".join(
                f"{report.path}:{f.line}:{f.column} {f.severity.value} {f.rule} {f.message}"
                for f in report.findings
                if f.severity is Severity.ERROR or (options.strict and f.severity is Severity.WARNING)
            ))
    ET.SubElement(suite, "system-out")
    ET.SubElement(suite, "system-err")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
