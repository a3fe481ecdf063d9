# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Bring an existing Movilab page into docs/ as a mirrored page.

The converter maps the page's template call and categories into the `wiki:`
front matter; the new file is committed credited to the page's wiki authors
and recorded in the state file, so the next push or pull treats it like any
other mirrored page.
"""

from __future__ import annotations

import yaml

from sync import history
from sync.errors import ConfigError, WikiError
from sync.import_front import complete_front_matter
from sync.mirror import front_matter
from sync.plan import Context, PageStatus
from sync.pull import commit_message
from sync.report import Report
from sync.safety import check_title, safe_doc_path, slug
from sync.state import PageState, atomic_write, sha256
from sync.wiki import Change


def import_page(ctx: Context, report: Report, title: str, to: str | None) -> str:
    """Create docs/<to> from the wiki page; returns the docs-relative path written."""
    title = check_title(title)
    rel = (to or f"{slug(title)}.md").replace("\\", "/")
    rel = rel.removeprefix("./").removeprefix(ctx.docs_prefix + "/")
    target = safe_doc_path(ctx.config.docs_dir, rel, title=title)
    if target.exists():
        raise ConfigError("ce fichier existe déjà : choisissez un autre chemin avec --to.", path=f"docs/{rel}")
    if title in ctx.state.entries or title in ctx.local:
        other = ctx.state.entries[title].path if title in ctx.state.entries else ctx.local[title].path
        raise ConfigError(f"la page « {title} » est déjà le miroir de docs/{other}.", title=title)
    page = ctx.wiki.pages([title]).get(title)
    if page is None or page.missing:
        raise WikiError("page introuvable sur Movilab : vérifiez le titre (majuscules, accents).", title=title)
    history_ = ctx.wiki.call("query", prop="revisions", titles=page.title, rvprop="ids|user|timestamp", rvlimit="50")
    revs = history_.get("query", {}).get("pages", [{}])[0].get("revisions", [])
    editors = [
        Change(page.title, int(r["revid"]), 0, str(r["timestamp"]), str(r.get("user", "")), "edit") for r in revs
    ]
    # The docs-relative path makes links to pages of the same folder relative to this file.
    text = ctx.converter.to_markdown(page.text, title=page.title, local=None, path=rel)
    if front_matter(text, path=f"docs/{rel}").get("movilab") is None:
        raise ConfigError("le convertisseur n'a pas écrit « movilab: » dans l'en-tête : import annulé.", title=title)
    text, guesses = complete_front_matter(
        text, rel=rel, title=page.title, url=ctx.page_url(page.title), docs_dir=ctx.config.docs_dir
    )
    atomic_write(target, text)
    entry = PageState(
        path=rel,
        title=page.title,
        revid=page.revid,
        timestamp=page.timestamp,
        local_sha256=sha256(text),
        wiki_sha256=sha256(page.text),
        base_blob=history.hash_blob(ctx.root, text),
        commit="",
    )
    ctx.state.entries[page.title] = entry
    status = PageStatus(page.title, rel, "new", editors=editors)
    commit = commit_message(
        ctx,
        status,
        page,
        {ctx.repo_path(rel): text, ctx.state.file.relative_to(ctx.root).as_posix(): ctx.state.dumps()},
    )
    commit.message = commit.message.replace("modifications de", "import de", 1)
    history.commit_pages(ctx.root, [commit])
    ctx.state.save()
    if guesses:
        shown = yaml.safe_dump(guesses, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000)
        report.note(
            f"En-tête complété pour docs/{rel} (champs devinés, à relire et corriger si besoin) :\n"
            + "".join(f"  {line}\n" for line in shown.splitlines())
        )
    report.add(page.title, rel, f"importée (rév. {page.revid})")
    return rel
