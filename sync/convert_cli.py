# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""`python -m sync convert`: convert files (or stdin) between Markdown and wikitext.

Parses arguments, reads and writes files, prints in French; the conversion
itself is sync.convert. Every file is tried before failing, so one run lists
all the problems.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commons.os_french import path_refused, said
from sync.errors import ConfigError, ConversionError

EXIT_OK, EXIT_CONVERSION, EXIT_USAGE = 0, 1, 2


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "convert",
        help="convertit des fichiers entre Markdown et wikitexte",
        description=(
            "Convertit des pages entre Markdown (le site) et wikitexte (Movilab), sans réseau. "
            "Sans FICHIER, lit l'entrée standard et écrit sur la sortie standard. Lancée depuis la "
            "racine du dépôt, la commande connaît le site et traduit les liens entre pages."
        ),
    )
    parser.add_argument("--to", required=True, choices=("wikitext", "markdown"), help="format de sortie")
    parser.add_argument("files", nargs="*", metavar="FICHIER", help="fichiers à convertir")
    parser.add_argument(
        "--out-dir", metavar="DOSSIER", type=Path, help="écrit un fichier par entrée dans ce dossier (.wiki ou .md)"
    )
    parser.add_argument(
        "--title", metavar="TITRE", help="titre de la page wiki (vers Markdown ; par défaut le nom du fichier)"
    )
    parser.set_defaults(func=run)


def _site(root: Path):  # type: ignore[no-untyped-def]
    from sync.sitemap import SiteMap

    if (root / "mkdocs.yml").is_file():
        site = SiteMap.from_repo(root)
        for problem in site.problems:
            print(f"attention : {problem}", file=sys.stderr)
        return site, root / "docs"
    print(
        "attention : pas de mkdocs.yml ici ; les liens entre pages ne seront pas traduits "
        "(lancez la commande depuis la racine du dépôt).",
        file=sys.stderr,
    )
    return SiteMap(), None


def _docs_path(file: Path, docs: Path | None) -> str:
    if docs is not None:
        try:
            return file.resolve().relative_to(docs.resolve()).as_posix()
        except ValueError:
            pass
    return file.name


def _written_at(file: Path, docs: Path | None) -> str | None:
    """Where a written Markdown file stands inside docs/, so that its relative links start from its
    own folder (None outside docs/: links are written as from docs/)."""
    if docs is None:
        return None
    try:
        return file.resolve().relative_to(docs.resolve()).as_posix()
    except ValueError:
        return None


def _stdin_bytes() -> bytes:
    """Standard input as bytes, decoded by the caller (Python would replace or choke on non-UTF-8 input)."""
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")


def _not_a_file(file: Path) -> str | None:
    """Why a FICHIER given on the command line cannot be converted, or None when it is a file."""
    if file.is_file():
        return None
    if file.is_dir():
        return f"« {file} » est un dossier : donnez les fichiers à convertir (par exemple {file}/*.md)."
    return f"fichier introuvable : {file}"


def run(args: argparse.Namespace) -> int:
    from sync.convert import markdown_to_wikitext, wikitext_to_markdown

    files: list[Path] = [Path(f) for f in args.files]
    refused = [message for message in map(_not_a_file, files) if message]
    if refused:
        for message in refused:
            print(f"erreur : {message}", file=sys.stderr)
        return EXIT_USAGE
    if args.out_dir is not None and not files:
        print(
            "erreur : --out-dir demande au moins un FICHIER (sinon la sortie va sur la sortie standard).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.out_dir is not None and args.out_dir.exists() and not args.out_dir.is_dir():
        print(f"erreur : {args.out_dir} existe et n'est pas un dossier.", file=sys.stderr)
        return EXIT_USAGE
    try:
        site, docs = _site(Path.cwd())
    except ConfigError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return EXIT_USAGE

    def convert(text: str, name: str, file: Path | None) -> str:
        if args.to == "wikitext":
            path = _docs_path(file, docs) if file is not None else "stdin.md"
            return markdown_to_wikitext(text, path=path, site=site)
        title = args.title or (file.stem.replace("_", " ") if file is not None else "Sans titre")
        where = _written_at(args.out_dir / f"{file.stem}.md", docs) if args.out_dir and file else None
        return wikitext_to_markdown(text, title=title, site=site, path=where)

    outside = args.out_dir is not None and docs is not None and _written_at(args.out_dir / "x.md", docs) is None
    if args.to == "markdown" and outside:
        print(
            f"attention : {args.out_dir} est hors de docs/ ; les liens entre pages y sont écrits "
            "comme depuis docs/ (écrivez dans un dossier de docs/ pour des liens justes).",
            file=sys.stderr,
        )
    suffix = ".wiki" if args.to == "wikitext" else ".md"
    errors: list[str] = []
    outputs: list[tuple[Path | None, str]] = []
    inputs: list[Path | None] = list(files) or [None]
    for file in inputs:
        name = str(file) if file is not None else "<entrée standard>"
        try:
            data = file.read_bytes() if file is not None else _stdin_bytes()
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            errors.append(
                f"{name}:{line} : le texte n'est pas en UTF-8 (octet 0x{data[exc.start]:02X}). Enregistrez-le en "
                "UTF-8 (« Enregistrer sous… », codage UTF-8) puis relancez."
            )
            continue
        except OSError as exc:  # no right to read it, a disk error: in French, with what to do
            what, todo = said(exc)
            errors.append(f"{name} : fichier illisible ({what}) : {todo}.")
            continue
        try:
            outputs.append((file, convert(text, name, file)))
        except ConversionError as exc:
            exc.path = name
            errors.append(str(exc))
    if errors:
        for message in errors:
            print(f"erreur : {message}", file=sys.stderr)
        print(f"{len(errors)} fichier(s) non converti(s) ; rien n'a été écrit.", file=sys.stderr)
        return EXIT_CONVERSION
    for file, result in outputs:
        if args.out_dir is None or file is None:
            sys.stdout.write(result if result.endswith("\n") else result + "\n")
            continue
        target = args.out_dir / (file.stem + suffix)
        try:
            args.out_dir.mkdir(parents=True, exist_ok=True)
            target.write_text(result if result.endswith("\n") or suffix == ".wiki" else result + "\n", encoding="utf-8")
        except OSError as exc:  # --out-dir that cannot be made or written to: French, never a traceback
            print(f"erreur : impossible d'écrire dans {path_refused(exc.filename or target, exc)}", file=sys.stderr)
            return EXIT_USAGE
        print(f"écrit : {target}", file=sys.stderr)
    return EXIT_OK
