"""Many drafts at once: expand folders and stdin into inputs, check them, keep input order.

An agency checks hundreds of drafts in one run. From `PARALLEL_FROM` drafts up, the first
`PROBE` drafts are checked here, which pays every first use (imports, indexes) once before any
fork and measures the CPU time a draft costs; the rest go to worker processes only when that
saves time by the cost model of `workers_for` (#23.3: on 2 cores, 64–200 drafts ran 30 % slower
in parallel than in sequence), on the cores this process may use. Results come back in input
order whatever order the work finishes in, so output is stable.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from icpfile import engine
from icpfile.data.packs import Packs, builtin
from icpfile.data.words import Said
from icpfile.load import decoding, files, read
from icpfile.options import Options
from icpfile.records import Frozen

if TYPE_CHECKING:
    from icpfile.data.user_packs import RulePack  # only a run given --rules loads a pack

PARALLEL_FROM = 64  # fewer drafts than this are always checked here, with no probe
PROBE = 24  # drafts checked here first, to measure a draft's cost before choosing workers
# The cost model (ms, measured on 2 cores, bench/contract.py): starting the pool and importing
# concurrent.futures, each worker's start and first chunk beyond what warm() preloads, and the
# parent's share per draft (unpickling a report).
POOL_MS = 60.0
WORKER_MS = 15.0
RETURN_MS = 0.06
# The pool is chosen only when the model says it takes at most this share of the time in this
# process. Near break-even the model is optimistic on a busy machine (the second core is not free:
# batch41 measured 200 drafts forking on a probe of 1.2-1.5 ms and losing 11-25 %), and a lost
# fork costs more than a missed one, so it must win by a quarter. At ~1 ms a draft on 2 cores that
# keeps a few hundred drafts here (200: forks from 2.3 ms a draft) and still forks 1,000 (from 0.61 ms).
POOL_SHARE = 0.75
T = TypeVar("T")
R = TypeVar("R")
SUFFIXES = (".yaml", ".yml")


class InputError(Said):
    """A path that does not exist: a usage error (exit 2), not a finding."""


class Input(Frozen):
    shown: str
    path: Path | None  # None: read standard input
    problem: str | None  # files.OUTSIDE or files.NOT_REGULAR: reported, never read

    __slots__ = ("shown", "path", "problem")

    def __init__(self, shown: str, path: Path | None, problem: str | None = None) -> None:
        object.__setattr__(self, "shown", shown)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "problem", problem)


def _walk(folder: Path, shown: str) -> Iterable[Input]:
    """The drafts below a folder (hidden names and .icpfile/ state skipped), by the shared walker."""
    for entry in files.walk(folder, shown, SUFFIXES):
        yield Input(entry.shown, entry.path, entry.problem)


def expand(paths: list[str], stdin_filename: str | None = None, root: str | None = None) -> list[Input]:
    """The inputs named by `paths`; a path through a symlink out of `root` (default: the working
    folder; `check --root`) is an input with the OUTSIDE problem, never read."""
    inputs: list[Input] = []
    for raw in paths:
        if raw == "-":
            inputs.append(Input(stdin_filename or "<stdin>", None))
            continue
        path = Path(raw)
        if files.escapes(path, root) is not None:  # a committed symlink out of the tree (issue 24.2, C01, C04)
            inputs.append(Input(raw, path, files.OUTSIDE))
            continue
        if path.is_dir():
            inputs.extend(_walk(path, raw))
        elif path.exists():
            inputs.append(Input(raw, path))
        elif any(char in raw for char in "*?["):  # the shell left a pattern as written: it matched nothing
            raise InputError("no_match", path=raw)
        else:
            raise InputError("no_such_path", path=raw)
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


def cores() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count), at most 8, and at
    most `ICPFILE_WORKERS` when that is set to a whole number (1: everything in this process)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    limit = os.environ.get("ICPFILE_WORKERS", "")
    if limit.isdigit() and int(limit) >= 1:
        usable = min(usable, int(limit))
    return max(1, min(usable, 8))


def workers_for(count: int, per_item_ms: float, most: int) -> int:
    """How many worker processes check `count` items fastest, each costing `per_item_ms` of CPU
    time here; 1 means "do them here". Modelled time with n workers: POOL_MS + n × WORKER_MS +
    count × (per_item_ms / n + RETURN_MS), against count × per_item_ms in this process.

    Every term is CPU time, so the choice does not depend on how busy the machine is while the
    probe runs: the probe's wall time (and its wall ÷ CPU ratio, used before #19) swung by 2× and
    more over 12 drafts on a shared machine, one preemption being as long as a few drafts, and
    so did the choice near the break-even point.

    Workers are used only when the best of them is modelled at most `POOL_SHARE` of the time here:
    a margin for the model's error on a loaded machine, where the workers share the cores too."""
    here_ms = count * per_item_ms
    best, best_ms = 1, here_ms
    for n in range(2, most + 1):
        modelled = POOL_MS + n * WORKER_MS + count * (per_item_ms / n + RETURN_MS)
        if modelled < best_ms:
            best, best_ms = n, modelled
    return best if best_ms <= POOL_SHARE * here_ms else 1


def in_workers(work: Callable[[list[T]], list[R]], items: list[T], advance: Callable[[int], None] = lambda n: None,
               warm: Callable[[], None] | None = None, workers: int | None = None) -> list[R]:
    """`work` over chunks of `items` in `workers` processes (default: one per usable core; forked
    where the OS can, after `warm`, so what the parent loaded is shared); the results in input
    order whatever order chunks finish in. `work` must be picklable (a module-level function or
    a partial of one)."""
    workers = workers or cores()
    size = max(8, len(items) // (workers * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed  # 20 ms: only for batches

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    if method == "fork" and warm is not None:
        warm()
    if method == "fork":
        import gc

        gc.freeze()  # what the parent built stays out of the workers' collections: no copy-on-write of it
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
    """Check every input; the results are in input order whatever order the work finishes in.

    The set-up is paid once: the packs here, the rule list once per run (engine), and, for a large
    batch, every first use in this process before the workers fork (`engine.warm`)."""
    packs = _packs(extra or [])
    most = cores()
    with _progress(progress, len(inputs)) as advance:
        results: list[engine.Result] = []

        def here(items: list[Input]) -> None:
            for item in items:
                results.append(_check(item, options, packs))
                advance(1)

        if len(inputs) < PARALLEL_FROM or most < 2 or any(i.path is None for i in inputs):
            here(inputs)
            return results
        engine.warm()
        here(inputs[: PROBE // 2])  # their first uses are not a draft's cost: not timed
        cpu = time.process_time()
        here(inputs[PROBE // 2 : PROBE])
        per_draft_ms = (time.process_time() - cpu) * 1000 / (PROBE - PROBE // 2)
        rest = inputs[PROBE:]
        workers = workers_for(len(rest), per_draft_ms, most)
        if workers < 2:
            here(rest)
            return results
        work = functools.partial(_worker, options=options, packs=packs)
        return results + in_workers(work, rest, advance, engine.warm_all, workers=workers)
