"""`icpfile status`: the step reached, the next action and every running deadline, with days left."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

from icpfile.filing import process
from icpfile.filing.state import State, state_path
from icpfile.values.dates import day_of


class StatusError(Exception):
    """A state file that cannot be read; status never changes it (the wizard moves it aside)."""


def load(draft: Path) -> State:
    path = state_path(draft)
    try:
        return State.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return State(draft=draft.name)
    except (OSError, ValueError, TypeError) as exc:
        raise StatusError(f"{path} cannot be read ({exc}); `icpfile wizard {draft}` moves it aside") from None


def summary(draft: Path, lang: str, today: dt.date) -> dict:
    state = load(draft)
    now = dt.datetime.combine(today, dt.datetime.now().time())
    step = process.step(state.step if state.step in process.STEP_IDS else "draft")
    running = []
    for deadline in process.deadlines(state.dates, step.id):
        left = deadline.left(now)
        running.append({
            "id": deadline.id,
            "what": deadline.zh if lang == "zh" else deadline.en,
            "due": deadline.due.isoformat(timespec="minutes"),
            "days_left": math.floor(left.total_seconds() / 86400),
            "hours_left": round(left.total_seconds() / 3600, 1),
            "overdue": left.total_seconds() < 0,
            "source": deadline.source,
        })
    review = None
    submitted = day_of(state.dates.get("authority_submitted"))
    if step.id == "authority_review" and submitted:
        low, high = process.authority_review_range(submitted)
        review = {"from": low.isoformat(), "to": high.isoformat()}
    following = process.step(process.next_step(step.id))
    return {
        "draft": str(draft),
        "step": step.id,
        "step_title": step.zh if lang == "zh" else step.en,
        "next": following.zh if lang == "zh" else following.en,
        "source": step.source,
        "deadlines": running,
        "authority_review_expected": review,
        "approval_number": state.facts.get("approval_number"),
        "checklist": state.checklist,
        "dates": state.dates,
    }


def render(draft: Path, fmt: str, lang: str, today: dt.date, color: bool = False) -> str:
    data = summary(draft, lang, today)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    zh = lang == "zh"
    lines = [
        f"{data['draft']}: {'当前步骤' if zh else 'step'} {data['step_title']} ({data['source']})",
        f"{'下一步' if zh else 'next'}: {data['next']}",
    ]
    if data["authority_review_expected"]:
        r = data["authority_review_expected"]
        lines.append(f"{'管局审核预计' if zh else 'authority review expected'}: {r['from']} – {r['to']}")
    for d in data["deadlines"]:
        if d["overdue"]:
            text = f"  {d['what']}: {d['due']} ({'已超期' if zh else 'overdue'})"
            lines.append(f"\x1b[31m{text}\x1b[0m" if color else text)
        elif d["id"] == "sms_code":
            lines.append(f"  {d['what']}: {d['due']} ({d['hours_left']} {'小时' if zh else 'hours left'})")
        else:
            lines.append(f"  {d['what']}: {d['due']} ({d['days_left']} {'天' if zh else 'days left'})")
    if not data["deadlines"]:
        lines.append("  " + ("没有正在计时的期限" if zh else "no deadline is running"))
    return "\n".join(lines) + "\n"
