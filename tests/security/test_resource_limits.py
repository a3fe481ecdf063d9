# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A 24-line YAML alias bomb (and its cousins) costs the build milliseconds, not minutes and gigabytes.

Each run happens in its own process with a memory ceiling and a time limit,
so a regression fails the test instead of exhausting the machine that runs it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from commons.frontmatter import MAX_DEPTH, MAX_EVENTS, MAX_HEADER_CHARS
from tests.security.conftest import ROOT, commit_all, make_attack_site, no_traceback
from tests.site.sitebuilder import Site

MEMORY_CEILING = 1536 * 1024 * 1024  # a real build of this site stays far below
TIME_LIMIT = 120

# Each level refers nine times to the one before: 9**9 (387 million) strings once expanded.
BOMB = "".join(
    [
        "lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
        *(f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9)),
    ]
)
VARIANTS = {
    "alias-bomb": BOMB,
    "in-a-field": "thèmes:\n  - &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"  - &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9)),
    "merge-keys": "base: &b {a: 1, b: 2}\n" + "".join(f"k{i}:\n  <<: *b\n" for i in range(200)),
    "deep-nesting": "x: " + "[" * 5000 + "]" * 5000 + "\n",
    "oversized": "description: '" + "x" * (MAX_HEADER_CHARS * 4) + "'\n",
    "many-values": "x: [" + ", ".join(["1"] * (MAX_EVENTS + 1)) + "]\n",  # under the size limit
}
WORDS = {
    "alias-bomb": "renvois YAML",
    "in-a-field": "renvois YAML",
    "merge-keys": "renvois YAML",
    "deep-nesting": f"plus de {MAX_DEPTH} niveaux",
    "oversized": "caractères",
    "many-values": "valeurs",
}


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def _bounded(command: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=_limits, check=False
    )
    return done, time.monotonic() - start


@pytest.mark.parametrize("name", VARIANTS)
def test_reader_refuses_in_milliseconds_under_a_memory_ceiling(tmp_path: Path, name: str) -> None:
    page = tmp_path / "bombe.md"
    page.write_text("---\n" + VARIANTS[name] + "---\n\nTexte.\n", encoding="utf-8")
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from commons.frontmatter import FrontMatterError, read_file\n"
        "start = time.monotonic()\n"
        "try:\n"
        f"    read_file(Path({str(page)!r}), path='boite-a-outils/bombe.md')\n"
        "except FrontMatterError as exc:\n"
        "    print(exc)\n"
        "    print(f'{time.monotonic() - start:.3f}')\n"
        "    sys.exit(0)\n"
        "sys.exit(3)\n"
    )
    done, _ = _bounded([sys.executable, "-c", script], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    message, elapsed = done.stdout.strip().rsplit("\n", 1)
    assert message.startswith("boite-a-outils/bombe.md, ligne ") and WORDS[name] in message
    assert float(elapsed) < 2.0


@pytest.mark.parametrize("where", ["page", "sources.yml"])
def test_strict_build_reports_the_bomb_in_french_and_stays_bounded(tmp_path: Path, where: str) -> None:
    site = make_attack_site(tmp_path)
    if where == "page":
        site.write("boite-a-outils/bombe.md", "---\ntitle: Bombe\n" + BOMB + "---\n\nTexte.\n")
        expected = "boite-a-outils/bombe.md, ligne 3 : l'en-tête (entre les lignes « --- ») est illisible"
    else:
        (site.docs / "sources.yml").write_text(BOMB, encoding="utf-8")
        expected = "sources.yml, ligne 1 : ce fichier YAML est illisible"
    commit_all(site)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site.root / "mkdocs.yml")]
    done, elapsed = _bounded(command, site.root)
    no_traceback(done)
    assert done.returncode == 1, done.stderr[-2000:]
    assert expected in done.stderr and "renvois YAML" in done.stderr
    assert elapsed < 60


FICHE = "---\ntitle: {title}\ndescription: Une fiche.\nthèmes: [économie]\npublic: [tous]\nsources: [essai]\n---\n\n"
# Page texts that Python-Markdown cannot build: a RecursionError after a minute, or seven minutes of work.
MARKDOWN_BOMBS = {
    "listes": ("".join("    " * i + "- x\n" for i in range(600)), "ligne 50 : le texte est imbriqué sur 41 niveaux"),
    "citations": (">" * 3000 + " citation\n", "ligne 9 : le texte est imbriqué sur 3000 niveaux"),
    "crochets": ("Intro.\n\n" + "[" * 20000 + "\n", "ligne 11 : ce paragraphe compte 20000 « [ »"),
    # each escape, code span or entity copies the whole paragraph again (32,000 "\*": 3 s)
    "echappements": ("Intro.\n\n" + "\\*" * 32000 + "\n", "ligne 11 : ce paragraphe compte environ 32000 marques"),
    "codes": ("Intro.\n\n" + "`a` " * 20000 + "\n", "ligne 11 : ce paragraphe compte environ 20000 marques"),
    "entites": ("Intro.\n\n" + "&amp; " * 20000 + "\n", "ligne 11 : ce paragraphe compte environ 20000 marques"),
    # a quote in an address makes Python-Markdown read to the paragraph's end for a title
    "apostrophes": (
        "Intro.\n\n" + "[a](x'y) " * 1000 + "\n",
        "ligne 11 : ce paragraphe compte 1000 liens dont l'adresse contient une apostrophe",
    ),
    # linear but long: a second of work past 15,000 paragraphs, items, links…
    "liens": ("Intro.\n\n" + "[t](a) " * 39000 + "\n", "ligne 11 : la page compte l'équivalent de 40367 paragraphes"),
    "elements": ("Intro.\n\n" + "- a\n" * 20000, "ligne 15010 : la page compte l'équivalent de 20001 paragraphes"),
}


def _refused_by_build_and_check(site: Site) -> list[str]:
    """What the strict build and the content check (`./dev check`) print for the committed site, each
    within the time and memory limits, refusing it (exit 1) without a traceback."""
    commit_all(site)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site.root / "mkdocs.yml")]
    check = [sys.executable, "-m", "commons.check", str(site.docs)]
    outputs = []
    for done, _elapsed in (_bounded(command, site.root), _bounded(check, site.root)):
        no_traceback(done)
        assert done.returncode == 1, done.stderr[-2000:]
        outputs.append(done.stdout + done.stderr)
    return outputs


def test_markdown_that_would_crash_or_stall_the_build_is_refused_in_french(tmp_path: Path) -> None:
    site = make_attack_site(tmp_path)
    for name, (body, _) in MARKDOWN_BOMBS.items():
        site.write(f"boite-a-outils/{name}.md", FICHE.format(title=name) + body)
    site.write("boite-a-outils/escaped.md", FICHE.format(title="Crochets échappés") + "\\[" * 2000 + "\n")
    for output in _refused_by_build_and_check(site):
        for name, (_, expected) in MARKDOWN_BOMBS.items():
            assert f"boite-a-outils/{name}.md, {expected}" in output, output[-3000:]
        assert "escaped.md, ligne" not in output  # an escaped bracket costs nothing


def test_markdown_limits_shortcut_refuses_what_the_line_by_line_rule_refuses() -> None:
    """refusals skips the line-by-line reading for a page far from the limits: on texts at and
    around both limits (prefixes of spaces, tabs and ">", fences, escaped and fenced brackets,
    every way Python splits lines), it answers exactly as the rule read line by line."""
    import random

    from commons import markdown_limits

    rng = random.Random(14)
    pieces = [
        " ",
        "\t",
        ">",
        "    ",
        "- ",
        "[",
        "\\[",
        "x",
        "\n",
        "\n\n",
        "```\n",
        "~~~\n",
        "\r",
        "\x0c",
        "\u2028",
        "[a](b) ",
        "[a](b'c) ",
        '[a](b "c") ',
        "\\*",
        "`a` ",
        "&amp;",
        "|",
        "  \n",
        "[a](\n",
        "'",
        ")",
    ]
    texts = (
        ["".join("    " * i + "- x\n" for i in range(depth)) for depth in (40, 41, 42)]
        + [">" * n + " x\n" for n in (40, 41)]
        + ["\t" * n + "x\n" for n in (40, 41, 42)]
    )
    texts += ["[" * n + "\n" for n in (1414, 1415, 1500)] + ["[" * 1000 + "\n\n" + "[" * 1000 + "\n"]
    texts += ["```\n" + " " * 200 + "x\n```\n", "\\[" * 2000 + "\n"]
    # lone "[" and closed links in one paragraph: the shortcut must not pass what their product refuses
    texts += ["[ " * lone + "[a](b) " * links + "\n" for lone, links in ((185, 185), (200, 200), (40, 990), (41, 990))]
    # escapes, code spans and entities (each copies the text), quotes in addresses, many parts
    texts += ["\\*" * n + "\n" for n in (15000, 16000, 17000)] + ["`a` " * n + "\n" for n in (14000, 15000)]
    texts += (
        ["[a](x'y) " * n + "\n" for n in (700, 800, 900)]
        + ["[a](\nx'y) " * n for n in (700, 900)]
        + ["- a\n" * n for n in (14999, 15000, 15001)]
    )
    texts += ["a\n\n" * 7400 + "[t](a) " * n + "\n" for n in (200, 250)]
    texts += [("mot " * 200 + "\n\n") * n for n in (2900, 3100)]  # megabytes of plain text
    for _ in range(1000):
        texts.append("".join(rng.choice(pieces) * rng.choice((1, 1, 1, 5, 45, 300)) for _ in range(rng.randint(1, 20))))
    refused = 0
    for text in texts:
        expected = markdown_limits._line_by_line(text)
        assert markdown_limits.refused(text) == expected, repr(text[:200])
        assert markdown_limits.refusals(text) == [(found.line, found.message) for found in expected]
        refused += bool(expected)
    assert 100 < refused < len(texts) - 100  # both answers are tried often


# Tags that no ">" ends, 18 to a paragraph (under the limits of each text): Python-Markdown reads each
# one to the end of the page. Before they were counted: 18 s, 35 s and 18 s of build.
UNENDED_TAGS = {
    "img": "<img " * 18,
    "guillemets": "<a x='>' " * 18,  # a ">" in quotes ends nothing
    "echappees": "\\<img " * 18,  # nor does the escape of Markdown
}


def test_html_tags_that_nothing_ends_are_refused_in_french_before_they_stall_the_build(tmp_path: Path) -> None:
    site = make_attack_site(tmp_path)
    for name, paragraph in UNENDED_TAGS.items():
        site.write(f"boite-a-outils/{name}.md", FICHE.format(title=name) + "Intro.\n\n" + (paragraph + "\n\n") * 700)
    # the same number of tags, each ended, and a few lone "<b" in a long page: built
    site.write(
        "boite-a-outils/fermees.md",
        FICHE.format(title="Fermées") + ("<b>gras</b> " * 9 + "\n\n") * 700 + "Un <b seul, un <i aussi.\n" * 20,
    )
    for output in _refused_by_build_and_check(site):
        for name in UNENDED_TAGS:
            expected = f"boite-a-outils/{name}.md, ligne 11 : à partir de cette ligne, des balises HTML « <… » ne sont"
            assert expected in output, output[-3000:]
        assert "Fermez chaque balise par « > », ou écrivez &lt; pour un chevron seul" in output
        assert "fermees.md, ligne" not in output, output[-3000:]


def test_naming_the_line_of_a_refused_image_stays_linear_among_unended_tags(tmp_path: Path) -> None:
    """The build names the line where a refused image is shown by looking for `<img … src=` before its
    address, in each spelling a page may use (here `//…`, after `http://…`): each `<img` was read up to the
    next `>`, so 40,000 of them that nothing ends took minutes for one image (the limit above keeps such
    pages out of a build; this reading must not depend on it)."""
    script = (
        "from commons.external import found_at\n"
        "body = 'Texte.\\n' + '<img ' * 40000 + '\\n<img alt=\"Photo\" src=\"//127.0.0.1/p.png\">\\n'\n"
        "print(found_at('http://127.0.0.1/p.png', {'boite-a-outils/p.md': (body, 9)}))\n"
    )
    done, _ = _bounded([sys.executable, "-c", script], tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[('boite-a-outils/p.md', 11)]"
