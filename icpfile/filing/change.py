"""After approval, a draft edited since: the wizard names the filing it needs and walks it.

`offer(guide)` runs when the wizard resumes on an approved draft. It compares the draft with its
record (`values.changes`), says which filing each change needs and with which fields, and where no
change filing can do it (a unit's certificate number: deregister and file anew, JD) says so and
stops. Otherwise, on a yes, it turns the order into that filing in the draft (`filing.type:
change` with the number it changes, or `new_website` with the subject's number), sets who gets the
SMS code (指南 9: the subject's principal for the subject, the website's for a website) and starts
the walk again at the materials; the approval step then rewrites `record:` (filing/approval.py).
"""

from __future__ import annotations

from typing import Any

from icpfile.data import changes
from icpfile.load import pointer as jp
from icpfile.values import approved

# Progress of the last order that a new filing starts afresh (the police filing's facts stay).
_RESET_DATES = ("order_created", "order_updated", "verified", "submitted", "sms_received", "sms_verified",
                "authority_submitted", "approved", "mailed")
_RESET_FACTS = ("rejection", "sms_resends", "change_scope")


def describe(guide: Any, found: list[changes.Change]) -> None:
    lang = guide.options.lang
    for change in found:
        fields = ", ".join(p[1:] for p in change.pointers[:8]) + (" …" if len(change.pointers) > 8 else "")
        guide.say(guide.t("change_needed", filing=change.words["zh" if lang == "zh" else "en"], fields=fields))


def filing_for(data: dict[str, Any], found: list[changes.Change]) -> dict[str, str]:
    """The `filing:` block of the order that files `found` (changes first, a new website after)."""
    rec = approved.record(data)
    subject_number = str(rec.get("number", ""))
    edits = [c for c in found if c.kind != "new_website"]
    if not edits:
        return {"type": "new_website", "previous_provider": "same", "existing_number": subject_number}
    numbers = {n for c in edits if c.kind != "change_subject" for n in c.numbers}
    subject = any(c.kind == "change_subject" for c in edits)
    number = next(iter(numbers)) if len(numbers) == 1 and not subject else subject_number
    return {"type": "change", "existing_number": number}


def scope(found: list[changes.Change]) -> str:
    """Who verifies the change by SMS (指南 9): subject, website or both."""
    scopes = {changes.table()["kinds"][c.kind].get("scope") for c in found} - {None}
    return "both" if len(scopes) > 1 else (scopes.pop() if scopes else "subject")


# What a change of these fields leaves stale on beian.mps.gov.cn: the police form repeats the ICP
# record's website name exactly (field 7) and its access (IP, provider, method: field 13), and the
# unit's name (field 2) character for character (docs/draft-format.md "police"; domain-2026b §2, IMD).
_POLICE_FIELDS = {"/name": "police_field.name", "/access": "police_field.access"}


def police_updates(data: dict[str, Any], found: list[changes.Change]) -> list[dict[str, Any]]:
    """[{domain, fields}] of the websites whose public-security filing is made (its number in
    `police:`) and whose record there the change makes stale: a website renamed or its access
    changed, or (for each such website) the unit renamed. Message keys in `fields`."""
    police = data.get("police") if isinstance(data.get("police"), dict) else {}
    numbered = {approved.domain_key(e.get("domain")) for e in police.get("websites") or []
                if isinstance(e, dict) and isinstance(e.get("number"), str) and e["number"].strip()}
    sites = data.get("websites") if isinstance(data.get("websites"), list) else []
    subject_renamed = any(p == "/subject/name" for c in found for p in c.pointers)
    out: list[dict[str, Any]] = []
    for i, site in enumerate(sites):
        domain = approved.domain_key(site.get("domain")) if isinstance(site, dict) else ""
        if not domain or domain not in numbered:
            continue
        fields = ["police_field.subject"] if subject_renamed else []
        for change in found:
            for pointer in change.pointers:
                rest = pointer.removeprefix(f"/websites/{i}")
                if rest == pointer:
                    continue
                key = next((k for prefix, k in _POLICE_FIELDS.items() if rest == prefix or rest.startswith(
                    prefix + "/")), None)
                if key and key not in fields:
                    fields.append(key)
        if fields:
            out.append({"domain": str(site.get("domain")).strip(), "fields": fields})
    return out


def start(guide: Any, found: list[changes.Change]) -> None:
    """Write the new order's `filing:` into the draft (in place) and restart the walk."""
    block = filing_for(guide.draft.data, found)
    current = guide.draft.data.get("filing") if isinstance(guide.draft.data.get("filing"), dict) else {}
    for key in ("type", "existing_number", "previous_provider"):
        value = block.get(key)
        if value is None and key in current:
            current.pop(key)
        elif value is not None:
            current[key] = value
        guide.draft.file.set(f"/filing/{key}", value)
    guide.draft.data["filing"] = current
    guide.draft.file.save()
    for key in _RESET_DATES:
        guide.state.dates.pop(key, None)
    for key in _RESET_FACTS:
        guide.state.facts.pop(key, None)
    guide.state.checklist.clear()
    if block["type"] == "change":
        guide.state.facts["change_scope"] = scope(found)
    guide.state.facts["filing_kinds"] = [c.kind for c in found]
    updates = police_updates(guide.draft.data, found)
    if updates:  # said after the approval: the police record is changed once the ICP one is (walker21 item 3)
        guide.state.facts["police_update"] = updates
    else:
        guide.state.facts.pop("police_update", None)
    guide.go("materials")
    guide.store.save(guide.state)


def routed_changes(found: list[changes.Change], data: dict[str, Any], view: Any) -> list[changes.Change]:
    """`found` with a new subject filed as a change of the subject where ICP674's route for the
    province (provinces.yaml subject_change, TXM) lets the provider's change process do it, rather
    than deregistering and filing anew (rules32: the wizard told every province to refile; breaker23
    M10: status did still). `view` is the draft as the checks see it (checks.context.Context)."""
    if all(c.allowed for c in found):
        return found
    from icpfile.checks.record import subject_change_case

    filed = approved.record(data).get("subject")
    if subject_change_case(view, filed if isinstance(filed, dict) else {}) in ("refused", "unstated"):
        return found
    return [c if c.allowed else changes.Change("change_subject", c.pointers, c.numbers) for c in found]


def offer(guide: Any) -> bool:
    """On an approved draft: name what changed and, if asked, start the filing. True when started."""
    found = changes.found(guide.draft.data)
    if not found:
        return False
    routed = any(not c.allowed for c in found)
    found = routed_changes(found, guide.draft.data, guide.draft.view())
    routed = routed and all(c.allowed for c in found)
    describe(guide, found)
    if any(not c.allowed for c in found):
        guide.say(guide.t("change_refile"))
        return False
    if routed:
        guide.say(guide.t("change_subject_route", province=guide.draft.view().province))
    edits = [c for c in found if c.kind != "new_website"]
    if edits and len(edits) < len(found):
        guide.say(guide.t("change_then_new"))
    first = filing_for(guide.draft.data, found)
    if not guide.session.prompter.confirm(guide.t("change_start", type=first["type"], number=first["existing_number"]),
                                  default=True):
        return False
    start(guide, edits or found)
    return True


def shown_changes(data: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(pointer, approved value, value now) of every field the draft changed since its record, the
    subject's first, what the reviewer of a change order checks (walker21 item 4). A new website
    is one line with no old value."""
    rec = approved.record(data)
    out: list[tuple[str, Any, Any]] = []
    for change in changes.found(data):
        for pointer in change.pointers:
            now = jp.resolve(data, pointer)
            if change.kind == "new_website":
                out.append((pointer, None, now.get("domain") if isinstance(now, dict) else now))
                continue
            parts = pointer.split("/")
            if parts[1] == "subject":
                before = jp.resolve(rec.get("subject") or {}, "/" + "/".join(parts[2:]))
            else:
                item = jp.resolve(data, "/".join(parts[:3]))
                filed = approved.filed(data, parts[1]).get(
                    approved.service_key(parts[1], item) if isinstance(item, dict) else "")
                before = jp.resolve(filed.filed, "/" + "/".join(parts[3:])) if filed else None
            out.append((pointer, before, now))
    return out


def pending_line(guide: Any, found: list[changes.Change]) -> str:
    """The last line when the draft needs a filing not made yet (declined, or not started)."""
    lang = guide.options.lang
    kinds = ("、" if lang == "zh" else ", ").join(c.words["zh" if lang == "zh" else "en"] for c in found)
    return guide.t("change_pending", kinds=kinds, draft=guide.draft_path)
