"""JSON Pointers (RFC 6901): how every finding names the value it is about."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

# A draft nests at most 64 deep (load/yamltree.py MAX_DEPTH); a path or pointer typed by a user (a
# sheet's `field.sub: value` line) with more parts is refused by whoever reads it: 5,000 parts made
# a nested mapping that every recursive walker after it (render, deepcopy, json) overflowed on.
MAX_PARTS = 64


def nesting(value: object, limit: int = MAX_PARTS) -> int:
    """How deep `value`'s mappings and lists nest (a scalar is 0), counted without recursion and
    stopping past `limit` (then `limit + 1`): linear in the values visited."""
    deepest = 0
    todo: list[tuple[object, int]] = [(value, 0)]
    while todo:
        node, depth = todo.pop()
        if isinstance(node, dict | list):
            depth += 1
            if depth > limit:
                return limit + 1
            deepest = max(deepest, depth)
            todo.extend((child, depth) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def escape(token: str | int) -> str:
    text = str(token)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def join(base: str, *tokens: str | int) -> str:
    if len(tokens) == 1:  # the loader's hot path: one step at a time
        return f"{base}/{escape(tokens[0])}"
    return base + "".join(["/" + escape(t) for t in tokens])


def from_path(path: Iterable[str | int]) -> str:
    return "".join(["/" + escape(t) for t in path])  # join("", *path), without the generator (#24: per finding)


def parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


def tokens(pointer: str) -> list[str]:
    return [raw.replace("~1", "/").replace("~0", "~") for raw in pointer[1:].split("/")] if pointer else []


def assign(data: dict, pointer: str, value: object) -> None:
    """Set the value at `pointer`, creating mappings and list items on the way."""
    parts = tokens(pointer)
    node: object = data
    for here, after in pairwise(parts):
        fresh: object = [] if after.isdigit() else {}
        if isinstance(node, list):
            index = int(here)
            while len(node) <= index:
                node.append(fresh if len(node) == index else {})
            if not isinstance(node[index], (dict, list)):
                node[index] = fresh
            node = node[index]
        else:
            if not isinstance(node.get(here), (dict, list)):  # type: ignore[union-attr]
                node[here] = fresh  # type: ignore[index]
            node = node[here]  # type: ignore[index]
    last = parts[-1]
    if isinstance(node, list):
        index = int(last)
        while len(node) <= index:
            node.append(None)
        node[index] = value
    else:
        node[last] = value  # type: ignore[index]


def remove(data: dict, pointer: str) -> None:
    parent_value = resolve(data, parent(pointer))
    last = tokens(pointer)[-1]
    if isinstance(parent_value, dict):
        parent_value.pop(last, None)


def resolve(data: object, pointer: str) -> object:
    """The value at `pointer`, or None when any step is missing."""
    node = data
    if not pointer:
        return node
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node
