"""`icpfile wizard`: fill a draft by questions, then walk the rest of the filing step by step.

The wizard is put together from parts, one job each:

- `draft.Draft`: the draft's data and file, and the checks (every answer is validated by running
  the whole pipeline on the draft with the answer in place);
- `answers`: the `--answers` file, put in all or nothing;
- `questions`: what is asked and when (questions.yaml), each `Question` with its own behaviour;
- `session.Session`: fill, review, edit: the one place that talks to the prompter;
- `steps`: the steps after the draft, one handler per step returning an outcome;
- `state`: progress beside the draft (the draft is the one source of truth for answers).

The state file holds progress only, so Ctrl-C, a crash or a reboot loses nothing and the next run
resumes where this one stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from icpfile.exit_codes import ExitCode
from icpfile.filing import answers as answers_file
from icpfile.filing.answers import Answers, AnswersRefused, answers_from_file, field_pointer
from icpfile.filing.draft import Draft
from icpfile.filing.prompts import Prompter
from icpfile.filing.questions import normalise, sections
from icpfile.filing.session import Session
from icpfile.filing.state import State, StateStore
from icpfile.filing.steps import Guide
from icpfile.load import pointer as jp
from icpfile.options import Options

# Re-exported: the CLI and older callers import these from here.
__all__ = ["Answers", "AnswersRefused", "NeedsTerminal", "Wizard", "added_list", "answers_from_file",
           "field_pointer", "normalise", "sections"]

# `--add website|app`: the list a new item goes into (the schema's `websites` / `apps`).
ADDED = {"website": "/websites", "websites": "/websites", "app": "/apps", "apps": "/apps"}


def listed(data: dict[str, Any], pointer: str) -> list[Any]:
    """The list at `pointer` in `data`, or [] when it is absent or not a list."""
    value = jp.resolve(data, pointer)
    return value if isinstance(value, list) else []


def added_list(word: str, lang: str) -> str:
    """The list `--add WORD` adds an item to; a ValueError (one line, in `lang`) for another word."""
    from icpfile.filing.messages import say

    found = ADDED.get(word.strip().lower())
    if found is None:
        raise ValueError(say("add_unknown", lang, word=word))
    return found


class NeedsTerminal(Exception):
    """Questions remain and there is no terminal to ask them on."""


class Wizard:
    """One run of `icpfile wizard DRAFT`: load, put in `--answers`, ask (`--edit` first), review,
    check, then walk the steps after the draft.

    `prompter` is None without a terminal: then nothing is asked, and what remains is raised as
    NeedsTerminal. `say` prints one line. `answers` is an `--answers` file read (or a plain
    {pointer: answer} mapping); `edit` a pointer to ask again first. The caller holds the state
    lock (`store.locked()`) and maps exceptions (AnswersRefused, NeedsTerminal, DraftRefused,
    StateError) to exit codes. Attributes: `draft` (the path), `data` (the draft's typed data),
    `state`/`store` (progress), `session` (the questions), `guide` (the steps).
    """

    def __init__(
        self,
        draft: Path,
        prompter: Prompter | None,
        options: Options,
        say: Callable[[str], None],
        answers: Answers | dict[str, Any] | None = None,
        edit: str | None = None,
        add: str | None = None,
    ) -> None:
        self.draft = draft
        self.prompter = prompter
        self.options = options
        self.say = say
        if isinstance(answers, dict):
            answers = Answers(Path("--answers"), answers, {})
        self.extra_answers = answers
        self.edit = edit
        self.add = add  # a list pointer (`--add`): one more item is asked for first
        self.store = StateStore(draft)
        self.document = Draft(draft, options)
        self.session = Session(self.document, State(draft=draft.name), self.store, prompter, options, say)
        self.guide = Guide(draft, self.session)

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data

    @data.setter
    def data(self, value: dict[str, Any]) -> None:
        self.document.data = value

    @property
    def state(self) -> State:
        return self.session.state

    @state.setter
    def state(self, value: State) -> None:
        self.session.state = value

    def load(self) -> None:
        """Read the state (progress) and the draft (answers); DraftRefused/ValueError say why not."""
        fresh = not self.store.path.exists()
        self.state = self.store.load()
        if self.store.notice:
            self.say(f"icpfile: {self.store.notice}")
        self.document.load()
        if fresh:  # an approved draft without its progress starts at approved (#21)
            from icpfile.filing.approval import from_record

            from_record(self.state, self.document.data)

    def run(self) -> int:
        """Fill, then guide. The caller holds the state lock and maps exceptions to exit codes."""
        self.load()
        self.session.refuse_odd_lists()  # before any answer is written (breaker41)
        answers_file.apply(self.document, self.extra_answers, self.session.t("not_a_field"))
        session = self.session
        try:
            if self.edit:
                if self.prompter is None:
                    raise NeedsTerminal(f"{self.edit}: --edit asks on a terminal")
                session.edit(self.edit)
            if self.add:
                session.adding(self.add)  # refused before anything is asked, a terminal or not
                if self.prompter is None:
                    raise NeedsTerminal(session.t("add_terminal", list=self.add[1:]))
                before = len(listed(session.data, self.add))
                session.fill()  # what the draft still lacks first, then the new item
                if len(listed(session.data, self.add)) <= before:  # an empty list's fill asked it already (breaker41)
                    session.add_item(self.add)
            session.fill()
            if self.prompter is not None and self.state.step == "draft" and (session.asked or self.edit or self.add):
                session.review()
            elif (self.prompter is not None and self.state.step == "draft" and session.addable()
                  and not self.state.facts.get("rejection")):  # a rejected order is walked back to its fix
                # a complete draft has no review to offer "+ add one" in: the way is said once (#22)
                self.say(session.t("add_hint", draft=self.draft))
        except KeyboardInterrupt:
            self.store.save(self.state)
            raise
        if session.missing:
            raise NeedsTerminal("\n".join(session.missing))
        errors = self.document.errors()
        if self.state.step == "approved":  # the police step asks for these itself (#21: ICP663)
            from icpfile.filing.police_steps import answers as police_asks

            errors = [f for f in errors if not police_asks(f.pointer)]
        if errors:
            for f in errors:
                self.say(f"{self.draft}:{f.line}:{f.column}  {f.rule}  {f.message}")
            self.say(f"icpfile check {self.draft}")
            self.store.save(self.state)
            return ExitCode.FINDINGS
        self.store.save(self.state)
        try:
            return self.guide.walk()
        except KeyboardInterrupt:  # what the step was told so far (the opening day, W30-03) is kept
            self.store.save(self.state)
            raise
