"""The command tree, built for the command that runs, and `main`: never a traceback.

`COMMANDS` is the one list of commands, in `--help` order: name → module. A module gives either
`command` (a typer command function; its docstring is the help line, `EPILOG` optional) or `group`
(a `typer.Typer` of subcommands, as `footer`). Adding a command is one module in `icpfile/cli/`
and one line here. `main` imports and builds only the command named on the command line (typer
inspects every signature it is given, and each module imports what its command needs); `--help`,
no command, or an unknown one builds them all, so the top-level help lists every command.
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Optional

import typer

from icpfile import __version__
from icpfile.cli.choices import Lang
from icpfile.cli.language import LANG_HELP, run_lang, set_cli_lang, without_lang
from icpfile.cli.output import error_line
from icpfile.exit_codes import ExitCode

COMMANDS: dict[str, str] = {
    "check": "icpfile.cli.check",
    "schema": "icpfile.cli.schema",
    "rules": "icpfile.cli.rules",
    "name": "icpfile.cli.name",
    "wizard": "icpfile.cli.wizard",
    "status": "icpfile.cli.status",
    "init": "icpfile.cli.init",
    "footer": "icpfile.cli.footer",
    "import": "icpfile.cli.import_sheet",
    "export": "icpfile.cli.export",
    "submit": "icpfile.cli.submit",
    "platform": "icpfile.cli.platform",
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"icpfile {__version__}")
        raise typer.Exit(ExitCode.OK)


def _root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
) -> None:
    """icpfile: every problem of an ICP filing draft, before the 管局 finds it."""
    if lang is not None:  # `icpfile --lang zh CMD …`: the command's own --lang, where given, wins
        set_cli_lang(lang.value)


def build(names: list[str] | None = None) -> typer.Typer:
    """The typer app with the commands `names` (every command when None), in COMMANDS order."""
    app = typer.Typer(
        help="Lint Chinese ICP filing (ICP备案) drafts before they are submitted.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=True,
    )
    app.callback()(_root)
    for name in COMMANDS if names is None else [n for n in COMMANDS if n in names]:
        module = importlib.import_module(COMMANDS[name])
        group = getattr(module, "group", None)
        if group is not None:
            app.add_typer(group, name=name)
        else:
            app.command(name, epilog=getattr(module, "EPILOG", None))(module.command)
    return app


def _wanted(argv: list[str]) -> list[str] | None:
    """The commands to build for `argv`: the one its first word names; none for `--version`
    alone; every command otherwise (help, no command, an unknown one)."""
    first = next((arg for arg in without_lang(argv) if not arg.startswith("-")), None)
    if first in COMMANDS:
        return [first]
    if first is None and "--version" in argv and not {"--help", "-h"} & set(argv):
        return []
    return None


# click's exceptions, wherever this typer takes click from (typer 0.28 vendors it as typer._click):
# the module of typer.BadParameter's ClickException base.
_clicks = sys.modules[next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException").__module__]
_NoArgsIsHelp = getattr(_clicks, "NoArgsIsHelpError", ())


def _one_line(exc: Exception) -> str:
    """A usage error as one line: `icpfile rules: Invalid value for '--lang': 'fr' is not one of …`
    (`icpfile rules：'--lang' 的值无效：…` when the run's language is zh)."""
    ctx = getattr(exc, "ctx", None)
    # `icpfile check`, however it was started (`python -m icpfile` names the root differently)
    where = "icpfile" + (ctx.command_path[len(ctx.find_root().command_path):] if ctx is not None else "")
    message = " ".join(exc.format_message().split())
    if run_lang() == "zh":
        from icpfile.data.words import click_zh

        message = click_zh(message)
    return f"{where}: {message}"  # escaped and masked by error_line


def _helps(argv: list[str]) -> bool:
    """Whether this command line shows help (`--help`, or nothing to run), which is when the help
    texts must be in the run's language."""
    argv = without_lang(argv)
    return not argv or "--help" in argv or all(arg in COMMANDS or arg.startswith("-") for arg in argv)


def _command(argv: list[str]):
    """The click command tree for `argv`, its help texts in Chinese when help is shown in zh."""
    command = typer.main.get_command(build(_wanted(argv)))
    if _helps(argv) and run_lang(argv) == "zh":
        from icpfile.cli import help_zh

        help_zh.translate(command)
        for name, sub in (getattr(command, "commands", None) or {}).items():
            made = getattr(sys.modules.get(COMMANDS.get(name, "")), "epilog", None)
            if callable(made):  # an epilog made from data (`rules`: the code scheme) in the run's language
                sub.epilog = made("zh")
    return command


def main() -> None:
    """Console-script entry: never a traceback; a usage error or a crash is one line and exit code 2."""
    from icpfile.data.words import say

    argv = sys.argv[1:]
    if argv and not without_lang(argv):  # `icpfile --lang zh` alone: the help, as bare `icpfile`
        argv = [*argv, "--help"]
    try:
        code = _command(argv)(argv, standalone_mode=False)
    except _NoArgsIsHelp as exc:  # bare `icpfile footer`: the help, as click shows it
        exc.show()
        sys.exit(ExitCode.USAGE)
    except _clicks.ClickException as exc:
        error_line(_one_line(exc))
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        error_line(f"icpfile: {say('interrupted', run_lang())}")
        sys.exit(ExitCode.INTERRUPTED)
    except Exception as exc:
        error_line(  # masked and one line: a parser's message quotes the draft's line (D04)
            f"icpfile: {say('internal', run_lang(), kind=type(exc).__name__, text=' '.join(str(exc).split()))}")
        sys.exit(ExitCode.USAGE)
    sys.exit(code if isinstance(code, int) else ExitCode.OK)
