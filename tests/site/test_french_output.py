# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""No English from MkDocs: what a member or a coordinator reads when a page breaks the build.

A real strict build (what `./dev build`, `./dev test` and CI run) of a site with a broken header,
a link to a missing page, a missing image and links MkDocs itself warns about: the output holds the
French report and MkDocs' own lines in French (with the same file names, links and counts), and no
English word. MkDocs' wording comes from its sources (mkdocs 1.6, pinned); commons/mkdocs_french.py
holds the French.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

import pytest

from commons.config import load_yaml
from commons.mkdocs_french import french
from tests.site.sitebuilder import ROOT, fiche, make_site

# Words only English has, in MkDocs' lines (paths and quoted names are taken out first).
ENGLISH = re.compile(
    r"\b(?:the|with|was|is|are|contains|found|aborted|error|errors|warning|warnings|building|cleaning|built|"
    r"seconds|directory|documentation|serving|watching|detected|reloading|browsers?|strict mode|doc file|"
    r"target|among|left|which|does|anchor|included|excluding|conflicts|configuration|skipped)\b",
    re.I,
)


def _english_lines(output: str) -> list[str]:
    found = []
    for line in output.splitlines():
        text = re.sub(r"«[^»]*»|'[^']*'|\S*/\S*", "", line)  # names, links and paths stay as written
        if ENGLISH.search(text):
            found.append(line)
    return found


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("francais"))
    site.write(
        "boite-a-outils/fiche.md",
        """
        ---
        title: Composter
        description: Le compost partagé.
        thèmes: environnement
        public: [tous]
        niveau: découverte
        sources: [essai]
        ---

        Voir [la fiche absente](absente.md) et ![le plan](plan.png).
        """,
    )
    site.write("kit-accueil/casse.md", "---\ntitle: [pas fermé\n---\n\nTexte.\n")
    site.commit("Pages d'un membre", author="Camille Martin <camille@example.org>", date="2026-01-05T10:00:00")
    return site, site.build()


def test_a_page_that_breaks_the_build_is_told_in_french_only(broken):
    _, result = broken
    output = result.stdout + result.stderr
    assert result.returncode == 1
    # the project's report, each problem with its file and line
    assert "champ « thèmes » : attendu : une liste entre crochets" in output
    assert "le lien « absente.md » mène à un fichier qui n'existe pas" in output
    assert "le lien « plan.png » mène à un fichier qui n'existe pas" in output
    assert "kit-accueil/casse.md, ligne 3 : l'en-tête (entre les lignes « --- ») est illisible" in output
    # MkDocs' own lines, in French
    assert "Construction arrêtée : voir l'erreur ci-dessus." in result.stdout
    assert "Construction du site dans le dossier" in output and "ERREUR  -  " in output
    assert _english_lines(output) == []
    assert "Aborted" not in output and "WARNING" not in output and "ERROR" not in output


def test_links_mkdocs_warns_about_fail_a_strict_build_in_french(tmp_path):
    site = make_site(tmp_path)
    site.write("autre.md", "---\ntitle: Autre\n---\n\n# Autre\n\nTexte.\n")
    site.write("page.md", "---\ntitle: Page\n---\n\nVoir [x](autre.md#nulle-part), [y](/absolu/) et [w](#rien).\n")
    site.write("README.md", "# Lisez-moi\n")
    site.commit("Pages", author="Camille Martin <camille@example.org>", date="2026-01-05T10:00:00")
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Construction arrêtée : 4 avertissements en mode strict" in result.stdout
    assert "« README.md » n'est pas publiée : elle aurait la même adresse que « index.md »." in output
    assert "La page « page.md » contient le lien « autre.md#nulle-part », mais la page « autre.md » n'a pas" in output
    assert "La page « page.md » contient le lien absolu « /absolu/ », laissé tel quel." in output
    assert "La page « page.md » contient le lien « #rien », mais cette ancre n'existe pas sur la page." in output
    assert "ATTENTION -  " in output
    assert _english_lines(output) == []


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        ("Aborted with a BuildError!", "Construction arrêtée : voir l'erreur ci-dessus."),
        ("Aborted with 1 warnings in strict mode!", "Construction arrêtée : 1 avertissement en mode strict"),
        ("Aborted with a configuration error!", "Construction arrêtée : mkdocs.yml contient une erreur"),
        ("Aborted with 2 configuration warnings in 'strict' mode!", "2 avertissements sur mkdocs.yml"),
        ("Documentation built in 2.19 seconds", "Site construit en 2.19 s"),
        (
            "[12:48:01] Serving on http://127.0.0.1:8000/communs/",
            "[12:48:01] Site visible sur http://127.0.0.1:8000/communs/ (Ctrl-C pour arrêter)",
        ),
        ("[12:48:01] Watching paths for changes: 'docs', 'mkdocs.yml'", "surveillés dans : 'docs', 'mkdocs.yml'"),
        ("Error reading page 'fiche.md':", "Erreur à la lecture de la page « fiche.md » :"),
        (
            "Doc file 'a.md' contains a link 'b.md', but the target 'x/b.md' is not found among documentation "
            "files. Did you mean 'c.md'?",
            "La page « a.md » contient le lien « b.md », mais sa cible « x/b.md » n'existe pas dans docs/. "
            "Vouliez-vous écrire « c.md » ?",
        ),
        (
            "Config value 'plugins': The \"x\" plugin is not installed",
            "mkdocs.yml, réglage « plugins » : le greffon « x » n'est pas installé",
        ),
        (
            "Config value 'theme': Sub-option 'language': Expected type: <class 'str'> but received: <class 'int'>",
            "réglage « theme » : sous-réglage « language » : attendu : un texte ; trouvé : un nombre entier.",
        ),
        (
            "Config value 'x': Some reason MkDocs 1.7 may add",
            "réglage « x » : valeur refusée par MkDocs (son message : Some reason MkDocs 1.7 may add).",
        ),
        (
            "Error reading page 'a.md': maximum recursion depth exceeded while calling a Python object",
            "Erreur à la lecture de la page « a.md » : la page est imbriquée trop profondément pour être lue",
        ),
        (
            "No such option: --stric Did you mean --strict?",
            "option inconnue « --stric » ; vouliez-vous écrire --strict ?",
        ),
        (
            'The following pages exist in the docs directory, but are not included in the "nav" '
            "configuration:\n  - a.md\n  - b.md",
            "Ces pages de docs/ ne sont pas dans la navigation (nav: de mkdocs.yml) :\n  - a.md\n  - b.md",
        ),
    ],
)
def test_each_mkdocs_line_says_the_same_in_french(english: str, expected: str) -> None:
    assert expected in french(english)


def test_a_line_mkdocs_wrote_that_is_not_known_is_shown_as_it_is() -> None:
    assert french("Something new from a plugin") == "Something new from a plugin"


# -- through ./dev: devtools/mkdocs_fr.py, French before MkDocs reads mkdocs.yml ---------------------
def _both(site, *, extra: tuple[str, ...] = ()):
    """The same strict build through the project's entry point (what ./dev runs) and plain MkDocs."""
    config = str(site.root / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    ours, plain = (
        subprocess.run(
            [sys.executable, "-m", module, "build", "--strict", "-f", config, *extra],
            cwd=site.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for module in ("devtools.mkdocs_fr", "mkdocs")
    )
    return ours, plain


def _french_only(result) -> str:
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "Error:" not in output and "Aborted" not in output, output
    assert _english_lines(output) == [], output
    return output


def test_yaml_that_does_not_parse_in_mkdocs_yml_is_told_in_french_with_mkdocs_exit_code(tmp_path):
    site = make_site(tmp_path)
    config = site.root / "mkdocs.yml"
    config.write_text("site_name: Réseau\nsite_url: https://example.org/communs/\n  theme: : material\n")
    ours, plain = _both(site)
    assert "MkDocs encountered an error parsing the configuration file" in plain.stderr  # what it replaces
    assert ours.returncode == plain.returncode != 0
    output = _french_only(ours)
    assert f"{config}, ligne 3 : le fichier de réglages est illisible (YAML mal formé)" in ours.stderr
    assert "Rien n'a été construit." in output


def test_a_mkdocs_yml_saved_in_latin_1_is_named_in_french_with_its_line(tmp_path):
    """An editor that saves mkdocs.yml in Latin-1 made MkDocs say "unacceptable character #x00e9 … position 319"."""
    site = make_site(tmp_path)
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_bytes(text.replace("site_name: ", "site_name: Réseau de l'Yonne #", 1).encode("latin-1", "replace"))
    line = text[: text.index("site_name: ")].count("\n") + 1
    ours, plain = _both(site)
    assert "unacceptable character" in plain.stderr  # what it replaces
    assert ours.returncode == plain.returncode != 0
    output = _french_only(ours)
    assert f"{config}, ligne {line} : le fichier n'est pas enregistré en UTF-8 (octet 0xe9 illisible)" in output
    assert "Rien n'a été construit." in output


def test_a_setting_of_the_wrong_type_in_mkdocs_yml_is_told_in_french_with_mkdocs_exit_code(tmp_path):
    site = make_site(tmp_path)
    config = site.root / "mkdocs.yml"
    config.write_text(
        re.sub(r"(?m)^site_name: .*$", "site_name: [x, y]\nsitename: Réseau", config.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    ours, plain = _both(site)
    assert "Expected type" in plain.stdout + plain.stderr  # what it replaces
    assert ours.returncode == plain.returncode != 0
    output = _french_only(ours)
    assert "ERREUR  -  mkdocs.yml, réglage « site_name » : attendu : un texte ; trouvé : une liste." in output
    assert "ATTENTION -  mkdocs.yml, réglage « sitename » : réglage inconnu de MkDocs, ignoré" in output
    assert "Construction arrêtée : mkdocs.yml contient une erreur (voir ci-dessus)." in ours.stdout


CRASH_HOOK = """
def _deeper(n):
    return _deeper(n + 1) + 1


def on_page_markdown(markdown, page, **kwargs):
    if page.file.src_uri == "profonde.md":
        _deeper(0)  # what Python-Markdown does on a page nested hundreds of levels deep
    if page.file.src_uri == "cassee.md":
        raise KeyError("lost")
    return markdown
"""


@pytest.mark.parametrize(
    ("page", "line", "last"),
    [
        (
            "profonde.md",
            "ERREUR  -  Erreur à la lecture de la page « profonde.md » : la page est imbriquée trop profondément "
            "pour être lue",
            "Construction arrêtée : une page est imbriquée trop profondément pour être lue (voir ci-dessus).",
        ),
        (
            "cassee.md",
            "ERREUR  -  Erreur à la lecture de la page « cassee.md » : erreur inattendue en la lisant (message "
            "d'origine : 'lost'). Signalez-la avec cette page.",
            "Construction arrêtée par une erreur inattendue (KeyError : 'lost').",
        ),
    ],
)
def test_an_exception_while_mkdocs_builds_a_page_is_told_in_french_without_a_traceback(tmp_path, page, line, last):
    """Any exception MkDocs lets escape from a page (Python-Markdown's RecursionError on a page
    nested too deep, a plugin's bug): a French line naming the page, a French last line, MkDocs'
    exit code, and no Python traceback."""
    site = make_site(tmp_path)
    (site.root / "crash_hook.py").write_text(CRASH_HOOK, encoding="utf-8")
    site.configure(hooks=[*load_yaml(site.root / "mkdocs.yml")["hooks"], str(site.root / "crash_hook.py")])
    site.write(page, "---\ntitle: Page\n---\n\nTexte.\n")
    ours, plain = _both(site)
    assert "Traceback (most recent call last)" in plain.stderr  # what it replaces
    assert ours.returncode == plain.returncode == 1
    _french_only(ours)
    assert line in ours.stdout + ours.stderr
    assert last in ours.stderr


def test_a_page_nested_a_thousand_levels_deep_ends_the_build_in_french_naming_it(tmp_path):
    """The real page that crashes Python-Markdown (its refusal belongs to commons/markdown_limits.py):
    whatever stops the build, the member reads French lines that name the page, never a traceback."""
    site = make_site(tmp_path)
    site.write("profonde.md", "---\ntitle: Profonde\n---\n\n" + "- " * 1000 + "x\n")
    site.commit("Page profonde", author="Camille Martin <camille@example.org>", date="2026-01-05T10:00:00")
    ours, plain = _both(site)
    assert ours.returncode == plain.returncode == 1
    output = _french_only(ours)
    assert "profonde.md" in output


# -- the command line: ./dev site passes its arguments to `mkdocs serve`, ./dev build runs `mkdocs build` ------
# Words only English has in click's and MkDocs' command-line texts (options and quoted values taken out first).
HELP_ENGLISH = re.compile(
    r"\b(?:the|and|to|of|for|from|when|show|enable|disable|usage|commands?|run|use|directory|file|website|"
    r"output|changes|only|invalid|value|such|does|exist|not|missing|got|extra|error|did|mean|"
    r"requires|take|path|filename|silence)\b",
    re.I,
)


def _mkdocs_fr(*args: str, cwd=ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "devtools.mkdocs_fr", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def _no_english(output: str) -> None:
    for line in output.splitlines():
        text = re.sub(r"«[^»]*»|'[^']*'|`[^`]*`|\[[^\]]*\]|<[^>]*>|(?<!\w)-[-\w]+|\S*[/.:]\S*|mkdocs \w+", "", line)
        assert not HELP_ENGLISH.search(text), line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("serve", "--bad"), "Erreur : option inconnue « --bad »."),
        (("build", "--stric"), "Erreur : option inconnue « --stric » ; vouliez-vous écrire --no-strict, --strict ?"),
        (("build", "-d"), "Erreur : l'option « -d » attend une valeur."),
        (("serve", "en-trop"), "Erreur : argument en trop : en-trop"),
        (("build", "--strict=oui"), "Erreur : l'option « --strict » ne prend pas de valeur : écrivez-la seule"),
        (
            ("build", "--theme", "sombre"),
            "Erreur : valeur « sombre » refusée pour l'option '-t' / '--theme' (valeurs possibles : material, "
            "mkdocs, readthedocs).",
        ),
        (("serve", "-w", "/absent/x"), "Erreur : le chemin « /absent/x » de l'option '-w' / '--watch' n'existe pas."),
        (
            ("build", "-f", "/absent/x.yml"),
            "Erreur : fichier ou dossier introuvable pour l'option '-f' / '--config-file'",
        ),
        (("build", "-f", "docs"), "Erreur : le fichier « docs » de l'option '-f' / '--config-file' est un dossier"),
    ],
    ids=["option", "misspelt", "no-value", "extra", "flag-value", "choice", "path", "file", "folder-as-file"],
)
def test_a_mistyped_option_of_dev_site_or_build_is_told_in_french_with_clicks_exit_code(args, expected):
    done = _mkdocs_fr(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(expected), done.stderr
    _no_english(done.stderr)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1", "attendu : une adresse de la forme IP:PORT, par exemple 127.0.0.1:8000."),
        ("127.0.0.1:port", "« port » n'est pas un numéro de port"),
        ("machine:80", "« machine » n'est pas une adresse IP"),
    ],
)
def test_a_wrong_address_given_to_dev_site_is_told_in_french(address, expected):
    done = _mkdocs_fr("serve", "-a", address)
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert f"ERREUR  -  adresse du site local (option -a, ou dev_addr de mkdocs.yml) : {expected}" in output
    _french_only(done)


@pytest.mark.parametrize("args", [("serve", "--help"), ("build", "-h"), ("--help",)], ids=["serve", "build", "mkdocs"])
def test_the_help_of_dev_site_and_build_is_in_french(args):
    done = _mkdocs_fr(*args)
    assert done.returncode == 0
    assert done.stdout.startswith(f"Utilisation : mkdocs {args[0] if len(args) > 1 else '[OPTIONS]'}"), done.stdout
    assert "Options :" in done.stdout
    assert "-h, --help" in done.stdout and "afficher cette aide et quitter" in done.stdout
    _no_english(done.stdout)


def test_every_option_of_serve_and_build_has_its_french_help():
    """MkDocs' own descriptions (pinned 1.6): one it adds or rewords is listed here, to be said in French."""
    from mkdocs.__main__ import cli

    from commons.mkdocs_french import help_text

    commands = [cli, cli.commands["serve"], cli.commands["build"]]
    texts = [text for command in commands for text in (command.help, *(p.help for p in command.params)) if text]
    assert len(texts) > 20
    assert [text for text in texts if help_text(text) == text] == []


def test_dev_build_takes_a_folder_never_an_option(tmp_path):
    """`./dev build --help` built the site into a folder named --help; now the help, and nothing built."""
    dev = ROOT / "dev"
    asked = subprocess.run([str(dev), "build", "--help"], capture_output=True, text=True)
    assert asked.returncode == 0
    assert asked.stdout.startswith("Usage : ./dev COMMANDE") and "build [DOSSIER]" in asked.stdout
    refused = subprocess.run([str(dev), "build", "--strict"], capture_output=True, text=True)
    assert refused.returncode == 2
    assert refused.stderr == (
        "erreur : ./dev build ne prend pas d'option (« --strict ») : seulement le dossier où construire le site, "
        "site/ par défaut.\n"
    )
    assert not (ROOT / "--help").exists() and not (ROOT / "--strict").exists()


def test_a_second_preview_on_a_port_already_taken_is_told_in_french(tmp_path):
    """`./dev site` while another preview runs: MkDocs builds, then its server cannot listen on the port."""
    site = make_site(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _mkdocs_fr("serve", "--no-livereload", "-a", f"127.0.0.1:{port}", cwd=site.root)
    assert done.returncode == 1
    assert done.stderr.endswith(
        "Aperçu arrêté : le port du site local est déjà pris, sans doute par un autre aperçu (./dev site) encore "
        "ouvert : arrêtez-le (Ctrl-C dans sa fenêtre) ou choisissez un autre port, par exemple "
        "./dev site -a 127.0.0.1:8001.\n"
    ), done.stderr
    _french_only(done)


def test_a_site_folder_that_cannot_be_made_is_told_in_french_naming_it(tmp_path):
    """./dev build DOSSIER under a file: "erreur inattendue (FileNotFoundError : [Errno 20] Not a directory…)"."""
    site = make_site(tmp_path)
    (tmp_path / "fichier").write_text("x")
    target = tmp_path / "fichier" / "site"
    ours, _ = _both(site, extra=("--site-dir", str(target)))
    assert ours.returncode == 1
    assert ours.stderr.splitlines()[-1] == (
        f"Construction arrêtée : impossible d'utiliser « {target} » (un fichier porte le nom d'un dossier du "
        "chemin, ENOTDIR) : choisissez un autre chemin ou corrigez ses droits."
    )
    _french_only(ours)


def test_a_mistyped_command_of_dev_is_named_in_french_before_the_list(tmp_path):
    done = subprocess.run([str(ROOT / "dev"), "sit"], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(
        "erreur : commande inconnue « sit » : les commandes sont site, build, test, check et wiki.\n\nUsage : ./dev"
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--option-mal-tapee"], "erreur : arguments inconnus : --option-mal-tapee\n"),
        (["tests/absent.py"], "erreur : fichier ou dossier de tests introuvable : tests/absent.py\n"),
        (["-k"], "erreur : argument -k : une valeur est attendue\n"),
    ],
    ids=["unknown-option", "missing-path", "option-without-value"],
)
def test_a_mistyped_dev_test_argument_is_said_in_french(argv, expected) -> None:
    """`./dev test --bad` printed pytest's English (« ERROR: … unrecognized arguments »)."""
    result = subprocess.run(
        [sys.executable, "-m", "devtools.pytest_fr", "-p", "no:cacheprovider", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 4  # pytest's code for a usage error, kept
    assert expected + "./dev test --help liste les options de pytest" in result.stderr
    assert "ERROR" not in result.stderr and "error:" not in result.stderr


def test_a_fork_without_a_kit_builds_with_fiches_that_open_on_a_subheading(tmp_path):
    """A fork that drops the kit d'accueil: the print-site plugin, given no kit section, printed the whole
    site on the kit's printable page and warned in English for each page whose text opens on a `##`
    heading (« file is missing a leading h1 tag »); a strict build (./dev build, CI) then stopped on
    that warning. Without a kit, the printable page is left empty and the build passes in French."""
    site = make_site(tmp_path)
    site.write("boite-a-outils/compost.md", fiche("## Matériel\n\nUn bac et de la patience.\n"))
    site.commit("Une fiche", author="Camille Martin <camille@example.org>", date="2026-01-05T10:00:00")
    result = site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "print-site" not in output and _english_lines(output) == [], output
    assert "Un bac et de la patience" in site.html("boite-a-outils/compost")
    assert "Un bac et de la patience" not in site.html("kit-accueil-imprimable")
