"""A checked draft → one platform's request body, by that platform's mapping file (data, not code).

`build(data, platform, codes)` evaluates `icpfile/platforms/<platform>.yaml` (its language is
described at the head of `wechat.yaml`) over the draft and validates the body against the
platform's shipped JSON Schema (`<platform>.schema.json`, written from the documented request,
dated). It never raises on a draft's shape: what the platform needs and the draft lacks comes
back as `Problem`s at the draft's JSON Pointer (the rules in `checks/platforms.py` turn them into
findings at the draft's line), and `Built.body` is only to be written when there are none.

Media are not uploaded here: each media field holds `media:<pointer of the material's path>`
(`media:/materials/2/path`), and `Built.media` lists every use with the dotted field it is for
(WeChat's `icp_order_field`) and the certificate's id (its `certificate_type`), so `submit` can
upload each file once and write the ids in. A face-check id is `face-check:pending` likewise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from icpfile.load import pointer as jp
from icpfile.platforms import PLATFORMS
from icpfile.platforms.codes import Codes, region

HERE = Path(__file__).resolve().parent
MEDIA = "media:"
FACE_PENDING = "face-check:pending"
CHINA = dt.timezone(dt.timedelta(hours=8))  # a validity date is a day in China: Unix seconds at its 00:00
# The draft's app kinds a platform files (a mini-program, or a HarmonyOS atomic service as a quick app).
FILED_KINDS = ("mini_program", "quick_app")


@dataclass(frozen=True, slots=True)
class Problem:
    """`kind`: missing (the platform requires it, the draft lacks it), invalid (the draft's value
    breaks the platform's documented form), code (no id for a draft code in the platform's list)."""

    kind: str
    pointer: str
    params: dict[str, Any]


@dataclass(frozen=True, slots=True)
class MediaUse:
    """One media field of the body: which file fills it, and what the upload must say."""

    placeholder: str  # media:/materials/2/path
    pointer: str  # the draft pointer of the path
    path: str  # as typed, relative to the draft's folder
    kind: str  # the draft's material kind (or pre_approval)
    field: str  # dotted body field, e.g. icp_subject.principal_info.certificate_photo_front
    certificate_type: int | None = None  # the certificate's id when the file is a certificate


@dataclass
class Built:
    platform: str
    body: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    media: list[MediaUse] = field(default_factory=list)
    app: str = ""  # the exported app entry's pointer
    origin: dict[str, str] = field(default_factory=dict)  # dotted body field → the draft pointer it comes from

    def pointer_of(self, dotted: str) -> str:
        """The draft pointer a body field (WeChat's err_field) comes from: a material's path for a
        media field, else the nearest mapped ancestor's pointer; '' when nothing maps."""
        for use in self.media:
            if use.field == dotted or use.field.rpartition(".")[0] == dotted:
                return use.pointer
        probe = dotted
        while probe and probe not in self.origin:
            probe = probe.rpartition(".")[0]
        return self.origin.get(probe, "")

    @property
    def ok(self) -> bool:
        return not self.problems


class _Unknown(Exception):
    def __init__(self, table: str, value: str, pointer: str) -> None:
        super().__init__(table)
        self.table, self.value, self.pointer = table, value, pointer


@cache
def mapping(platform: str) -> dict[str, Any]:
    """The platform's mapping file (trusted data shipped with icpfile)."""
    from icpfile.data.catalog import read_data

    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}")
    return read_data(f"{platform}.yaml", HERE)


@cache
def body_schema(platform: str) -> dict[str, Any]:
    import json

    return json.loads((HERE / mapping(platform)["schema"]).read_text(encoding="utf-8"))


def platforms_named(data: dict[str, Any]) -> list[str]:
    """The platforms whose hosts the draft's mini-programs and quick apps name (`host: wechat`)."""
    hosts = {app.get("host") for app in data.get("apps") or [] if isinstance(app, dict)}
    return [p for p in PLATFORMS if hosts & set(mapping(p)["hosts"])]


def pick_app(data: dict[str, Any], platform: str) -> str | None:
    """The pointer of the app entry to export: the one hosted on the platform, else the only
    mini-program or quick app; None when there is none or the choice is not clear."""
    apps = data.get("apps")
    entries = [(i, a) for i, a in enumerate(apps if isinstance(apps, list) else [])
               if isinstance(a, dict) and a.get("kind") in FILED_KINDS]
    hosted = [i for i, a in entries if a.get("host") in mapping(platform)["hosts"]]
    chosen = hosted if hosted else [i for i, _ in entries]
    return f"/apps/{chosen[0]}" if len(chosen) == 1 else None


class _Run:
    def __init__(self, data: dict[str, Any], platform: str, codes: Codes, app: str) -> None:
        self.data, self.platform, self.codes, self.app = data, platform, codes, app
        self.spec = mapping(platform)
        self.built = Built(platform, app=app)
        self.origin = self.built.origin  # dotted body field → the draft pointer it comes from
        self.aliases: dict[str, str] = {}
        principal = self.get(f"{app}/principal") if app else None
        if principal == "same_as_subject":
            self.aliases[f"{app}/principal"] = "/subject/principal"
        self.nature = self.get("/subject/nature") or ""

    # -- pointers and values
    def resolve(self, ref: str, base: str) -> str:
        if ref.startswith("app:"):
            ref = self.app + ref[len("app:"):] if self.app else "/apps"
        elif ref.startswith("@"):
            ref = base + ref[1:]
        for alias, target in self.aliases.items():
            if ref == alias or ref.startswith(alias + "/"):
                ref = target + ref[len(alias):]
        return ref

    def get(self, pointer: str) -> Any:
        return jp.resolve(self.data, pointer)

    # -- evaluation
    def node(self, spec: Any, where: str, base: str) -> Any:
        if isinstance(spec, dict) and ("from" in spec or "media" in spec or "const" in spec or "template" in spec):
            return self.leaf(spec, where, base)
        if isinstance(spec, dict):
            out: dict[str, Any] = {}
            for key, sub in spec.items():
                if key == "$merge":
                    merged = self.node(sub, where, base)
                    out.update(merged or {})
                    continue
                value = self.node(sub, f"{where}.{key}" if where else key, base)
                if value is not None and value != {} and value != []:
                    out[key] = value
            return out
        return spec

    def leaf(self, spec: dict[str, Any], where: str, base: str) -> Any:
        if "const" in spec:
            return spec["const"]
        if "template" in spec:
            at = self.resolve(spec["at"], base)
            self.origin[where] = at
            if not isinstance(self.get(at), dict):
                return None
            return self.node(self.spec["templates"][spec["template"]], where, at)
        if "media" in spec:
            person = self.resolve(spec["person"], base) if "person" in spec else base
            listed = isinstance(self.data.get("materials"), list)
            self.origin[where] = "/materials" if listed else (person or "/subject")
            return self.media(spec, where, base)
        pointer = self.resolve(spec["from"], base)
        self.origin[where] = pointer
        value = self.get(pointer)
        if value is None or value == "":
            return None
        try:
            return self.convert(spec.get("as", ""), value, pointer, where)
        except _Unknown as unknown:
            self.built.problems.append(Problem("code", unknown.pointer, {
                "platform": self.platform, "table": unknown.table, "value": unknown.value,
                "dated": self.codes.dated, "field": where}))
            return None

    def text(self, value: Any) -> Any:
        return str(value) if self.spec.get("strings") and isinstance(value, int) else value

    def convert(self, how: str, value: Any, pointer: str, where: str) -> Any:
        if not how:
            return value if isinstance(value, (str, bool, int)) else None
        if how == "nature":
            return self.text(self.lookup(self.codes.nature(value), "natures", value, pointer))
        if how == "certificate":
            return self.text(self.lookup(self.codes.certificate(value, self.nature), "certificates", value, pointer))
        if how.startswith("region_"):
            return self.region(value, pointer, how[len("region_"):])
        if how == "address_in_region":
            return self.address_in_region(value)
        if how == "date":
            return self.date(value)
        if how == "has_end":
            return value != "long_term"
        if how == "period":
            start, end = self.date(value.get("id_valid_from")), self.date(value.get("id_expiry"))
            return f"{start}-{end}" if start and end else None
        if how == "any":
            return bool(value) if isinstance(value, list) else None
        if how == "service_content":
            ids = [self.item_id("service_content", name, f"{pointer}/{i}", where) for i, name in enumerate(value)]
            return [i for i in ids if i is not None]
        if how in ("nrlx", "pre_approval_list", "audit_infos", "pre_approvals_typed"):
            return self.approvals(how, value, pointer, where)
        raise ValueError(f"{self.platform}.yaml: unknown converter {how!r}")

    def lookup(self, found: int | None, table: str, value: Any, pointer: str) -> int:
        if found is None:
            raise _Unknown(table, str(value), pointer)
        return found

    def item_id(self, table: str, value: Any, pointer: str, where: str) -> int | None:
        found = self.codes.id(table, str(value))
        if found is None:
            self.built.problems.append(Problem("code", pointer, {
                "platform": self.platform, "table": table, "value": str(value), "dated": self.codes.dated,
                "field": where}))
        return found

    def region(self, subject: Any, pointer: str, level: str) -> str | None:
        if not isinstance(subject, dict):
            return None
        names = [subject.get(k) if isinstance(subject.get(k), str) else "" for k in ("province", "city", "district")]
        codes = region(*names)
        if codes is None:
            raise _Unknown("regions", "/".join(names), f"{pointer}/district")
        return codes[("province", "city", "district").index(level)]

    def address_in_region(self, address: Any) -> Any:
        """WeChat's address leaves out the leading province, city and district (WXA)."""
        if not isinstance(address, str):
            return None
        rest = address.strip()
        for key in ("province", "city", "district"):
            name = self.get(f"/subject/{key}")
            if isinstance(name, str) and name and rest.startswith(name):
                rest = rest[len(name):]
        return rest or address

    def date(self, value: Any) -> Any:
        dates = self.spec.get("dates") or {}
        if value == "long_term":
            return dates.get("long_term")
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            return None
        if dates.get("format") == "unix":
            return int(dt.datetime(day.year, day.month, day.day, tzinfo=CHINA).timestamp())
        return day.strftime(dates.get("format", "%Y-%m-%d"))

    def approvals(self, how: str, value: Any, pointer: str, where: str) -> Any:
        if not isinstance(value, list):
            return None
        if not value:
            if how != "nrlx":
                return None
            none = self.codes.id("pre_approvals", "none")
            if none is None:
                raise _Unknown("pre_approvals", "以上都不涉及 (none)", pointer)
            return [{"type": none}]
        out = []
        for i, approval in enumerate(value):
            if not isinstance(approval, dict):
                continue
            ptr = f"{pointer}/{i}"
            type_id = self.item_id("pre_approvals", approval.get("category"), f"{ptr}/category", where)
            document = approval.get("document")
            media = None
            if isinstance(document, str) and document.strip():
                media = self.use(f"{ptr}/document", document.strip(), "pre_approval", f"{where}.{i}", None)
            number = approval.get("number") if isinstance(approval.get("number"), str) else None
            if how == "nrlx":
                entry = {"type": type_id, "code": number, "media": media}
            elif how == "pre_approval_list":
                entry = {"pre_approval_item_id": type_id, "pre_approval_number": number,
                         "pre_approval_files": [{"path": media}] if media else None}
            elif how == "audit_infos":
                entry = {"audit_type": self.text(type_id), "audit_number": number, "audit_material": media}
            else:
                entry = {"type": type_id, "number": number, "file": media}
            out.append({k: v for k, v in entry.items() if v is not None})
        return out

    # -- media
    def media(self, spec: dict[str, Any], where: str, base: str) -> Any:
        kind = spec["media"]
        person_ptr = self.resolve(spec["person"], base) if "person" in spec else base
        person = self.get(person_ptr) if person_ptr else None
        name = person.get("name") if isinstance(person, dict) else None
        cert: int | None = None
        if kind == "id_photo":
            kind = "principal_id" if person_ptr == "/subject/principal" else "website_principal_id"
            if isinstance(person, dict):
                cert = self.codes.certificate(str(person.get("id_type")), self.nature)
        elif kind == "subject_certificate":
            cert = self.codes.certificate(str(self.get("/subject/certificate/type")), self.nature)
        listed = self.data.get("materials")
        found = []
        for i, entry in enumerate(listed if isinstance(listed, list) else []):
            if not isinstance(entry, dict) or entry.get("kind") != kind or not isinstance(entry.get("path"), str):
                continue
            if "side" in spec and entry.get("side") != spec["side"]:
                continue
            named = entry.get("person")
            if (spec.get("of_person") or kind == "website_principal_id") and named and named != name:
                continue
            found.append((i, entry["path"].strip()))
        uses = [self.use(f"/materials/{i}/path", path, kind, where if not spec.get("list") else f"{where}.{n}", cert)
                for n, (i, path) in enumerate(found[: None if spec.get("list") else 1])]
        if spec.get("object"):
            uses = [{spec["object"]: u} for u in uses]
        if spec.get("list"):
            return uses or None
        return uses[0] if uses else None

    def use(self, pointer: str, path: str, kind: str, where: str, cert: int | None) -> str:
        placeholder = MEDIA + pointer
        self.built.media.append(MediaUse(placeholder, pointer, path, kind, where, cert))
        return placeholder

    # -- validation
    def validate(self) -> None:
        from jsonschema import Draft202012Validator

        validator = Draft202012Validator(body_schema(self.platform))
        for error in validator.iter_errors(self.built.body):
            where = ".".join(str(p) for p in error.absolute_path)
            if error.validator == "required":
                present = error.instance if isinstance(error.instance, dict) else {}
                for name in error.validator_value:
                    if name not in present:
                        dotted = f"{where}.{name}" if where else name
                        self.problem("missing", dotted, {})
            else:
                shown = error.validator_value if isinstance(error.validator_value, (int, str)) else ""
                self.problem("invalid", where, {"rule": f"{error.validator} {shown}".strip()})

    def problem(self, kind: str, dotted: str, params: dict[str, Any]) -> None:
        if dotted in (mapping(self.platform).get("covered") or {}):
            return  # a general rule already says it at the draft's value (e.g. ICP559)
        if any(p.kind == "code" and p.params.get("field") and dotted.startswith(p.params["field"])
               for p in self.built.problems):
            return  # already said: the draft's code has no id in the platform's list
        probe = dotted
        while probe and probe not in self.origin:
            probe = probe.rpartition(".")[0]
        pointer = self.origin.get(probe, "")
        found = Problem(kind, pointer, {"platform": self.platform, "field": dotted, **params})
        if found not in self.built.problems:
            self.built.problems.append(found)


def build(data: dict[str, Any], platform: str, codes: Codes | None = None) -> Built:
    """The platform's body for this draft, with every problem that stops it (see the module doc)."""
    codes = codes or Codes.load(platform)
    app = pick_app(data, platform)
    run = _Run(data, platform, codes, app or "")
    if app is None:
        run.built.problems.append(Problem("missing", "/apps", {"platform": platform, "field": "apps"}))
        return run.built
    body = run.node(mapping(platform)["body"], "", "")
    for key in mapping(platform)["body"]:  # the top-level objects are sent even when empty
        body.setdefault(key, {})
    run.built.body = body
    run.validate()
    return run.built
