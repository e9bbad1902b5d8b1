"""After approval (指南 11): the footer, then the public-security filing walked to its number.

`walk(guide)` is the wizard's `approved` step. In order, resuming wherever it stopped:
1. the footer with the filing number (and the police number once there), linked;
2. the site's opening date (the 30 days of 公安部令第33号 Art. 12 start there; `status` counts them);
3. for a unit, its legal representative (法定代表人, units only); then per website, the police form's
   questions that the ICP record does not answer (the IP the domain resolves to, the access
   provider and the access method, the registrar, the website type, interactive or not and, when
   it is, the safety assessment's file; the security officer and the emergency contact, each the
   principal or a person), each written into the draft's `police:` section in place and checked
   as `icpfile check` would (docs/draft-format.md "police");
4. what to upload on beian.mps.gov.cn and where (the principal's ID with a hand-held photo, the
   licence, a safety assessment when interactive, SAFE18);
5. "submitted?", the face-to-face or on-site review when interactive (ALI-PS), the police number;
6. the footer with both numbers and the police link.
Words come from `messages.yaml`; facts from domain-2026b §2 (sources in docs/sources.md).
"""

from __future__ import annotations

from typing import Any

from icpfile.filing import process
from icpfile.filing.outcome import ADVANCE, STAY, Outcome
from icpfile.findings import Severity
from icpfile.load import pointer as jp
from icpfile.values import approved


def _data() -> dict[str, Any]:
    from icpfile.checks.police import police_data

    return police_data()


def sites(guide: Any) -> list[tuple[int, dict[str, Any]]]:
    """(index, website) of every website of the draft that has a domain."""
    items = guide.draft.data.get("websites") if isinstance(guide.draft.data.get("websites"), list) else []
    return [(i, s) for i, s in enumerate(items) if isinstance(s, dict) and approved.domain_key(s.get("domain"))]


def entry_index(guide: Any, domain: str) -> int:
    """The index in `police.websites` of `domain`'s entry, created (with its domain) when absent."""
    j, found = _entry(guide, domain)
    if not found:
        put(guide, f"/police/websites/{j}/domain", domain)
    return j


def _entry(guide: Any, domain: str) -> tuple[int, bool]:
    """The index of `domain`'s entry in `police.websites` and whether it is there (else the next)."""
    police = guide.draft.data.get("police") if isinstance(guide.draft.data.get("police"), dict) else None
    listed = police.get("websites") if police and isinstance(police.get("websites"), list) else []
    for j, entry in enumerate(listed):
        if isinstance(entry, dict) and approved.domain_key(entry.get("domain")) == approved.domain_key(domain):
            return j, True
    return len(listed), False


def opened_at(guide: Any) -> str | None:
    """Where the first website's opening day goes (its police entry, made or not): the checks judge
    the day there at the answer (ICP661: before the approval, after today)."""
    first = sites(guide)
    return f"/police/websites/{_entry(guide, str(first[0][1].get('domain')).strip())[0]}/opened" if first else None


def put(guide: Any, pointer: str, value: Any) -> None:
    """One answer into the data and the draft file, in place (comments kept), saved at once."""
    jp.assign(guide.draft.data, pointer, value)
    guide.draft.file.set(pointer, value)
    guide.draft.file.save()


# The police fields this step asks (a finding on one of them is answered here, so the wizard lets
# the walk reach it: `answers`); `legal_representative` is the subject's, the rest each website's.
ASKED = ("ip", "access_provider", "access_method", "registrar", "service_type", "interactive",
         "security_officer", "emergency_contact", "number")
SAME = "same_as_subject"


def answers(pointer: str) -> bool:
    """True when the police step asks for the value at `pointer` (`/police/websites/0/interactive`,
    ICP663's place: the step asks for the safety assessment's file there)."""
    parts = pointer.split("/")
    return pointer.startswith("/police/subject/legal_representative") or (
        len(parts) >= 5 and parts[1:3] == ["police", "websites"] and parts[4] in ASKED)


def _ask_text(guide: Any, pointer: str, key: str, default: str, optional: bool = False, **fields: object) -> None:
    current = jp.resolve(guide.draft.data, pointer)
    if isinstance(current, str) and current.strip() and not guide.draft.problems_at(pointer):
        return  # answered (by hand, or an earlier run)

    def check(text: str) -> bool | str:
        if not text.strip():
            return True if optional else guide.t("police_needed")
        return guide.draft.problem(pointer, text.strip()) or True

    # A value the checks refuse is not offered again when there is a good default: an ESC or a
    # U+202E in it cannot be seen in the prompt, so Enter would only be refused again (#21, W12).
    written = current if isinstance(current, str) and current.strip() else ""
    offered = default if written and default and check(default) is True else (written or default)
    text = guide.session.prompter.text(guide.t(key, **fields), default=offered, validate=check)
    if text.strip():
        put(guide, pointer, text.strip())


def _ask_ips(guide: Any, pointer: str, domain: str, filed: list[str]) -> None:
    current = jp.resolve(guide.draft.data, pointer)
    if isinstance(current, list) and current:
        return

    def listed(text: str) -> list[str]:
        return [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]

    text = guide.session.prompter.text(guide.t("police_ip", domain=domain), default=", ".join(filed),
                               validate=lambda t: (guide.draft.problem(pointer, listed(t)) or True)
                               if listed(t) else guide.t("police_needed"))
    put(guide, pointer, listed(text))


def assessment(guide: Any) -> bool:
    """The safety assessment report (安全评估报告, SAFE18) an interactive site uploads: True when
    `materials:` lists one, else its file is asked for and listed (`{kind: safety_assessment, path}`).
    The path is checked as `icpfile check` checks a material (ICP701: relative to the draft's
    folder, never outside its tree, a readable file). Enter = not ready yet: False (nothing written)."""
    listed = guide.draft.data.get("materials")
    listed = listed if isinstance(listed, list) else []
    if any(isinstance(m, dict) and m.get("kind") == "safety_assessment" for m in listed):
        return True
    pointer = f"/materials/{len(listed)}"

    def entry(text: str) -> dict[str, str]:
        return {"kind": "safety_assessment", "path": text.strip()}

    text = guide.session.prompter.text(
        guide.t("police_assessment_path", folder=guide.draft.path.resolve().parent), default="",
        validate=lambda t: (guide.draft.problem(pointer, entry(t)) or True) if t.strip() else True)
    if not text.strip():
        guide.say(guide.t("police_assessment_later"))
        return False
    put(guide, pointer, entry(text))
    return True


def _ask_person(guide: Any, pointer: str, key: str) -> None:
    """A website's security officer or emergency contact (网站安全负责人 / 网站应急联络人): the
    principal (`same_as_subject`, 同主体负责人) on yes, else each field the draft format requires of
    a person, asked and checked as the draft's own questions are."""
    from icpfile.filing.answers import path_of
    from icpfile.schema import draft as sch

    current = jp.resolve(guide.draft.data, pointer)
    if (current == SAME or isinstance(current, dict)) and not guide.draft.problems_at(pointer):
        return
    if guide.session.prompter.confirm(guide.t(key), default=not isinstance(current, dict)):
        put(guide, pointer, SAME)
        return
    person = next((b for b in sch.branches(sch.at(path_of(pointer))) if "properties" in b), {})
    for field in person.get("required", []):
        here = f"{pointer}/{field}"
        value = jp.resolve(guide.draft.data, here)
        if value not in (None, "") and not guide.draft.problems_at(here):
            continue
        hint = guide.t("police_person_mobile") if field == "mobile" else None  # no SMS goes to them (walker21)
        put(guide, here, guide.session.ask(here, value if isinstance(current, dict) else None, optional=False,
                                           hint=hint))


def answered(guide: Any, key: str, j: int) -> str:
    """`key` as another website's police entry answers it (the first that does): the second site of
    an order is usually registered where the first is, so its registrar is offered (#21, W12)."""
    police = guide.draft.data.get("police") if isinstance(guide.draft.data.get("police"), dict) else {}
    for k, entry in enumerate(police.get("websites") or []):
        value = entry.get(key) if isinstance(entry, dict) else None
        if k != j and isinstance(value, str) and value.strip() and not guide.draft.problems_at(
                f"/police/websites/{k}/{key}"):
            return value.strip()
    return ""


def legal_representative(guide: Any) -> None:
    """A unit's 法定代表人姓名 (the police form asks units only; domain-2026b §2.3, field 4): the
    draft's legal representative, else its principal, offered."""
    if guide.session.nature() == "personal":
        return
    subject = guide.draft.view().subject
    rep = subject.get("legal_representative") if isinstance(subject.get("legal_representative"), dict) else {}
    principal = subject.get("principal") if isinstance(subject.get("principal"), dict) else {}
    _ask_text(guide, "/police/subject/legal_representative", "police_legal_representative",
              str(rep.get("name") or principal.get("name") or ""))


def opening(guide: Any, i: int, base: str, domain: str) -> None:
    """The day website `i` opened, into its police entry: the first website's is the day the step
    asked (site_opened); each other website's is asked, that day offered, since the 30 days run per
    site (公安部令第33号 Art. 12; walker21 item 2). The state keeps the earliest: it is the first due."""
    from icpfile.values.dates import iso_day_text, parse_day

    opened = guide.state.dates.get("site_opened", guide.options.today.isoformat())[:10]
    if sites(guide)[0][0] != i:
        text = guide.session.prompter.text(
            guide.t("police_opened_site", domain=domain), default=opened,
            validate=lambda t: True if parse_day(iso_day_text(t)) else guide.t(
                "date_form", today=guide.options.today.isoformat()))
        opened = iso_day_text(text) or opened
        guide.session.warn_day(f"{base}/opened", opened)
        if opened < guide.state.dates.get("site_opened", opened):
            guide.state.dates["site_opened"] = opened
            guide.store.save(guide.state)
    put(guide, f"{base}/opened", opened)


def questions(guide: Any, i: int, site: dict[str, Any]) -> int | None:
    """The police form's questions for website `i` that the ICP record does not answer; its entry
    (None: an interactive site's safety assessment is not ready yet, so nothing more is asked)."""
    domain = str(site.get("domain")).strip()
    j = entry_index(guide, domain)
    base = f"/police/websites/{j}"
    access = site.get("access") if isinstance(site.get("access"), dict) else {}
    filed_ips = [str(ip) for ip in access.get("ip") or []] if isinstance(access.get("ip"), list) else []
    guide.say(guide.t("police_site", domain=domain))
    if jp.resolve(guide.draft.data, f"{base}/opened") in (None, ""):
        opening(guide, i, base, domain)
    _ask_ips(guide, f"{base}/ip", domain, filed_ips)
    provider = str((guide.draft.data.get("filing") or {}).get("provider") or "aliyun")
    _ask_text(guide, f"{base}/access_provider", "police_access_provider",  # the site before's answer first (walker21)
              answered(guide, "access_provider", j) or str(_data()["access_providers"].get(provider, "")))
    _ask_text(guide, f"{base}/access_method", "police_access_method", str(_data()["default_access_method"]))
    _ask_text(guide, f"{base}/registrar", "police_registrar", answered(guide, "registrar", j))
    _ask_text(guide, f"{base}/service_type", "police_service_type", str(_data()["default_service_type"]))
    interactive = jp.resolve(guide.draft.data, f"{base}/interactive")
    if not isinstance(interactive, bool):
        interactive = bool(guide.session.prompter.confirm(guide.t("police_interactive"), default=False))
        put(guide, f"{base}/interactive", interactive)
        # what check warns of the answer is said here, not only after "all done" (walker22: ICP664,
        # a personal site with an interactive service)
        for finding in guide.draft.problems_at(f"{base}/interactive", severities=(Severity.WARNING,)):
            guide.say(guide.t("police_note", text=guide.draft.worded(finding)))
    if interactive and not assessment(guide):
        return None  # ICP663 until the file is listed: the next start asks for it here (Wizard.run lets it)
    _ask_person(guide, f"{base}/security_officer", "police_security_officer")
    _ask_person(guide, f"{base}/emergency_contact", "police_emergency_contact")
    return j


def uploads(guide: Any, interactive: bool, base: str = "") -> None:
    """What to upload on the platform, and where (domain-2026b §2.2–2.5): a named security officer's
    ID too, the form's field 20 asks for its photos (walker21 item 6: only the principal's was listed)."""
    guide.say(guide.t("police_uploads"))
    guide.say("  - " + guide.t("police_upload_id"))
    officer = jp.resolve(guide.draft.data, f"{base}/security_officer") if base else None
    if isinstance(officer, dict) and str(officer.get("name") or "").strip():  # the form's field 20 (domain-2026b §2)
        guide.say("  - " + guide.t("police_upload_security_officer", name=str(officer["name"]).strip()))
    if guide.session.nature() != "personal":
        guide.say("  - " + guide.t("police_upload_licence"))
    guide.say("  - " + guide.t("police_upload_domain"))
    if interactive:
        guide.say("  - " + guide.t("police_upload_assessment"))


def number(guide: Any, base: str) -> str:
    """The police number, checked as `icpfile check` checks it, written into the draft."""
    from icpfile.footer.snippet import police_problem

    pointer = f"{base}/number"
    province = str(guide.draft.view().subject.get("province", ""))
    current = jp.resolve(guide.draft.data, pointer)
    if isinstance(current, str) and current.strip() and not guide.draft.problems_at(pointer):
        return current.strip()
    text = guide.session.prompter.text(
        guide.t("police_number", police=_police_example(guide)), default=current if isinstance(current, str) else "",
        validate=lambda t: police_problem(t.strip(), province, guide.options.lang)
        or guide.draft.problem(pointer, t.strip()) or True)
    put(guide, pointer, text.strip())
    for finding in guide.draft.problems_at(pointer, severities=(Severity.WARNING, Severity.INFO)):
        guide.say(guide.t("police_note", text=guide.draft.worded(finding)))  # ICP668: another district's office
    return text.strip()


def footer(guide: Any, domain: str, police: str | None) -> str:
    from icpfile.footer.snippet import snippet

    site_number = approved.number_for_domain(guide.draft.data, domain) or str(
        guide.state.facts.get("approval_number", ""))
    subject = guide.draft.view().subject
    return snippet(site_number, province=str(subject.get("province", "")), holder=str(subject.get("name", "")),
                   police=police, fmt="html")


def footer_checks(guide: Any) -> list[str]:
    """`icpfile footer check` for each website with its numbers (the record's, the police
    section's), so the last screen says how to check the footer instead of claiming it is right."""
    police_numbers = approved.police_numbers_by_domain(guide.draft.data)
    issued = approved.numbers_by_domain(guide.draft.data)
    lines = []
    for _, site in sites(guide):
        domain = str(site.get("domain")).strip()
        number = issued.get(approved.domain_key(domain)) or str(guide.state.facts.get("approval_number", ""))
        if not number:
            continue
        code = police_numbers.get(approved.domain_key(domain))
        lines.append(guide.t("footer_check", domain=domain, number=number,
                             police=f' --police "{code}"' if code else ""))
    return lines


def apps_only(guide: Any) -> Outcome:
    """An order of apps only: the police filing of apps (小程序业务 / APP, domain-2026 §a.8) has no
    `police:` section yet, so its number is kept in the state, as before."""
    from icpfile.footer.snippet import police_problem

    if not guide.session.confirm("police_done", days=process.POLICE_FILING_DAYS):
        return STAY
    province = str(guide.draft.view().subject.get("province", ""))
    text = guide.session.prompter.text(
        guide.t("police_number", police=_police_example(guide)),
        default=str(guide.state.facts.get("police_number", "")),
        validate=lambda t: police_problem(t.strip(), province, guide.options.lang) or True)
    guide.state.facts["police_number"] = text.strip()
    guide.state.dates["police_filed"] = guide.options.today.isoformat()
    return ADVANCE


def walk(guide: Any) -> Outcome:
    """The `approved` step (see the module's docstring): STAY to resume later, ADVANCE when done."""
    listed = sites(guide)
    for _, site in listed:
        guide.say(guide.t("police_footer_first", domain=site.get("domain")))
        guide.say(footer(guide, str(site.get("domain")), None))
    if isinstance(guide.draft.data.get("apps"), list) and guide.draft.data["apps"]:
        guide.say(guide.t("app_number"))
        guide.say(guide.t("police_apps"))
    if any(isinstance(s, dict) and s.get("commercial") for s in guide.draft.data.get("websites") or []):
        guide.say(guide.t("commercial_licence"))
    filed = approved.police_numbers_by_domain(guide.draft.data)
    numbered = bool(listed) and all(approved.domain_key(site.get("domain")) in filed for _, site in listed)
    if "site_opened" not in guide.state.dates and not numbered:  # every site filed (a change): not asked
        from icpfile.filing.approval import opened_on

        opened = opened_on(guide.draft.data)  # the draft's opening day answers "open yet?" (W30 walk)
        if opened:
            guide.state.dates["site_opened"] = opened
        elif not guide.session.confirm("site_open"):
            return STAY
        else:
            guide.session.date("site_opened", "site_opened", at=opened_at(guide))
    if not listed:
        return apps_only(guide)
    legal_representative(guide)
    numbers: list[str] = []
    for i, site in listed:
        j = questions(guide, i, site)
        if j is None:
            return STAY
        base = f"/police/websites/{j}"
        interactive = jp.resolve(guide.draft.data, f"{base}/interactive") is True
        if isinstance(jp.resolve(guide.draft.data, f"{base}/number"), str):
            numbers.append(number(guide, base))
            continue
        uploads(guide, interactive, base)
        if not guide.session.confirm("police_done", days=process.POLICE_FILING_DAYS):
            return STAY
        if interactive and not guide.session.confirm("police_review_done"):
            guide.say(guide.t("police_review"))
            return STAY
        numbers.append(number(guide, base))
    guide.state.facts["police_number"] = numbers[0]
    guide.state.dates["police_filed"] = guide.options.today.isoformat()
    for (_, site), police in zip(listed, numbers, strict=True):  # each named: which is whose (walker21)
        guide.say(guide.t("footer_final", domain=site.get("domain")))
        guide.say(footer(guide, str(site.get("domain")), police))
    return police_update(guide)


def police_update(guide: Any) -> Outcome:
    """After a change filing that renamed a website (or the unit) or changed its access: the
    public-security record still holds the old values, and the police form repeats the ICP record
    exactly (docs/draft-format.md "police"; domain-2026b §2 fields 2, 7, 13): say so per website
    and ask whether it is updated (no: the step stays, the next run asks again)."""
    updates = guide.state.facts.get("police_update")
    if not isinstance(updates, list) or not updates:
        return ADVANCE
    for entry in updates:
        if isinstance(entry, dict):
            fields = "、" if guide.options.lang == "zh" else ", "
            guide.say(guide.t("police_update", domain=entry.get("domain", ""),
                              fields=fields.join(guide.t(str(k)) for k in entry.get("fields") or [])))
    if not guide.session.confirm("police_updated"):
        return STAY
    guide.state.facts.pop("police_update", None)
    return ADVANCE


def _police_example(guide: Any) -> str:
    """A made-up police number of the draft's province, for the prompt (approval.number_examples)."""
    from icpfile.filing.approval import number_examples

    return number_examples(guide.draft.data)["police"]
