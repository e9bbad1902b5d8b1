"""Nothing written or read outside the tree (issue 24, kind 2: attacks B01–B03, C01–C05, X03).

Every test builds its own repository folder with a committed symlink pointing outside it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icpfile.cli import app
from icpfile.load.files import escapes, read_side_file

ROOT = Path(__file__).resolve().parents[1]
NUMBER = "浙ICP备12345678号-1"


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`repo/` (the working folder) holding mine.yaml, and `outside/` holding a secret draft and page."""
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(ROOT / "examples" / "personal-first-filing.yaml", outside / "creds.yaml")
    (outside / "index.html").write_text(f"<html><body>{NUMBER.replace('1234', '9999')}</body></html>", encoding="utf-8")
    work = tmp_path / "repo"
    work.mkdir()
    shutil.copy(ROOT / "examples" / "personal-first-filing.yaml", work / "mine.yaml")
    monkeypatch.chdir(work)
    return work


def test_escapes_judges_each_component_below_the_working_folder(repo: Path) -> None:
    """issue 24, C01/C04: a link on the way down that leaves the folder is named; one inside is fine,
    and a path the person names outside the folder is their own choice."""
    (repo / "drafts").symlink_to("../outside")
    (repo / "inner").symlink_to(".")
    assert escapes("drafts/creds.yaml") == str(repo / "drafts")
    assert escapes("inner/mine.yaml") is None
    assert escapes(repo.parent / "outside" / "creds.yaml") is None
    assert escapes("missing/deeper.yaml") is None


def test_a_path_into_the_tree_by_another_way_is_judged_where_it_really_is(repo: Path) -> None:
    """breaker23 M5: `/proc/self/cwd/l.yaml` (or a link to the tree) does not lie under the working
    folder as written, so its link out of the tree was read by `status` and `check`; it is judged
    where its folder really is."""
    (repo / "l.yaml").symlink_to("../outside/creds.yaml")
    (repo.parent / "alias").symlink_to("repo")
    ways = [repo.parent / "alias" / "l.yaml"] + ([Path("/proc/self/cwd/l.yaml")] if Path("/proc/self/cwd").is_dir()
                                               else [])
    for way in ways:
        assert escapes(way) == str(repo / "l.yaml"), way
        assert escapes(way.parent / "mine.yaml") is None
        for args in (["status", str(way), "--lang", "en"], ["check", str(way)]):
            result = CliRunner().invoke(app, args)
            assert "李四" not in result.output and "lead" in result.output and result.exit_code in (1, 2), args
    assert escapes(repo.parent / "outside" / "creds.yaml") is None  # named outside: still the person's choice
    os.mkfifo(repo / "f.yaml")
    result = CliRunner().invoke(app, ["status", "f.yaml", "--lang", "en"])
    assert result.exit_code == 2 and "f.yaml is not a regular file" in result.output  # was "no draft f.yaml"


@pytest.mark.parametrize("argument", ["drafts/", "direct.yaml"])
def test_a_symlinked_argument_out_of_the_tree_is_not_read(repo: Path, argument: str) -> None:
    """issue 24, C01 (a folder), C04 (a draft): ICP015, nothing of the outside file echoed."""
    (repo / "drafts").symlink_to("../outside")
    (repo / "direct.yaml").symlink_to("../outside/creds.yaml")
    result = CliRunner().invoke(app, ["check", argument])
    assert "ICP015" in result.stdout and "李四" not in result.stdout and result.exit_code == 1


def test_footer_check_does_not_walk_a_symlinked_site_out_of_the_tree(repo: Path) -> None:
    """issue 24, C05: `public -> ../outside` is ICP015, the outside page's number is not echoed."""
    (repo / "public").symlink_to("../outside")
    result = CliRunner().invoke(app, ["footer", "check", "public/", "--number", NUMBER])
    assert "ICP015" in result.stdout and "9999" not in result.stdout


def test_output_into_a_symlinked_folder_is_refused(repo: Path) -> None:
    """issue 24, B02: `-o reports/x.sarif` with `reports -> ../outside` writes nothing outside."""
    (repo / "reports").symlink_to("../outside")
    result = CliRunner().invoke(app, ["check", "mine.yaml", "-f", "sarif", "-o", "reports/x.sarif"])
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert sorted(p.name for p in (repo.parent / "outside").iterdir()) == ["creds.yaml", "index.html"]


def test_footer_check_output_over_a_checked_page_is_refused(repo: Path) -> None:
    """issue 24, B03: `footer check SITE -o SITE/index.html` keeps the page."""
    site = repo / "site"
    site.mkdir()
    page = f"<html><body><a href='https://beian.miit.gov.cn/'>{NUMBER}</a></body></html>"
    (site / "index.html").write_text(page, encoding="utf-8")
    result = CliRunner().invoke(app, ["footer", "check", "site", "-o", "site/index.html", "--number", NUMBER])
    assert result.exit_code == 2 and (site / "index.html").read_text(encoding="utf-8") == page


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_state_folder_that_is_a_link_or_a_file_is_refused(repo: Path, kind: str) -> None:
    """issue 24, B01 (`.icpfile -> ../outside`), X03 (`.icpfile` a file): one line, exit 2, nothing
    written outside."""
    if kind == "link":
        (repo / ".icpfile").symlink_to("../outside")
    else:
        (repo / ".icpfile").write_text("", encoding="utf-8")
    answers = repo / "answers.yaml"
    answers.write_text("subject:\n  remarks: 个人网站\n", encoding="utf-8")
    for args in (["wizard", "mine.yaml", "--answers", "answers.yaml"], ["status", "mine.yaml"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and ".icpfile" in result.output and "internal error" not in result.output
    assert sorted(p.name for p in (repo.parent / "outside").iterdir()) == ["creds.yaml", "index.html"]


def test_side_files_that_are_devices_are_not_read(repo: Path) -> None:
    """issue 24, C02 (`state.json -> /dev/zero`), C03 (`.gitignore -> /dev/zero`): refused or skipped
    at once, never read whole."""
    (repo / ".icpfile").mkdir()
    (repo / ".icpfile" / "mine.yaml.state.json").symlink_to("/dev/zero")
    (repo / ".gitignore").symlink_to("/dev/zero")
    assert read_side_file(repo / ".gitignore") == ""
    result = CliRunner().invoke(app, ["status", "mine.yaml"])  # a link is not followed at all (breaker23 M4)
    said = " ".join(result.output.split())
    assert result.exit_code == 2 and "reads and writes a draft or its state only as a real file" in said
    (repo / ".icpfile" / "mine.yaml.state.json").unlink()
    os.mkfifo(repo / ".icpfile" / "mine.yaml.state.json")  # a FIFO in its place: not a regular file
    result = CliRunner().invoke(app, ["status", "mine.yaml"])
    assert result.exit_code == 2 and "not a regular file" in result.output
    result = CliRunner().invoke(app, ["init", "-o", "new.yaml"])
    assert result.exit_code == 0 and (repo / "new.yaml").exists()
