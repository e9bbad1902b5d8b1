"""The command line: typer commands that only wire load → check → report.

One module per command (`check.py`, `rules.py`, …), listed in `registry.COMMANDS`; every command writes
to stdout through `output.py`; shared option checks are in `common.py`. `main` is the console
script's entry. It is defined here, before typer and rich are imported,
so that Ctrl-C at any moment, even while those imports run (the first ~100 ms), ends in one line
and exit code 130 rather than a traceback.
"""

from __future__ import annotations

from typing import Any

__all__ = ["app", "entry", "main"]


def main() -> None:
    """Console-script entry: never a traceback, always one line (exit 130 on Ctrl-C, 2 on a crash)."""
    import gc
    import sys

    # The collector's default (a pass every 700 new objects, a full one as the heap grows) spent
    # about 1 s of a 3.5 s check of a draft with 95,000 bad codes (issue 24) and runs ~2,000 times
    # in a one-draft start-up, finding almost nothing: icpfile builds trees, not cycles.
    gc.set_threshold(50_000, 50, 50)
    try:
        from icpfile.cli import fast

        code = fast.run(sys.argv[1:])  # `name` in its plain form, without typer (#23.2)
        if code is not None:
            sys.exit(code)
        from icpfile.cli.registry import main as run
    except KeyboardInterrupt:
        sys.stderr.write("icpfile: interrupted\n")
        sys.exit(130)
    run()


def entry() -> None:
    """The console script and `python -m icpfile`: `main`, then an exit without the interpreter's
    teardown (about 20 ms of freeing every module, perf.md §1) once stdout and stderr are flushed.

    Safe here: by then the report is written (atomically, for `-o`), worker pools are closed, the
    wizard's lock is released, and nothing is registered with atexit that must run. Tests call
    `main`, which exits normally."""
    import os
    import sys

    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if not isinstance(code, int):  # sys.exit("text") / sys.exit(None), as Python ends them
        if code is not None:
            sys.stderr.write(f"{code}\n")
        code = 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            code = code or 2
    os._exit(int(code))


def __getattr__(name: str) -> Any:
    """`from icpfile.cli import app`: the whole command tree (every command), built when asked for."""
    if name == "app":
        from icpfile.cli.registry import build

        return build()
    raise AttributeError(name)
