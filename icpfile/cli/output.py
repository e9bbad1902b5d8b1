"""The one way out to stdout: every command writes through `write` (or `echo`, `emit`).

A console's encoding may lack Chinese (cp1252 on a Western Windows, `PYTHONIOENCODING=cp1252`):
an unencodable character becomes `\\uXXXX` in text, a character reference (`&#x82cf;`) in an html
or markdown snippet (so the page shows the character), and a machine format (JSON, SARIF, JUnit,
GitLab: `UTF8 = True` in its reporter) is UTF-8 whatever the console says. A closed or broken
stdout is a one-line usage error (exit 2), never a traceback. stderr needs none of this: Python
writes it with `backslashreplace`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from icpfile.cli.common import fail


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """A character the output's encoding lacks becomes `\\uXXXX` (a surrogate pair beyond the BMP)."""
    assert isinstance(error, UnicodeEncodeError)
    shown = []
    for char in error.object[error.start : error.end]:
        point = ord(char)
        if point > 0xFFFF:
            point -= 0x10000
            shown.append(f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}")
        else:
            shown.append(f"\\u{point:04x}")
    return "".join(shown), error.end


def write(text: str, *, utf8: bool = False, markup: bool = False) -> None:
    """Write `text` to stdout as it is, whatever the console (see the module docstring).

    `utf8`: a machine format, always UTF-8. `markup`: html/markdown, escaped as character references.
    Raises typer.Exit(2) after one line on stderr when stdout is closed or broken."""
    import codecs

    stream = sys.stdout
    if stream is None:
        raise fail("stdout_closed")
    encoding = "utf-8" if utf8 else (getattr(stream, "encoding", None) or "utf-8")
    codecs.register_error("icpfile-escape", _escape_unencodable)
    data = text.encode(encoding, errors="xmlcharrefreplace" if markup else "icpfile-escape")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(data.decode(encoding))
        else:
            stream.flush()
            buffer.write(data)
        stream.flush()
    except (BrokenPipeError, ValueError, OSError):
        import contextlib

        with contextlib.suppress(OSError, ValueError):  # keep the interpreter's final flush quiet
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise fail("stdout_closed") from None


def echo(text: str = "") -> None:
    """One line for a person on stdout (the wizard's and `init`'s words), through `write`."""
    write(f"{text}\n")


def colour_wanted() -> bool:
    """Colour on a terminal only; NO_COLOR wins over everything, FORCE_COLOR forces it on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def emit(reports: list, fmt: str, output: Path | None, lang: str, strict: bool = False,
         max_findings: int | None = None) -> None:
    """Render `reports` with the `fmt` reporter to stdout or `-o FILE` (written atomically; a
    symlink there is replaced, never followed); colour only for text on a terminal."""
    from icpfile.report import ReportOptions, is_utf8, reporter

    color = fmt == "text" and output is None and colour_wanted()
    shown = ReportOptions(lang=lang, strict=strict, color=color)
    if max_findings is not None:  # `check --max-findings`: the portfolio reports' cap per draft
        shown = ReportOptions(lang=lang, strict=strict, color=color, max_findings=max_findings)
    text = reporter(fmt)(reports, shown)
    if isinstance(text, bytes) and output is None:  # an XLSX is a file, not text for a terminal
        raise fail("format_writes_file", fmt=fmt)
    if output is None:
        write(text, utf8=is_utf8(fmt))
        return
    from icpfile.load.files import escapes, write_atomic

    link = escapes(output.parent)
    if link is not None:  # `reports -> ../outside` committed by a pull request (issue 24.2, B02)
        raise fail("symlink_out", output=output, link=link)
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise fail("cannot_write", output=output, reason=exc.strerror or exc) from None
