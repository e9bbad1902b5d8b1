"""Asking a person: a small interface the wizard talks to, and its questionary implementation.

The wizard never imports questionary itself; it gets a `Prompter`. The real one builds each
question with questionary (prompt_toolkit) and `unsafe_ask()`, so Ctrl-C arrives as
KeyboardInterrupt instead of looking like an empty answer. Tests give it prompt_toolkit's pipe
input and a dummy output, as questionary's own tests do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

Validate = Callable[[str], "bool | str"]


class Prompter(Protocol):
    def text(self, message: str, default: str = "", validate: Validate | None = None,
             instruction: str | None = None) -> str: ...

    def select(self, message: str, choices: list[tuple[str, str]], default: str | None = None,
               instruction: str | None = None) -> str: ...

    def checkbox(self, message: str, choices: list[tuple[str, str]], checked: list[str],
                 validate: Callable[[list[str]], bool | str] | None = None,
                 instruction: str | None = None) -> list[str]: ...

    def confirm(self, message: str, default: bool = True, instruction: str | None = None) -> bool: ...


class QuestionaryPrompter:
    """Questions on a terminal. `io` returns the (input, output) for each new question, or None."""

    def __init__(self, io: Callable[[], tuple[Any, Any] | None] | None = None) -> None:
        self._io = io

    def _kwargs(self) -> dict[str, Any]:
        pair = self._io() if self._io else None
        return {"input": pair[0], "output": pair[1]} if pair else {}

    def text(self, message: str, default: str = "", validate: Validate | None = None,
             instruction: str | None = None) -> str:
        import questionary

        question = questionary.text(message, default=default, validate=validate, instruction=instruction,
                                    **self._kwargs())
        return question.unsafe_ask()

    def select(self, message: str, choices: list[tuple[str, str]], default: str | None = None,
               instruction: str | None = None) -> str:
        import questionary

        options = [questionary.Choice(title, value) for value, title in choices]
        chosen = next((c for c in options if c.value == default), None)
        question = questionary.select(message, choices=options, default=chosen, instruction=instruction,
                                      use_search_filter=len(options) > 12, use_jk_keys=len(options) <= 12,
                                      **self._kwargs())
        return question.unsafe_ask()

    def checkbox(self, message: str, choices: list[tuple[str, str]], checked: list[str],
                 validate: Callable[[list[str]], bool | str] | None = None,
                 instruction: str | None = None) -> list[str]:
        import questionary

        options = [questionary.Choice(title, value, checked=value in checked) for value, title in choices]
        question = questionary.checkbox(message, choices=options, validate=validate or (lambda _: True),
                                        instruction=instruction, **self._kwargs())
        return question.unsafe_ask()

    def confirm(self, message: str, default: bool = True, instruction: str | None = None) -> bool:
        import questionary

        return questionary.confirm(message, default=default, instruction=instruction, **self._kwargs()).unsafe_ask()
