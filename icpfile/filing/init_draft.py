"""`icpfile init`: a commented starting draft for a filing type and nature.

Every line carries the field's Chinese title and help from the schema, so the file explains
itself; values are left empty for the person to fill in (and `icpfile check` points at each).
"""

from __future__ import annotations

import json
from typing import Any

from icpfile.data import kinds
from icpfile.schema import draft as sch

UNIT_PERSON = {"name": "", "id_type": "resident_id", "id_number": "", "id_expiry": "", "mobile": "",
               "phone2": "", "emergency_mobile": "", "email": ""}


FILES = ("websites", "apps", "both")  # what an order files (`init --files`), as the wizard asks


def app_entry(personal: bool) -> dict[str, Any]:
    """An app's skeleton (APP备案), keys in the portal's order; empty, so `check` and the wizard
    point at each (#22 P13: `init` could not start an app draft)."""
    return {
        "kind": "app", "name": "", "service_content": [""],
        "principal": "same_as_subject" if personal else "",
        "domains": [""], "access": {"service": "", "ip": [""]},
        "icon": "",
        "sdk": [{"vendor": "", "kind": "", "name": ""}],
        "pre_approvals": [],
        "platforms": [{"os": "android", "package": "", "public_key": "", "signature": ""}],
    }


def template(filing_type: str, nature: str, files: str = "websites") -> dict[str, Any]:
    """The starting draft for a kind (data/kinds.yaml `init`) and a nature, with websites, apps or
    both (where the kind files services); ValueError for an unknown kind or `files`."""
    if files not in FILES:
        raise ValueError(f"unknown files '{files}'")
    kind = kinds.kind(filing_type)
    if kind is None:
        raise ValueError(f"unknown filing type '{filing_type}'")
    personal = nature == "personal"
    filing: dict[str, Any] = {"type": filing_type}
    if kind.names_number:
        filing["existing_number"] = ""
    filing.update(kind.init_filing)
    data: dict[str, Any] = {"version": 1, "filing": filing}
    if "subject" in kind.init_parts:
        principal = {k: v for k, v in UNIT_PERSON.items() if not (personal and k == "phone2")}
        data["subject"] = {
            "province": "", "city": "", "district": "", "nature": nature,
            "certificate": {"type": "resident_id" if personal else "business_license", "number": "", "address": ""},
            "name": "", "mailing_address": "", "investor": "",
            **({"remarks": ""} if personal else {}),
            "principal": principal,
        }
    if "websites" in kind.init_parts and files != "websites":
        data["apps"] = [app_entry(personal)]
    if "websites" in kind.init_parts and files != "apps":
        data["websites"] = [{
            # Left empty so the wizard asks them for every website: a default here would be taken
            # for the person's answer. A person's website content and principal are set by the system.
            "name": "", "domain": "", "access": {"service": "", "ip": [""]},
            "content": "other" if personal else "", "service_type": "website_app",
            "languages": [], "principal": "same_as_subject" if personal else "",
        }]
    return data


def _scalar(value: Any) -> str:
    if value == "":
        return '""'
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) or not value.isidentifier() else value


HEAD = {"zh": "# icpfile 草稿（格式 1）。填好后运行：icpfile check <本文件>；或用 icpfile wizard <本文件> 逐项填写。",
        "en": "# icpfile draft (format 1). Fill it in, then run: icpfile check <this file>; "
              "or let icpfile wizard <this file> ask for each value."}


def render(data: dict[str, Any], lang: str = "zh") -> str:
    """The draft as commented YAML: each line's comment is the field's title and help in `lang`."""
    lines = [HEAD["zh" if lang == "zh" else "en"]]

    def emit(value: Any, path: list[str | int], indent: str, first_prefix: str | None = None) -> None:
        for i, (key, item) in enumerate(value.items()):
            prefix = first_prefix if (first_prefix is not None and i == 0) else indent
            here = [*path, key]
            if isinstance(item, dict):
                lines.append(f"{prefix}{key}:{sch.yaml_comment(here, lang=lang)}")
                emit(item, here, indent + "  ")
            elif isinstance(item, list) and item and isinstance(item[0], dict):
                lines.append(f"{prefix}{key}:{sch.yaml_comment(here, lang=lang)}")
                emit(item[0], [*here, 0], indent + "    ", first_prefix=indent + "  - ")
            elif isinstance(item, list):
                shown = ", ".join(_scalar(v) for v in item)
                lines.append(f"{prefix}{key}: [{shown}]{sch.yaml_comment(here, lang=lang)}")
            else:
                lines.append(f"{prefix}{key}: {_scalar(item)}{sch.yaml_comment(here, lang=lang)}")

    emit(data, [], "")
    return "\n".join(lines) + "\n"
