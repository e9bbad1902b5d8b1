"""`icpfile status`: the step reached, the next action and every running deadline, with days left.

The text shows what the JSON shows: the step, the next one, the deadlines, the authority's review
window, the materials not ready yet, the approval and public-security numbers, a rejection's
reason and the SMS resends used. Words come from `messages.yaml`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
from pathlib import Path
from typing import Any

from icpfile.data.sources import shown as shown_source
from icpfile.filing import process
from icpfile.filing.messages import say
from icpfile.filing.state import State, StateError, StateStore
from icpfile.values.dates import day_of
from icpfile.values.echo import shown_line
from icpfile.values.pii import mask_text


class StatusError(Exception):
    """A missing draft or a state file that cannot be read; status never changes either (one line)."""


def did_you_mean(draft: Path) -> str:
    """" (did you mean <dir>/<name>?)" naming the closest YAML file beside `draft`, or ""."""
    near = [p.name for p in draft.parent.glob("*") if p.suffix in (".yaml", ".yml") and p.is_file()] \
        if draft.parent.is_dir() else []
    close = difflib.get_close_matches(draft.name, near, n=1)
    return f" (did you mean {draft.parent / close[0]}?)" if close else ""


def _no_draft(draft: Path) -> StatusError:
    return StatusError(f"no draft {draft}{did_you_mean(draft)}")


def load(draft: Path, lang: str = "en") -> State:
    """The draft's state, read by the wizard's own reader; StatusError (one line) when it cannot be.
    A draft reached through a symbolic link out of the working folder is not read, as `check` and
    `status FOLDER` do not read it (ICP015; breaker21 K61: another client's numbers were printed)."""
    from icpfile.data.words import Said
    from icpfile.data.words import say as said
    from icpfile.load import files

    if files.escapes(draft) is not None:
        raise StatusError(said("link_out_not_read", lang, path=mask_text(str(draft))))
    if not draft.is_file():
        if draft.exists() and not draft.is_dir():  # a FIFO or a device: not "no draft" (breaker23 M5)
            raise StatusError(said("not_regular_not_read", lang, path=mask_text(str(draft))))
        raise _no_draft(draft)
    store = StateStore(draft)
    try:
        return store.read()
    except Said as exc:  # the state file is a symbolic link (breaker23 M4)
        raise StatusError(exc.line(lang)) from None
    except OSError as exc:
        raise StatusError(f"{store.path} cannot be read ({exc.strerror})") from None
    except (StateError, ValueError) as exc:
        raise StatusError(f"{store.path} cannot be read ({exc}); `icpfile wizard {draft}` moves it aside") from None


def _draft_doc(draft: Path) -> Any:
    """The draft as the loader reads it (once: its data and, when asked, its errors come from it)."""
    from icpfile import engine

    return engine.load_path(draft, str(draft))


def _draft_data(doc: Any) -> dict[str, Any]:
    from icpfile.schema import typed

    return typed.apply(doc.data) if isinstance(doc.data, dict) else {}


def _routed(drafted: dict[str, Any], draft: Path) -> list[Any]:
    """The filings the draft's changes since approval need, a new subject by its province's route
    (filing/change.py routed_changes: the wizard's and ICP674's words)."""
    from icpfile.checks.context import Context
    from icpfile.data import changes
    from icpfile.data.packs import builtin
    from icpfile.filing.change import routed_changes
    from icpfile.options import Options

    found = changes.found(drafted)
    return routed_changes(found, drafted, Context(drafted, Options(), builtin(), draft.parent)) if found else found


def _errors(doc: Any) -> int:
    """How many errors `icpfile check` reports on the draft (what blocks the wizard)."""
    from icpfile import engine
    from icpfile.options import Options

    found = engine.check_document(doc, Options()).report.findings
    return sum(1 for f in found if f.severity.value == "error")


def site_numbers(data: dict[str, Any]) -> list[dict[str, str | None]]:
    """Each website's numbers as the draft holds them: the approved one (record:) and the police
    one (police:), by domain; [] before approval. Every site, not only the first (#21, W14)."""
    from icpfile.values import approved

    police_numbers = approved.police_numbers_by_domain(data)
    issued = approved.numbers_by_domain(data)  # once: one record read per website was quadratic (K02)
    found = []
    for site in data.get("websites") or []:
        domain = site.get("domain") if isinstance(site, dict) else None
        number = issued.get(approved.domain_key(domain), "") if isinstance(domain, str) else ""
        if number:
            found.append({"domain": domain, "number": number,
                          "police_number": police_numbers.get(approved.domain_key(domain))})
    return found


def summary(draft: Path, lang: str, today: dt.date, errors: int | None = None) -> dict:
    """One draft's progress (`status DRAFT`, a row of `status FOLDER`); `errors`: the count of
    check's errors when the caller has it (the folder walk checked every draft already)."""
    from icpfile.filing.approval import from_record
    from icpfile.filing.state import state_path
    from icpfile.filing.steps import materials

    state = load(draft, lang)
    doc = _draft_doc(draft)
    drafted = _draft_data(doc)
    if not state_path(draft).exists():  # an approved draft without its progress: at approved (#21)
        from_record(state, drafted)
    now = dt.datetime.combine(today, dt.datetime.now().time())
    step = process.step(state.step)
    dates = dict(state.dates)
    if "site_opened" not in dates and step.id != "done":
        # The draft's opening date starts the police filing's 30 days whatever the progress says:
        # a run stopped by Ctrl-C after writing it, or a date written by hand (W30-03).
        from icpfile.filing.approval import opened_on

        if opened := opened_on(drafted):
            dates["site_opened"] = opened
    running = []
    for deadline in process.deadlines(dates, step.id):
        left = deadline.left(now)
        running.append({
            "id": deadline.id,
            "what": deadline.zh if lang == "zh" else deadline.en,
            "due": deadline.shown_due(),  # a day's deadline without a midnight time (walker41 item 12)
            # a day's deadline runs to the end of that day: whole days from today, overdue the day after
            "days_left": (deadline.due.date() - today).days if deadline.dated
            else math.floor(left.total_seconds() / 86400),
            "hours_left": round(left.total_seconds() / 3600, 1),
            "overdue": today > deadline.due.date() if deadline.dated else left.total_seconds() < 0,
            "source": shown_source(deadline.source, lang),
        })
    review = None
    submitted = day_of(state.dates.get("authority_submitted"))
    if step.id == "authority_review" and submitted:
        low, high = process.authority_review_range(submitted)
        review = {"from": low.isoformat(), "to": high.isoformat(),
                  "holidays_counted": process.holidays_counted(submitted, high),
                  "past": today > high}  # the window alone, printed after it ended, said nothing (walker41 item 4)
    following = process.step(process.next_step(step.id))

    pending = process.STEP_IDS.index(step.id) < process.STEP_IDS.index("approved")
    missing = [label for key, label in materials(drafted, lang)
               if not state.checklist.get(key)] if pending else []  # nothing to prepare once approved
    # An approved field edited since is a change filing to make (ICP670–676), whatever step the state holds.
    needed = [change.words["zh" if lang == "zh" else "en"] for change in _routed(drafted, draft)]
    # the wizard records no step before approval past an error (walker22: "next: prepare materials")
    errors = (_errors(doc) if errors is None else errors) if pending else 0
    police_late = any(d["id"] == "police_filing" and d["overdue"] for d in running)
    return {
        "draft": mask_text(str(draft)),  # masked by shape, as reports mask paths (#24.3)
        "step": step.id,
        "step_title": step.zh if lang == "zh" else step.en,
        # an approved draft edited since: the change filing is next, not "all done" (walker21 item 4)
        "next": (("、" if lang == "zh" else ", ").join(needed) if needed and step.id in ("approved", "done")
                 else say("status.fix_errors", lang, n=errors, draft=mask_text(str(draft))) if errors
                 # an overdue police filing is the next thing to do, whatever step follows (walker41 item 12)
                 else say("status.police_overdue", lang, draft=mask_text(str(draft))) if police_late
                 else following.zh if lang == "zh" else following.en),
        "errors": errors,
        # a running deadline has passed: `status DRAFT` exits 1 (README "The wizard, and the filing after the draft")
        "overdue": any(d["overdue"] for d in running),
        "source": shown_source(step.source, lang),
        "deadlines": running,
        "authority_review_expected": review,
        "missing_materials": missing,
        "changes_needed": needed,
        # What the draft and the state file hold was typed by someone: masked by shape and escaped
        # in every format, as the text lines are (breaker21 K21/K23: the JSON printed a full ID
        # written as a police number, with U+202E and C1 controls)
        "websites": _typed(site_numbers(drafted)),
        "approval_number": _typed(state.facts.get("approval_number")),
        "police_number": _typed(state.facts.get("police_number")),
        # a 管局 reason quotes the ID and the mobile: masked by shape (#24.3, D06)
        "rejection": _typed(str(state.facts["rejection"])) if state.facts.get("rejection") else None,
        "sms_resends": state.facts.get("sms_resends", 0),
        # a change filing left the police record stale (filing/change.py police_updates, walker21 item 3)
        "police_update": _typed([str(e.get("domain", "")) for e in state.facts.get("police_update") or []
                                 if isinstance(e, dict)] if isinstance(state.facts.get("police_update"), list) else []),
        "checklist": _typed(state.checklist),
        "dates": _typed(state.dates),
    }


def _typed(value: Any) -> Any:
    """`value` with every string in it (keys too) masked by shape and its controls escaped."""
    from icpfile.values.echo import escape_controls

    if isinstance(value, str):
        return escape_controls(mask_text(value))
    if isinstance(value, dict):
        return {_typed(k) if isinstance(k, str) else k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


def render(draft: Path, fmt: str, lang: str, today: dt.date, color: bool = False) -> str:
    return shown(summary(draft, lang, today), draft, fmt, lang, color)


def shown(data: dict, draft: Path, fmt: str, lang: str, color: bool = False) -> str:
    """One draft's `summary` as text or JSON (`status DRAFT`; its exit code reads `data["overdue"]`)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def t(key: str, **fields: object) -> str:
        return say(key, lang, **fields)

    lines = [
        f"{shown_line(data['draft'])}: {t('status.step')} {data['step_title']} ({data['source']})",
        f"{t('status.next')}: {data['next']}",
    ]
    per_site = data["websites"]
    shown_keys = (("approval_number", "status.approval"), ("police_number", "status.police"))
    for key, name in (*(() if per_site else shown_keys), ("rejection", "status.rejection")):
        if data[key]:  # recorded text: its controls escaped (an ESC ] retitles the terminal, E06)
            lines.append(f"{t(name)}: {shown_line(str(data[key]))}")
    for site in per_site:  # every website's numbers, from the draft's record and police sections
        police = f"; {t('status.police')}: {site['police_number']}" if site["police_number"] else ""
        lines.append(shown_line(f"{site['domain']}: {t('status.approval')} {site['number']}{police}"))
    if data["authority_review_expected"]:
        r = data["authority_review_expected"]
        lines.append(f"{t('status.review')}: {r['from']} – {r['to']}")
        if r["past"]:
            lines.append("  " + t("status.review_past", to=r["to"]))
        if not r["holidays_counted"]:
            years = process.uncounted_years(dt.date.fromisoformat(r["from"]), dt.date.fromisoformat(r["to"]))
            lines.append("  " + t("holidays_not_counted", years=years))
    if data["sms_resends"] and process.STEP_IDS.index(data["step"]) < process.STEP_IDS.index("approved"):
        # the order's story until its approval, not after it (walker21 item 6)
        lines.append(t("status.sms_resends", count=data["sms_resends"], most=process.SMS_RESENDS))
    for d in data["deadlines"]:
        if d["overdue"]:
            text = f"  {d['what']}: {d['due']} ({t('status.overdue')})"
            lines.append(f"\x1b[31m{text}\x1b[0m" if color else text)
        elif d["id"] == "sms_code":
            lines.append(f"  {d['what']}: {d['due']} ({t('status.hours', hours=d['hours_left'])})")
        else:
            lines.append(f"  {d['what']}: {d['due']} ({t('status.days', days=d['days_left'])})")
    if not data["deadlines"]:
        lines.append("  " + t("status.no_deadline"))
    if data["police_update"]:
        lines.append(shown_line(t("status.police_update", domains=", ".join(data["police_update"]))))
    if data["changes_needed"]:
        lines.append(t("status.change_needed", kinds="、".join(data["changes_needed"]) if lang == "zh"
                       else ", ".join(data["changes_needed"]), draft=draft.name))
    if data["missing_materials"]:
        lines.append(f"{t('status.missing')}:")
        lines.extend(f"  - {label}" for label in data["missing_materials"])
    return "\n".join(lines) + "\n"
