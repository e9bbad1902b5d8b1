"""The wizard's own words follow the run's language: prompts, help, choices and the review summary
(#22 P7, the W30 newcomer walk: under --lang en the help, the choices and the summary were Chinese)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from test_wizard import PERSONAL, TODAY, Scripted, run

from icpfile.filing.wizard import Wizard
from icpfile.options import Options

from conftest import ROOT

HAN = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff0c\u3001\uff1a]")


class Recording(Scripted):
    """Scripted, keeping every message, instruction and choice label the wizard showed."""

    def __init__(self, answers: dict[str, Any]) -> None:
        super().__init__(answers)
        self.shown: list[str] = []

    def text(self, message, default="", validate=None, instruction=None, completions=None):
        self.shown += [message, instruction or ""]
        return super().text(message, default, validate, instruction, completions)

    def select(self, message, choices, default=None, instruction=None):
        self.shown += [message, instruction or "", *[title for _, title in choices]]
        return super().select(message, choices, default, instruction)

    def checkbox(self, message, choices, checked, validate=None, instruction=None):
        self.shown += [message, instruction or "", *[title for _, title in choices]]
        return super().checkbox(message, choices, checked, validate, instruction)


def test_under_en_no_prompt_help_choice_or_summary_label_is_chinese(tmp_path: Path) -> None:
    prompter = Recording(PERSONAL)
    code, said, wizard = run(tmp_path / "mine.yaml", prompter)
    assert code == 0, said
    # The choices a Chinese label stood for show their English one, and the code.
    assert "Resident ID card (resident_id)" in prompter.shown and "Person (personal)" in prompter.shown
    # An example the help quotes as written (`浙江省`) is quoted, not worded in Chinese.
    chinese = [line for line in prompter.shown if HAN.search(re.sub(r"`[^`]*`", "", line))]
    # Provinces are their own names (浙江省 is the code the draft holds): the only Chinese choices.
    assert all(line.endswith(("省", "市", "自治区", "特别行政区")) for line in chinese), chinese
    # The summary: every field's title and every code's label in English; the values the person
    # typed (a Chinese name, an address) are theirs, after the colon.
    review = wizard.session.review_lines()
    labels = [line.split(": ", 1) for line in review[1:]]
    assert not [line for line in review if HAN.search(line.split(": ", 1)[0])]
    assert "  Certificate type (subject/certificate/type): Resident ID card (resident_id)" in review
    assert not [value for _, value in labels[:-1] if "（" in value]  # no zh label（code）under en


def test_under_zh_the_summary_names_a_warning_in_chinese(tmp_path: Path) -> None:
    """Origin: W30 walk, item 4: the zh summary listed its findings as `warning: …`."""
    draft = tmp_path / "mine.yaml"
    draft.write_text((ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8")
                     .replace("district: 西湖区", "district: 西湖"), encoding="utf-8")
    lines = {}
    for lang in ("zh", "en"):
        wizard = Wizard(draft, Scripted({}), Options(lang=lang, today=TODAY), lambda _: None)
        wizard.load()
        lines[lang] = [line for line in wizard.session.review_lines() if "subject/district  " in line]
    assert lines["zh"] and all(line.startswith("  警告：subject/district") for line in lines["zh"]), lines
    assert lines["en"] and all(line.startswith("  warning: subject/district") for line in lines["en"]), lines


def test_a_bad_settings_file_that_says_zh_is_refused_in_zh(tmp_path: Path, monkeypatch) -> None:
    """Origin: W30 walk: `.icpfile.toml` with `lang = "zh"` and a mistyped setting was refused in
    English: the file could not be resolved, so its language was not known."""
    from typer.testing import CliRunner

    from icpfile.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    (tmp_path / ".icpfile.toml").write_text('lang = "zh"\nbogus = 1\n', encoding="utf-8")
    (tmp_path / "d.yaml").write_text((ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    result = CliRunner().invoke(app, ["wizard", "d.yaml"])
    assert result.exit_code == 2 and "未知的设置“bogus”" in result.output, result.output
    argv = ["wizard", "d.yaml", "--lang", "en"]  # the command line still wins (read from sys.argv)
    monkeypatch.setattr("sys.argv", ["icpfile", *argv])
    english = CliRunner().invoke(app, argv)
    assert "unknown setting 'bogus'" in english.output, english.output


def test_the_provider_is_asked_while_drafting_and_names_the_face_checks_app(tmp_path: Path) -> None:
    """Origin: #22 P6 / the W30 walk: the wizard never asked for the provider (filing.provider), so
    the face check named 阿里云's app whatever provider the order goes to."""
    import yaml

    from icpfile.filing.state import State, StateStore
    from icpfile.filing.steps import face_check_app

    prompter = Recording({**PERSONAL, "filing/provider": "tencent"})
    code, said, _ = run(tmp_path / "mine.yaml", prompter)
    assert code == 0, said
    assert prompter.asked.count("filing/provider") == 1 and "Tencent Cloud (tencent)" in prompter.shown
    data = yaml.safe_load((tmp_path / "mine.yaml").read_text(encoding="utf-8"))
    assert data["filing"]["provider"] == "tencent"
    assert "Tencent Cloud" in face_check_app(data, "en") and "阿里云" not in face_check_app(data, "en")
    # Named: not asked again. An order past drafting is not asked either.
    again = Recording(PERSONAL)
    run(tmp_path / "mine.yaml", again)
    assert "filing/provider" not in again.asked
    filed = tmp_path / "filed.yaml"
    filed.write_text((ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    StateStore(filed).save(State(draft=filed.name, step="materials"))
    later = Recording(PERSONAL)
    run(filed, later)
    assert "filing/provider" not in later.asked


def test_the_summary_shows_a_folded_public_key_as_the_forms_take_it(tmp_path: Path) -> None:
    """#22 P15: a `public_key: >-` folded over lines read with a space at each line end in the
    summary, and a copy into the portal was a broken key."""
    draft = tmp_path / "app.yaml"
    draft.write_text((ROOT / "examples" / "enterprise-website-and-app.yaml").read_text(encoding="utf-8"),
                     encoding="utf-8")
    wizard = Wizard(draft, Scripted({}), Options(lang="en", today=TODAY), lambda _: None)
    wizard.load()
    keys = [line.split(": ", 1)[1] for line in wizard.session.review_lines() if "/public_key)" in line]
    assert keys and all(" " not in key and len(key) > 200 for key in keys), keys
