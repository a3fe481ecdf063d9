# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wrong passwords, hostile titles, hostile HTML, and credentials that must never leak."""

from __future__ import annotations

import json
import subprocess
from html.parser import HTMLParser

import pytest

from tests.convert.support import render_html
from tests.sync.conftest import page, unique_title

pytestmark = pytest.mark.wiki


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def test_wrong_password_is_a_clear_error_and_nothing_is_edited_even_anonymously(site, mediawiki):
    title = unique_title("Mauvais mot de passe")
    site.write("fiche.md", page(title, "Ne doit jamais arriver sur le wiki."))
    site.commit()
    site.env["MOVILAB_PASSWORD"] = "0" * 32
    result = site.run("push")
    assert result.code == 2
    assert "connexion refusée" in result.err and "MOVILAB_PASSWORD" in result.err
    assert "0" * 32 not in result.text
    assert mediawiki.editor(0).text(title) is None
    recent = mediawiki.editor(0).call(
        {"action": "query", "list": "recentchanges", "rcshow": "anon", "rcprop": "title", "rclimit": "max"}
    )
    assert all(rc["title"] != title for rc in recent["query"]["recentchanges"])


def test_missing_credentials_are_a_usage_error(site):
    site.write("fiche.md", page(unique_title("Sans identifiants"), "Texte."))
    site.commit()
    result = site.run("push", credentials=False)
    assert result.code == 2 and "MOVILAB_USER" in result.err


@pytest.mark.parametrize("title", ["../../etc/passwd", "/etc/passwd", "a\x00b", ".git/config"])
def test_titles_that_would_escape_docs_are_refused(site, title):
    site.write("fiche.md", "---\ntitle: x\nmovilab: " + repr(title).replace("'", '"') + "\n---\n\nTexte.\n")
    site.commit()
    result = site.run("status")
    assert result.code == 2
    # A control character (\x00) is refused by the header reader itself, before the title is judged.
    assert "docs/fiche.md" in result.err and ("refusé" in result.err or "caractère de contrôle" in result.err)


@pytest.mark.parametrize("target", ["../evil.md", "/tmp/evil.md", ".git/hooks/evil.md", "a\x00.md", "x.sh"])
def test_import_paths_outside_docs_are_refused(site, mediawiki, target):
    result = site.run("import", "Budget contributif", "--to", target)
    assert result.code == 2
    assert "chemin refusé" in result.err
    assert not (site.path / "evil.md").exists() and not (site.path / ".git" / "hooks" / "evil.md").exists()


def test_hostile_html_from_the_wiki_is_neutralised(site, mediawiki):
    title = unique_title("Page piégée")
    site.write("fiche.md", page(title, "Texte sain."))
    site.commit()
    assert site.run("push").code == 0
    mediawiki.editor(1).edit(
        title,
        'Texte sain.\n\n<script>alert("x")</script>\n\n'
        '<img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">lien</a>\n',
        "piège",
    )
    result = site.run("pull")
    assert result.code == 0, result.text
    text = site.read("fiche.md")
    assert "Texte sain." in text
    # What readers get is the page MkDocs renders: no script element, no event handler,
    # no javascript: link may come out of it (shown as text, escaped, is fine).
    html = render_html(text.split("---", 2)[2])
    elements = _elements(html)
    assert "script" not in [tag for tag, _ in elements]
    for _tag, attrs in elements:
        for name, value in attrs:
            assert not name.lower().startswith("on")
            assert not (value or "").strip().lower().startswith("javascript:")


def test_credentials_never_reach_output_files_or_git(site, mediawiki):
    title = unique_title("Secret")
    site.write("fiche.md", page(title, "Texte."))
    site.commit()
    outputs = [site.run("push"), site.run("status"), site.run("pull")]
    mediawiki.editor(0).edit(title, "Texte revu.", "wiki")
    outputs.append(site.run("pull"))
    secret = mediawiki.password
    for result in outputs:
        assert secret not in result.text
    found = subprocess.run(["grep", "-r", "-l", "-F", secret, str(site.path)], capture_output=True, text=True)
    assert found.stdout == ""
    assert secret not in site.git("log", "-p", "--all")


def test_a_wrong_api_address_is_named_in_a_clear_error(site, mediawiki):
    site.write("fiche.md", page(unique_title("Mauvaise adresse"), "Texte."))
    site.commit()
    site.env["MOVILAB_API"] = mediawiki.base_url + "/introuvable/api.php"
    site.api_url = site.env["MOVILAB_API"]
    result = site.run("status")
    assert result.code == 1
    assert "HTTP 404" in result.err and "/introuvable/api.php" in result.err


def test_a_mistyped_api_address_after_a_sync_blames_the_address_not_the_state_file(site, mediawiki):
    site.write("fiche.md", page(unique_title("Adresse mal tapée"), "Texte."))
    site.commit()
    assert site.run("push").code == 0
    site.env["MOVILAB_API"] = mediawiki.base_url + "/wrong.php"
    site.api_url = site.env["MOVILAB_API"]
    result = site.run("status")
    assert result.code == 2
    assert "/wrong.php ne répond pas comme une API MediaWiki" in result.err and "MOVILAB_API" in result.err
    assert "copie du dépôt" not in result.err


def test_outside_a_git_repository_is_a_usage_error(site):
    import shutil

    shutil.rmtree(site.path / ".git")
    result = site.run("status")
    assert result.code == 2 and "dépôt git" in result.err


def test_a_full_disk_while_the_state_is_written_is_said_in_french_and_the_rerun_loses_nothing(
    site, mediawiki, monkeypatch
):
    import errno
    import os as real_os

    import sync.safety

    titles = [unique_title(f"Disque plein {i}") for i in range(4)]
    for i, title in enumerate(titles):
        site.write(f"plein-{i}.md", page(title, f"Page {i} envoyée malgré un disque plein."))
    site.commit()
    replace, calls = real_os.replace, []

    def full_disk(src, dst, *args, **kwargs):
        if str(dst).endswith(".movilab-sync.json"):
            calls.append(dst)
            if len(calls) == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        return replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(sync.safety.os, "replace", full_disk)
    result = site.run("push")
    monkeypatch.setattr(sync.safety.os, "replace", replace)
    assert result.code == 1, result.text
    assert "impossible d'écrire ce fichier" in result.err and ".movilab-sync.json" in result.err
    assert "Traceback" not in result.text and "(disque plein, ENOSPC) : libérez de la place" in result.err
    assert "No space left" not in result.text  # the system's words are English: said in French
    assert not list(site.path.glob(".movilab-sync.json.*.tmp"))
    rerun = site.run("push")
    assert rerun.code == 0, rerun.text
    editor = mediawiki.editor(0)
    for i, title in enumerate(titles):
        assert f"Page {i} envoyée" in editor.text(title)
        history = editor.call({"action": "query", "prop": "revisions", "titles": title, "rvlimit": "max"})
        (only,) = history["query"]["pages"]
        assert len(only["revisions"]) == 1  # the rerun found the edits sent before the failure: none twice


@pytest.mark.parametrize("swap", ["dossier", "lien"])
def test_a_state_file_swapped_mid_push_is_refused_the_pages_sent_are_reported_and_the_rerun_sends_none_twice(
    site, mediawiki, monkeypatch, tmp_path, swap
):
    from sync.wiki import Wiki
    from sync.workspace import Workspace

    first = unique_title(f"Déjà synchronisée {swap}")
    site.write("deja.md", page(first, "Synchronisée avant : le fichier d'état est dans git."))
    site.commit()
    assert site.run("push").code == 0
    synced = json.loads((site.path / ".movilab-sync.json").read_text(encoding="utf-8"))["pages"][first]
    mediawiki.editor(1).edit(first, "Modifiée sur le wiki depuis : à récupérer par pull.", "wiki")
    titles = [unique_title(f"Échange {swap} {i}") for i in range(4)]
    for i, title in enumerate(titles):
        site.write(f"echange-{i}.md", page(title, f"Page {i} envoyée avant l'échange."))
    site.commit()
    state = site.path / ".movilab-sync.json"
    elsewhere = tmp_path / "ailleurs.json"
    elsewhere.write_text("à ne pas toucher\n", encoding="utf-8")
    save, edit, sent = Workspace.save_state, Wiki.edit, []

    def save_and_wait(self):  # each record reaches the file before the next page: the swap never races it
        save(self)
        self.flush_state(quiet=True)

    def edit_then_swap(self, title, *args, **kwargs):
        answer = edit(self, title, *args, **kwargs)
        sent.append(title)
        if len(sent) == 2:  # another program (or a careless hand) puts something else at the state's path
            state.unlink()
            if swap == "dossier":
                state.mkdir()
            else:
                state.symlink_to(elsewhere)
        return answer

    monkeypatch.setattr(Workspace, "save_state", save_and_wait)
    monkeypatch.setattr(Wiki, "edit", edit_then_swap)
    result = site.run("push")
    monkeypatch.undo()
    assert result.code == 2, result.text  # something at the state's path for the user to remove, as before
    assert "Traceback" not in result.text
    # What reached the wiki is said, page by page, and what could not be recorded, with what to do.
    assert len(sent) in (2, 3)  # stopped at once (the page on its way when the swap was seen may be sent)
    for title in sent:
        assert title in result.out and "envoyée" in result.out
    assert ".movilab-sync.json" in result.err and "Retirez-le" in result.err and "relancez" in result.err
    assert elsewhere.read_text(encoding="utf-8") == "à ne pas toucher\n"  # never written through the link
    assert state.is_symlink() == (swap == "lien")  # what is there is the user's: left as it was
    refused = site.run("push")
    assert refused.code == 2 and ".movilab-sync.json" in refused.err and "Traceback" not in refused.text
    assert elsewhere.read_text(encoding="utf-8") == "à ne pas toucher\n"
    # The user removes it, as told; the rerun finds the pages already sent and sends the others, once.
    state.rmdir() if swap == "dossier" else state.unlink()
    rerun = site.run("push")
    assert rerun.code == 0, rerun.text
    editor = mediawiki.editor(0)
    for i, title in enumerate(titles):
        assert f"Page {i} envoyée" in editor.text(title)
        assert len(editor.revisions(title)) == 1
    assert "fichier d'état manquait" in rerun.out
    assert json.loads(state.read_text(encoding="utf-8"))["pages"][first] == synced  # git's state, taken back
    pulled = site.run("pull")
    assert pulled.code == 0, pulled.text
    assert "Modifiée sur le wiki depuis" in site.read("deja.md")
    assert site.run("status").code == 0
    assert not site.git("status", "--porcelain")


@pytest.mark.parametrize(
    ("to", "said"),
    [
        ("a" * 256 + "/fiche.md", "nom de fichier ou de dossier trop long"),  # the file system's NAME_MAX
        ("b/" + "c" * 253 + ".md", "nom de fichier ou de dossier trop long"),
        ("index.md/fiche.md", "docs/index.md n'est pas un dossier : un fichier y porte le nom d'un dossier"),
    ],
)
def test_a_path_no_folder_can_hold_is_refused_before_anything_is_committed(site, mediawiki, to, said):
    title = unique_title("Chemin impossible")
    mediawiki.editor(1).edit(title, "Texte du wiki.", "création")
    head = site.git("rev-parse", "HEAD")
    result = site.run("import", title, "--to", to)
    assert result.code == 2, result.text
    assert said in result.err and "Traceback" not in result.text
    assert site.git("rev-parse", "HEAD") == head and not site.git("status", "--porcelain")
    assert site.run("status").code == 0  # the repository is not left stuck


def _state_bytes(site) -> bytes | None:
    state = site.path / ".movilab-sync.json"
    return state.read_bytes() if state.exists() else None


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ("EACCES", "permission refusée"),
        ("EROFS", "disque en lecture seule"),
        ("ENOTDIR", "un fichier porte le nom d'un dossier du chemin"),
        ("ENOSPC", "disque plein"),
    ],
)
def test_a_folder_that_cannot_be_made_is_said_in_french_and_the_rerun_finishes(
    site, mediawiki, monkeypatch, code, said
):
    """Permissions do not stop root (who runs these tests in CI): the system's answer is injected into
    mkdir, the one call that meets it. The import checks the folder before it commits anything: it
    leaves everything as it was, and the same import, rerun once the folder is fixed, works."""
    import errno
    import os

    title = unique_title("Dossier impossible")
    mediawiki.editor(1).edit(title, "Texte du wiki à importer.", "création")
    head, state = site.git("rev-parse", "HEAD"), _state_bytes(site)
    mkdir = os.mkdir

    def refused(path, *args, **kwargs):
        if os.fspath(path).endswith("/docs/nouveau"):
            number = getattr(errno, code)
            raise OSError(number, os.strerror(number), os.fspath(path))
        return mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", refused)
    result = site.run("import", title, "--to", "nouveau/fiche.md")
    assert result.code == 1, result.text
    assert "Traceback" not in result.text and os.strerror(getattr(errno, code)) not in result.text  # no English
    assert f"impossible de créer le dossier docs/nouveau/ ({said}, {code})" in result.err
    assert (
        "docs/nouveau/fiche.md" in result.err and "puis relancez" in result.err and "rien n'a été importé" in result.err
    )
    assert site.git("rev-parse", "HEAD") == head and not site.git("status", "--porcelain", "--ignored", "docs")
    assert _state_bytes(site) == state
    assert site.run("pull").code == 0  # nothing half-done is left for a pull to finish
    monkeypatch.setattr(os, "mkdir", mkdir)
    fixed = site.run("import", title, "--to", "nouveau/fiche.md")  # the same command, once the folder is fixed
    assert fixed.code == 0, fixed.text
    assert "Texte du wiki à importer." in site.read("nouveau/fiche.md")
    assert not site.git("status", "--porcelain")


def test_an_existing_folder_the_import_may_not_write_in_is_named_and_nothing_is_imported(site, mediawiki, monkeypatch):
    """The folder is there but refuses new files (permissions, a read-only disk): injected into the
    creation of files in it, since root ignores permissions."""
    import errno
    import os

    site.write("lieux/index.md", "# Lieux\n")
    site.commit("A folder")
    title = unique_title("Dossier fermé")
    mediawiki.editor(1).edit(title, "Texte du wiki à importer.", "création")
    head, state = site.git("rev-parse", "HEAD"), _state_bytes(site)
    folder = os.fspath(site.path / "docs" / "lieux") + "/"
    real_open = os.open

    def refused(path, flags, *args, **kwargs):
        if os.fspath(path).startswith(folder) and flags & os.O_CREAT:
            raise OSError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    result = site.run("import", title, "--to", "lieux/fiche.md")
    assert result.code == 1, result.text
    assert "impossible d'écrire dans le dossier docs/lieux/ (permission refusée, EACCES)" in result.err, result.err
    assert "donnez à votre compte le droit" in result.err and "rien n'a été importé" in result.err
    assert "Traceback" not in result.text
    assert site.git("rev-parse", "HEAD") == head and not site.git("status", "--porcelain", "--ignored", "docs")
    assert _state_bytes(site) == state
    monkeypatch.setattr(os, "open", real_open)
    fixed = site.run("import", title, "--to", "lieux/fiche.md")
    assert fixed.code == 0, fixed.text
    assert "Texte du wiki à importer." in site.read("lieux/fiche.md")
    assert not site.git("status", "--porcelain")
