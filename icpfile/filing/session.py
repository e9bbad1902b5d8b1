"""Filling the draft by questions: fill, review, edit. The only module that talks to the prompter.

`Session.fill` walks the sections of questions.yaml and asks every question that applies and has
no good value yet; `review` shows the whole order with every finding and lets any answer be asked
again; `edit` asks one field again (`--edit`). Each typed answer is checked by `Draft.problem`
(the whole pipeline with the answer in place) before it is written; a refused answer is asked
again with the finding's words. The steps after the draft ask through `confirm`, `select`, `text`
and `date` here, worded from messages.yaml. Without a prompter (no terminal) nothing is asked:
what would have been is collected in `missing`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from icpfile.filing import offers
from icpfile.filing.answers import flatten, path_of
from icpfile.filing.draft import Draft
from icpfile.filing.draft_writer import written_beyond
from icpfile.filing.messages import say as msg
from icpfile.filing.prompts import Prompter
from icpfile.filing.questions import (
    INDEX_NAMES,
    SAME,
    Question,
    Section,
    autofilled,
    coded,
    normalise,
    placed,
    sections,
)
from icpfile.filing.state import State, StateStore
from icpfile.findings import Severity
from icpfile.load import pointer as jp
from icpfile.options import Options
from icpfile.schema import draft as sch
from icpfile.values.dates import iso_day_text, written_day
from icpfile.values.pii import mask_text


class Session:
    """Questions to one person about one draft. `asked` counts the questions put this run;
    `missing` lists "pointer: reason" for what could not be asked (no terminal)."""

    def __init__(self, draft: Draft, state: State, store: StateStore, prompter: Prompter | None,
                 options: Options, say: Callable[[str], None]) -> None:
        self.draft = draft
        self.state = state
        self.store = store
        self.prompter = prompter
        self.options = options
        self.say = say
        self.missing: list[str] = []
        self.asked = 0
        self.dirty = False  # the file has system-filled values not yet written
        self.header = ""  # the section's header, said before its first question (fill)

    def flush_header(self) -> None:
        if self.header:
            self.say(self.header)
            self.header = ""

    def t(self, key: str, **fields: object) -> str:
        return msg(key, self.options.lang, **fields)

    @property
    def data(self) -> dict[str, Any]:
        return self.draft.data

    def nature(self) -> str:
        return self.draft.view().nature

    # -- writing answers --------------------------------------------------------------------------
    def record(self, pointer: str, value: Any) -> None:
        """An accepted answer: into the data, into the draft file (in place), warnings shown. An
        answer that is the written value stripped keeps the value as written."""
        current = jp.resolve(self.data, pointer)
        value = normalise(pointer, value)
        if isinstance(current, str) and isinstance(value, str) and value == current.strip():
            value = current  # Enter on a block scalar keeps its final line break, and its form (#21)
        if value is None:  # left empty: the line goes (init's `""` is an error, ICP106; walker41 item 2)
            jp.remove(self.data, pointer)
            if pointer not in self.state.skipped:
                self.state.skipped.append(pointer)
                self.store.save(self.state)
        else:
            jp.assign(self.data, pointer, value)
            if pointer in self.state.skipped:
                self.state.skipped.remove(pointer)
                self.store.save(self.state)
        self.draft.file.set(pointer, value)
        self.draft.file.save()
        if self.prompter is not None and value is not None:
            for finding in self.draft.problems_at(pointer, severities=(Severity.WARNING,)):
                self.say(self.t("warning", text=self.draft.worded(finding)))

    def sync(self, pointer: str, value: Any) -> None:
        """A value the system fills by itself (autofill): written only when it changes, and never over
        a different value the draft holds without asking (issue 24.1, A02: a mistyped subject ID
        must not overwrite the principal's right one; with no one to ask the draft's value stays)."""
        current = jp.resolve(self.data, pointer)
        kept = self.__dict__.setdefault("kept", set())
        if current not in (None, "") and current != value and (
                pointer in kept or self.prompter is None or not self.prompter.confirm(
                    self.t("autofill_differs", field=pointer[1:], current=mask_text(str(current)),
                           value=mask_text(str(value))), default=False)):
            kept.add(pointer)
            return
        if current != value:
            jp.assign(self.data, pointer, value)
            self.draft.file.set(pointer, value)
            self.dirty = True

    def autofill(self, section: Section | None = None, index: int | None = None) -> None:
        """What the guide's system fills by itself (指南 2, 3.1): for a person, every question's
        `autofill_from`; for an item, the section's `system`/`personal`/`personal_default`."""
        personal = self.nature() == "personal"
        if personal:
            for question in autofilled():
                value = jp.resolve(self.data, question.autofill_from or "")
                if value:
                    self.sync(question.pointer, value)
        if section is not None and section.repeat and index is not None:
            item = f"{section.repeat}/{index}"
            for key, value in {**section.system, **(section.personal if personal else {})}.items():
                self.sync(f"{item}/{key}", value)
            for key, value in (section.personal_default if personal else {}).items():
                if jp.resolve(self.data, f"{item}/{key}") in (None, ""):
                    self.sync(f"{item}/{key}", value)
        if self.dirty:
            self.draft.file.save()
            self.dirty = False

    # -- filling ----------------------------------------------------------------------------------
    def fill(self) -> None:
        """Every section in order; a repeated one for each item of its list. The draft is checked
        once per change, not once per question (`Draft.steady`)."""
        with self.draft.steady():
            for section in sections():
                # The header is said with the section's first question: a resume that asks nothing
                # there prints no empty header (walker21 item 6).
                self.header = f"== {section.label(self.options.lang)} =="
                if section.repeat:
                    if not section.applies(self.data):
                        continue  # the order does not file this list (see `lists`, data/kinds.yaml)
                    self.fill_items(section.repeat, section.fields, {}, section=section)
                else:
                    self.autofill()
                    for question in section.fields:
                        self.ask_question(question)
                        self.autofill()
        self.header = ""  # not said later before a step's own question (the police step's officer)

    def ask_question(self, question: Question, where: dict[str, int] | None = None) -> None:
        """Ask `question` for the items `where` if it applies and holds no good value yet."""
        where = where or {}
        pointer = placed(question.pointer, where)
        if not question.applies(self.data, where, self.nature()):
            return
        if question.drafting and self.state.step != "draft":
            return  # an order on its way or filed is not asked what only drafting decides
        if question.lists:
            kind = self.draft.view().kind  # offer only the lists the kind files (data/kinds.yaml `files`)
            self.ask_lists([p for p in question.lists if kind is None or kind.files_list(p.lstrip("/"))])
            return
        if question.repeat:
            self.fill_items(placed(question.repeat, where), question.fields, where, optional=question.optional)
            return
        current = jp.resolve(self.data, pointer)
        if question.same_as_subject_confirm and isinstance(current, dict):
            return  # a person is written out: its own fields are asked next
        if current not in (None, "") and not self.draft.problems_at(pointer):
            return
        if current is None and question.optional and (self.prompter is None or pointer in self.state.skipped):
            return  # left out on purpose, or no one to ask
        if current == "" and question.optional and self.prompter is None:
            return  # no one to ask: `icpfile check` names the empty value
        if self.prompter is None:
            problems = self.draft.problems_at(pointer)
            reason = problems[0].message if problems else "missing"
            self.missing.append(f"{pointer}: {reason}")
            return
        self.asked += 1
        self.record(pointer, self.ask(pointer, current, question.optional, question))

    def title(self, path: list[str | int]) -> str:
        """The field's label in the run's language (schema/titles.json gives the English, #22 P7)."""
        return sch.title_in(path, self.options.lang)

    def ask(self, pointer: str, current: Any, optional: bool, question: Question | None = None,
            hint: str | None = None) -> Any:
        """One answer for `pointer` from the prompter, shaped by the schema node there: a confirm
        ("same as the subject's principal?"), a checkbox (a list of codes), a select (a code), a
        yes/no (a boolean), a comma list, or text. Each is checked by `Draft.problem` first."""
        question = question or Question(pointer=pointer)
        path = path_of(pointer)
        node = sch.at(path) or {}
        label = f"{self.title(path)} ({pointer[1:]})"
        hint = hint or sch.description_in(path, self.options.lang)  # the help in the run's language (#22 P7)
        self.flush_header()
        prompter = self.prompter
        assert prompter is not None
        if question.same_as_subject_confirm:
            # Yes unless the draft already holds a principal of its own: Enter keeps what init wrote.
            number = next((int(t) + 1 for t in path if isinstance(t, int)), 1)
            same = prompter.confirm(self.t(question.same_as_subject_confirm, site=number, app=number),
                                    default=not isinstance(current, dict))
            return SAME if same else (current if isinstance(current, dict) else {})
        items = node.get("items") if isinstance(node.get("items"), dict) else None
        item_labels = sch.labels(items) if items else {}
        if item_labels:
            chosen = prompter.checkbox(
                label, [(code, coded(name, code, self.options.lang)) for code, name in item_labels.items()],
                checked=list(current) if isinstance(current, list) else [],
                validate=lambda values: self.draft.problem(pointer, list(values)) or True,
                instruction=hint,
            )
            return list(chosen)
        if sch.labels(node) or node.get("enum"):
            choices = self.choices(question, node)
            while True:
                value = prompter.select(label, choices, default=current if isinstance(current, str) else None,
                                        instruction=hint)
                problem = self.draft.problem(pointer, value)
                if problem is None:
                    return value
                self.say(problem)
        if "boolean" in sch.types_at(node):
            answer = prompter.confirm(label, default=bool(current), instruction=hint)
            if current is None and optional and not answer:
                # Enter (no) on an optional yes/no the draft leaves out keeps it out: absent is the
                # format's "no", and writing `false` would change an approved record (#21, B11: ICP671).
                return None
            return answer
        if "array" in sch.types_at(node):
            shown = ", ".join(str(v) for v in current if v) if isinstance(current, list) else ""

            def as_list(text: str) -> list[str]:
                return [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]

            text = prompter.text(label, default=shown, instruction=f"{hint} ({self.t('list')})".strip(),
                                 validate=lambda t: self.draft.problem(pointer, as_list(t)) or True)
            return as_list(text)

        def cleaned(text: str) -> str | None:
            text = text.strip()
            return text or None

        def check(text: str) -> bool | str:
            value = cleaned(text)
            if value is None and optional:
                return True
            problem = self.draft.problem(pointer, value)
            if problem is None and value is None:  # an item not yet in the draft has no finding (X09)
                return self.t("not_empty")
            return problem or True

        def fixable(text: str) -> bool | str:
            verdict = check(text)
            return True if verdict is not True and self.fix(question, pointer, cleaned(text)) else verdict

        instruction = f"{hint} ({self.t('optional')})".strip() if optional else hint
        default = current if isinstance(current, str) else ""
        completions = offers.choices(self.data, pointer) if question.offer == "place" else []
        while True:
            extra = {"completions": completions} if completions else {}
            value = cleaned(prompter.text(label, default=default, validate=fixable, instruction=instruction,
                                          **extra))
            fix = self.fix(question, pointer, value)
            if fix is None:
                # Enter on the value as written keeps it as written: a block scalar's last line
                # break (a PEM public key's) is not stripped away into a rewrite (#21).
                return current if isinstance(current, str) and value == current.strip() else value
            refused = check(value or "")
            warned = self.draft.problem(pointer, value, (Severity.WARNING,)) or ""
            self.say(f"✗ {refused}" if refused is not True else self.t("warning", text=warned))
            if prompter.confirm(self.t("offer_fix", fix=mask_text(fix)), default=True):
                return fix
            if refused is True:
                return value  # only warned about: the person keeps what they wrote
            default = value or ""

    def fix(self, question: Question, pointer: str, value: Any) -> str | None:
        """The first guess of the question's fixer (offers.py) the checks accept at `pointer` with
        no error or warning, when `value` has one; None when there is nothing to offer."""
        if not question.offer or value is None:
            return None
        worry = (Severity.ERROR, Severity.WARNING)
        if self.draft.problem(pointer, value, worry) is None:
            return None
        return next((c for c in offers.candidates(question.offer, value, self.data, pointer)
                     if self.draft.problem(pointer, c, worry) is None), None)

    def choices(self, question: Question, node: dict[str, Any]) -> list[tuple[str, str]]:
        """A select's (code, title) choices from the schema node, ordered as the question says."""
        labels = sch.labels(node) or {str(c): str(c) for c in node["enum"]}
        return question.choices(labels, self.nature(), self.options.lang)

    def fill_items(self, list_pointer: str, fields: list[Question], where: dict[str, int],
                   section: Section | None = None, optional: bool = False, start: int = 0) -> None:
        """A list (a section's websites or apps, an app's platforms): every item gets every question.
        `optional`: an absent list is asked "add one?" first, and "no" writes `[]`. `start`: the
        first item asked (`add_item` starts past the last one)."""
        name = INDEX_NAMES[len(where)]
        what = self.title(path_of(list_pointer)) if section is None else section.label(self.options.lang)
        self.refuse_odd_lists([list_pointer])  # an app's platforms written as a mapping, say
        items = jp.resolve(self.data, list_pointer)
        if optional and not items:
            if items is not None or self.prompter is None:
                return  # stated empty, or no one to ask
            self.asked += 1
            self.flush_header()
            if not self.prompter.confirm(self.t("add_one", what=f"{what} ({list_pointer[1:]})"), default=False):
                self.record(list_pointer, [])
                return
        index = start
        while True:
            here = {**where, name: index}
            if jp.resolve(self.data, f"{list_pointer}/{index}") is not None:
                self.autofill(section, index)  # a new item starts with its first answer
            before = self.asked
            for question in fields:
                self.ask_question(question, here)
                self.autofill(section, index)
            items = jp.resolve(self.data, list_pointer)
            count = len(items) if isinstance(items, list) else 0
            if index + 1 < count:
                index += 1
                continue
            # Offer another item only when this one was being filled in now, not on a resume
            # that found every item complete.
            if self.prompter is None or self.asked == before:
                return
            if not self.prompter.confirm(self.t("another", what=what), default=False):
                return
            index += 1

    def refuse_odd_lists(self, pointers: list[str] | None = None) -> None:
        """ValueError (one line) when a list the wizard fills (`websites`, `apps`, or `pointers`)
        is written as something else, a mapping or a value: writing the first answer into it would
        replace what the user wrote with a new list (breaker41: `websites: {one: …}` was lost but
        for the backup). Asked before anything is written."""
        for pointer in pointers if pointers is not None else [s.repeat for s in sections() if s.repeat]:
            value = jp.resolve(self.data, pointer)
            if value is not None and not isinstance(value, list):
                what = f"{self.title(path_of(pointer))} ({pointer[1:]})"
                raise ValueError(self.t("not_a_list", what=what, draft=self.store.draft))

    def addable(self) -> list[str]:
        """The lists an item can be added to: those the filing kind files (data/kinds.yaml `files`;
        an unknown type: both), in the order questions.yaml asks them."""
        kind = self.draft.view().kind
        return [s.repeat for s in sections() if s.repeat
                and (kind is None or kind.files_list(s.repeat.lstrip("/")))]

    def adding(self, list_pointer: str) -> Section:
        """The section whose list `list_pointer` an item may be added to now; ValueError (one line)
        when the order is past the draft or its kind files no such list."""
        from icpfile.filing import process

        section = next(s for s in sections() if s.repeat == list_pointer)
        what = f"{section.label(self.options.lang)} ({list_pointer[1:]})"
        step = self.state.step
        if process.submitted(step):  # walker41 item 1: a submitted order takes nothing more; say the way
            done = process.STEP_IDS.index(step) >= process.STEP_IDS.index("approved")
            raise ValueError(self.t("add_approved" if done else "add_submitted",
                                    step=process.step(step).label(self.options.lang), what=what,
                                    draft=self.store.draft))
        if list_pointer not in self.addable():
            raise ValueError(self.t("add_not_filed", what=what))
        return section

    def add_item(self, list_pointer: str) -> None:
        """One more website or app (`--add`, the review's "add one"): the list's questions for a new
        item after the last, each answer checked as it is given, the item written into the draft in
        place; a draft without the list (a draft that names websites only) gets it started. Only
        while the draft is being filled in; ValueError (one line) otherwise."""
        section = self.adding(list_pointer)
        if self.state.step != "draft":
            # Not yet submitted (materials, face check, the last review): the order changes, so it is
            # reviewed again and walked from its materials (the ticks kept; walker41 item 1).
            self.state.step = "draft"
            self.store.save(self.state)
        self.refuse_odd_lists([list_pointer])
        items = jp.resolve(self.data, list_pointer)
        if not isinstance(items, list):  # absent: started
            jp.assign(self.data, list_pointer, [])
            self.draft.file.set(list_pointer, [])
            self.draft.file.save()
            items = []
        self.header = f"== {section.label(self.options.lang)} =="
        with self.draft.steady():
            self.fill_items(list_pointer, section.fields, {}, section=section, start=len(items))
        self.header = ""

    # -- what the order files ---------------------------------------------------------------------
    def files_known(self, lists: list[str]) -> bool:
        """The draft says what the order files: it holds one of the lists (`websites:`, `apps:`),
        empty, with items, or `init`'s skeleton, since init was told what the order files
        (`init --files`, websites by default; walker21 item 5: README says the question is skipped
        when the draft has `websites:` or `apps:`). Only a draft with neither is asked."""
        return any(isinstance(jp.resolve(self.data, p), list) for p in lists)

    def ask_lists(self, lists: list[str]) -> None:
        """"What are you filing: websites, apps, or both?" The answer starts the chosen lists
        (`websites: []`, `apps: []`) in the draft; an unchosen template list is dropped."""
        if self.files_known(lists):
            return
        if self.prompter is None:
            self.missing.append(f"{' '.join(lists)}: {self.t('files_missing')}")
            return
        choices = [(p, f"{self.title(path_of(p))} ({p[1:]})") for p in lists]
        choices.append(("all", self.t("files_all", what=" + ".join(self.title(path_of(p)) for p in lists))))
        self.asked += 1
        self.flush_header()
        chosen = self.prompter.select(self.t("files") + " (files)", choices, default=lists[0])
        wanted = lists if chosen == "all" else [chosen]
        for pointer in lists:
            current = jp.resolve(self.data, pointer)
            if pointer in wanted and not isinstance(current, list):
                jp.assign(self.data, pointer, [])
                self.draft.file.set(pointer, [])
            elif (pointer not in wanted and current is not None
                  and not written_beyond(current, _template_items(pointer))):  # never drop what a person wrote
                jp.remove(self.data, pointer)
                self.draft.file.set(pointer, None)
        self.draft.file.save()
        if len(wanted) == 1 and jp.resolve(self.data, wanted[0]):
            self.state.facts["files"] = wanted[0]  # the template list alone cannot say it
            self.store.save(self.state)

    # -- review and edit --------------------------------------------------------------------------
    def answered(self) -> list[tuple[str, Any]]:
        """Every answer in the draft, in the draft's order: (pointer, value)."""
        return [(p, v) for p, v in flatten(self.data).items() if p != "/version" and v not in (None, "", [])]

    def shown(self, value: Any) -> str:
        """A value as the summary prints it: a yes/no in the person's language, never `False` (#21)."""
        if isinstance(value, bool):
            return self.t("review_true" if value else "review_false")
        return str(value)

    def labelled(self, pointer: str, value: Any) -> str:
        """A code as the summary shows it: its label in the person's language, then the code
        (`居民身份证（resident_id）`, `Same as the subject's principal (same_as_subject)`), as the
        prompts offer it; text that is no code of the field as it is (#21, W11)."""
        if not isinstance(value, str):
            return self.shown(value)
        if pointer.endswith("/public_key"):
            # a folded key (`public_key: >-`) reads with a space where each line ended: shown as the
            # forms take it, without them, so a copy into the portal is the key (#22 P15)
            from icpfile.values.app_keys import bare_hex

            return bare_hex(value)
        node = sch.at(path_of(pointer)) or {}
        items = node.get("items") if isinstance(node, dict) and isinstance(node.get("items"), dict) else None
        label = sch.labels(items if items is not None else node).get(value)
        if label is None:  # a const of one branch (same_as_subject) carries its title
            label = next((str(b["title"]) for b in sch.branches(items if items is not None else node)
                          if b.get("const") == value and b.get("title")), None)
        return coded(label or "", value, self.options.lang)

    def review_lines(self, title: str = "review_title") -> list[str]:
        """The whole order and every error and warning `icpfile check` has about it, under `title`
        (the review of the answers, or the last check before submitting: walker22 read the same
        heading twice as a step repeated)."""
        lines = [self.t(title)]
        for pointer, value in self.answered():
            if pointer.startswith("/record/"):
                continue  # the approved record is the wizard's copy, not an answer to check or change
            shown = (", ".join(self.labelled(pointer, v) for v in value) if isinstance(value, list)
                     else self.labelled(pointer, value))
            shown = mask_text(shown)  # the summary masks by shape as the SMS step does (E04); echo escapes
            lines.append(f"  {self.title(path_of(pointer))} ({pointer[1:]}): {shown}")
        found = [f for f in self.draft.findings() if f.severity in (Severity.ERROR, Severity.WARNING)]
        for f in found:
            severity = self.t(f"review_{f.severity.value}")  # 错误/警告 under zh, never English
            lines.append(f"  {severity}{'：' if self.options.lang == 'zh' else ': '}{f.pointer[1:] or '/'}  "
                         f"{self.draft.worded(f)}")
        if not found:
            lines.append("  " + self.t("review_clean"))
        return lines

    def review(self) -> None:
        """The summary: change any answer, as often as wanted, until the person says it is right."""
        assert self.prompter is not None
        while True:
            for line in self.review_lines():
                self.say(line)
            # one more website or app, as the kind files them (#22: an app added to a draft of websites)
            adding = [(f"add:{p}", self.t("add_choice", what=f"{self.title(path_of(p))} ({p[1:]})"))
                      for p in self.addable()] if self.state.step == "draft" else []
            choices = [("ok", self.t("review_ok")), *adding] + [
                (pointer, f"{self.title(path_of(pointer))} ({pointer[1:]})") for pointer, _ in self.answered()
                if not pointer.startswith("/record/")  # the record is not edited by hand (#21)
            ]
            chosen = self.prompter.select(self.t("review_question") + " (review)", choices, default="ok",
                                          instruction=self.t("review_keys"))
            if chosen == "ok":
                return
            if chosen.startswith("add:"):
                self.add_item(chosen.removeprefix("add:"))
                continue
            self.edit(chosen)

    def edit(self, pointer: str) -> None:
        """Ask `pointer` again whatever it holds (`--edit`, the summary); the current value is the default."""
        assert self.prompter is not None
        current = jp.resolve(self.data, pointer)
        if isinstance(current, dict | list) and not (isinstance(current, list) and all(
                not isinstance(v, dict | list) for v in current)):
            from icpfile.data.words import Said

            raise Said("edit_not_single", field=pointer[1:])
        self.asked += 1
        from icpfile.filing.questions import question_at

        self.record(pointer, self.ask(pointer, current, optional=False, question=question_at(pointer)))

    # -- the steps' questions (messages.yaml keys) -------------------------------------------------
    def confirm(self, key: str, default: bool = False, **fields: object) -> bool:
        assert self.prompter is not None
        return self.prompter.confirm(self.t(key, **fields), default=default)

    def select(self, key: str, options: list[str], default: str) -> str:
        """One of `options`, each shown as the message `key.option`."""
        assert self.prompter is not None
        return self.prompter.select(self.t(key), [(o, self.t(f"{key}.{o}")) for o in options], default=default)

    def text(self, key: str, default: str = "", validate: Callable[[str], bool | str] | None = None,
             **fields: object) -> str:
        assert self.prompter is not None
        return self.prompter.text(self.t(key, **fields), default=default, validate=validate)

    def date(self, key: str, date_key: str, at: str | None = None) -> None:
        """A day for the state's `date_key` (today by default), as people write it. `at`: the draft's
        field the day goes into: the checks judge it there as for any answer, an error refused at the
        prompt, a warning said (walker41 item 9: an approval after today, an opening before it)."""
        assert self.prompter is not None

        def valid(text: str) -> bool | str:
            if not written_day(text):
                return self.t("date_form", today=self.options.today.isoformat())
            return (self.draft.problem(at, iso_day_text(text)) if at else None) or True

        default = self.state.dates.get(date_key, self.options.today.isoformat())[:10]
        text = self.prompter.text(self.t(key), default=default, validate=valid)
        self.state.dates[date_key] = iso_day_text(text) or text.strip()
        self.store.save(self.state)  # a deadline may run from it: kept whatever ends the run next
        if at:
            self.warn_day(at, self.state.dates[date_key])

    def warn_day(self, at: str, day: str) -> None:
        """The warnings the checks have about `day` written at `at` (the draft unchanged)."""
        warned = self.draft.problem(at, day, (Severity.WARNING,))
        if warned:
            self.say(self.t("warning", text=warned))


def _template_items(pointer: str) -> list[Any]:
    """What `init` writes in the list at `pointer` (values a person did not type; issue 24.1, A09)."""
    from icpfile.filing.init_draft import template

    items: list[Any] = []
    for nature in ("personal", "enterprise"):
        items.extend(jp.resolve(template("first_filing", nature), pointer) or [])
    return items
