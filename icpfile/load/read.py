"""Read one draft (or pack) file into a `Document`: bounded, regular files only, never raising.

What cannot be read becomes a loader issue (ICP001 unreadable, ICP015 outside the walked folder)
on an empty document, so that it is reported and the other files still are. The engine checks
what this returns; user packs (`data/user_packs.py`) are read the same way.
"""

from __future__ import annotations

from pathlib import Path

from icpfile.findings import Issue
from icpfile.load import decoding, files, yamltree
from icpfile.load.document import Document


def load_bytes(data: bytes, path: str) -> Document:
    """Decode and parse `data`; an undecodable file is an empty document holding its issue."""
    text, problem = decoding.decode(data, path)
    if text is None:
        doc = Document(path=path)
        doc.issues.append(problem)  # type: ignore[arg-type]
        return doc
    return yamltree.load_text(text, path)


def refused(shown: str, problem: str) -> Document:
    """The document of a file that must not be read: a symlink leaving the walked folder (ICP015)
    or a FIFO, socket or device (ICP001), so that it is reported and the other files still are."""
    doc = Document(path=shown)
    if problem == files.OUTSIDE:
        doc.issues.append(Issue.of("ICP015", line=1, column=1))
    else:
        doc.issues.append(Issue.of("ICP001", line=1, column=1, params={"reason": "not a regular file"}))
    return doc


def load_path(path: Path, shown: str) -> Document:
    """Read at most one byte more than the size limit, so a huge file costs nothing; only a
    regular file is opened (a FIFO or /dev/zero becomes ICP001, never a hang)."""
    try:
        data = files.read_regular(path, decoding.MAX_BYTES)
    except files.FileProblem as exc:
        return refused(shown, exc.kind)
    except OSError as exc:
        doc = Document(path=shown)
        doc.issues.append(Issue.of("ICP001", line=1, column=1, params={"reason": exc.strerror or str(exc)}))
        return doc
    return load_bytes(data, shown)
