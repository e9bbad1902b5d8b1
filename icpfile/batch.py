"""Many drafts at once: expand folders and stdin into inputs, check them, keep input order.

An agency checks hundreds of drafts in one run. Above `PARALLEL_FROM` drafts the work is spread
over the CPU cores in worker processes; results come back in input order whatever order the work
finishes in, so output is stable.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from icpfile import engine
from icpfile.data.packs import Packs, builtin
from icpfile.data.user_packs import RulePack
from icpfile.load import decoding, files, read
from icpfile.options import Options

PARALLEL_FROM = 64
T = TypeVar("T")
R = TypeVar("R")
SUFFIXES = (".yaml", ".yml")


class InputError(ValueError):
    """A path that does not exist: a usage error (exit 2), not a finding."""


@dataclass(frozen=True, slots=True)
class Input:
    shown: str
    path: Path | None  # None: read standard input
    problem: str | None = None  # files.OUTSIDE or files.NOT_REGULAR: reported, never read


def _walk(folder: Path, shown: str) -> Iterable[Input]:
    """The drafts below a folder (hidden names and .icpfile/ state skipped), by the shared walker."""
    for entry in files.walk(folder, shown, SUFFIXES):
        yield Input(entry.shown, entry.path, entry.problem)


def expand(paths: list[str], stdin_filename: str | None = None) -> list[Input]:
    inputs: list[Input] = []
    for raw in paths:
        if raw == "-":
            inputs.append(Input(stdin_filename or "<stdin>", None))
            continue
        path = Path(raw)
        if path.is_dir():
            inputs.extend(_walk(path, raw))
        elif path.exists():
            inputs.append(Input(raw, path))
        elif any(char in raw for char in "*?["):  # the shell left a pattern as written: it matched nothing
            raise InputError(f"{raw}: the pattern matched no file")
        else:
            raise InputError(f"{raw}: no such file or folder")
    return inputs


def _packs(extra: list[RulePack]) -> Packs:
    if not extra:
        return builtin()
    return Packs([{"national": p.national, "provinces": p.provinces} for p in extra])


def _check(item: Input, options: Options, packs: Packs) -> engine.Result:
    """One input's result, whatever happens: a crash on this input is an internal note on its
    own (empty) report, and every other input is still checked and reported."""
    try:
        return _check_one(item, options, packs)
    except Exception as exc:
        from icpfile.findings import FileReport
        from icpfile.values.echo import escape_controls, shown_path

        shown = shown_path(item.shown, options.show_pii)
        note = escape_controls(f"{shown}: {type(exc).__name__}: {exc}")
        return engine.Result(FileReport(shown, []), [note])


def _check_one(item: Input, options: Options, packs: Packs) -> engine.Result:
    if item.problem is not None:
        return engine.check_document(read.refused(item.shown, item.problem), options, packs)
    if item.path is None:
        data = sys.stdin.buffer.read(decoding.MAX_BYTES + 1)
        return engine.check_bytes(data, item.shown, options, packs)
    return engine.check_path(item.path, item.shown, options, packs)


def _worker(items: list[Input], options: Options, packs: Packs) -> list[engine.Result]:
    return [_check(item, options, packs) for item in items]


def in_workers(work: Callable[[list[T]], list[R]], items: list[T], advance: Callable[[int], None] = lambda n: None,
               warm: Callable[[], None] | None = None) -> list[R]:
    """`work` over chunks of `items` in worker processes (forked where the OS can, after `warm`, so
    what the parent loaded is shared); the results in input order whatever order chunks finish in.
    `work` must be picklable (a module-level function or a partial of one)."""
    workers = min(os.cpu_count() or 1, 8)
    size = max(8, len(items) // (workers * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed  # 20 ms: only for batches

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if method == "fork" and warm is not None:
        warm()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                             initializer=_die_with_parent, initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(work, chunk) for chunk in chunks]
        for future in as_completed(futures):
            advance(len(future.result()))
        return [result for future in futures for result in future.result()]


def _die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker when the parent process dies (kill -9 included), so a
    killed `icpfile check` leaves no workers behind. Linux: the kernel's parent-death signal;
    elsewhere a daemon thread that polls the parent's pid once a second."""
    import signal

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0:  # PR_SET_PDEATHSIG = 1
            if os.getppid() != parent:  # it died before the signal was armed
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="icpfile-parent-watch").start()


@contextmanager
def _progress(enabled: bool, total: int) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr, or nothing; yields `advance(n)`."""
    if not enabled:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("icpfile check", total=total)
        yield lambda n: bar.advance(task, n)


def run(
    inputs: list[Input], options: Options, extra: list[RulePack] | None = None, progress: bool = False
) -> list[engine.Result]:
    """Check every input; the results are in input order whatever order the work finishes in."""
    packs = _packs(extra or [])
    workers = min(os.cpu_count() or 1, 8)
    with _progress(progress, len(inputs)) as advance:
        if len(inputs) < PARALLEL_FROM or workers < 2 or any(i.path is None for i in inputs):
            results = []
            for item in inputs:
                results.append(_check(item, options, packs))
                advance(1)
            return results
        work = functools.partial(_worker, options=options, packs=packs)
        return in_workers(work, inputs, advance, engine.warm)
