# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""An image the build cannot copy (missing, refused, SVG) never reaches the reader's browser.

Two ways it did. A wiki user writes `[[Fichier:Absent.png]]` or
`[[Fichier:Logo.svg]]` on Movilab (anyone can): the pull converts it into an
image at the wiki's Special:FilePath, the build cannot (or must not) copy it,
and `mkdocs build --strict` refused the whole site: the open wiki could stop
the network's publication. And an external image the build failed to
download kept its address in the page: the preview (`./dev site`), or the
pages a strict build wrote before refusing, made the reader's browser fetch it
from the third party's server. Played with the real parts: the local
MediaWiki, `python -m sync pull`, the real build, Chromium, and a second local
server standing for the tracker (`*.localhost` reaches it in Chromium, while
the build machine's resolver does not know the name: its download fails).
"""

from __future__ import annotations

import http.server
import os
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from playwright.sync_api import Browser

from tests.browser.conftest import serve
from tests.security.conftest import build, commit_all, make_attack_site, no_traceback, sync, visit

PIXEL = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


class _Tracker(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/gif")
        self.send_header("Content-Length", str(len(PIXEL)))
        self.end_headers()
        self.wfile.write(PIXEL)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def tracker() -> Iterator[tuple[int, list[str]]]:
    _Tracker.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Tracker)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], _Tracker.seen
    finally:
        server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("strict", [True, False], ids=["strict", "apercu"])
def test_an_image_the_build_could_not_download_is_never_fetched_by_the_reader(
    tmp_path: Path, browser: Browser, tracker: tuple[int, list[str]], strict: bool
) -> None:
    port, seen = tracker
    url = f"http://pixel.localhost:{port}/p.gif"
    site = make_attack_site(tmp_path)
    site.write(
        "boite-a-outils/pixel.md",
        "---\ntitle: Pixel\ndescription: D.\nthèmes: [a]\npublic: [tous]\nsources: [essai]\n---\n\n"
        f'Texte.\n\n![Une photo du lieu]({url})\n\n<img src="{url}?b" alt="Autre">\n\n'
        # without an extension, the privacy plugin downloads it again while rewriting the page
        f'<img src="//pixel.localhost:{port}/sans-extension" alt="Troisième">\n\n'
        # spelled otherwise than the plugin names it in its warning (it writes urlparse(src).geturl())
        f'<img src="HTTP://pixel.localhost:{port}/majuscules" alt="Quatrième">\n\n'
        f'<img src="http://pixel.localhost:{port}/question?" alt="Cinquième">\n\n'
        f'<img src="http://pixel.localhost:{port}/diese#" alt="Sixième">\n\n'
        # ": " inside the address: the plugin's warning reads "Couldn't retrieve {url}: {error}"
        f'<img src="http://pixel.localhost:{port}/deux: points" alt="Septième">\n\n'
        # a fragment, shown twice: the plugin adds it again to the address it fetches at each showing
        f"![Huitième](http://pixel.localhost:{port}/ancre.gif#x)\n\n"
        f'<img src="http://pixel.localhost:{port}/ancre.gif#x" alt="Neuvième">\n\n'
        # spaces around "=": the privacy plugin finds images by `src=` written without them
        f'<img src = "http://pixel.localhost:{port}/egal.gif" alt="Dixième">\n',
    )
    commit_all(site)
    done = build(site, strict=strict)
    no_traceback(done)
    # A member's own address stays a mistake a strict build refuses; the pages it wrote are safe anyway.
    assert done.returncode == (1 if strict else 0), done.stderr[-3000:]
    assert f"image externe « {url} » impossible à télécharger" in done.stderr
    # each said on its page and line, however the page spells it (once said on mkdocs.yml, line 1)
    for line, name in (
        (15, "sans-extension"),
        (17, "majuscules"),
        (19, "question"),
        (21, "diese"),
        (23, "deux: points"),
        (25, "ancre.gif"),
        (29, "egal.gif"),
    ):
        said = f"boite-a-outils/pixel.md, ligne {line} : image externe « http://pixel.localhost:{port}/{name} »"
        assert said in done.stderr, done.stderr[-3000:]
    assert "mkdocs.yml, ligne 1" not in done.stderr
    page = (site.root / "site" / "boite-a-outils" / "pixel" / "index.html").read_text(encoding="utf-8")
    assert "pixel.localhost" not in page
    for served in serve(site.root / "site"):
        shown = visit(browser, served.url("boite-a-outils/pixel/"))
        shown.assert_clean()
        assert "[Image indisponible : Une photo du lieu]" in _spaces(shown.text)
        assert "[Image indisponible : Autre]" in _spaces(shown.text)
        for alt in ("Troisième", "Quatrième", "Cinquième", "Sixième", "Septième", "Huitième", "Neuvième", "Dixième"):
            assert f"[Image indisponible : {alt}]" in _spaces(shown.text)
    assert seen == []


@pytest.mark.wiki
@pytest.mark.browser
def test_a_broken_or_svg_image_from_the_wiki_never_stops_publication(
    tmp_path: Path, browser: Browser, mediawiki: Any
) -> None:
    site = make_attack_site(tmp_path, wiki=mediawiki)
    title = f"Sécurité images {os.getpid()}"
    site.write("miroir/images.md", f"---\ntitle: Images\nmovilab: {title}\n---\n\nTexte initial.\n")
    commit_all(site)
    pushed = sync(site, mediawiki, "push")
    assert pushed.returncode == 0, pushed.stdout + pushed.stderr
    mediawiki.editor(1).edit(
        title,
        "Intro.\n\n[[Fichier:Absent de Movilab.png|Une photo]]\n\nMilieu.\n\n[[Fichier:Logo piégé.svg|Le logo]]\n\nFin.",
        summary="vandalisme",
    )
    pulled = sync(site, mediawiki, "pull")
    no_traceback(pulled)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    said = pulled.stdout + pulled.stderr
    # Told at pull time, in French, where: the page and the line of the SVG the site will never show.
    assert "miroir/images.md" in said and "ligne 12" in said and "Logo piégé.svg" in said, said
    # The edit is kept in git, as written on the wiki.
    committed = subprocess.run(
        ["git", "show", "HEAD:docs/miroir/images.md"], cwd=site.root, capture_output=True, text=True, check=True
    ).stdout
    assert "Absent_de_Movilab.png" in committed and "Logo_pi" in committed
    done = build(site)
    no_traceback(done)
    assert done.returncode == 0, done.stderr[-4000:]
    assert "miroir/images.md, ligne" in done.stderr and "Logo" in done.stderr
    page = (site.root / "site" / "miroir" / "images" / "index.html").read_text(encoding="utf-8")
    assert "Special:FilePath" not in page
    for served in serve(site.root / "site"):
        shown = visit(browser, served.url("miroir/images/"))
        shown.assert_clean()
        text = _spaces(shown.text)
        assert "[Image indisponible : Une photo]" in text and "[Image indisponible : Le logo]" in text
        assert "Intro." in shown.text and "Fin." in shown.text


def _spaces(text: str) -> str:
    """The text with French typography's no-break spaces (before ":") as plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_a_wiki_file_the_build_cannot_download_is_a_notice_not_a_refusal(tmp_path: Path) -> None:
    """A file deleted from Movilab (or never there) after the pull: the wiki answers 404 to the build.
    Here the wiki's name does not resolve on the build machine: the download fails the same way."""
    site = make_attack_site(tmp_path)
    config_file = site.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["extra"]["movilab"]["pages"] = "http://wiki.localhost:9/wiki/"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    url = "http://wiki.localhost:9/wiki/Special:FilePath/Supprim%C3%A9e.png"
    site.write(
        "boite-a-outils/wiki.md",
        "---\ntitle: Wiki\ndescription: D.\nthèmes: [a]\npublic: [tous]\nsources: [essai]\n---\n\n"
        f"Texte.\n\n![Une photo]({url})\n\n"
        # names MediaWiki allows, as the pull writes them (sync/convert/wikiinline.py): a no-break
        # space, a double quote, raw in the address
        f"![Insécable]({url[: url.rindex('/')]}/Insécable\u00a0ici.png)\n\n"
        f'![Guillemet]({url[: url.rindex("/")]}/Guillemet".png)\n\nFin.\n',
    )
    commit_all(site)
    done = build(site)
    no_traceback(done)
    assert done.returncode == 0, done.stderr[-3000:]
    for line, name in ((11, "Supprimée.png"), (13, "Insécable\u00a0ici.png"), (15, 'Guillemet".png')):
        said = f"boite-a-outils/wiki.md, ligne {line} : l'image « Fichier:{name} » du wiki n'est pas publiée"
        assert said in done.stderr, done.stderr[-3000:]
    assert "mkdocs.yml, ligne 1" not in done.stderr and "Couldn't" not in done.stderr
    page = (site.root / "site" / "boite-a-outils" / "wiki" / "index.html").read_text(encoding="utf-8")
    assert "wiki.localhost" not in page and page.count("[Image indisponible") == 3


@pytest.mark.browser
def test_the_printable_kit_shows_no_image_from_another_server(
    tmp_path: Path, browser: Browser, tracker: tuple[int, list[str]]
) -> None:
    """The printable kit is assembled from each kit page's HTML as kept before any image was withheld,
    downloaded or replaced, and written after the privacy plugin's last pass: it kept every external
    image's address, so the reader's browser fetched it from the other server (or from its own machine)."""
    port, seen = tracker
    site = make_attack_site(tmp_path)
    # A copy the privacy plugin already has (its cache): the image counts as downloaded.
    cached = (
        site.root / ".cache" / "plugin" / "privacy" / "assets" / "external" / f"pixel.localhost:{port}" / "copie.gif"
    )
    cached.parent.mkdir(parents=True)
    cached.write_bytes(PIXEL)
    site.write("kit-accueil/index.md", "---\ntitle: Kit\n---\n\n# Kit d'accueil\n\nBienvenue.\n")
    site.write(
        "kit-accueil/etape.md",
        "---\ntitle: Étape\ndescription: Une étape.\nordre: 1\nsources: [essai]\n---\n\n# Étape\n\nDébut.\n\n"
        f"![Copiée](http://pixel.localhost:{port}/copie.gif)\n\n"
        f"![Introuvable](http://pixel.localhost:{port}/absente.gif)\n\n"
        f'<img src="http://pixel.localhost:{port}/sans-extension" alt="Sans extension">\n\n'
        f"![Machine du lecteur](http://127.0.0.1:{port}/privee.png)\n\nFin.\n",
    )
    commit_all(site)
    done = build(site, strict=False)
    no_traceback(done)
    assert done.returncode == 0, done.stderr[-3000:]
    printable = (site.root / "site" / "kit-accueil-imprimable" / "index.html").read_text(encoding="utf-8")
    assert f"pixel.localhost:{port}/copie.gif" in printable  # the copy's path under assets/external/
    assert f"//pixel.localhost:{port}" not in printable and "127.0.0.1" not in printable
    for served in serve(site.root / "site"):
        shown = visit(
            browser,
            served.url("kit-accueil-imprimable/"),
            evaluate="() => [...document.images].filter(i => i.alt === 'Copiée').map(i => i.naturalWidth)",
        )
        shown.assert_clean()
        text = _spaces(shown.text)
        for alt in ("Introuvable", "Sans extension", "Machine du lecteur"):
            assert f"[Image indisponible : {alt}]" in text, text
        assert shown.extra == [1]  # the copy, served by the site itself
    assert seen == []


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "apercu"])
def test_the_feeds_show_no_image_from_another_server(
    tmp_path: Path, tracker: tuple[int, list[str]], strict: bool
) -> None:
    """A feed reader shows an item's description as HTML and fetches its images: the privacy plugin
    rewrites the pages only, so an image in a fiche's description, or in the first lines the feed takes
    from a page without one, reached every subscriber's reader from the third party's server. A strict
    build that refuses the pull request (here: an image it cannot download) still writes the feeds, and
    CI hands that site to the reviewers whatever the result: they were left as the plugin wrote them."""

    port, _ = tracker
    site = make_attack_site(tmp_path)
    site.write("boite-a-outils/index.md", "# Boîte à outils\n\n<!-- boite-a-outils -->\n")
    site.write(
        "boite-a-outils/pixel.md",
        "---\ntitle: Pixel\nthèmes: [a]\npublic: [tous]\nsources: [essai]\n"
        f'description: \'Un logo <img src="http://pixel.localhost:{port}/resume.gif" alt="Logo du lieu">\'\n'
        "---\n\nTexte.\n",
    )
    site.write(
        "charte/index.md",
        f"# Chartes\n\n![Bannière](http://pixel.localhost:{port}/banniere.gif) "
        f'<img src="//127.0.0.1:{port}/b.gif" alt="Deux"> <img src="/\\pixel.localhost:{port}/c.gif" alt="Trois"> '
        f'<img src=" HTTP://pixel.localhost:{port}/d.gif" alt="Quatre"> '
        '<img src="images/locale.png" alt="Locale"> Les chartes du réseau.\n',
    )
    commit_all(site)
    done = build(site, strict=strict)
    no_traceback(done)
    assert done.returncode == (1 if strict else 0), done.stderr[-3000:]
    for feed in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        raw = (site.root / "site" / feed).read_text(encoding="utf-8")
        assert "pixel.localhost" not in raw and "127.0.0.1" not in raw, raw
        items = {i.findtext("link", "").rsplit("/", 2)[-2]: i for i in ET.fromstring(raw).iter("item")}
        resume = _spaces(items["pixel"].findtext("description", ""))
        assert "Un logo" in resume and "[Image indisponible : Logo du lieu]" in resume, resume
        charte = _spaces(items["charte"].findtext("description", ""))
        for alt in ("Bannière", "Deux", "Trois", "Quatre"):
            assert f"[Image indisponible : {alt}]" in charte, charte
        assert 'src="https://example.org/communs/charte/images/locale.png"' in charte  # the site's own, in full
        assert "Les chartes du réseau" in charte


@pytest.mark.parametrize(
    ("src", "kept"),
    [
        ("images/x.png", True),
        ("/communs/assets/x.png", True),
        ("https://example.org/communs/assets/x.png", True),
        ("https://example.org/communs.evil.example/x.png", False),
        ("https://example.org.evil.example/communs/x.png", False),
        ("//example.org/communs/x.png", False),
        ("/\\evil.example/x.png", False),
        ("\\\\evil.example/x.png", False),
        ("h\ttps://evil.example/x.png", False),  # a browser drops the tab: https://
        ("data:image/gif;base64,R0lGOD", False),
        ("", False),
    ],
)
def test_a_feed_keeps_only_the_sites_own_images(src: str, kept: bool) -> None:
    from commons.external import feed_without_foreign_images

    tag = f'<img src="{src}" alt="Photo">'
    shown = feed_without_foreign_images(f"<p>Avant {tag} après</p>", "https://example.org/communs/")
    assert (tag in shown) == kept and ("[Image indisponible : Photo]" in shown) != kept, shown


def _plugin_settings(site: Any, plugin: str, **settings: Any) -> None:
    """Change one plugin's settings in the site's mkdocs.yml, as a fork would."""
    config_file = site.root / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    next(p[plugin] for p in config["plugins"] if isinstance(p, dict) and plugin in p).update(settings)
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


# The privacy plugin's settings a fork may write, an image it then leaves at its address, the image's alt
# and its address as the French problem names it ({port}: the tracker's).
NOT_COPIED = {
    # mkdocs.yml skips Mermaid's script on unpkg.com (`*` matching any path); a fork may skip more
    "assets_exclude": (
        {"assets_exclude": ["unpkg.com/mermaid@*", "pixel.localhost:{port}/exclu/*"]},
        "![Sur un serveur exclu](http://pixel.localhost:{port}/exclu/../exclu/p.gif)",
        "Sur un serveur exclu",
        "http://pixel.localhost:{port}/exclu/../exclu/p.gif",
    ),
    # the plugin matches an address as the page writes it, a space at its end included; the reader's
    # browser drops the space (the build's check once read the address without it, as one copied)
    "assets_include, espace finale": (
        {"assets_include": ["*.gif"]},
        '<img src="http://pixel.localhost:{port}/p.gif " alt="Une espace à la fin">',
        "Une espace à la fin",
        "http://pixel.localhost:{port}/p.gif",
    ),
}


@pytest.mark.browser
@pytest.mark.parametrize("strict", [True, False], ids=["strict", "apercu"])
@pytest.mark.parametrize("case", list(NOT_COPIED))
def test_an_image_at_an_address_the_privacy_plugin_skips_is_never_fetched_by_the_reader(
    tmp_path: Path, browser: Browser, tracker: tuple[int, list[str]], strict: bool, case: str
) -> None:
    """mkdocs.yml tells the privacy plugin which addresses not to copy (assets_exclude, assets_include).
    A page image there kept its address, and the reader's browser fetched it from that server. It is now
    refused like an image on a private address, on its page and line."""
    port, seen = tracker
    settings, markdown, alt, url = NOT_COPIED[case]
    site = make_attack_site(tmp_path)
    _plugin_settings(site, "privacy", **{k: [v.format(port=port) for v in vs] for k, vs in settings.items()})
    site.write(
        "boite-a-outils/exclue.md",
        "---\ntitle: Exclue\ndescription: D.\nthèmes: [a]\npublic: [tous]\nsources: [essai]\n---\n\n"
        f"Texte.\n\n{markdown.format(port=port)}\n",
    )
    commit_all(site)
    done = build(site, strict=strict)
    no_traceback(done)
    assert done.returncode == (1 if strict else 0), done.stderr[-3000:]
    said = f"boite-a-outils/exclue.md, ligne 11 : image externe « {url.format(port=port)}"
    assert said in done.stderr and "assets_exclude" in done.stderr, done.stderr[-3000:]
    page = (site.root / "site" / "boite-a-outils" / "exclue" / "index.html").read_text(encoding="utf-8")
    assert "pixel.localhost" not in page
    for served in serve(site.root / "site"):
        shown = visit(browser, served.url("boite-a-outils/exclue/"))
        shown.assert_clean()
        assert f"[Image indisponible : {alt}]" in _spaces(shown.text)
    assert seen == []


def test_the_sites_own_exclusion_of_mermaid_lets_no_page_image_through() -> None:
    """The real mkdocs.yml's pattern, unpkg.com/mermaid@*, as the privacy plugin reads it: `*` crosses `/`.
    The plugin resolves `..` before matching, not `%2e%2e`, which the reader's browser resolves: any
    package on unpkg.com is behind the pattern (the build test above shows such an image withheld)."""
    from fnmatch import fnmatch

    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text(encoding="utf-8"))
    privacy = next(p["privacy"] for p in config["plugins"] if isinstance(p, dict) and "privacy" in p)
    assert any(fnmatch("unpkg.com/mermaid@11/%2e%2e/%2e%2e/tracker@1.0.0/p.png", p) for p in privacy["assets_exclude"])


def test_a_json_feed_a_fork_turns_on_is_cleaned_like_the_rss_ones(
    tmp_path: Path, tracker: tuple[int, list[str]]
) -> None:
    """mkdocs-rss-plugin also writes JSON feeds when a fork sets json_feed_enabled: their content_html,
    made from the same descriptions, was published as the plugin wrote it (a <script>, an onerror, an
    image on another server), while only the RSS files were cleaned."""
    import json

    port, _ = tracker
    site = make_attack_site(tmp_path)
    _plugin_settings(site, "rss", json_feed_enabled=True)
    site.write(
        "charte/index.md",
        f"# Chartes\n\n![Bannière](http://pixel.localhost:{port}/banniere.gif) <img src=x onerror=alert(1)> "
        "<script>alert(2)</script> Les chartes du réseau.\n",
    )
    commit_all(site)
    done = build(site, strict=False)
    no_traceback(done)
    assert done.returncode == 0, done.stderr[-3000:]
    for name in ("feed_json_created.json", "feed_json_updated.json"):
        feed = json.loads((site.root / "site" / name).read_text(encoding="utf-8"))
        (item,) = [i for i in feed["items"] if i["url"].endswith("/charte/")]
        shown = item["content_html"]
        assert "Les chartes du réseau" in shown and "[Image indisponible : Bannière]" in _spaces(shown), shown
        assert "pixel.localhost" not in shown and "onerror" not in shown and "<script" not in shown, shown


def test_a_refused_image_is_named_at_its_own_line_not_at_a_link_to_the_same_address(tmp_path: Path) -> None:
    """The problem names the line where the page shows the image: a link to the same address written
    earlier (a credit, « source de l'image ») was named instead, and the member looked at the wrong line."""
    site = make_attack_site(tmp_path)
    site.write(
        "boite-a-outils/lien.md",
        "---\ntitle: Lien\ndescription: D.\nthèmes: [a]\npublic: [tous]\nsources: [essai]\n---\n\n"
        "Source : [la photo](http://127.0.0.1/photo.png).\n\n"
        '![La photo](http://127.0.0.1/photo.png)\n\n<a href="http://127.0.0.1/autre.png">autre</a>\n\n'
        '<img alt="Autre" src="http://127.0.0.1/autre.png">\n\n'
        # Written with character references, which the browser decodes: the address was named on line 1.
        '<img alt="Codée" src="http://127.0.0.1/&#x63;od&#101;e.png">\n\n'
        "![Codée en Markdown](http://127.0.0.1/&#x6D;d.png)\n",
    )
    commit_all(site)
    done = build(site)
    no_traceback(done)
    assert done.returncode == 1, done.stderr[-3000:]
    assert "boite-a-outils/lien.md, ligne 11 : image externe « http://127.0.0.1/photo.png » refusée" in done.stderr
    assert "boite-a-outils/lien.md, ligne 15 : image externe « http://127.0.0.1/autre.png » refusée" in done.stderr
    assert "boite-a-outils/lien.md, ligne 17 : image externe « http://127.0.0.1/codee.png » refusée" in done.stderr
    assert "boite-a-outils/lien.md, ligne 19 : image externe « http://127.0.0.1/md.png » refusée" in done.stderr
