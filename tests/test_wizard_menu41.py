"""A long list's menu (nature, province, certificate type) is drawn under its prompt with a choice
highlighted, and Enter takes the highlighted choice (walker41 item 8: the menu was drawn after the
question, at column ~94, nothing highlighted, and Enter took nothing)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from test_wizard_io import DOWN, ENTER, drive, spawn

from icpfile.filing.prompts import QuestionaryPrompter

NATURES = [(f"n{i}", f"性质{i}（n{i}）") for i in range(18)]


@pytest.mark.parametrize(("keys", "default", "chosen"), [
    (ENTER, None, "n0"),  # the first, highlighted
    (ENTER, "n3", "n3"),  # the default, highlighted
    (DOWN + DOWN + ENTER, None, "n2"),  # moved from the first
    ("性质5" + ENTER, None, "n5"),  # typed, as before
])
def test_enter_takes_the_highlighted_choice_of_a_long_list(keys: str, default: str | None, chosen: str) -> None:
    with create_pipe_input() as stream:
        stream.send_text(keys)
        stream.close()  # no more keys: a second prompt (a refusal asked again) ends in EOFError
        prompter = QuestionaryPrompter(lambda: (stream, DummyOutput()), lang="zh")
        assert prompter.select("备案性质 (subject/nature)", NATURES, default=default) == chosen


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_nature_menu_is_drawn_under_its_prompt_and_enter_takes_its_first_choice(tmp_path: Path,
                                                                                     lang: str) -> None:
    import yaml

    pexpect = pytest.importorskip("pexpect")
    child = spawn(tmp_path, ["wizard", "mine.yaml", "--lang", lang], 200)
    drive(child, [("Start a new draft there?" if lang == "en" else "新建", "y" + ENTER),
                  ("(filing/type)", ENTER)])
    child.expect_exact("(subject/nature)")
    child.expect(r"\r\n\x1b\[(\d+)C\x1b\[[0-9;]*;7m ", timeout=20)  # the menu's highlighted first line
    assert int(child.match.group(1)) < 8  # at the left, under the prompt (was after the question)
    child.send(ENTER)
    child.expect_exact("(files)")  # the next question: Enter took the highlighted choice
    assert "Choose one" not in (child.before or "") and "请选一项" not in (child.before or "")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    nature = yaml.safe_load((tmp_path / "mine.yaml").read_text(encoding="utf-8"))["subject"]["nature"]
    assert isinstance(nature, str) and nature


def test_a_long_question_above_its_input_is_wrapped_not_cut_at_the_edge() -> None:
    """The input has a line of its own, and prompt_toolkit cuts the lines above it at the terminal's
    edge: the question and its help are wrapped to the width first."""
    import io

    from prompt_toolkit.output.plain_text import PlainTextOutput

    screen = io.StringIO()
    help_text = "The unit's nature as on its certificate; a person files as personal, the last word here."
    with create_pipe_input() as stream:
        stream.send_text(ENTER)
        stream.close()
        prompter = QuestionaryPrompter(lambda: (stream, PlainTextOutput(screen)), lang="en", width=lambda: 40)
        assert prompter.select("Nature (subject/nature)", NATURES, instruction=help_text) == "n0"
    assert "".join(help_text.split()) in "".join(screen.getvalue().split())
