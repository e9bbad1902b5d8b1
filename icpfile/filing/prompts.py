"""Asking a person: a small interface the wizard talks to, and its questionary implementation.

The wizard never imports questionary itself; it gets a `Prompter`. The real one builds each
question with questionary (prompt_toolkit) and `unsafe_ask()`, so Ctrl-C arrives as
KeyboardInterrupt instead of looking like an empty answer. Tests give it prompt_toolkit's pipe
input and a dummy output, as questionary's own tests do.

A refused answer is not shown in prompt_toolkit's one-line toolbar (cut at the terminal's width):
the message is wrapped under the prompt at the terminal's width, counting a CJK character as two
columns, and the question is asked again with the refused answer as its default. Yes/no questions
show (y/N) and take y, yes, n, no, 是 and 否.

"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

Validate = Callable[[str], "bool | str"]


class Prompter(Protocol):
    def text(self, message: str, default: str = "", validate: Validate | None = None,
             instruction: str | None = None, completions: list[str] | None = None) -> str: ...

    def select(self, message: str, choices: list[tuple[str, str]], default: str | None = None,
               instruction: str | None = None) -> str: ...

    def checkbox(self, message: str, choices: list[tuple[str, str]], checked: list[str],
                 validate: Callable[[list[str]], bool | str] | None = None,
                 instruction: str | None = None) -> list[str]: ...

    def confirm(self, message: str, default: bool = True, instruction: str | None = None) -> bool: ...


YES = ("y", "yes", "是", "是的", "对")
NO = ("n", "no", "否", "不", "不是")


def wrap(text: str, width: int, indent: str = "  ") -> list[str]:
    """`text` in lines of at most `width` columns (CJK counted as 2), words kept whole where they fit."""
    from wcwidth import wcswidth, wcwidth

    room = max(width - len(indent), 10)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0
        # Tokens: a run of non-space ASCII (a word), a space, or one wide character.
        token = ""
        tokens: list[str] = []
        for char in paragraph:
            if char == " " or wcwidth(char) > 1:
                if token:
                    tokens.append(token)
                    token = ""
                tokens.append(char)
            else:
                token += char
        if token:
            tokens.append(token)
        for tok in tokens:
            size = max(wcswidth(tok), 0)
            while size > room:  # a word longer than a line: cut it
                cut, taken = "", 0
                for char in tok:
                    w = max(wcwidth(char), 0)
                    if taken + w > room - used:
                        break
                    cut, taken = cut + char, taken + w
                if not cut:
                    lines.append(indent + line.rstrip())
                    line, used = "", 0
                    continue
                line += cut
                lines.append(indent + line.rstrip())
                line, used = "", 0
                tok = tok[len(cut):]
                size = max(wcswidth(tok), 0)
            if used + size > room:
                lines.append(indent + line.rstrip())
                line, used = "", 0
                if tok == " ":
                    continue
            line += tok
            used += size
        lines.append(indent + line.rstrip())
    return lines


def yes_no(text: str, default: bool) -> bool | None:
    """y/yes/是 → True, n/no/否 → False, empty → `default`, anything else None."""
    answer = text.strip().lower()
    if not answer:
        return default
    if answer in YES:
        return True
    if answer in NO:
        return False
    return None


def exact(answer: str, value: str, choices: list[tuple[str, str]]) -> bool:
    """`answer` names `value` itself (its code, title or path, or its label without the code:
    `个人` of `个人（personal）`, `Personal` of `Personal (personal)`), not only a part of its title."""
    text = answer.strip()
    title = dict(choices).get(value, "")
    return (text in (value, title) or value == "/" + text.strip("/").replace(".", "/")
            or title.startswith((text + "（", text + " (")))


def pick(answer: str, choices: list[tuple[str, str]]) -> str | None:
    """The choice `answer` names: its code, its title, its path (a field at the review: websites.0.name
    or websites/0/name), or the one title that contains it."""
    text = answer.strip()
    if not text:
        return None
    path = "/" + text.strip("/").replace(".", "/")  # websites.0.name as --edit takes it, or /websites/0/name
    for value, title in choices:
        if text in (value, title) or value == path or title.startswith((text + "（", text + " (")):
            return value
    found = [value for value, title in choices if text.lower() in title.lower()]
    if len(found) == 1:
        return found[0]
    from icpfile.data.aliases import aliased

    named = aliased(text)  # another name of one choice (Zhejiang → 浙江省, 身份证 → 居民身份证)
    return named if named in dict(choices) else None


class QuestionaryPrompter:
    """Questions on a terminal. `io` returns the (input, output) for each new question, or None."""

    def __init__(self, io: Callable[[], tuple[Any, Any] | None] | None = None, lang: str = "en",
                 width: Callable[[], int] | None = None) -> None:
        self._io = io
        self.lang = lang
        self._width = width

    def _kwargs(self) -> dict[str, Any]:
        pair = self._io() if self._io else None
        return {"input": pair[0], "output": pair[1]} if pair else {}

    def width(self) -> int:
        """The terminal's width in columns (80 when it cannot be told)."""
        import shutil

        return self._width() if self._width else shutil.get_terminal_size((80, 24)).columns

    def refuse(self, problem: str) -> None:
        """The refused answer's message, wrapped under the prompt (never cut at the edge)."""
        from icpfile.values.echo import shown_line  # the answer it quotes: masked, escaped

        print("\n".join(shown_line(line) for line in wrap(f"✗ {problem}", self.width())), flush=True)

    def text(self, message: str, default: str = "", validate: Validate | None = None,
             instruction: str | None = None, completions: list[str] | None = None) -> str:
        """Free text; with `completions` (a 民政部 list) typing completes from them, and any text
        is still taken (the checks judge it)."""
        import questionary

        while True:
            if completions:
                question = questionary.autocomplete(f"{message} {instruction}" if instruction else message,
                                                    choices=completions, default=default, match_middle=True,
                                                    **self._kwargs())
            else:
                question = questionary.text(message, default=default, instruction=instruction, **self._kwargs())
            answer = question.unsafe_ask()
            verdict = validate(answer) if validate else True
            if verdict is True:
                return answer
            self.refuse(str(verdict) if verdict is not False else "?")
            default = answer

    def select(self, message: str, choices: list[tuple[str, str]], default: str | None = None,
               instruction: str | None = None) -> str:
        import questionary

        if len(choices) > 12:
            return self._long_select(message, choices, default, instruction)
        from icpfile.filing.messages import say

        keys = say("select_keys", self.lang)  # in place of questionary's English "(Use arrow keys)"
        options = [questionary.Choice(title, value) for value, title in choices]
        chosen = next((c for c in options if c.value == default), None)
        question = questionary.select(message, choices=options, default=chosen,
                                      instruction=f"{instruction} {keys}" if instruction else keys, **self._kwargs())
        return question.unsafe_ask()

    def _long_select(self, message: str, choices: list[tuple[str, str]], default: str | None,
                     instruction: str | None) -> str:
        """A long list (provinces, certificate types) typed with completion: Chinese input works,
        which questionary's search filter (ASCII keys only) does not take. A field's list opens
        with its choices shown, in the run's language, before anything is typed (#22 P25: the
        nature prompt showed none until Tab); the review's, whose choices are the draft's fields
        (pointers) to go to, opens closed, as the order's summary is printed just above it."""
        import questionary

        from icpfile.filing.messages import say

        titles = {title: value for value, title in choices}
        shown = next((title for value, title in choices if value == default), "")
        typed = ""  # a refused answer, kept to be corrected
        browse = not any(value.startswith("/") for value, _ in choices)
        while True:
            # The default is shown as the default (greyed, Enter takes it), never typed into the
            # input for the person to delete before typing their own (W30-05: the review's 都对，继续).
            hint = {"placeholder": [("class:instruction", shown)]} if shown and not typed else {}
            # The input on a line of its own: the menu is drawn under the prompt, at its left edge,
            # not after a long question at column 90 (walker41 item 8).
            # A prompt's lines above its input are cut at the edge, not wrapped: wrapped here.
            asked = "\n".join(wrap(f"{message} {instruction}" if instruction else message, self.width() - 3, ""))
            question = questionary.autocomplete(f"{asked}\n ", choices=list(titles), default=typed,
                                                match_middle=True, **hint, **self._kwargs())
            if browse and not typed:
                _open_menu(question.application, list(titles).index(shown) if shown else 0)
            answer = question.unsafe_ask()
            if not answer.strip() and default is not None and shown:
                return default
            value = pick(answer, choices)
            if value is not None and (exact(answer, value, choices) or self.confirm(
                    say("offer_fix", self.lang, fix=dict(choices)[value]), default=True)):
                return value  # a part of one title (上海 → 上海市) is offered, never taken silently
            if value is None:
                from icpfile.values.pii import mask_text

                some = ("，" if self.lang == "zh" else ", ").join(title for _, title in choices[:6])
                self.refuse(say("pick_one", self.lang, answer=mask_text(answer.strip()), some=some) if answer.strip()
                            else say("pick_empty", self.lang, some=some))
            typed = answer

    def checkbox(self, message: str, choices: list[tuple[str, str]], checked: list[str],
                 validate: Callable[[list[str]], bool | str] | None = None,
                 instruction: str | None = None) -> list[str]:
        import questionary

        from icpfile.filing.messages import say

        keys = say("checkbox_keys", self.lang)  # questionary's own key help gives way to any instruction
        instruction = f"{instruction} {keys}" if instruction else keys
        while True:
            options = [questionary.Choice(title, value, checked=value in checked) for value, title in choices]
            answer = questionary.checkbox(message, choices=options, instruction=instruction,
                                          **self._kwargs()).unsafe_ask()
            verdict = validate(answer) if validate else True
            if verdict is True:
                return answer
            self.refuse(str(verdict) if verdict is not False else "?")
            checked = list(answer)

    def confirm(self, message: str, default: bool = True, instruction: str | None = None) -> bool:
        import questionary

        from icpfile.filing.messages import say

        shown = say("yes_no_default_yes" if default else "yes_no", self.lang)
        while True:
            answer = questionary.text(message, instruction=f"{instruction} {shown}" if instruction else shown,
                                      **self._kwargs()).unsafe_ask()
            verdict = yes_no(answer, default)
            if verdict is not None:
                return verdict
            self.refuse(say("yes_no_bad", self.lang))


def _open_menu(app: Any, index: int) -> None:
    """Open `app`'s completion menu with choice `index` highlighted (the default, else the first),
    and let Enter take the highlighted choice: the menu looked like a pick list, yet Enter on it
    took nothing (walker41 item 8). Typing filters the list as before; the highlight is not typed
    into the input, so what is typed is the whole answer."""
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    buffer = app.current_buffer

    def highlight(_: Any) -> None:
        state = buffer.complete_state
        if buffer.text or state is None or state.complete_index is not None:
            buffer.on_completions_changed -= highlight  # typed or moved: the person leads now
        elif len(state.completions) > index:  # completions arrive one by one
            state.go_to_index(index)  # shown highlighted, the input unchanged
            app.invalidate()
            buffer.on_completions_changed -= highlight

    buffer.on_completions_changed += highlight
    app.pre_run_callables.append(lambda: buffer.start_completion(select_first=False))

    keys = KeyBindings()

    @Condition
    def highlighted() -> bool:
        state = buffer.complete_state
        return state is not None and state.current_completion is not None

    @keys.add("enter", filter=highlighted, eager=True)
    def _take(event: Any) -> None:
        text, _ = buffer.complete_state.new_text_and_position()  # what the highlighted choice makes
        buffer.complete_state = None
        buffer.text = text
        buffer.validate_and_handle()

    app.key_bindings = merge_key_bindings([app.key_bindings, keys]) if app.key_bindings else keys
