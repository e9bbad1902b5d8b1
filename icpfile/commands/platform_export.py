"""`icpfile export --platform P DRAFT`: the draft checked as the platform needs, then its body.

The CLI only wires options to `export_body`. The draft is checked with the platform's rules on
(`Options.platform`): any error, including a field the platform requires and the draft lacks
(ICP570) or a code without an id in the platform's list (ICP572), is reported at the draft's line
and no body is written. A clean draft's body is JSON (UTF-8, keys in the platform's order).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from icpfile.findings import FileReport
from icpfile.options import Options
from icpfile.records import replace


@dataclass
class Exported:
    report: FileReport  # the check's findings (shown whatever happens)
    body: dict[str, Any] | None  # None when the draft does not check clean for the platform
    internal: list[str]
    built: Any = None  # the export.Built, for submit


def codes_for(draft: Path, platform: str, codes_file: str = ""):
    """The platform's codes: the snapshot under a refreshed list beside the draft (or `codes_file`)."""
    from icpfile.platforms import codes as pc

    overlay = Path(codes_file) if codes_file else pc.overlay_path(draft.parent, platform)
    return pc.Codes.load(platform, overlay)


def repaired_data(draft: Path) -> dict[str, Any] | None:
    """The draft as the rules saw it (typed, the schema step's repairs applied), or None."""
    from icpfile.load.read import load_path
    from icpfile.schema import repair, typed

    doc = load_path(draft, str(draft))
    if not isinstance(doc.data, dict):
        return None
    return repair.apply(typed.apply(doc.data)).data


def export_body(draft: Path, platform: str, options: Options, strict: bool = False) -> Exported:
    """Check `draft` for `platform`; the body only when no error (no warning under `strict`) is found.

    Raises CodesError (platforms.codes) when a refreshed codes file is unreadable."""
    from icpfile import engine
    from icpfile.platforms.export import build

    codes = codes_for(draft, platform, options.codes)  # an unreadable codes file is one line, first
    options = replace(options, platform=platform)
    result = engine.check_path(draft, str(draft), options)
    if not result.report.valid(strict) or result.internal:
        return Exported(result.report, None, result.internal)
    data = repaired_data(draft)
    if data is None:
        return Exported(result.report, None, result.internal)
    built = build(data, platform, codes)
    if not built.ok:  # the rules reported every problem already; never a partial body
        return Exported(result.report, None, result.internal, built)
    return Exported(result.report, built.body, result.internal, built)


def body_text(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
