"""A transient progress bar on standard error for long runs (import, a folder check, footer check
of many pages), shown only when stderr is a terminal and gone before the report is written.

`bar(enabled, total, label)` yields `advance(n)`; disabled, it costs nothing and imports nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def wanted(count: int, least: int = 2) -> bool:
    """A bar for `count` items of work, when standard error is a terminal."""
    stream = sys.stderr
    return count >= least and stream is not None and stream.isatty()


@contextmanager
def bar(enabled: bool, total: int, label: str) -> Iterator[Callable[[int], None]]:
    if not enabled:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task, n)
