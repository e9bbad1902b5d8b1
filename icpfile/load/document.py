"""A loaded draft: its data, where each value was typed, and what went wrong loading it."""

from __future__ import annotations

from icpfile.findings import Issue
from icpfile.load import pointer as jp
from icpfile.records import Record


class Plain(str):
    """A plain (unquoted) YAML scalar, kept as the exact text the user typed.

    Only plain scalars may become booleans, integers or null, and only where the schema asks
    for them (see `icpfile.schema.typed`); a quoted scalar is always the string it shows.
    """

    __slots__ = ()


class Document(Record):
    """The result of loading, whatever the input: never an exception.

    `data` is None when the file could not be parsed into a mapping. `values` and `keys` map a
    JSON Pointer to the (line, column) of the value and of its key, both 1-based.
    """

    path: str
    text: str
    data: dict | None
    values: dict[str, tuple[int, int]]
    keys: dict[str, tuple[int, int]]
    issues: list[Issue]
    # (start, end) character offsets of scalars whose text holds "icpfile:": a directive there is
    # part of a value (a `remarks: |` block), not a comment (see icpfile.load.suppress).
    text_spans: list[tuple[int, int]]

    __slots__ = ("path", "text", "data", "values", "keys", "issues", "text_spans")

    def __init__(self, path: str, text: str = "", data: dict | None = None,
                 values: dict[str, tuple[int, int]] | None = None,
                 keys: dict[str, tuple[int, int]] | None = None, issues: list[Issue] | None = None,
                 text_spans: list[tuple[int, int]] | None = None) -> None:
        self.path = path
        self.text = text
        self.data = data
        self.values = {} if values is None else values
        self.keys = {} if keys is None else keys
        self.issues = [] if issues is None else issues
        self.text_spans = [] if text_spans is None else text_spans

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
