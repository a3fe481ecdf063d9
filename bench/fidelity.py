# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Fidelity of the Markdown ↔ wikitext converter on public test material, beside pandoc (issue 11).

Usage (from the repository root): .venv/bin/python bench/fidelity.py [--corpora DIR] [--no-pandoc]
                                   [--only CORPUS] [--limit N] [--show MEASURE] [--workers N]

Reads the corpora of `shared/corpora/` (see its SOURCES.md: MediaWiki's parser tests, pandoc's
MediaWiki tests, Python-Markdown's tests, the CommonMark examples) where that folder exists — they
are not part of this repository and are never copied into it. Starts a local MediaWiki like the
tests do (ParserFunctions and Cite loaded), saves the pages the parser tests transclude, then
renders each case on the wiki and on the site's Python-Markdown and prints the table of issue 11,
with pandoc's figures measured in the same run. Figures only: nothing is asserted.

What each measure means:
- wikitext → Markdown → wikitext (no base, as a first push would): the same wikitext, or a
  wikitext the wiki renders to the same HTML; "damaged" otherwise; "refused" when the pull says so.
- pull, a paragraph added at the end of the Markdown, push with the pulled page as base: "dirty"
  when anything of the original wikitext is changed or removed (only an insertion is clean).
- the site's visible text against the wiki's (what the site shows as code, i.e. the raw wikitext
  kept for the wiki, is left aside, and so is a page template moved into the front matter).
- Markdown → wikitext: "lost" when visible text, an image, a link or a note the site shows is
  missing from the wiki's rendering (notes compared apart: the site lists them at the end, the
  wiki where <references /> is; the images the cases show are uploaded first, as `push --images`
  does, so that a linked image's `link=` shows); → Markdown again: the same HTML on the site.
- control characters in the wikitext a push would send.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools.sandbox import ADMIN_PASSWORD, ADMIN_USER, MEDIAWIKI_DIR, Sandbox  # noqa: E402
from sync.convert import ConversionError, markdown_to_wikitext, wikitext_to_markdown  # noqa: E402
from sync.convert.frontmatter import split_page  # noqa: E402
from sync.convert.htmlview import Seen, read_html  # noqa: E402
from sync.sitemap import SiteMap  # noqa: E402
from tests.convert.render_compare import mediawiki_chrome  # noqa: E402
from tests.convert.support import normalise_html, site_extensions  # noqa: E402

WIKI_CORPORA = ("mw-parsertests", "mw-topics", "pandoc-wiki")
MD_CORPORA = ("pymarkdown", "commonmark")
PATH = "boite-a-outils/cas.md"
ADDED = "Un paragraphe ajouté localement."
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SITE = SiteMap(
    site_url="https://example.org/communs/",
    wiki_pages_url="https://movilab.org/wiki/",
    pages={PATH: None, "index.md": None},
)


def find_corpora(explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit if explicit.is_dir() else None
    for parent in [ROOT, *ROOT.parents]:
        candidate = parent / "shared" / "corpora"
        if candidate.is_dir():
            return candidate
    return None


def read_cases(folder: Path) -> list[dict[str, str]]:
    with (folder / "cases.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# -- rendering ------------------------------------------------------------------------------------
# One PHP process renders a batch of cases with the wiki's own parser and settings (those of the
# sandbox's LocalSettings.php), as MediaWiki's parserTests.php does: one API request per case would
# take an hour on this machine.
_BATCH_PARSE = r"""<?php
require_once getenv( 'MW_INSTALL_PATH' ) . '/maintenance/Maintenance.php';

class BatchParse extends Maintenance {
	public function execute() {
		$services = MediaWiki\MediaWikiServices::getInstance();
		$title = Title::newFromText( 'Cas' );
		$opts = ParserOptions::newFromAnon();
		$opts->setTimestamp( '20260101120000' ); // {{LOCALTIME}} the same in every rendering
		$out = [];
		foreach ( json_decode( stream_get_contents( STDIN ), true ) as $text ) {
			$output = $services->getParserFactory()->create()->parse( $text, $title, $opts, true, true );
			$out[] = $output->getText( [ 'enableSectionEditLinks' => false ] );
		}
		echo json_encode( $out );
	}
}
$maintClass = BatchParse::class;
require_once RUN_MAINTENANCE_IF_MAIN;
"""


class Wiki:
    """The local MediaWiki's renderer, with a cache (the original of a case is rendered once)."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.cache: dict[str, str] = {}
        self.count = 0
        self.script = sandbox.workdir / "batchparse.php"
        self.script.write_text(_BATCH_PARSE, encoding="utf-8")

    def render_all(self, texts: Iterable[str], chunk: int = 150) -> None:
        todo = sorted({t.rstrip() for t in texts} - set(self.cache))
        for start in range(0, len(todo), chunk):
            part = todo[start : start + chunk]
            for text, out in zip(part, self._batch(part), strict=True):
                self.cache[text] = out
            self.count += len(part)

    def _batch(self, texts: list[str]) -> list[str]:
        env = {
            **os.environ,
            "MW_INSTALL_PATH": str(MEDIAWIKI_DIR),
            "MW_CONFIG_FILE": str(self.sandbox.workdir / "LocalSettings.php"),
        }
        result = subprocess.run(
            ["php", str(self.script), "--conf", str(self.sandbox.workdir / "LocalSettings.php")],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            env=env,
            cwd=MEDIAWIKI_DIR,
            timeout=600,
            check=False,
        )
        try:
            out = json.loads(result.stdout[result.stdout.index("[") :])
            if isinstance(out, list) and len(out) == len(texts):
                return [str(o) for o in out]
        except ValueError:
            pass
        if len(texts) == 1:  # this case alone breaks the parser: the API shows what a reader gets
            try:
                return [self.sandbox.parse(texts[0], title="Cas")]
            except Exception as exc:
                return [f"<p>erreur de rendu : {exc}</p>"]
        half = len(texts) // 2
        return self._batch(texts[:half]) + self._batch(texts[half:])

    def render(self, wikitext: str) -> str:
        key = wikitext.rstrip()
        if key not in self.cache:
            self.render_all([key])
        return self.cache[key]

    def same(self, a: str, b: str) -> bool:
        return a.rstrip() == b.rstrip() or normalise_wiki(self.render(a)) == normalise_wiki(self.render(b))


def normalise_wiki(source: str) -> str:
    """MediaWiki's HTML without what no reader sees (whitespace, note ids, the parser's comments)."""
    source = re.sub(r"<!--.*?-->", "", source, flags=re.S)
    source = re.sub(r'"(#?)cite_(note|ref)-[^"]*"', r'"\1cite_\2"', source)
    source = re.sub(r"&#(\d+);", _char_reference, source)  # `&#39;` and `'` show the same
    source = re.sub(r"\s+", " ", source)
    source = re.sub(r">\s+<", "><", source)
    source = re.sub(r"<(p|li|dd|dt|td|th)> ", r"<\1>", source)  # spaces opening a block are not shown
    source = re.sub(r" </(p|li|dd|dt|td|th)>", r"</\1>", source)
    return source.strip()


def _char_reference(m: re.Match[str]) -> str:
    code = int(m.group(1))
    return chr(code) if 32 <= code < 0x110000 and chr(code) not in '<>&"' else m.group(0)


def _link_target(href: str) -> str:
    from urllib.parse import unquote, urljoin

    from sync.sitemap import resolve

    href = unquote(href)
    if href.startswith("/") and not href.startswith("//") and not href.startswith(("/wiki/", "/index.php")):
        href = urljoin(SITE.site_url, href)  # as a browser resolves it on the site
    elif href and not href.startswith(("#", "/")) and "://" not in href and not href.startswith("mailto:"):
        page, _, anchor = href.partition("#")
        page, mark, query = page.partition("?")  # a query stays on the page's address, as a browser keeps it
        target = resolve(PATH, page)
        href = (SITE.page_url(target) if target.endswith(".md") else SITE.site_url + target) + mark + query
        href += f"#{anchor}" if anchor else ""
    for prefix in ("https://movilab.org/wiki/", "/wiki/", "/index.php?title="):
        if href.startswith(prefix):
            return "wiki:" + href[len(prefix) :].split("&")[0].replace("_", " ")
    return href


def read_site(source: str, *, notes_apart: bool = False) -> Seen:
    """`notes_apart`: the footnotes' text in `notes` (the site lists them at the end of the page, the
    wiki where <references /> is), compared apart from the page's text."""

    def skip(tag: str, a: dict[str, str]) -> bool:
        classes = a.get("class", "").split()
        return (
            "headerlink" in classes
            or "footnote-backref" in classes
            or "toc" in classes  # the table of contents, set aside on the wiki too
            or (tag == "sup" and "fnref" in a.get("id", ""))
        )

    def raw(tag: str, a: dict[str, str]) -> bool:
        classes = a.get("class", "").split()
        return "wikitext" in classes or "language-wikitext" in classes

    def apart(tag: str, a: dict[str, str]) -> bool:
        # The site's notes: the wiki lists them with the notes of the code kept for it (`<ref>` in a
        # ```wikitext block), which the site shows in that code: they may come in between.
        return tag == "div" and "footnote" in a.get("class", "").split()

    def notes(tag: str, a: dict[str, str]) -> bool:
        return notes_apart and tag == "div" and "footnote" in a.get("class", "").split()

    return read_html(source, skip=skip, note_block=notes, link_target=_target, raw=raw, apart=apart)


def read_wiki(source: str, *, notes_apart: bool = False) -> Seen:
    def notes(tag: str, a: dict[str, str]) -> bool:
        return notes_apart and tag == "ol" and "references" in a.get("class", "").split()

    return read_html(source, skip=mediawiki_chrome, note_block=notes, link_target=_target)


def _target(a: dict[str, str]) -> str | None:
    return _link_target(a["href"]) if a.get("href") else None


def _shown(seen: Seen) -> str:
    """The visible text of a page (its notes too, unless read apart), code kept for the wiki aside."""
    return " ".join(c for c in seen.chunks if c)


def visible_text_agrees(site: Seen, wiki: Seen) -> bool:
    """Every piece of text the site shows outside kept wikitext appears, in order, in the wiki's text."""
    text = _squash(_shown(wiki))
    pos = 0
    for chunk in site.chunks:
        chunk = _squash(chunk)
        if not chunk:
            continue
        at = text.find(chunk, pos)
        if at < 0:
            return False
        pos = at + len(chunk)
    return True


def _squash(text: str) -> str:
    """Spaces and the marks footnotes add on either side do not count."""
    return re.sub(r"[\s↩︎]+", "", text)


def lost_on_wiki(site: Seen, wiki: Seen) -> list[str]:
    """What the site shows that the wiki does not: words of text, images, links, notes."""
    lost: list[str] = []
    site_words = _squash_words(_shown(site) + " " + " ".join(site.notes))
    wiki_words = _squash_words(_shown(wiki) + " " + " ".join(wiki.notes))
    matcher = difflib.SequenceMatcher(None, site_words, wiki_words, autojunk=False)
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            lost.append("texte : " + " ".join(site_words[i1:i2])[:60])
    missing_images = Counter(map(_ucfirst, site.images)) - Counter(map(_ucfirst, wiki.images))
    lost.extend(f"image : {name}" for name in missing_images)
    wiki_links = Counter(target for target, _text in wiki.links)
    for link in (target for target, _text in site.links):
        if wiki_links[link] > 0:
            wiki_links[link] -= 1
        elif not link.startswith("#"):
            lost.append(f"lien : {link}")
    return lost


def _ucfirst(name: str) -> str:
    return name[:1].upper() + name[1:]  # MediaWiki's file names start with a capital


def _squash_words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", re.sub(r"[↩︎]", "", text)) if w]


# -- pandoc ---------------------------------------------------------------------------------------
# pandoc reads and writes every case in one process (a Lua filter calling pandoc.read/pandoc.write,
# the same readers and writers as its command line): a subprocess per case would take longer than
# everything else together.
_PANDOC_SEP = "\n@@@CAS-SUIVANT@@@\n"
_PANDOC_FAILED = "@@@ECHEC@@@"
_PANDOC_LUA = """
local sep = "\\n@@@CAS-SUIVANT@@@\\n"
function Pandoc(doc)
  local f = io.open(os.getenv("FIDELITE_CAS"), "r"); local all = f:read("a"); f:close()
  local out, start = {}, 1
  while true do
    local s, e = string.find(all, sep, start, true)
    local chunk = s and string.sub(all, start, s - 1) or string.sub(all, start)
    local ok, res = pcall(function()
      local md = pandoc.write(pandoc.read(chunk, "mediawiki"), "markdown")
      return pandoc.write(pandoc.read(md, "markdown"), "mediawiki")
    end)
    table.insert(out, ok and res or "@@@ECHEC@@@")
    if not s then break end
    start = e + 1
  end
  local g = io.open(os.getenv("FIDELITE_SORTIE"), "w"); g:write(table.concat(out, sep)); g:close()
  return doc
end
"""


def pandoc_round_trips(pandoc: str, texts: list[str], workdir: Path) -> list[str | None]:
    """wikitext → Markdown → wikitext by pandoc for each text (None when pandoc fails on it)."""
    if any(_PANDOC_SEP.strip() in t for t in texts):
        raise ValueError("separator found in a case")
    lua, cases, out = workdir / "aller-retour.lua", workdir / "cas.txt", workdir / "sortie.txt"
    lua.write_text(_PANDOC_LUA, encoding="utf-8")
    cases.write_text(_PANDOC_SEP.join(texts), encoding="utf-8")
    env = {**os.environ, "FIDELITE_CAS": str(cases), "FIDELITE_SORTIE": str(out)}
    subprocess.run(
        [pandoc, "-f", "markdown", "-t", "plain", "--lua-filter", str(lua)],
        input="x",
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=1800,
    )
    results = out.read_text(encoding="utf-8").split(_PANDOC_SEP)
    return [None if r == _PANDOC_FAILED else r for r in results]


# -- measures -------------------------------------------------------------------------------------
@dataclass
class Tally:
    total: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, measure: str, name: str) -> None:
        self.counts[measure] += 1
        self.examples.setdefault(measure, []).append(name)


@dataclass
class WikiCase:
    name: str
    text: str
    md: str | None = None  # None: the pull refused it
    back: str | None = None  # None: the push of the pulled Markdown refused it
    added: str | None = None
    shown: str = ""  # what the wiki shows of the body (without a page template moved to the front matter)
    pandoc: str | None = None

    def renders(self) -> list[str]:
        texts = [self.text, self.back, self.shown, self.pandoc, self.added]
        if self.added:  # what the wiki shows when the paragraph is typed at the end of the page
            texts += [self.text.rstrip() + sep + ADDED for sep in ("\n\n", "\n")]
        return [t for t in texts if t is not None]


def convert_wikitext(name: str, text: str) -> WikiCase:
    case = WikiCase(name, text)
    try:
        case.md = wikitext_to_markdown(text, title="Cas", site=SITE, path=PATH)
    except ConversionError:
        return case
    case.shown = _without_page_template(text) if _has_page_template(case.md) else text
    try:
        case.back = markdown_to_wikitext(case.md, path=PATH, site=SITE)
    except ConversionError:
        return case
    try:
        case.added = markdown_to_wikitext(case.md.rstrip("\n") + "\n\n" + ADDED + "\n", path=PATH, site=SITE, base=text)
    except ConversionError:
        case.added = ""
    return case


def judge_wikitext(case: WikiCase, wiki: Wiki, ours: Tally, theirs: Tally | None) -> None:
    name, text = case.name, case.text
    ours.total += 1
    if case.md is None:
        ours.add("refused", name)
    elif case.back is None:
        ours.add("damaged", name)  # the pull wrote Markdown that its own push refuses
    else:
        if CONTROL.search(case.back):
            ours.add("control", name)
        ours.add("same" if wiki.same(text, case.back) else "damaged", name)
        if not case.added or not _only_inserted(text, case.added) or not _one_more_paragraph(wiki, text, case.added):
            ours.add("dirty", name)
    if case.md is not None:
        body = split_page(case.md, path=PATH).body
        if not visible_text_agrees(read_site(render_html(body)), read_wiki(wiki.render(case.shown))):
            ours.add("text", name)
    if theirs is not None:
        theirs.total += 1
        if case.pandoc is None:
            theirs.add("refused", name)
        else:
            theirs.add("same" if wiki.same(text, case.pandoc) else "damaged", name)


def _has_page_template(md: str) -> bool:
    wiki = split_page(md, path=PATH).data.get("wiki") or {}
    return bool(isinstance(wiki, dict) and wiki.get("modele"))


def _without_page_template(text: str) -> str:
    import mwparserfromhell

    code = mwparserfromhell.parse(text)
    for node in code.nodes:
        if isinstance(node, mwparserfromhell.nodes.Template):
            code.remove(node)
            break
        if str(node).strip():
            break
    return str(code)


def _one_more_paragraph(wiki: Wiki, text: str, added: str) -> bool:
    """The wiki shows the page as before plus the added paragraph: as a paragraph of its own, or as
    the wiki itself shows that paragraph typed at the end of the page (after a blank line or not)."""
    shown = normalise_wiki(wiki.render(added))
    paragraph = f"<p>{ADDED}</p>"
    if paragraph in shown and shown.replace(paragraph, "", 1) == normalise_wiki(wiki.render(text)):
        return True
    return any(wiki.same(added, text.rstrip() + sep + ADDED) for sep in ("\n\n", "\n"))


def _only_inserted(before: str, after: str) -> bool:
    a = [line.rstrip() for line in before.rstrip().splitlines()]  # MediaWiki trims line ends on save
    b = [line.rstrip() for line in after.rstrip().splitlines()]
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return all(tag in ("equal", "insert") for tag, *_ in ops)


@dataclass
class MdCase:
    name: str
    text: str
    wikitext: str | None = None  # None: refused
    back: str | None = None
    lost: list[str] = field(default_factory=list)  # what the wiki does not show (for --dump)


def convert_markdown(name: str, text: str) -> MdCase:
    case = MdCase(name, "---\n---\n" + text)
    try:
        case.wikitext = markdown_to_wikitext(case.text, path=PATH, site=SITE)
        case.back = wikitext_to_markdown(case.wikitext, title="Cas", site=SITE, path=PATH)
    except ConversionError:
        pass
    return case


def judge_markdown(case: MdCase, wiki: Wiki, ours: Tally) -> None:
    ours.total += 1
    if case.wikitext is None:
        ours.add("refused", case.name)
        return
    if CONTROL.search(case.wikitext):
        ours.add("control", case.name)
    site_html = render_html(split_page(case.text, path=PATH).body)
    case.lost = lost_on_wiki(
        read_site(site_html, notes_apart=True), read_wiki(wiki.render(case.wikitext), notes_apart=True)
    )
    if case.lost:
        ours.add("lost", case.name)
    if case.back is None:
        ours.add("back-refused", case.name)
    elif _normalise_site(render_html(split_page(case.back, path=PATH).body)) == _normalise_site(site_html):
        ours.add("same", case.name)


def _normalise_site(source: str) -> str:
    return normalise_html(source)


_LOCAL = threading.local()


def render_html(body: str) -> str:
    """The site's Python-Markdown (mkdocs.yml's extensions), one instance per thread."""
    md = getattr(_LOCAL, "md", None)
    if md is None:
        import markdown

        names, configs = site_extensions()
        # without Pygments, a ```wikitext block keeps its language class: the text measure sets it apart
        names = [*names, "pymdownx.highlight"]
        configs = {**configs, "pymdownx.highlight": {"use_pygments": False}}
        md = _LOCAL.md = markdown.Markdown(extensions=names, extension_configs=configs)
    return str(md.reset().convert(body))


# -- main -----------------------------------------------------------------------------------------
def pct(n: int, total: int) -> str:
    return f"{n} ({100 * n / total:.1f} %)" if total else "–"


def main() -> int:
    parser = argparse.ArgumentParser(description="Fidélité du convertisseur sur les corpus publics (issue 11).")
    parser.add_argument("--corpora", type=Path, default=None, help="dossier des corpus (par défaut : shared/corpora)")
    parser.add_argument("--no-pandoc", action="store_true", help="ne pas mesurer pandoc")
    parser.add_argument("--only", action="append", default=None, help="un corpus seulement (répétable)")
    parser.add_argument("--limit", type=int, default=0, help="au plus N cas par corpus")
    parser.add_argument("--show", action="append", default=[], help="lister les cas d'une mesure (ex. damaged)")
    parser.add_argument(
        "--dump",
        type=Path,
        default=None,
        help="écrire les cas en échec (JSON par ligne : mesure, textes) dans ce fichier",
    )
    args = parser.parse_args()
    corpora = find_corpora(args.corpora)
    if corpora is None:
        print("Corpus absents (dossier shared/corpora introuvable) : rien à mesurer.")
        return 0
    pandoc = None if args.no_pandoc else shutil.which("pandoc")
    started = time.monotonic()
    wiki_cases: list[WikiCase] = []
    md_cases: list[MdCase] = []
    for corpus in args.only or [*WIKI_CORPORA, *MD_CORPORA]:
        if not (corpora / corpus / "cases.jsonl").exists():
            print(f"corpus {corpus} absent")
            continue
        cases = read_cases(corpora / corpus)[: args.limit or None]
        if corpus in WIKI_CORPORA:
            wiki_cases.extend(convert_wikitext(f"{corpus}: {c['name']}", c["text"]) for c in cases)
        else:
            md_cases.extend(convert_markdown(f"{corpus}: {c['name']}", c["text"]) for c in cases)
    converted = time.monotonic() - started
    workdir = Path(tempfile.mkdtemp(prefix="fidelite-"))
    sandbox = Sandbox(workdir=workdir, seed=False)
    try:
        if pandoc is not None:
            for case, back in zip(
                wiki_cases, pandoc_round_trips(pandoc, [c.text for c in wiki_cases], workdir), strict=True
            ):
                case.pandoc = back
        sandbox.start()
        _save_articles(sandbox, corpora / "wiki-articles.jsonl")
        _upload_images(
            sandbox, [c.wikitext for c in md_cases if c.wikitext], [c.text for c in wiki_cases], workdir / "fichiers"
        )
        wiki = Wiki(sandbox)
        wiki.render_all([t for c in wiki_cases for t in c.renders()] + [c.wikitext for c in md_cases if c.wikitext])
        wiki_ours, wiki_pandoc, md_ours = Tally(), Tally(), Tally()
        for case in wiki_cases:
            judge_wikitext(case, wiki, wiki_ours, wiki_pandoc if pandoc else None)
        for md_case in md_cases:
            judge_markdown(md_case, wiki, md_ours)
        report(wiki_ours, wiki_pandoc, md_ours, pandoc is not None)
        if args.dump is not None:
            dump_failures(args.dump, wiki_ours, md_ours, wiki_cases, md_cases)
        for measure in args.show:
            for tally in (wiki_ours, md_ours):
                for name in tally.examples.get(measure, []):
                    print(f"  [{measure}] {name}")
        print(
            f"{len(wiki_cases)} cas de wikitexte, {len(md_cases)} cas de Markdown ; conversions en {converted:.1f} s ; "
            f"{wiki.count} rendus MediaWiki ; {time.monotonic() - started:.0f} s en tout ; "
            f"charge de la machine : {os.getloadavg()[0]:.1f}"
        )
    finally:
        sandbox.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def dump_failures(
    path: Path, wiki_ours: Tally, md_ours: Tally, wiki_cases: list[WikiCase], md_cases: list[MdCase]
) -> None:
    """Every failing case with its texts at each step, to study a class of failures without a rerun."""
    by_name = {c.name: c.__dict__ for c in wiki_cases} | {c.name: c.__dict__ for c in md_cases}
    with path.open("w", encoding="utf-8") as handle:
        for tally in (wiki_ours, md_ours):
            for measure, names in tally.examples.items():
                if measure == "same":
                    continue
                for name in names:
                    handle.write(json.dumps({"measure": measure, **by_name[name]}, ensure_ascii=False) + "\n")


def _save_articles(sandbox: Sandbox, path: Path) -> None:
    """The pages the parser tests transclude (Template:…), saved logged in (no edit rate limit)."""
    if not path.exists():
        return
    session = sandbox.session(ADMIN_USER, ADMIN_PASSWORD)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                article = json.loads(line)
                try:
                    session.edit(article["title"], article["text"] or "<!-- -->", summary="article des tests")
                except RuntimeError as exc:
                    print(f"article non enregistré : {article['title']} ({exc})")


# Files of MediaWiki's own assets, by extension: a file the Markdown cases show is uploaded under its
# name, so that the wiki shows it (and its `link=`) as on Movilab once `push --images` has run.
_SAMPLE_FILES = {
    ".png": MEDIAWIKI_DIR / "resources" / "assets" / "wiki.png",
    ".jpg": MEDIAWIKI_DIR / "skins" / "MonoBook" / "resources" / "images" / "headbg.jpg",
}
_SAMPLE_FILES[".jpeg"] = _SAMPLE_FILES[".jpg"]


def _upload_images(sandbox: Sandbox, wikitexts: list[str], wiki_cases: list[str], folder: Path) -> None:
    """Only names the wikitext cases do not use: their renderings stay those of files not uploaded."""
    names = {n.strip() for w in wikitexts for n in re.findall(r"\[\[Fichier:([^|\]\n/]+)", w)}
    used = "\n".join(wiki_cases).lower()
    names = {n for n in names if n.lower() not in used and n.replace(" ", "_").lower() not in used}
    folder.mkdir(exist_ok=True)
    for name in names:
        sample = _SAMPLE_FILES.get(Path(name).suffix.lower())
        if sample is not None and sample.exists():
            shutil.copyfile(sample, folder / name)
    if any(folder.iterdir()):
        sandbox._php("maintenance/importImages.php", f"--conf={sandbox.workdir / 'LocalSettings.php'}", str(folder))


def report(wiki_ours: Tally, wiki_pandoc: Tally, md_ours: Tally, with_pandoc: bool) -> None:
    n, p = wiki_ours.total, wiki_pandoc.total
    c, q = wiki_ours.counts, wiki_pandoc.counts
    rows = [
        (
            "wikitexte → Markdown → wikitexte, même rendu sur le wiki",
            pct(c["same"], n),
            pct(q["same"], p) if with_pandoc else "–",
        ),
        ("… rendu abîmé", pct(c["damaged"], n), pct(q["damaged"], p) if with_pandoc else "–"),
        ("… refusé (message)", pct(c["refused"], n), pct(q["refused"], p) if with_pandoc else "–"),
        ("récupéré, un paragraphe ajouté, renvoyé avec la base : autre chose modifié", pct(c["dirty"], n), "–"),
        ("texte visible du site différent de celui du wiki (code à part)", pct(c["text"], n), "–"),
        (
            "Markdown → wikitexte → Markdown, même HTML sur le site",
            f"{pct(md_ours.counts['same'], md_ours.total)}, {md_ours.counts['refused']} refusés",
            "–",
        ),
        (
            "Markdown → wikitexte : texte, image, lien ou note perdu sur le wiki",
            pct(md_ours.counts["lost"], md_ours.total),
            "–",
        ),
        ("caractères de contrôle dans le wikitexte envoyé", str(c["control"] + md_ours.counts["control"]), "–"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'mesure':<{width}} | {'projet':<24} | pandoc")
    print(f"{'-' * width}-|-{'-' * 24}-|-------")
    for label, ours, theirs in rows:
        print(f"{label:<{width}} | {ours:<24} | {theirs}")


if __name__ == "__main__":
    sys.exit(main())
