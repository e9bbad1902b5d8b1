"""On approval: the numbers of every service asked, and the approved record written into the draft.

The wizard calls `record_approved(guide)` once the administration approves an order (a first
filing, a new website, a change). It asks the number of each service the order filed (the first is
the one already typed, the rest are offered as the next in the subject's one sequence), then writes
`record:` into the draft in place (`DraftFile.set`, comments and order kept): the subject's number,
the day, and a copy of the subject and of each service as approved (`values.approved.snapshot`).
From then on `icpfile check` compares the draft with it (`checks/record.py`).
"""

from __future__ import annotations

from typing import Any

from icpfile.values import approved
from icpfile.values.filing_numbers import parse

_SUFFIX = {"app": "A", "mini_program": "X", "quick_app": "K"}


def services(data: dict[str, Any]) -> list[tuple[str, int, str, str]]:
    """(list, index, kind, shown name) of every service in the draft, websites first."""
    found = []
    for kind in approved.SERVICE_LISTS:
        items = data.get(kind) if isinstance(data.get(kind), list) else []
        for i, item in enumerate(items):
            if isinstance(item, dict):
                service = "website" if kind == "websites" else str(item.get("kind", "app"))
                shown = str(item.get("domain") or item.get("name") or f"{kind}/{i}")
                found.append((kind, i, service, shown))
    return found


def next_number(subject: str, used: list[str], service: str) -> str:
    """The next number of the subject's one sequence: `浙ICP备2026000001号-3` (an app's -3A)."""
    seqs = [int(n.seq) for n in (parse(u) for u in used) if n is not None and n.seq and n.seq.isdigit()]
    return f"{subject}-{max(seqs, default=0) + 1}{_SUFFIX.get(service, '')}"


def numbers_known(data: dict[str, Any]) -> dict[tuple[str, int], str]:
    """The numbers the record already gives the draft's services (an earlier approval)."""
    found = {}
    for kind in approved.SERVICE_LISTS:
        filed = approved.filed(data, kind)
        items = data.get(kind) if isinstance(data.get(kind), list) else []
        for i, item in enumerate(items):
            key = approved.service_key(kind, item) if isinstance(item, dict) else ""
            if key in filed and filed[key].number:
                found[(kind, i)] = filed[key].number
    return found


def ask_numbers(guide: Any, first: str) -> dict[tuple[str, int], str]:
    """Every service's number: the record's, `first` for the first new one, then asked (the next in
    the sequence offered; each checked as `icpfile check` would)."""
    from icpfile.footer.snippet import number_problem

    numbers = numbers_known(guide.draft.data)
    parsed = parse(first)
    subject = parsed.subject if parsed else first
    province = str(guide.draft.view().subject.get("province", ""))
    for kind, i, service, shown in services(guide.draft.data):
        if (kind, i) in numbers:
            continue
        if first and first not in numbers.values():
            numbers[(kind, i)] = first
            continue
        default = next_number(subject, [*numbers.values(), first], service)
        text = guide.session.prompter.text(
            guide.t("approval_number_of", what=shown), default=default,
            validate=lambda t, s=service: number_problem(t.strip(), province, guide.options.lang,
                                                         services=(s,)) or True)
        numbers[(kind, i)] = text.strip()
    return numbers


def record_approved(guide: Any) -> dict[str, Any]:
    """Ask the numbers, write `record:` into the draft (in place) and the data; returns the record."""
    first = str(guide.state.facts.get("approval_number", ""))
    numbers = ask_numbers(guide, first)
    parsed = parse(first)
    previous = approved.record(guide.draft.data)
    subject_number = str(previous.get("number") or (parsed.subject if parsed else first))
    day = str(guide.state.dates.get("approved") or guide.options.today.isoformat())[:10]
    block = approved.snapshot(guide.draft.data, numbers, subject_number, day, previous)
    guide.draft.data["record"] = block
    guide.draft.file.set("/record", block)
    guide.draft.file.save()
    return block


def from_record(state: Any, data: dict[str, Any]) -> bool:
    """A draft that holds its approved record but no progress (a new checkout, a state file kept
    out of git as the README says, a draft filed by hand): the progress starts where the record
    says the filing stands, at `approved`, with its day and numbers, never at "fill in the draft"
    and its materials (#21: the draft is the record). Changes `state` (a fresh one) and returns
    True when it did; a state with any progress is never touched."""
    rec = approved.record(data)
    number = rec.get("number")
    if state.step != "draft" or state.dates or state.checklist or not isinstance(number, str) or not number:
        return False
    state.step = "approved"
    day = str(rec.get("approved_on") or "")[:10]
    from icpfile.values.dates import parse_day

    if parse_day(day):
        state.dates["approved"] = day
    filed = [entry.number for kind in approved.SERVICE_LISTS for entry in approved.filed(data, kind).values()
             if entry.number]
    state.facts["approval_number"] = filed[0] if filed else number
    police = data.get("police") if isinstance(data.get("police"), dict) else {}
    entries = [site for site in police.get("websites") or [] if isinstance(site, dict)]
    numbers = {approved.domain_key(site.get("domain")): str(site.get("number")).strip() for site in entries
               if isinstance(site.get("number"), str) and site["number"].strip()}
    domains = [approved.domain_key(site.get("domain")) for site in data.get("websites") or []
               if isinstance(site, dict) and approved.domain_key(site.get("domain"))]
    if domains and all(d in numbers for d in domains):  # every website's police filing has its number
        state.step = "done"
        state.facts["police_number"] = numbers[domains[0]]
        return True
    opened = opened_on(data)
    if opened:
        state.dates["site_opened"] = opened  # the 30 days of the police filing run from it
    return True


def opened_on(data: dict[str, Any]) -> str | None:
    """The first day a website the police filing has no number for yet opened (the draft's
    `police.websites[].opened`), from which its 30 days run; None when the draft gives none."""
    from icpfile.values.dates import parse_day

    police = data.get("police") if isinstance(data.get("police"), dict) else {}
    days = sorted(day for site in police.get("websites") or [] if isinstance(site, dict)
                  and not (isinstance(site.get("number"), str) and site["number"].strip())
                  and parse_day(day := str(site.get("opened") or "")[:10]))
    return days[0] if days else None


def number_examples(data: dict) -> dict[str, str]:
    """Made-up example numbers in the draft's province, as its prompts quote them: `icp`
    (沪ICP备12345678号) and `police` (沪公网安备31010402012345号: the district's 民政部 code where the
    draft names one, data/division_codes.yaml); 浙江's where the province is unknown (W30 walk: a
    上海 draft was shown 浙 examples)."""
    from icpfile.data.catalog import read_data
    from icpfile.data.packs import builtin

    subject = data.get("subject") if isinstance(data.get("subject"), dict) else {}
    provinces = builtin().provinces
    name = str(subject.get("province") or "")
    entry = provinces.get(name) or provinces["浙江省"]
    division = str(entry.get("division") or "33")
    codes = read_data("division_codes.yaml")["codes"]
    place = " ".join(str(subject.get(key) or "") for key in ("province", "city", "district"))
    code = next((c for c, n in codes.items() if n == place and not c.endswith("00")), None) or next(
        (c for c in codes if c.startswith(division) and not c.endswith("00")), division + "0102")
    return {"icp": f"{entry['icp']}ICP备12345678号", "police": f"{entry['police']}公网安备{code}02012345号"}
