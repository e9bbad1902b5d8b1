"""Materials: what a filing needs (rule data), and what a file to upload really is.

The requirements come from `national.yaml` (`materials_base`, 指南 5) and the province's
`materials` in `provinces.yaml`; the wizard's checklist and the rules ICP705/ICP706 use the same
list. A file's format is read from its first bytes, never from its name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from icpfile.records import Frozen


class Requirement(Frozen):
    kind: str
    zh: str
    en: str
    count: int
    source: str

    __slots__ = ("kind", "zh", "en", "count", "source")

    def __init__(self, kind: str, zh: str, en: str, count: int, source: str) -> None:
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "zh", zh)
        object.__setattr__(self, "en", en)
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "source", source)

    def label(self, lang: str) -> str:
        text = self.zh if lang == "zh" else self.en
        return f"{text} ×{self.count}" if self.count > 1 else text


def _domains(data: dict[str, Any]) -> int:
    sites = data.get("websites")
    return sum(1 for s in sites if isinstance(s, dict) and s.get("domain")) if isinstance(sites, list) else 0


def is_legal_representative(subject: dict[str, Any], person: Any) -> bool:
    """`person` (a principal's mapping) is the unit's legal representative: `legal_representative`
    when the draft names one, else `investor` (docs/draft-format.md: a unit's investor is its legal
    representative, `legal_representative` only when that is someone else)."""
    name = str(person.get("name") or "").strip() if isinstance(person, dict) else ""
    rep = subject.get("legal_representative")
    rep_name = rep.get("name") if isinstance(rep, dict) else subject.get("investor")
    return bool(name) and str(rep_name or "").strip() == name


def _not_legal_rep(data: dict[str, Any], sites: list[dict[str, Any]], per: str) -> int:
    """How many of the principals `per` names are not the legal representative: the letter of
    authorisation a province asks "if the principal is not the legal representative" (JD), once
    for each (walker21: asked although the principal was the legal representative)."""
    subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
    count = 0
    if per in ("principal_not_legal_rep", "any_not_legal_rep"):
        count += not is_legal_representative(subject, subject.get("principal"))
    if per in ("website_principal_not_legal_rep", "any_not_legal_rep"):
        count += sum(1 for s in sites if isinstance(s.get("principal"), dict)
                     and not is_legal_representative(subject, s["principal"]))
    return count


def _count(spec: dict[str, Any], data: dict[str, Any]) -> int:
    sites = [s for s in data.get("websites") or [] if isinstance(s, dict)] if isinstance(data.get("websites"),
                                                                                        list) else []
    per = spec.get("per")
    if per in ("principal_not_legal_rep", "website_principal_not_legal_rep", "any_not_legal_rep"):
        return _not_legal_rep(data, sites, per)
    if per == "principal_unless_own":
        subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
        principal = subject.get("principal") if isinstance(subject.get("principal"), dict) else {}
        certificate = subject.get("certificate") if isinstance(subject.get("certificate"), dict) else {}
        own_id = principal.get("id_number") in (None, "", certificate.get("number"))
        return 0 if subject.get("nature") == "personal" and own_id else 1
    if per == "domain":
        return _domains(data)
    if per == "own_principal":
        return sum(1 for s in sites if isinstance(s.get("principal"), dict))
    if per == "pre_approval":
        return sum(len(s.get("pre_approvals") or []) for s in sites if isinstance(s.get("pre_approvals"), list))
    if per in ("app", "app_without_icon"):
        apps = [a for a in data.get("apps") or [] if isinstance(a, dict) and a.get("kind") == "app"] \
            if isinstance(data.get("apps"), list) else []
        return sum(1 for a in apps if per == "app" or not a.get("icon"))
    return 1


def required_specs(data: dict[str, Any], national: dict[str, Any], pack: dict[str, Any]) -> list[dict[str, Any]]:
    """The rule-data records that apply to this draft, national ones first, then the province's."""
    filing = data.get("filing") if isinstance(data.get("filing"), dict) else {}
    subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
    nature = "personal" if subject.get("nature") == "personal" else "unit"
    found = []
    for spec in [*national.get("materials_base", []), *(pack.get("materials") or [])]:
        if spec.get("types") and filing.get("type") not in spec["types"]:
            continue
        if spec.get("nature") and spec["nature"] != nature:
            continue
        if spec.get("natures") and subject.get("nature") not in spec["natures"]:
            continue
        if spec.get("min_domains") and _domains(data) < int(spec["min_domains"]):
            continue
        found.append(spec)
    return found


def required(data: dict[str, Any], national: dict[str, Any], pack: dict[str, Any],
             specs: list[dict[str, Any]] | None = None) -> list[Requirement]:
    """The materials this draft's filing needs, with how many of each (`specs`: `required_specs`
    of the same draft, when the caller has them already)."""
    found: list[Requirement] = []
    for spec in required_specs(data, national, pack) if specs is None else specs:
        count = _count(spec, data)
        if count:
            found.append(Requirement(spec["kind"], spec["zh"], spec["en"], count, str(spec.get("source", ""))))
    return found


def missing(data: dict[str, Any], national: dict[str, Any], pack: dict[str, Any],
            specs: list[dict[str, Any]] | None = None) -> list[Requirement]:
    """Requirements the draft's `materials:` entries do not cover (counted by kind; `specs` as for
    `required`)."""
    listed: dict[str, int] = {}
    for entry in data.get("materials") or []:
        if isinstance(entry, dict) and isinstance(entry.get("kind"), str):
            listed[entry["kind"]] = listed.get(entry["kind"], 0) + 1
    gaps = []
    for need in required(data, national, pack, specs):
        have = listed.get(need.kind, 0)
        if have >= need.count:
            listed[need.kind] = have - need.count
        else:
            listed[need.kind] = 0
            gaps.append(need)
    return gaps


def sniff(head: bytes, formats: dict[str, Any], kind: str = "") -> str | None:
    """The upload format whose magic bytes are at `at` (default 0) of `head` (jpeg, png, pdf, or
    mp4 for a material of a kind its `kinds` names), or None."""
    for name, spec in formats.items():
        if "kinds" in spec and kind not in spec["kinds"]:
            continue
        at = int(spec.get("at", 0))
        if any(head.startswith(bytes.fromhex(magic), at) for magic in spec["magic"]):
            return name
    return None


def path_problem(raw: str) -> str | None:
    """Why the typed path `raw` cannot name a file at all, or None: a NUL or another control
    character (the operating system refuses a NUL; a control character is never in a file's
    name on purpose), more than 4096 bytes, or a part over 255 bytes (the POSIX and Windows
    limits). Nothing is asked of the file system. Source: icpfile (POSIX PATH_MAX, NAME_MAX)."""
    for char in raw:
        if char < " " or "\x7f" <= char <= "\x9f":
            return "the path holds a NUL or control character" if char else "the path holds a NUL byte"
    encoded = raw.encode("utf-8", errors="surrogatepass")
    if len(encoded) > 4096 or any(len(part) > 255 for part in encoded.replace(b"\\", b"/").split(b"/")):
        return "the path is too long"
    return None


def resolve(base: Path, relative: str, root: Path | None = None) -> Path | None:
    """The material file `relative` names, read from the draft's folder `base`; None when the path,
    symlinks resolved, leaves `root` (default: `base`). Absolute paths and `../` climbing out are
    refused that way, without asking the file system whether anything is there. Raises
    ValueError for a path `path_problem` refuses (a NUL byte)."""
    from icpfile.load.files import inside

    path = base / relative
    return path if inside(path, root or base) else None
