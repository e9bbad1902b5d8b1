"""`icpfile rules [CODE]`: the catalog, one rule explained, or what applies in a province."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from icpfile.cli.choices import Lang, ListFormat
from icpfile.cli.common import LANG_HELP, fail, settings
from icpfile.cli.output import write


def epilog(lang: str) -> str:
    """The code scheme under `rules --help`, in `lang` (registry.py asks for zh's when it shows zh)."""
    from icpfile.data.code_scheme import table

    head = "Codes by prefix (--select ICP5 selects the services' rules):"
    if lang == "zh":
        from icpfile.data.words import help_zh

        head = str(help_zh(head))
    return f"{head}\n\n{table(lang)}"


EPILOG = epilog("en")


def command(
    code: Annotated[
        Optional[str], typer.Argument(help="A rule code to explain, e.g. ICP201, or a prefix to list, e.g. ICP2.")
    ] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="text or json.")] = ListFormat.text,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help=LANG_HELP)] = None,
    province: Annotated[
        Optional[str], typer.Option("--province", help="List what applies in this province (浙江省 or 浙江).")
    ] = None,
    provider: Annotated[
        Optional[str], typer.Option("--provider", help="List what applies under this provider (aliyun, tencent …).")
    ] = None,
) -> None:
    """List every rule, or explain one: what, why, where it comes from, examples, how to fix."""
    from icpfile.commands import explain
    from icpfile.data.catalog import rules

    language = settings(lang=lang).lang
    fmt = output_format.value
    if (province or provider) and code is None:
        from icpfile.data.packs import builtin

        packs = builtin()
        full = next((n for n, p in packs.provinces.items() if province in (n, p.get("short"))), None)
        if province and full is None:
            from icpfile.values.echo import shown

            raise fail("province_unknown", province=shown(province))  # masked, escaped, cut (breaker42)
        if provider and provider not in packs.providers:
            raise fail("provider_unknown", provider=provider, known=", ".join(packs.providers))
        write(explain.render_where(full or "", provider or "", fmt, language), utf8=fmt == "json")
        return
    if code is not None and code.upper() not in rules():
        listed = explain.under(code)  # a prefix, as --select takes it: `icpfile rules ICP2` (#22 P26)
        if not listed:
            raise fail("rule_unknown", code=code)
        write(explain.render_list(listed, fmt, language), utf8=fmt == "json")
        return
    write(explain.render(code, fmt, language), utf8=fmt == "json")
