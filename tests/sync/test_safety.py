# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Wrong passwords, hostile titles, hostile HTML, and credentials that must never leak."""

from __future__ import annotations

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
    assert "Traceback" not in result.text and "No space left" in result.err  # the system's reason, kept
    assert not list(site.path.glob(".movilab-sync.json.*.tmp"))
    rerun = site.run("push")
    assert rerun.code == 0, rerun.text
    editor = mediawiki.editor(0)
    for i, title in enumerate(titles):
        assert f"Page {i} envoyée" in editor.text(title)
        history = editor.call({"action": "query", "prop": "revisions", "titles": title, "rvlimit": "max"})
        (only,) = history["query"]["pages"]
        assert len(only["revisions"]) == 1  # the rerun found the edits sent before the failure: none twice
