"""The exit codes of every command, in one place (README "Output formats and exit codes")."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """0 nothing failed; 1 findings that fail; 2 a usage or internal error; 130 stopped by Ctrl-C."""

    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERRUPTED = 130


def for_findings(failed: bool, exit_zero: bool = False) -> ExitCode:
    """The code of a run that reported: FINDINGS when something failed (unless `exit_zero`), else OK."""
    return ExitCode.FINDINGS if failed and not exit_zero else ExitCode.OK
