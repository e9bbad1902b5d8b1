"""The pre-commit hook, run by pre-commit itself (`try-repo`) in a throwaway repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("pre-commit") is None, reason="pre-commit is in the test extra")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_hook_in_a_test_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "drafts").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "access.yaml", repo / "drafts" / "ok.yaml")
    shutil.copy(ROOT / "tests" / "data" / "broken.yaml", repo / "drafts" / "bad.yaml")
    (repo / "ci.yaml").write_text("not: a draft\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        command = ["pre-commit", "try-repo", str(ROOT), "icpfile-check", "--files", *files]
        return subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env)

    failing = try_repo("drafts/ok.yaml", "drafts/bad.yaml", "ci.yaml")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "drafts/bad.yaml:10:11  error  ICP102" in failing.stdout
    assert "ci.yaml" not in failing.stdout.split("icpfile check")[-1]  # not a draft: not passed
    passing = try_repo("drafts/ok.yaml", "ci.yaml")
    assert passing.returncode == 0, passing.stdout + passing.stderr


def test_the_project_runs_its_own_hooks() -> None:
    """.pre-commit-config.yaml (#17.8): merge conflicts, ruff, the project's own hook and its layers.
    Only its shape is checked here (running it would fetch the hooks' repositories)."""
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: repo for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["check-merge-conflict"]["repo"] == "https://github.com/pre-commit/pre-commit-hooks"
    assert hooks["ruff"]["repo"] == "https://github.com/astral-sh/ruff-pre-commit"
    own = next(h for h in hooks["icpfile-check"]["hooks"] if h["id"] == "icpfile-check")
    assert hooks["icpfile-check"]["repo"] == "local" and own["entry"] == "icpfile check"
    assert "lint-imports" in hooks
    assert all(repo["repo"] == "local" or repo.get("rev") for repo in config["repos"])
