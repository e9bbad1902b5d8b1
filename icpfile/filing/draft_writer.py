"""Edit the user's draft in place: only the keys answered change, everything else stays.

The draft is read with ruamel.yaml's round-trip loader, so comments (init's Chinese notes, the
`# icpfile: disable=…` lines), key order, quoting and blank lines survive a write. A draft the
safe loader has findings about (duplicate keys, aliases, tags, several documents…) is refused:
rewriting it would drop or expand what the user wrote. A draft that is a symbolic link is refused
too (the wizard would otherwise write through it, or replace the link by a file).

Every write goes to a temporary file in the same folder, is fsynced and renamed over the old one.
The first write of a run keeps the user's file as it was in `<draft>.bak`, written the same way
(a `.bak` that is a symbolic link is replaced as a link: its target is never touched).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from icpfile.filing.state import atomic_write
from icpfile.load import pointer as jp
from icpfile.schema import draft as sch

# Loader findings that a rewrite would silently "fix" (drop a duplicate, expand an alias…).
REFUSED_CODES = ("ICP006", "ICP007", "ICP008", "ICP009", "ICP010", "ICP011", "ICP012", "ICP013", "ICP014")


class DraftRefused(ValueError):
    """The draft cannot be edited safely; the message is one line, the file is unchanged."""


def _yaml(indent: int | None = 2, offset: int | None = 2) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long value the user wrote on one line
    indent = indent or 2
    offset = 2 if offset is None else offset
    yaml.indent(mapping=indent, sequence=indent + offset, offset=offset)
    return yaml


def _aliases_or_tags(text: str) -> str | None:
    """'anchor', 'alias' or 'tag' when the text uses one (the safe loader accepts some of them)."""
    import yaml

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                return "alias"
            if getattr(event, "anchor", None):
                return "anchor"
            if getattr(event, "tag", None):
                return "tag"
    except yaml.YAMLError:
        return None  # the loader's findings say it
    return None


def _blank(node: Any) -> Any:
    """A fresh container the same kind as `node`'s schema asks for."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return CommentedSeq() if "array" in sch.types_at(node or {}) else CommentedMap()


def _plain(value: Any) -> Any:
    """`value` as ruamel nodes: mappings and lists written in block style like the rest."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _plain(item)
        return out
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            return seq
        return CommentedSeq([_plain(v) for v in value])
    return value


def guess_indent(text: str) -> tuple[int, int]:
    """(mapping indent, dash offset) as the file writes them: `key:` then its children, `- ` items."""
    indent = offset = None
    previous: tuple[int, str] | None = None  # (indent, text) of the previous content line
    for raw in text.splitlines():
        body = raw.split(" #", 1)[0].rstrip()
        stripped = body.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        here = len(body) - len(stripped)
        if previous and previous[1].endswith(":") and here >= previous[0]:
            if stripped.startswith("- ") and offset is None:
                offset = here - previous[0]
            elif (not stripped.startswith("- ") and not previous[1].lstrip().startswith("- ") and indent is None
                  and here > previous[0]):
                indent = here - previous[0]
        previous = (here, body)
        if indent is not None and offset is not None:
            break
    return indent or 2, 2 if offset is None else offset


def _put(node: Any, key: Any, value: Any) -> None:
    """`node[key] = value`, without ruamel carrying an empty `""`'s quotes over to the answer."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.compat import ordereddict

    if isinstance(node, CommentedMap) and key in node:
        ordereddict.__setitem__(node, key, value)
    else:
        node[key] = value


def _same_style(old: Any, new: Any) -> Any:
    """`new` quoted as `old` was ('…' stays '…', "…" stays "…")."""
    from ruamel.yaml.scalarstring import ScalarString

    if isinstance(old, ScalarString) and old and isinstance(new, str):
        return type(old)(new)
    return new


class DraftFile:
    """One draft being edited. `open` refuses what cannot be edited safely (DraftRefused)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.backup = path.with_name(path.name + ".bak")
        self.original: bytes | None = None  # what the user had when the run started
        self.tree: Any = None
        self.backed_up = False
        self.indent, self.offset = 2, 2  # as the user's file has them (guessed on open)

    def open(self, loader_codes: list[tuple[str, int]]) -> None:
        """Read the draft; `loader_codes` are the safe loader's (code, line) findings about it."""
        from ruamel.yaml.comments import CommentedMap

        if self.path.is_symlink():
            raise DraftRefused(
                f"{self.path} is a symbolic link to {self.path.resolve()}; run the wizard on that file "
                "(nothing was written)"
            )
        if not self.path.exists():
            self.tree = CommentedMap([("version", 1)])
            return
        self.original = self.path.read_bytes()
        text = self.original.decode("utf-8-sig")
        if not text.strip():  # an empty file (`touch mine.yaml`): start the draft in it
            self.tree = CommentedMap([("version", 1)])
            return
        refused = [(code, line) for code, line in loader_codes if code in REFUSED_CODES]
        if refused:
            code, line = refused[0]
            raise DraftRefused(
                f"{self.path}:{line}: {code}: the wizard does not rewrite a draft its loader has findings about "
                f"(it could drop or expand what you wrote); run `icpfile check {self.path}`, fix it, then run "
                "the wizard again (the file is unchanged)"
            )
        kind = _aliases_or_tags(text)
        if kind:
            raise DraftRefused(
                f"{self.path}: uses a YAML {kind}; the wizard does not rewrite such a draft (it would expand "
                "or drop it): write the values out in full, then run the wizard again (the file is unchanged)"
            )
        self.indent, self.offset = guess_indent(text)
        self.tree = _yaml(self.indent, self.offset).load(text)
        if not isinstance(self.tree, CommentedMap):
            raise DraftRefused(f"{self.path}: the draft is not a mapping; nothing was written")

    # -- editing ---------------------------------------------------------------------------------
    def set(self, pointer: str, value: Any) -> None:
        """Put `value` at `pointer`, creating the mappings and lists on the way; None removes it."""
        tokens = jp.tokens(pointer)
        if value is None:
            self._remove(tokens)
            return
        node = self.tree
        path: list[str | int] = []
        for i, token in enumerate(tokens):
            key: Any = int(token) if isinstance(node, list) else token
            last = i == len(tokens) - 1
            if last:
                if isinstance(node, list) and key == len(node):
                    node.append(_plain(value))
                elif isinstance(node, dict) or (isinstance(node, list) and key < len(node)):
                    old = node[key] if isinstance(node, list) else node.get(key)
                    if old != value or (type(old) is not type(value) and not isinstance(old, str)):
                        _put(node, key, _same_style(old, _plain(value)))
                else:
                    raise ValueError(f"{pointer}: no such place in the draft")
                return
            path.append(key)
            child = node[key] if isinstance(node, list) and key < len(node) else (
                node.get(key) if isinstance(node, dict) else None)
            if not isinstance(child, (dict, list)):
                child = _blank(sch.at([int(t) if t.isdigit() else t for t in tokens[: i + 1]]))
                if isinstance(node, list):
                    if key != len(node):
                        raise ValueError(f"{pointer}: no such place in the draft")
                    if not len(node) and hasattr(node, "fa"):
                        node.fa.set_block_style()  # `apps: []` gaining its first item
                    node.append(child)
                else:
                    node[key] = child
            node = child

    def _remove(self, tokens: list[str]) -> None:
        node = self.tree
        for token in tokens[:-1]:
            node = node[int(token)] if isinstance(node, list) else node.get(token) if isinstance(node, dict) else None
            if node is None:
                return
        last = tokens[-1]
        if isinstance(node, dict):
            node.pop(last, None)
        elif isinstance(node, list) and last.isdigit() and int(last) < len(node):
            del node[int(last)]

    def text(self) -> str:
        out = io.StringIO()
        _yaml(self.indent, self.offset).dump(self.tree, out)
        return out.getvalue()

    # -- writing ---------------------------------------------------------------------------------
    def save(self) -> None:
        """Write the draft: the user's file into `.bak` first (once per run), then the new text."""
        mode = 0o644
        if self.path.exists():
            mode = self.path.stat().st_mode & 0o777  # keep the draft's own permissions
        if not self.backed_up and self.original is not None:
            atomic_write(self.backup, self.original, mode=0o600)
        self.backed_up = True
        atomic_write(self.path, self.text(), mode=mode)
