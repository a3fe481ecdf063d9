# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The form editor (/admin/) as a member uses it: real Chromium, real Decap CMS, its real local
backend (decap-server, in git mode) writing to a real git repository holding this site's pages.

Saving a page in the form commits it to a branch `cms/<collection>/<page>`, as the
editorial workflow opens a pull request on a forge; the tests then merge it as
a reviewer would and build the site.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from commons.pages import parse_page
from commons.schema import validate_page
from commons.webinars import today_in_paris
from devtools.ports import free_port
from tests.browser.conftest import ROOT, Served, screenshot, serve
from tests.site.sitebuilder import Site, make_site

pytestmark = pytest.mark.browser

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
MEMBER = "Camille Martin <camille@example.org>"


@dataclass
class Editor:
    """The repository the form writes to, and the built site that serves /admin/."""

    site: Site
    served: Served
    server: subprocess.Popen[str]
    api: str

    @contextmanager
    def frozen(self) -> Iterator[None]:
        """decap-server stopped (SIGSTOP) between two of its git commands, the repository at rest on
        `main`: a reviewer acts on the repository as a forge would, away from the form's server,
        which checks branches out in this working tree to read drafts.

        At rest is checked once the server is stopped, never before: no git command of the server
        alive, no lock under .git, HEAD on main, index and working tree equal to main's commit. A
        branch check alone is not enough: `git checkout cms/...` writes the draft's files and the
        index before it moves HEAD, with no lock held in between, and a merge there exits with 2
        ("Your local changes ... would be overwritten by merge"). When the repository is not at rest,
        the server is resumed until it has finished the git operation under way (it answers an
        `info` request only then: one operation at a time, in order), and stopped again.
        """
        group = os.getpgid(self.server.pid)
        deadline = time.monotonic() + 60
        while True:
            os.killpg(group, signal.SIGSTOP)
            busy = self._busy(group, deadline)
            if not busy:
                break
            os.killpg(group, signal.SIGCONT)
            assert time.monotonic() < deadline, f"le dépôt de decap-server ne se met pas au repos : {busy}"
            _ask_info(self.api)
        try:
            yield
        finally:
            os.killpg(group, signal.SIGCONT)

    def _busy(self, group: int, deadline: float) -> str:
        """What keeps the stopped server's repository from being at rest ("" when it is)."""
        assert self.server.poll() is None, "decap-server s'est arrêté"
        members = _stopped_group(group, deadline)
        if members != [self.server.pid]:
            return f"commande git en cours ({len(members) - 1})"
        git = self.site.root / ".git"
        locks = sorted(str(lock.relative_to(git)) for lock in git.rglob("*.lock"))
        if locks:
            return f"verrous {locks}"
        head = self.site.git("branch", "--show-current").strip()
        if head != "main":
            return f"HEAD sur « {head or 'un commit détaché'} »"
        status = self.site.git("--no-optional-locks", "status", "--porcelain", "--untracked-files=all")
        return f"état non propre :\n{status}" if status else ""

    def merge(self, branch: str) -> None:
        """The reviewer merges a pull request, as the forge does, then deletes its branch; git's own
        words are shown when it refuses."""
        name, email = MEMBER.removesuffix(">").split(" <")
        identity = {
            f"GIT_{who}_{what}": value
            for who in ("AUTHOR", "COMMITTER")
            for what, value in (("NAME", name), ("EMAIL", email))
        }
        done = subprocess.run(
            ["git", "merge", "--no-ff", "-q", "-m", "Fusion de la proposition", branch],
            cwd=self.site.root,
            env={**os.environ, **identity},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, (
            f"git merge a échoué (code {done.returncode}) :\n{done.stderr}{done.stdout}\n"
            + self.site.git("--no-optional-locks", "status", "--short", "--branch")
        )
        self.site.git("branch", "-d", branch)

    @property
    def admin(self) -> str:
        return self.served.url("admin/")

    def branches(self) -> list[str]:
        return self.site.git("branch", "--format=%(refname:short)").split()

    def show(self, branch: str, path: str) -> str:
        return self.site.git("show", f"{branch}:{path}")

    def numstat(self, branch: str) -> list[str]:
        return self.site.git("diff", "--numstat", f"main...{branch}").splitlines()


def _stopped_group(leader: int, deadline: float) -> list[int]:
    """The live processes of the group `leader` leads, read once the leader is stopped or has company.

    SIGSTOP reaches a thread running on the other core a moment after kill() returns, so the
    leader's threads are read until all show it. A child in the group (a git command) makes the
    group busy whatever its state: its parent may wait on it unstoppably (vfork), so the group is
    returned as it is then."""

    def state(path: Path) -> list[str]:
        # pid (comm) state ppid pgrp ...: comm may hold spaces, so the fields are split after its ")".
        with suppress(OSError):
            return path.read_text().rsplit(")", 1)[1].split()
        return ["X", "0", "0"]  # gone meanwhile

    def members() -> list[int]:
        found = (int(e.name) for e in Path("/proc").iterdir() if e.name.isdigit())
        return sorted(
            pid
            for pid in found
            if (fields := state(Path(f"/proc/{pid}/stat")))[2] == str(leader) and fields[0] not in "ZX"
        )

    while True:
        now = members()
        if now != [leader]:
            return now
        running = [t.name for t in Path(f"/proc/{leader}/task").glob("*") if state(t / "stat")[0] not in "TtZX"]
        if not running:
            return members()  # stopped: a child started just before shows now, none can start after
        assert time.monotonic() < deadline, f"decap-server ne s'arrête pas (fils d'exécution {running})"
        time.sleep(0.005)  # polls the condition above, which holds within a scheduling tick


def _info_request(url: str) -> urllib.request.Request:
    return urllib.request.Request(
        url, data=json.dumps({"action": "info"}).encode(), headers={"Content-Type": "application/json"}
    )


def _ask_info(url: str) -> None:
    """Ask decap-server for its `info`: it answers once its git operation under way has ended, since it
    serves one operation at a time in order (or, when that takes more than 3 s, with an error)."""
    request = _info_request(url)
    with suppress(urllib.error.HTTPError), urllib.request.urlopen(request, timeout=60) as answer:
        answer.read()


def _wait_for_proxy(url: str, process: subprocess.Popen[str]) -> None:
    request = _info_request(url)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"decap-server s'est arrêté : {process.stdout.read() if process.stdout else ''}", pytrace=False)
        try:
            with urllib.request.urlopen(request, timeout=2) as answer:
                if json.loads(answer.read())["type"] == "local_git":
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail("decap-server n'a pas répondu en 30 s", pytrace=False)


def _build(site: Site, out: Path) -> subprocess.CompletedProcess[str]:
    command = [
        str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else "python3",
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(site.root / "mkdocs.yml"),
        "--site-dir",
        str(out),
    ]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(command, cwd=site.root, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editor]:
    """This site's pages in a fresh repository, decap-server on it, and the site built and served."""
    if not DECAP_SERVER.is_file():
        pytest.fail(
            f"decap-server est absent ({DECAP_SERVER}) : lancez « npm ci » (« ./dev test » le fait).", pytrace=False
        )
    tmp = tmp_path_factory.mktemp("editeur")
    site = make_site(tmp)
    shutil.copytree(ROOT / "docs", site.docs, dirs_exist_ok=True)
    # decap-server commits with `git add .`: the build's output and caches must be ignored, as in this repository.
    shutil.copyfile(ROOT / ".gitignore", site.root / ".gitignore")
    port = free_port()
    config = yaml.safe_load((site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    config.setdefault("extra", {})["editeur"] = {"proxy": f"http://127.0.0.1:{port}/api/v1"}
    (site.root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (site.docs / "kit-accueil" / "texte-piege.md").write_text(TRICKY, encoding="utf-8")
    site.commit("Les pages du réseau", author=MEMBER, date="2026-01-05T10:00:00")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(site.root),
        "LOG_LEVEL": "warn",
        "GIT_AUTHOR_NAME": "Camille Martin",
        "GIT_AUTHOR_EMAIL": "camille@example.org",
        "GIT_COMMITTER_NAME": "Camille Martin",
        "GIT_COMMITTER_EMAIL": "camille@example.org",
    }
    proxy = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        cwd=site.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: Editor.frozen stops its git commands too
    )
    try:
        _wait_for_proxy(f"http://127.0.0.1:{port}/api/v1", proxy)
        out = tmp / "construit"
        built = _build(site, out)
        assert built.returncode == 0, built.stderr[-3000:]
        if not (out / "admin" / "decap-cms.js").is_file():
            pytest.fail("/admin/ n'a pas été construit : lancez « ./dev test », qui installe l'éditeur.", pytrace=False)
        yield from (Editor(site, served, proxy, f"http://127.0.0.1:{port}/api/v1") for served in serve(out))
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proxy.pid, signal.SIGCONT)
        proxy.terminate()
        proxy.wait(timeout=10)


@pytest.fixture
def member(browser: Browser, editor: Editor) -> Iterator[Page]:
    """A member's tab on /admin/, logged in to the local backend; every request it makes is kept."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR", timezone_id="Europe/Paris")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(editor.admin)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("link", name="Webinaires")).to_be_visible(timeout=30_000)
    try:
        yield page
    finally:
        outside = [url for url in requests if not url.startswith(("http://127.0.0.1:", "data:", "blob:"))]
        context.close()
        assert outside == [], "l'éditeur a appelé un autre serveur"


def _open_new(page: Page, collection: str, button: str) -> None:
    page.get_by_role("link", name=collection).click()
    page.get_by_role("link", name=button).click()
    expect(page.get_by_label("Titre")).to_be_visible()


def _replace_in_body(page: Page, old: str, new: str) -> None:
    """Select `old` in the page's text box, as a member would with the mouse, and type `new` over it.

    The editor picks a selection up on selectionchange, later on a busy machine, and its own
    caret from the click may land after ours: text typed before it holds our selection would go
    to the caret. So the selection is made inside the text box only, and typing waits until the
    selection has stayed on `old`; a member would likewise select again when it did not take.
    """
    box = page.get_by_role("textbox").filter(has_text=old).first
    box.scroll_into_view_if_needed()
    box.click()
    page.wait_for_function("() => document.activeElement && document.activeElement.isContentEditable")
    for _ in range(10):
        found = box.evaluate(
            """(root, old) => {
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                while (walker.nextNode()) {
                    const at = walker.currentNode.data.indexOf(old);
                    if (at === -1) continue;
                    const range = document.createRange();
                    range.setStart(walker.currentNode, at);
                    range.setEnd(walker.currentNode, at + old.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return true;
                }
                return false;
            }""",
            old,
        )
        assert found, f"« {old} » n'est pas dans le texte de la page"
        page.wait_for_timeout(300)
        if page.evaluate("(old) => window.getSelection().toString() === old", old):
            break
    else:
        raise AssertionError(f"l'éditeur ne garde pas la sélection de « {old} »")
    handle = box.element_handle()
    page.keyboard.insert_text(new)
    page.wait_for_function("([root, wanted]) => root.innerText.includes(wanted)", arg=[handle, new])
    assert old not in handle.inner_text(), f"« {new} » tapé à côté de « {old} »"


def _save(page: Page) -> None:
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Entrée enregistrée")).to_be_visible(timeout=30_000)


def test_a_member_adds_an_upcoming_webinar_through_the_form(member: Page, editor: Editor, tmp_path: Path) -> None:
    day = today_in_paris() + dt.timedelta(days=45)
    _open_new(member, "Webinaires", "Créer une entrée de type webinaire")
    # The section's index page is not an entry of the form's list.
    assert not editor.branches()[1:] or all(not b.startswith("cms/") for b in editor.branches())
    member.get_by_label("Titre").fill("Composter dans son tiers-lieu")
    member.get_by_label("Date et heure").fill(f"{day.isoformat()}T14:00")
    member.get_by_label("Durée (minutes)").fill("90")
    member.get_by_role("button", name="Ajouter intervenant").click()
    member.get_by_label("Nom", exact=True).fill("Camille Martin")
    member.get_by_label("Structure").fill("La Ressourcerie : réemploi")
    member.get_by_label("environnement", exact=True).check()
    member.get_by_label("Ajouter un thème qui n'est pas dans la liste").fill("compost")
    member.get_by_role("button", name="Ajouter", exact=True).click()
    member.get_by_label("Inscription").fill("https://exemple.org/inscription-compost")
    _replace_in_body(member, "Ce que la séance aborde, en quelques phrases.", "Démarrer un compost partagé, pas à pas.")
    screenshot(member, "editeur-nouveau-webinaire")
    _save(member)

    branch = f"cms/webinaires/{day.isoformat()}-composter-dans-son-tiers-lieu"
    assert branch in editor.branches()
    subject = editor.site.git("log", "-1", "--format=%s", branch).strip()
    assert subject == f"Ajout : webinaire « {day.isoformat()}-composter-dans-son-tiers-lieu »"
    path = f"docs/webinaires/{day.isoformat()}-composter-dans-son-tiers-lieu.md"
    assert editor.numstat(branch) == [f"12\t0\t{path}"]
    text = editor.show(branch, path)
    assert text == (
        "---\n"
        "title: Composter dans son tiers-lieu\n"
        f"date: {day.isoformat()}T14:00:00\n"
        "duree: 90\n"
        "intervenants:\n"
        "  - nom: Camille Martin\n"
        '    structure: "La Ressourcerie : réemploi"\n'
        "thèmes: [environnement, compost]\n"
        "inscription: https://exemple.org/inscription-compost\n"
        "---\n"
        "\n"
        "Démarrer un compost partagé, pas à pas.\n"
    )
    page, problems = parse_page(path.removeprefix("docs/"), text)
    assert problems == [] and validate_page(page, {}) == []

    # The reviewer merges the pull request; the strict build lists the webinar as upcoming.
    member.goto("about:blank")  # the form is closed before the review
    with editor.frozen():
        editor.merge(branch)
    out = tmp_path / "apres-fusion"
    built = _build(editor.site, out)
    assert built.returncode == 0, built.stderr[-3000:]
    catalogue = (out / "webinaires" / "index.html").read_text(encoding="utf-8")
    upcoming = catalogue.split("À venir", 1)[1].split("Passés", 1)[0]
    assert "Composter dans son tiers-lieu" in upcoming
    calendar = (out / "webinaires.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Composter dans son tiers-lieu" in calendar
    assert f"DTSTART;TZID=Europe/Paris:{day.strftime('%Y%m%d')}T140000" in calendar


def test_changing_one_sentence_of_a_fiche_changes_one_line(member: Page, editor: Editor) -> None:
    path = "docs/boite-a-outils/budget-contributif.md"
    before = editor.show("main", path)  # not the working tree, where decap-server checks drafts out
    member.get_by_role("link", name="Boîte à outils").click()
    member.get_by_role("link", name="Le budget contributif et la corémunération").click()
    expect(member.get_by_label("Titre")).to_have_value("Le budget contributif et la corémunération")
    # Opened and not changed: nothing to save, so nothing can change in the repository.
    expect(member.get_by_role("button", name="Enregistrer", exact=True)).to_be_disabled()

    _replace_in_body(member, "met de côté", "réserve chaque année")
    _save(member)

    branch = "cms/fiches/budget-contributif"
    assert editor.numstat(branch) == [f"1\t1\t{path}"]
    after = editor.show(branch, path)
    assert after == before.replace("met de côté", "réserve chaque année", 1)
    assert "movilab: Budget contributif d'un réseau de tiers-lieux\n" in after  # still mirrored, still synced


def test_a_webinar_known_by_its_day_only_keeps_its_date_when_its_title_changes(member: Page, editor: Editor) -> None:
    """The date-and-time picker shows 00:00 for a date without a time; unless touched, the date stays a day."""
    path = "docs/webinaires/2023-05-23-suites-politique-tiers-lieux-deuxieme-visio.md"
    before = editor.show("main", path)  # not the working tree, where decap-server checks drafts out
    title = "Quelles suites pour la politique tiers-lieux de l'État ? (deuxième visio)"
    member.get_by_role("link", name="Webinaires").click()
    member.get_by_role("link", name=title).first.click()
    expect(member.get_by_label("Titre")).to_have_value(title)
    member.get_by_label("Titre").fill(title.replace("deuxième visio", "seconde visio"))
    _save(member)
    branch = "cms/webinaires/2023-05-23-suites-politique-tiers-lieux-deuxieme-visio"
    assert editor.show(branch, path) == before.replace("deuxième visio)", "seconde visio)", 1)
    assert "\ndate: 2023-05-23\n" in before


# What hand-written pages hold and a careless editor would "fix": trailing spaces (a line break
# in Markdown), a tab, no-break spaces, three blank lines, an admonition's indented body, an
# HTML comment, a quoted title, a flow list split over lines and a comment in the header.
TRICKY = (
    "---\n"
    "# Relue en janvier.\n"
    'title: "Piège : espaces et encadrés"\n'
    "description: Une page aux espaces et aux retraits inhabituels.\n"
    "ordre: 42\n"
    "sources: [sud-evaluation-2022,\n"
    "  compagnie-rapport-2020]\n"
    "movilab: Page piège du réseau\n"
    "---\n"
    "\n"
    "Une ligne qui finit par deux espaces  \n"
    "et une\ttabulation, une espace\u00a0insécable ; premier mot à changer.\n"
    "\n\n\n"
    '!!! note "Encadré"\n'
    "    Texte en retrait de quatre espaces.\n"
    "\n"
    "        bloc de code en retrait\n"
    "\n"
    "<!-- wikitext: __NOTOC__ -->\n"
    "- liste\n"
    "    - sous-liste\n"
)


def test_a_page_written_by_hand_keeps_every_byte_but_the_word_changed(member: Page, editor: Editor) -> None:
    path = "docs/kit-accueil/texte-piege.md"
    member.get_by_role("link", name="Kit d'accueil").click()
    member.get_by_role("link", name=re.compile("Piège : espaces et encadrés")).click()
    expect(member.get_by_label("Titre")).to_have_value("Piège : espaces et encadrés")
    _replace_in_body(member, "premier mot", "dernier mot")
    _save(member)
    after = editor.show("cms/kit/texte-piege", path)
    assert after == TRICKY.replace("premier mot", "dernier mot")
    assert editor.numstat("cms/kit/texte-piege") == [f"1\t1\t{path}"]


def test_what_a_member_types_stays_text_and_cannot_add_fields(member: Page, editor: Editor) -> None:
    """YAML and HTML typed in the form are values, never new header lines or live markup."""
    title = 'Ordre du jour : --- "vote" #1 <script>alert(1)</script>'
    theme = "], movilab: Page pirate"
    _open_new(member, "Boîte à outils", "Créer une entrée de type fiche")
    member.get_by_label("Titre").fill(title)
    member.get_by_label("Résumé").fill("yes")
    member.get_by_label("Ajouter un thème qui n'est pas dans la liste").fill(theme)
    member.get_by_role("button", name="Ajouter", exact=True).click()
    member.get_by_label("tous", exact=True).check()
    member.get_by_role("button", name="Ajouter une source de la liste").click()
    member.get_by_role("button", name="Ajouter un autre document").click()
    member.get_by_label("Titre du document").fill("Compte rendu")
    member.get_by_label("Adresse (facultatif)").fill("javascript:alert(1)")
    member.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(member.get_by_text("L'adresse d'un document doit être complète et commencer par https://.")).to_be_visible()
    member.get_by_label("Adresse (facultatif)").fill("https://exemple.org/compte-rendu")
    _save(member)

    [branch] = [b for b in editor.branches() if b.startswith("cms/fiches/ordre-du-jour")]
    [(added, removed, path)] = [line.split("\t") for line in editor.numstat(branch)]
    assert removed == "0" and int(added) > 0  # a new file, nothing else touched
    page, problems = parse_page(path.removeprefix("docs/"), editor.show(branch, path))
    assert problems == []
    assert page.meta["title"] == title and page.meta["description"] == "yes"
    assert page.meta["thèmes"] == [theme] and "movilab" not in page.meta
    assert page.meta["sources"] == [
        "compagnie-rapport-2020",
        {"titre": "Compte rendu", "url": "https://exemple.org/compte-rendu"},
    ]
    assert set(page.meta) == {"title", "description", "thèmes", "public", "sources"}


def test_invalid_input_is_refused_in_the_form_in_french(member: Page, editor: Editor) -> None:
    before = editor.branches()
    _open_new(member, "Webinaires", "Créer une entrée de type webinaire")
    member.get_by_label("Titre").fill("Titre du webinaire")
    member.get_by_label("Inscription").fill("https://…")
    member.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(member.get_by_text("Remplacez l'exemple du modèle par votre propre texte.")).to_be_visible()
    expect(member.get_by_text("Une adresse web complète commençant par https://, sans espace.")).to_be_visible()
    expect(member.get_by_text("Remplacez la phrase d'exemple du modèle par votre texte.")).to_be_visible()
    expect(member.get_by_text("« Thèmes » est à remplir.")).to_be_visible()
    expect(member.get_by_text("« Date et heure » est à remplir.")).to_be_visible()
    expect(member.get_by_text("La page n'est pas enregistrée : corrigez les champs signalés en rouge.")).to_be_visible()
    form = member.locator("body").inner_text()
    assert "required" not in form.lower() and "invalid" not in form.lower() and "Échec" not in form
    screenshot(member, "editeur-saisie-refusee")
    assert editor.branches() == before  # nothing was written


def _jpeg_with_exif(page: Page, place: bytes) -> bytes:
    """A small photo drawn by the browser, with an EXIF block (as a phone writes one) holding `place`."""
    data_url = page.evaluate(
        """() => { const c = document.createElement('canvas'); c.width = 64; c.height = 48;
        const g = c.getContext('2d'); g.fillStyle = '#2a7'; g.fillRect(0, 0, 64, 48);
        return c.toDataURL('image/jpeg', 0.9); }"""
    )
    plain = base64.b64decode(data_url.split(",", 1)[1])
    text = place + b"\x00"
    # TIFF header (big endian), IFD0 of one entry, ImageDescription (ASCII), its text after the IFD
    ifd = struct.pack(">HHHII", 1, 0x010E, 2, len(text), 8 + 2 + 12 + 4) + struct.pack(">I", 0)
    app1 = b"Exif\x00\x00" + b"MM\x00*" + struct.pack(">I", 8) + ifd + text
    return plain[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + plain[2:]


def test_a_photo_uploaded_through_the_form_reaches_git_without_its_metadata(member: Page, editor: Editor) -> None:
    """A phone's photo carries its metadata (EXIF: where and when it was taken, the phone, often a GPS
    position): uploaded through the form, it was committed as it was, to a public repository. The form
    now re-encodes a JPEG, PNG or WebP photo in the member's browser before it is sent (Decap's
    media_processing), which leaves the metadata out; the picture itself is kept."""
    place = b"Atelier, 12 rue des Lilas, GPS 45.7640N 4.8357E"
    photo = _jpeg_with_exif(member, place)
    assert b"Exif\x00\x00" in photo and place in photo
    member.get_by_role("button", name="Médias").click()
    member.locator("input[type=file]").first.set_input_files(
        files=[{"name": "photo-atelier.jpg", "mimeType": "image/jpeg", "buffer": photo}]
    )
    path = "main:docs/images/photo-atelier.jpg"
    deadline = time.monotonic() + 30
    while (found := subprocess.run(["git", "show", path], cwd=editor.site.root, capture_output=True)).returncode:
        assert time.monotonic() < deadline, "l'image envoyée n'a pas été commitée"
        member.wait_for_timeout(200)
    committed = found.stdout
    assert committed[:2] == b"\xff\xd8", "pas une image JPEG"
    assert b"Exif" not in committed and place not in committed
    shown = member.evaluate(
        """(url) => new Promise((done) => { const img = new Image();
        img.onload = () => done([img.naturalWidth, img.naturalHeight]); img.onerror = () => done(null); img.src = url; })""",
        "data:image/jpeg;base64," + base64.b64encode(committed).decode(),
    )
    assert shown == [64, 48], "la photo elle-même doit rester, à sa taille"
