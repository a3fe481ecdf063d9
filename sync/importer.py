# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Bring an existing Movilab page into docs/ as a mirrored page: the one way to adopt a page on purpose.

The sync only ever writes on pages it created or adopted. Import is the
adoption: run by the coordinator with the bot's password, it puts the page on
the bot's watchlist (the wiki's own record, which a pull request cannot
forge), then writes the file, credited to the page's wiki authors, and the
state entry, in one commit. The converter maps the page's template call and
categories into the `wiki:` front matter.
"""

from __future__ import annotations

import os

import yaml

from sync.act import credited_commit
from sync.credentials import load_credentials
from sync.decide import unbuildable
from sync.errors import ConfigError, SyncError, WikiError
from sync.history import blob_id
from sync.import_front import complete_front_matter
from sync.mirror import front_matter
from sync.push import _check_rights
from sync.report import Outcome, Report
from sync.safety import check_doc_path, make_room, slug, unmake
from sync.state import STATE_FILE, PageState, read_state, sha256, text_sha256
from sync.titles import check_answer, check_namespace, normalise
from sync.wiki import Wiki
from sync.workspace import Workspace


def import_page(ws: Workspace, report: Report, title: str, to: str | None) -> tuple[Outcome, Wiki]:
    """Create docs/<to> from the wiki page, adopted; returns the outcome and the connection used."""
    ws.require_branch("import")
    title = normalise(title)
    check_namespace(title, ws.settings.namespaces)
    rel = (to or f"{slug(title)}.md").replace("\\", "/")
    rel = rel.removeprefix("./").removeprefix(ws.settings.docs_prefix + "/")
    check_doc_path(rel, title=title)
    target = ws.settings.docs_dir / rel
    done = ws.state.entries.get(title)
    if done is not None and done.path == rel and title in ws.pages and ws.pages[title].path == rel:
        # The same import run again, after it finished or was killed once its commit was made (the
        # commit is finished by recover): nothing to do, and said so rather than "file exists".
        return Outcome("already-imported", title, rel, {}), Wiki(ws.settings.api)
    if target.exists() or target.is_symlink():
        raise ConfigError("ce fichier existe déjà : choisissez un autre chemin avec --to.", path=f"docs/{rel}")
    if title in ws.state.entries or title in ws.pages:
        other = ws.state.entries[title].path if title in ws.state.entries else ws.pages[title].path
        raise ConfigError(f"la page « {title} » est déjà le miroir de docs/{other}.", title=title)
    credentials = load_credentials()
    ws.settings.login_api()  # refuses before the password leaves
    wiki = Wiki(ws.settings.api)
    wiki.login(credentials.user, credentials.password)
    page = wiki.pages([title]).get(title)
    if page is None or page.missing:
        if page is not None and page.invalid:
            raise WikiError(f"titre refusé par le wiki ({page.invalid}).", title=title)
        raise WikiError("page introuvable sur Movilab : vérifiez le titre (majuscules, accents).", title=title)
    check_answer(title, normalise(page.title), ns=page.ns, allowed=ws.settings.namespaces)
    editors = tuple(reversed(wiki.history(page.title)))
    # The docs-relative path makes links to pages of the same folder relative to this file.
    text = ws.converter.to_markdown(page.text, title=page.title, local=None, path=rel)
    if front_matter(text, path=f"docs/{rel}").get("movilab") is None:
        raise ConfigError("le convertisseur n'a pas écrit « movilab: » dans l'en-tête : import annulé.", title=title)
    problems = unbuildable(text)
    if problems:  # refused before the page is adopted: nothing changes, on the wiki or in git
        raise SyncError(
            "convertie en Markdown, la page serait refusée par la construction du site : rien n'a été importé. "
            f"{problems} Une fois la page corrigée sur Movilab, relancez import.",
            path=f"docs/{rel}",
            title=page.title,
        )
    text, guesses = complete_front_matter(
        text, rel=rel, title=page.title, url=ws.settings.page_url(page.title), docs_dir=ws.settings.docs_dir
    )
    # The commit writes the file once HEAD has moved: a folder that refuses it is found now, before the
    # adoption and the commit, so that a refusal leaves everything as it was and the same import works
    # once the folder is fixed.
    made = make_room(ws.root, target, nothing_done="rien n'a été importé")
    try:
        token, rights = wiki.watch_token()
        _check_rights(rights)
        wiki.watch([page.title], token=token)  # the adoption, recorded on the wiki
    except BaseException:
        unmake(made)
        raise
    ws.state.entries[page.title] = PageState(
        path=rel,
        title=page.title,
        revid=page.revid,
        timestamp=page.timestamp,
        local_sha256=text_sha256(text),
        wiki_sha256=sha256(page.text),
        base_blob=blob_id(text),
        commit="",
    )
    commit = credited_commit(
        ws, page.title, page, editors, {ws.repo_path(rel): text, STATE_FILE: ws.state.dumps()}, verb="import de"
    )
    read_state(ws.root, ws.state.file)  # a folder or a link put at the state's path meanwhile: said as push says it
    if os.path.lexists(target):  # a file saved there since the first check: the commit would replace it
        unmake(made)
        raise ConfigError(
            "ce fichier a été créé pendant l'import : il est laissé tel quel et rien n'a été importé. "
            "Choisissez un autre chemin avec --to, ou déplacez ce fichier, puis relancez import.",
            path=f"docs/{rel}",
        )
    ws.repo.commit([commit])
    if guesses:
        shown = yaml.safe_dump(guesses, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
        report.note(
            f"En-tête complété pour docs/{rel} (champs devinés, à relire et corriger si besoin) :\n"
            + "".join(f"  {line}\n" for line in shown.splitlines())
        )
    return Outcome("imported", page.title, rel, {"revid": page.revid}), wiki
