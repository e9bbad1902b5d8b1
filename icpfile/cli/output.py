"""The one way out: every command writes stdout through `write` (or `echo`, `emit`) and stderr
through `usage_error` / `error_line`.

What goes to stdout has its workflow commands defused (`values.echo.guard_commands`: a CI log
must not read `##[…]` or a leading `::` in a user value as a command), in the syntax of the
format written (JSON's `\\u0023`, XML's `&#35;`, text's `\\x23`); only `--format github` writes
commands, its values escaped by its reporter. A line for a person (`echo`, `usage_error`,
`error_line`) is also masked by shape and has every control escaped (`values.echo.shown_line`):
usage errors, did-you-mean, `status`, the wizard's summary quote paths and values.

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
from typing import TYPE_CHECKING

from icpfile.exit_codes import ExitCode

if TYPE_CHECKING:
    import typer


def error_line(message: str) -> None:
    """One line on stderr: masked, escaped, commands defused (`values.echo.shown_line`)."""
    import typer  # here, not at import: `icpfile name` runs without typer (cli/fast.py)

    from icpfile.values.echo import shown_line

    typer.echo(shown_line(message), err=True)


def usage_error(message: str, lines: list[str] | None = None) -> typer.Exit:
    """Print `icpfile: message` on stderr, then each of `lines`, and return the exit to raise.

    Controls and line breaks in them are escaped and ID-like and mobile-like runs masked (they
    may quote a path or a value: `李四-330106198807202348.yaml`), so a message is exactly one
    line each, cannot forge others and leaks no number."""
    error_line(f"icpfile: {message}")
    for line in lines or []:
        error_line(line)
    import typer

    return typer.Exit(ExitCode.USAGE)


def fail(key: str, lines: list[str] | None = None, **fields: object) -> typer.Exit:
    """`usage_error` for the catalog line `key` (data/words.yaml) in the run's language."""
    from icpfile.cli.language import run_lang
    from icpfile.data.words import say

    return usage_error(say(key, run_lang(), **fields), lines)


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


def write(text: str, *, utf8: bool = False, markup: bool = False, style: str | None = None) -> None:
    """Write `text` to stdout, whatever the console (see the module docstring).

    `utf8`: a machine format, always UTF-8. `markup`: html/markdown, escaped as character references.
    `style`: the syntax workflow commands are defused in ("text", "json", "xml"; "" for none, the
    github format's own commands); by default "xml" for markup, "json" for utf8, else "text".
    Raises typer.Exit(2) after one line on stderr when stdout is closed or broken."""
    import codecs

    from icpfile.values.echo import guard_commands

    style = ("xml" if markup else "json" if utf8 else "text") if style is None else style
    if style:
        text = guard_commands(text, style)

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
    """Lines for a person on stdout (the wizard's and `init`'s words, `status`), through `write`:
    each line masked by shape, its controls escaped (`values.echo.shown_line`)."""
    from icpfile.values.echo import shown_line

    write("".join(shown_line(line) + "\n" for line in text.split("\n")))


def colour_wanted() -> bool:
    """Colour on a terminal only; NO_COLOR wins over everything, FORCE_COLOR forces it on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


# The syntax each format's stdout defuses workflow commands in (others: by `write`'s default).
_STYLES = {"github": "", "junit": "xml", "html": "xml"}


def emit(reports: list, fmt: str, output: Path | None, lang: str, strict: bool = False,
         max_findings: int | None = None, root: str | None = None, items: str = "drafts") -> None:
    """Render `reports` with the `fmt` reporter to stdout or `-o FILE` (written atomically; a
    symlink there is replaced, never followed; its folder judged against `root`, default the
    working folder, `check --root`); colour only for text on a terminal."""
    from icpfile.report import ReportOptions, is_utf8, reporter

    color = fmt == "text" and output is None and colour_wanted()
    shown = ReportOptions(lang=lang, strict=strict, color=color, items=items)
    if max_findings is not None:  # `check --max-findings`: the portfolio reports' cap per draft
        shown = ReportOptions(lang=lang, strict=strict, color=color, max_findings=max_findings,
                              items=items)
    text = reporter(fmt)(reports, shown)
    if isinstance(text, bytes) and output is None:  # an XLSX is a file, not text for a terminal
        raise fail("format_writes_file", fmt=fmt)
    if output is None:
        write(text, utf8=is_utf8(fmt), style=_STYLES.get(fmt))
        return
    from icpfile.load.files import escapes, write_atomic

    link = escapes(output.parent, root)
    if link is not None:  # `reports -> ../outside` committed by a pull request (issue 24.2, B02)
        if root:
            raise fail("symlink_out_of", output=output, link=link, folder=f"--root {root}")
        raise fail("symlink_out", output=output, link=link)
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise fail("cannot_write", output=output, reason=exc.strerror or exc) from None
