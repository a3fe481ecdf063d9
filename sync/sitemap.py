# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Where each page lives on the site and on the wiki, so links can cross between the two.

The converter needs to know, for a Markdown link `../kit-accueil/x.md`, whether
that page is mirrored (then it becomes a wiki link to its Movilab title) or not
(then it becomes an external link to the public site), and the reverse on pull.
Built once from the repository (front matter `movilab:` of every page in docs/
and a few settings of mkdocs.yml); pure data afterwards, no I/O.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from commons import frontmatter
from commons.config import SiteConfig, load_site_config
from commons.legal import GENERATED_PAGES
from sync.errors import ConfigError
from sync.titles import title_to_url, url_to_title


def page_url_path(path: str, *, directory_urls: bool = True) -> str:
    """Site-relative URL of a docs page, as MkDocs builds it (`a/b.md` → `a/b/`, `a/index.md` → `a/`)."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    if not directory_urls:
        return stem + ".html"
    return stem + "/"


@dataclass
class SiteMap:
    """Mirrored pages, all page paths and the converter settings read from mkdocs.yml."""

    site_url: str = "https://example.org/"
    wiki_pages_url: str = "https://movilab.org/wiki/"
    pages: dict[str, str | None] = field(default_factory=dict)
    admonition: str = "div"
    directory_urls: bool = True
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_title = {t: p for p, t in self.pages.items() if t}
        self._by_url = {page_url_path(p, directory_urls=self.directory_urls): p for p in self.pages}

    @classmethod
    def from_repo(
        cls, root: Path, *, config: SiteConfig | None = None, titles: dict[str, str] | None = None
    ) -> SiteMap:
        """Read mkdocs.yml and the front matter of every page under docs_dir.

        The sync has read both already (its scan of the mirrored pages gives
        `titles`, docs path → Movilab title): it passes them, so that a push does
        not read every page of the site a second time.
        """
        if config is None:
            config_file = root / "mkdocs.yml"
            if not config_file.is_file():
                raise ConfigError(f"mkdocs.yml introuvable dans {root} : lancez la commande depuis la racine du dépôt.")
            config = load_site_config(config_file)
        movilab = (config.raw.get("extra") or {}).get("movilab") or {}
        pages: dict[str, str | None] = {}
        problems: list[str] = []
        docs = config.docs_dir
        for file in sorted(docs.rglob("*.md")):
            rel = file.relative_to(docs).as_posix()
            if titles is not None:
                pages[rel] = titles.get(rel)
                continue
            title: str | None = None
            try:
                data: dict | None = frontmatter.read_file(file, path=rel)[1].data
            except frontmatter.FrontMatterError as exc:
                problems.append(f"{exc} ; la page est traitée comme non publiée.")
                data = None
            if isinstance(data, dict) and data.get("movilab"):
                title = str(data["movilab"]).strip()
            pages[rel] = title
        # Pages the build generates from the settings (contact, legal pages) are pages too:
        # a link to them from docs/ goes to the public site and comes back as a link to them.
        for rel in GENERATED_PAGES:
            pages.setdefault(rel, None)
        return cls(
            site_url=config.site_url or "https://example.org/",
            wiki_pages_url=config.movilab_pages or "https://movilab.org/wiki/",
            pages=pages,
            admonition=str(movilab.get("admonition") or "div"),
            directory_urls=bool(config.raw.get("use_directory_urls", True)),
            problems=problems,
        )

    # --- lookups -----------------------------------------------------------------------------------
    def title_for(self, path: str) -> str | None:
        return self.pages.get(path)

    def path_for_title(self, title: str) -> str | None:
        found = self._by_title.get(title)
        if found is None and title[:1].islower():  # MediaWiki capitalises the first letter
            found = self._by_title.get(title[:1].upper() + title[1:])
        return found

    def page_url(self, path: str) -> str:
        return self.site_url + page_url_path(path, directory_urls=self.directory_urls)

    def path_for_site_url(self, url: str) -> str | None:
        """A public-site URL back to the docs path it was built from (None when not a page)."""
        if not url.startswith(self.site_url):
            return None
        rest = url[len(self.site_url) :]
        if rest in self._by_url:
            return self._by_url[rest]
        return None

    def wiki_url(self, title: str) -> str:
        return self.wiki_pages_url + title_to_url(title)

    def title_for_wiki_url(self, url: str) -> str | None:
        if not url.startswith(self.wiki_pages_url):
            return None
        rest = url[len(self.wiki_pages_url) :]
        if not rest or "?" in rest or "#" in rest:
            return None
        return url_to_title(rest)


def resolve(current: str, target: str) -> str:
    """Docs-relative path of a relative link target written in page `current`."""
    base = posixpath.dirname(current)
    joined = posixpath.normpath(posixpath.join(base, target)) if target else current
    return "" if joined == "." else joined


def relative(current: str, target: str) -> str:
    """Relative link from page `current` to docs path `target` (the form authors write)."""
    base = posixpath.dirname(current) or "."
    if not target or ".." in target or ".." in base or target[0] == "/" or base[0] == "/":
        return posixpath.relpath(target, base)
    # Both inside docs/: posixpath.relpath's answer without its os.getcwd() (a system call per link,
    # a tenth of a pull's time), which cancels out when neither path climbs above its start.
    start = [part for part in base.split("/") if part and part != "."]
    parts = [part for part in target.split("/") if part and part != "."]
    same = 0
    for a, b in zip(start, parts, strict=False):
        if a != b:
            break
        same += 1
    return "/".join([".."] * (len(start) - same) + parts[same:]) or "."
