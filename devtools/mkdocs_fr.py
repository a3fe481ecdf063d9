# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""`mkdocs`, in French from its first line: what ./dev site, ./dev build and ./dev test (so CI) run.

Usage: python -m devtools.mkdocs_fr build --strict [--site-dir DOSSIER]   (mkdocs' own arguments)

Why not the hook alone (hooks/french.py): MkDocs loads hooks while it reads mkdocs.yml, so a
mistake in mkdocs.yml (YAML that does not parse, a setting of the wrong type) was reported in
English, and an exception no one catches (a page that crashes Python-Markdown) ended in a Python
traceback. Here MkDocs' console handler is made, with the French filter on it, before MkDocs' own
command line runs; its "Error: …" and "Aborted…" lines, its `--help` and any exception that escapes
it are said in French (commons/mkdocs_french.py holds the wording). The exit code stays MkDocs' own: 0, 1 for
a failed build or a wrong configuration, 2 for a wrong command line.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import click
from mkdocs import exceptions
from mkdocs.__main__ import State, cli

from commons.frontmatter import _yaml_hint as yaml_hint
from commons.mkdocs_french import (
    INTERRUPTED,
    config_file_error,
    french,
    help_option,
    help_text,
    stopped,
    translate_console,
)


class _FrenchHelp(click.HelpFormatter):
    """click's `--help`, its words and MkDocs' in French (commons/mkdocs_french.py: HELP)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, help_text(args), f"{help_text('Usage:')} ")

    def write_heading(self, heading: str) -> None:  # "Options :", with the space French puts before ":"
        self.write(f"{'':>{self.current_indent}}{help_text(heading)} :\n")

    def write_text(self, text: str) -> None:
        super().write_text(help_text(text))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(help_option(term), help_text(text)) for term, text in rows], col_max, col_spacing)


class _FrenchContext(click.Context):
    formatter_class = _FrenchHelp


def main(argv: list[str] | None = None) -> int:
    for command in (cli, *cli.commands.values()):
        command.context_class = _FrenchContext
    state = State()  # MkDocs' console handler; its commands find it in click's context and use it
    translate_console(state.stream)
    try:
        code = cli.main(args=argv, prog_name="mkdocs", obj=state, standalone_mode=False)
    except exceptions.Abort as abort:  # "Aborted with…": MkDocs prints it on the standard output
        click.echo("\n" + french(abort.format_message()))
        return abort.exit_code
    except exceptions.ConfigurationError as error:
        click.echo(config_file_error(error.format_message(), error.__context__, yaml_hint), err=True)
        return error.exit_code
    except click.ClickException as error:  # a wrong option: click's own words follow the French
        click.echo(f"Erreur : {french(error.format_message())}", err=True)
        return error.exit_code
    except click.exceptions.Abort:  # Ctrl-C before MkDocs' preview handles it itself
        click.echo(INTERRUPTED, err=True)
        return 1
    except Exception as error:  # an exception MkDocs lets escape: a French line, no traceback
        click.echo(stopped(error), err=True)
        return 1
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
