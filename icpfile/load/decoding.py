"""Bytes to text, or a located issue saying why not.

Drafts are UTF-8 (a BOM is fine). UTF-16/32 with a BOM are read, since some Windows editors
save that way. GB18030/GBK is the usual encoding of a Chinese draft saved by an old editor: it
is named, with the command that converts it, rather than reported as "invalid byte".
"""

from __future__ import annotations

import codecs

from icpfile.findings import Issue

MAX_BYTES = 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _text_position(before: str) -> tuple[int, int]:
    """The 1-based line and column of the character after `before` (the decoded text before it,
    its BOM dropped): breaker P03, a bad byte in a file with a BOM was always at 1:1."""
    before = before.lstrip("\ufeff")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def decode(data: bytes, path: str) -> tuple[str | None, Issue | None]:
    """Decode a draft's bytes; on failure return the issue that explains it."""
    if len(data) > MAX_BYTES:
        return None, Issue.of("ICP005", line=1, column=1, params={"size": len(data), "limit": MAX_BYTES})
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                # utf-8-sig counts from after its BOM; utf-16/32 from the file's first byte
                offset = exc.start + (len(bom) if codec == "utf-8-sig" else 0)
                line, column = _text_position(data[:offset].decode(codec, errors="replace"))
                return None, Issue.of("ICP003", line=line, column=column, params={"offset": offset})
            return text.lstrip("\ufeff"), None
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = byte_position(data, nul)
        return None, Issue.of("ICP004", line=line, column=column, params={"offset": nul})
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line, column = byte_position(data, exc.start)
        if _looks_like_gb18030(data):
            return None, Issue.of("ICP002", line=line, column=column, params={"path": path})
        return None, Issue.of("ICP003", line=line, column=column, params={"offset": exc.start})


def _looks_like_gb18030(data: bytes) -> bool:
    """True when the bytes decode as GB18030 into mostly CJK text (not random binary)."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    high = [c for c in text if ord(c) > 0x7F]
    cjk = sum(1 for c in high if "\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    return bool(high) and cjk / len(high) > 0.8
