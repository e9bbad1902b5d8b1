"""JSON Pointers (RFC 6901): how every finding names the value it is about."""

from __future__ import annotations

from collections.abc import Iterable


def escape(token: str | int) -> str:
    text = str(token)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def join(base: str, *tokens: str | int) -> str:
    if len(tokens) == 1:  # the loader's hot path: one step at a time
        return f"{base}/{escape(tokens[0])}"
    return base + "".join("/" + escape(t) for t in tokens)


def from_path(path: Iterable[str | int]) -> str:
    return join("", *path)


def parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0] if pointer else ""


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
