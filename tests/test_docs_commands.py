"""Every command the README and the docs show works as written (issue 22, P1).

The shell blocks (```sh) of README.md, CONTRIBUTING.md and docs/*.md are read line by line; each
command runs in a scratch folder laid out as the text assumes (`drafts/acme.yaml`, `mine.yaml`,
`public/`, `answers.yaml`), with the installed `icpfile` on PATH and no terminal. A command
exits 0 unless its own comment says otherwise (`# exit 1: …`). A command that cannot run here
is listed in NOT_RUN with the reason and the test that covers it instead, so a new command in the
docs runs by default. The CI recipes' YAML blocks are run too: GitHub's `run:` and GitLab's
`script:` lines, and the pre-commit configuration by pre-commit itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
EXIT = re.compile(r"#\s*exit (\d)")

# Commands that do not run in this test (a regular expression matched at the start of the
# command without its comment), each with why and what tests it instead.
NOT_RUN = {
    r"python3 -m venv ": "the Quick start: .ci/run runs these two commands on a fresh machine",
    r"pip install ": "installs from the network; the test environment is that install",
    r"python bench/": "benchmarks are measured by hand (docs/benchmarks.md), never timed in tests",
    r"git ": "changes a repository; the pre-commit recipe is run below in a scratch repository",
    r"icpfile wizard mine\.yaml$": "interactive: tests/test_wizard_flow.py drives it in a real terminal",
}


def commands(path: Path) -> list[tuple[str, int]]:
    """The shell commands of a document's ```sh blocks, with continuation lines joined."""
    found = []
    for lang, body in BLOCK.findall(path.read_text(encoding="utf-8")):
        if lang not in ("sh", "bash", "shell"):
            continue
        for line in body.replace("\\\n", " ").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                found.append((line.strip(), path.name))
    return found


def _skipped(command: str) -> str | None:
    bare = command.split(" #")[0].strip()
    return next((why for pattern, why in NOT_RUN.items() if re.match(pattern, bare)), None)


def _expected_exit(command: str) -> int:
    match = EXIT.search(command)
    return int(match.group(1)) if match else 0


ALL = [(command, doc) for path in DOCS if path.exists() for command, doc in commands(path)]
RUN = [pytest.param(c, id=f"{doc}: {c[:60]}") for c, doc in ALL if not _skipped(c)]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out as the README's commands assume."""
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "examples", root / "examples")
    (root / "drafts").mkdir()
    shutil.copy(ROOT / "examples" / "enterprise-first-filing.yaml", root / "drafts" / "acme.yaml")
    shutil.copy(ROOT / "examples" / "enterprise-first-filing.yaml", root / "acme.yaml")
    # `wizard --answers`: a whole personal draft's answers, so the scripted run has nothing to ask.
    personal = (ROOT / "examples" / "personal-first-filing.yaml").read_text(encoding="utf-8")
    answers = {k: v for k, v in yaml.safe_load(personal).items() if k not in ("version", "filing")}
    (root / "answers.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    (root / "public").mkdir()
    (root / "public" / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>示例</title></head><body><footer>'
        '<p>© 2026 南京示例软件有限公司 版权所有</p>'
        '<a href="https://beian.miit.gov.cn/" target="_blank">苏ICP备12345678号-1</a></footer></body></html>\n',
        encoding="utf-8",
    )
    return root


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_the_docs_commands_are_found() -> None:
    """The negative control: the extraction finds the README's commands."""
    texts = [c for c, _ in ALL]
    assert any(c.startswith("icpfile check drafts/") for c in texts)
    assert any("icpfile footer check public/" in c for c in texts)
    assert len(RUN) >= 10


@pytest.mark.parametrize("command", RUN)
def test_documented_command_works_as_written(command: str, workspace: Path) -> None:
    # init refuses to overwrite: each command that writes mine.yaml starts from none.
    if command.startswith("icpfile init") and (workspace / "mine.yaml").exists():
        for leftover in workspace.glob("mine.yaml*"):
            leftover.unlink()
    needs_draft = command.startswith(("icpfile wizard mine.yaml", "icpfile status mine.yaml"))
    if needs_draft and not (workspace / "mine.yaml").exists():
        _run("icpfile init --type first_filing --nature personal -o mine.yaml", workspace)
    done = _run(command, workspace)
    assert done.returncode == _expected_exit(command), f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr


def _yaml_blocks() -> list[dict]:
    blocks = []
    for path in DOCS:
        if path.exists():
            for lang, body in BLOCK.findall(path.read_text(encoding="utf-8")):
                if lang == "yaml":
                    try:
                        blocks.append(yaml.safe_load(body))
                    except yaml.YAMLError:
                        continue
    return [b for b in blocks if isinstance(b, dict)]


def _ci_lines() -> list[str]:
    """The icpfile commands of the GitHub Actions and GitLab CI recipes."""
    lines = []
    for block in _yaml_blocks():
        for job in block.get("jobs", {}).values():
            lines += [step["run"] for step in job.get("steps", []) if "run" in step]
        for job in block.values():
            if isinstance(job, dict) and "script" in job:
                lines += job["script"]
    return [line for line in lines if line.startswith("icpfile")]


def test_ci_recipes_run_as_written(workspace: Path) -> None:
    lines = _ci_lines()
    assert len(lines) >= 2, lines  # GitHub and GitLab
    for line in lines:
        done = _run(line, workspace)
        assert done.returncode == 0, f"{line}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert (workspace / "icpfile.sarif").stat().st_size > 0


def test_the_pip_lines_install_what_the_project_offers() -> None:
    """`pip install icpfile` would fetch another package (icpfile is not published): the recipes
    install from a checkout of this repository."""
    pips = [line for path in DOCS if path.exists() for _, body in BLOCK.findall(path.read_text(encoding="utf-8"))
            for line in body.splitlines() if re.search(r"\bpip install\b", line)]
    assert len(pips) >= 3  # the Quick start's and the CI recipes'
    assert not [line for line in pips if re.search(r"pip install\s+['\"]?icpfile\b", line)]


@pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is in the test extra")
def test_pre_commit_recipe_runs_as_written(tmp_path: Path) -> None:
    """The README's pre-commit configuration, copied into a scratch repository, passes a good
    draft and stops a broken one (icpfile on PATH, as the recipe says)."""
    configs = [b for b in _yaml_blocks() if "repos" in b]
    assert len(configs) == 1
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(configs[0]), encoding="utf-8")
    shutil.copy(ROOT / "examples" / "access.yaml", repo / "drafts" / "ok.yaml")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)

    git("init", "-q")
    git("add", ".")
    run = ["pre-commit", "run", "--all-files"]
    passing = subprocess.run(run, cwd=repo, capture_output=True, text=True, env=env, timeout=300)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    shutil.copy(ROOT / "tests" / "data" / "broken.yaml", repo / "drafts" / "bad.yaml")
    git("add", ".")
    failing = subprocess.run(run, cwd=repo, capture_output=True, text=True, env=env, timeout=300)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "drafts/bad.yaml:10:11" in failing.stdout
