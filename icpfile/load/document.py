"""A loaded draft: its data, where each value was typed, and what went wrong loading it."""

from __future__ import annotations

from dataclasses import dataclass, field

from icpfile.findings import Issue
from icpfile.load import pointer as jp


class Plain(str):
    """A plain (unquoted) YAML scalar, kept as the exact text the user typed.

    Only plain scalars may become booleans, integers or null, and only where the schema asks
    for them (see `icpfile.schema.typed`); a quoted scalar is always the string it shows.
    """

    __slots__ = ()


@dataclass(slots=True)
class Document:
    """The result of loading, whatever the input: never an exception.

    `data` is None when the file could not be parsed into a mapping. `values` and `keys` map a
    JSON Pointer to the (line, column) of the value and of its key, both 1-based.
    """

    path: str
    text: str = ""
    data: dict | None = None
    values: dict[str, tuple[int, int]] = field(default_factory=dict)
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    # (start, end) character offsets of scalars whose text holds "icpfile:": a directive there is
    # part of a value (a `remarks: |` block), not a comment (see icpfile.load.suppress).
    text_spans: list[tuple[int, int]] = field(default_factory=list)

    def position(self, pointer: str, at_key: bool = False) -> tuple[int, int]:
        """Where `pointer` was typed; a missing one falls back to its nearest ancestor."""
        probe = pointer
        while True:
            table = self.keys if at_key else self.values
            if probe in table:
                return table[probe]
            if at_key and probe in self.values:
                return self.values[probe]
            if not probe:
                return (1, 1)
            probe = jp.parent(probe)
            at_key = True  # an ancestor is best shown at its key: `subject:` rather than its body
