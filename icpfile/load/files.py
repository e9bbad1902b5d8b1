"""Reading files icpfile did not write, safely: bounded, regular files only, never outside a folder.

Drafts and built pages come from pull requests, so the file system itself is hostile input: a FIFO
named `b.yaml` would block `open()` for ever, a page symlinked to `/dev/zero` never ends, a
1,100-deep folder overflows a recursive walker, and a symlink may point anywhere on the machine.

- `walk(folder, shown, suffixes)` lists the files below a folder iteratively (no recursion, any
  depth), in a stable sorted order, skipping hidden names and symlinked folders. A symlinked file
  whose target leaves the folder, or an entry that is not a regular file, comes back as an `Entry`
  with `problem` set instead of a path to read.
- `read_regular(path, limit, inside=None)` opens without blocking, refuses anything but a regular
  file, and reads at most `limit + 1` bytes (so the caller can tell "too big" without reading more).
- `inside(path, root)` says whether a path, symlinks resolved, stays within `root`.
- `escapes(path, root)` judges a path named on the command line (a draft, a folder, the folder of
  `-o`) component by component below the working folder, as `walk` judges what it finds: a
  symlinked component whose target leaves `root` is named (issue 24.2: a committed `drafts ->
  ../outside`, `reports -> ../outside`, `.icpfile -> ../outside`).

`check` (icpfile/batch.py) and `footer check` (icpfile/footer/page_check.py) share these.

Writing: `write_atomic(path, data)` is how icpfile writes every file (reports, cache entries,
drafts, state): a temporary file in the same folder, then a rename over the name. A symlink at
`path` is replaced by the new file, never followed, so a committed `report.sarif -> ~/.bashrc`
cannot make icpfile overwrite its target; a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from icpfile.records import Frozen

OUTSIDE = "outside"
NOT_REGULAR = "not-regular"


class FileProblem(OSError):
    """Why a file was not read. `kind` is OUTSIDE, NOT_REGULAR or "os" (with `strerror`)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.strerror = message


class Entry(Frozen):
    """A file found by `walk`: `shown` is the path to report, `path` the file to read.

    `problem` is None for a file to read, else OUTSIDE (a symlink leaving the walked folder) or
    NOT_REGULAR (a FIFO, socket or device, or a symlink to one); such an entry must not be read.
    """

    shown: str
    path: Path
    problem: str | None

    __slots__ = ("shown", "path", "problem")

    def __init__(self, shown: str, path: Path, problem: str | None = None) -> None:
        object.__setattr__(self, "shown", shown)
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "problem", problem)


def inside(path: Path | str, root: Path | str) -> bool:
    """True when `path`, with every symlink resolved, is `root` or below it (nothing is opened)."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def escapes(path: Path | str, root: Path | str | None = None) -> str | None:
    """The first component of `path` at or below `root` (default: the working folder) that is a
    symbolic link whose target leaves `root`, or None. A path that does not lie below `root` as
    written (`/srv/site`, `../other`) is the person's own choice and is not judged; only links
    met on the way down from `root` are. Nothing is opened; a missing component ends the walk.

    A `..` is judged as the system follows it, after the link before it: `repo/link/../x` with
    `link -> /outside/sub` is /outside/x, though it reads as repo/x; such a path that leaves
    `root` is returned whole (issue 24.2)."""
    top = os.path.abspath(root if root is not None else os.curdir)
    here = os.path.abspath(path)
    if here != top and not here.startswith(top.rstrip(os.sep) + os.sep):
        # Written elsewhere, its folder may still be `root` reached another way (`/proc/self/cwd/x`,
        # a link to the tree): then it is judged where its folder really is (breaker23 M5).
        folder, real_top = os.path.realpath(os.path.dirname(here)), os.path.realpath(top)
        if folder != real_top and not folder.startswith(real_top.rstrip(os.sep) + os.sep):
            return None
        return escapes(os.path.join(folder, os.path.basename(here)), real_top)
    if os.pardir in Path(path).parts and not inside(path, top):
        return str(path)
    current = top
    for part in os.path.relpath(here, top).split(os.sep):
        if part in ("", os.curdir):
            continue
        current = os.path.join(current, part)
        if os.path.islink(current):
            if not inside(current, top):
                return current
        elif not os.path.lexists(current):
            return None
    return None


def _kind(entry: os.DirEntry[str], top: str) -> str | None:
    """None for a regular file to read, else the problem (a symlink is judged by its target)."""
    try:
        if entry.is_symlink():
            if not inside(entry.path, top):
                return OUTSIDE
            return None if stat.S_ISREG(os.stat(entry.path).st_mode) else NOT_REGULAR
        return None if entry.is_file(follow_symlinks=False) else NOT_REGULAR
    except OSError:
        return NOT_REGULAR


def walk(folder: Path, shown: str, suffixes: tuple[str, ...], fold_case: bool = False,
         also: Callable[[str], bool] | None = None, hidden_kept: tuple[str, ...] = ()) -> Iterator[Entry]:
    """Every file below `folder` whose name ends with one of `suffixes`, depth-first, sorted.

    Iterative: a folder of any depth costs a list, not the Python stack. Names starting with "."
    (files and folders, such as `.icpfile/` state) are skipped, and so are symlinked folders.
    `fold_case` compares suffixes case-insensitively (`INDEX.HTML`); `also(name)` takes a file
    whose suffix does not match (a site configuration); `hidden_kept` names hidden folders that
    are walked all the same (`.vitepress`). Unreadable subfolders are skipped, as `os.walk` does.
    """
    top = os.path.realpath(folder)
    stack: list[tuple[str, str]] = [(os.fspath(folder), "")]
    while stack:
        current, rel = stack.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith(".") and entry.name not in hidden_kept:
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append((entry.path, os.path.join(rel, entry.name)))
                continue
            name = entry.name.lower() if fold_case else entry.name
            if not name.endswith(suffixes) and not (also is not None and also(entry.name)):
                continue
            yield Entry(os.path.normpath(os.path.join(shown, rel, entry.name)), Path(entry.path), _kind(entry, top))
        stack.extend(reversed(subfolders))


def read_regular(path: Path | str, limit: int, within: Path | str | None = None) -> bytes:
    """At most `limit + 1` bytes of the regular file `path`; FileProblem (an OSError) otherwise.

    The file is opened with O_NONBLOCK, so a FIFO cannot block, then checked with fstat to be a
    regular file (a device such as /dev/zero, a socket or a FIFO raises FileProblem NOT_REGULAR).
    With `within`, a path whose real location is outside that folder raises FileProblem OUTSIDE
    before anything is opened. Other failures raise the OSError of `open`/`read`.
    """
    if within is not None and not inside(path, within):
        raise FileProblem(OUTSIDE, "outside the folder")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(NOT_REGULAR, "not a regular file")
        chunks, left = [], limit + 1
        # The first read asks for the size fstat gave (and a byte more): a 1 MiB buffer for a 2 KB
        # draft cost more than the read itself (#19). Reading still goes on to the end or the limit.
        size = min(left, info.st_size + 1, 1 << 20)
        while left > 0:
            chunk = os.read(fd, size)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
            size = min(left, 1 << 20)
        return b"".join(chunks)
    finally:
        os.close(fd)


SIDE_FILE_LIMIT = 256 * 1024


def read_side_file(path: Path | str, limit: int = SIDE_FILE_LIMIT) -> str:
    """A side file icpfile only looks into (`.gitignore`): its first `limit` bytes as text, or ""
    when it is absent, not a regular file (a `-> /dev/zero` link) or unreadable. Never raises."""
    try:
        return read_regular(path, limit)[:limit].decode("utf-8", errors="replace")
    except OSError:
        return ""


def write_atomic(path: Path | str, data: str | bytes, mode: int | None = None, encoding: str = "utf-8",
                 streams: bool = True) -> None:
    """Write `data` to `path` by a temporary file in the same folder and a rename over it.

    A symlink at `path` is replaced, not followed; a character device or FIFO (/dev/null,
    /dev/stdout) is written into, not replaced (`_stream_at`), unless `streams` is False: a file
    that must be a file (the draft, its backup, the wizard's state) replaces whatever stands at
    `path` (breaker22 L15: a FIFO planted at `mine.yaml.bak` received the draft with its ID
    numbers, and with no reader the wizard hung). `mode` sets the permission bits; without it an
    existing regular file keeps its bits and a new one gets 0o666 less the umask (as `open(path,
    "w")` would). Text is encoded with `encoding` (errors="surrogateescape"). The rename is made
    durable (the folder is fsynced where the OS allows). Raises OSError (IsADirectoryError for a
    folder); on failure the temporary file is removed and `path` is untouched.
    """
    target = os.fspath(path)
    if os.path.isdir(target) and not os.path.islink(target):
        raise IsADirectoryError(21, "is a folder", target)
    blob = data.encode(encoding, errors="surrogateescape") if isinstance(data, str) else data
    stream = _stream_at(target) if streams else None
    if stream is not None:  # /dev/null, /dev/stdout, a FIFO: written into, never replaced
        with open(stream, "wb", buffering=0) as handle:
            handle.write(blob)
        return
    mode = _mode_for(target) if mode is None else mode
    folder, name = os.path.split(os.path.abspath(target))
    import tempfile  # only a run that writes pays for it (and shutil, random under it)

    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError, AttributeError):  # make the rename itself durable (POSIX)
        folder_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)


def _stream_at(target: str) -> str | None:
    """The path to write into when `target` is a stream rather than a file: a character device
    (/dev/null) or a FIFO at `target` itself, or a system link to one (/dev/stdout, /dev/fd/1,
    /proc/self/fd/1). Replacing those with a regular file, as the rename would, breaks the
    machine's /dev/null when run as root. A symlink elsewhere (one a checked-out repository
    may plant) is still replaced, never followed; a block device is never written."""
    try:
        info = os.lstat(target)
        if stat.S_ISLNK(info.st_mode):
            absolute = os.path.abspath(target)
            if not absolute.startswith(("/dev/", "/proc/self/fd/")):
                return None
            info = os.stat(target)
    except OSError:
        return None
    return target if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode) else None


def _mode_for(target: str) -> int:
    """The permission bits a rewritten file keeps, or those `open(path, "w")` would give it."""
    with contextlib.suppress(OSError):
        info = os.lstat(target)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
