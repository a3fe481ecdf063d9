# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""pull --images writes files the wiki serves into docs/: only what the site's build publishes (a PNG,
JPEG, GIF or WebP image that is what its name says) is written. A file whose type the site never
publishes (an SVG) stays a wiki link, shown as a placeholder (tests/sync/test_images.py). Anything else
(a page of HTML under an image's name, a file the build refuses by its name, a download cut short or
from elsewhere) leaves the page as git has it, with the wiki's edit on the wiki and the reason said.

A real MediaWiki checks uploads: the proxy answers the file's description and its download instead."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.sync.conftest import make_repo, page, unique_title
from tests.sync.test_images import png

pytestmark = pytest.mark.wiki

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32

# name suffix, bytes served, sha1 the wiki gives (None: that of the bytes), address (None: the proxy's;
# "redirect": the proxy's, which answers with a redirection elsewhere)
CASES = {
    "HTML sous un nom .png": (".png", HTML, None, None),
    "JPEG sous un nom .png": (".png", JPEG, None, None),
    "nom refusé par le site": ("'piege.png", png((1, 2, 3)), None, None),
    "téléchargement tronqué": (".png", png((1, 2, 3))[:20], hashlib.sha1(png((1, 2, 3))).hexdigest(), None),
    "adresse file://": (".png", b"", None, "file:///etc/passwd"),
    "adresse sans hôte": (".png", b"", None, "http:///x.png"),
    "redirection": (".png", b"", None, "redirect"),
    "adresse IPv6 mal fermée": (".png", b"", None, "http://[127.0.0.1/x.png"),
    "adresse qu'Unicode réécrit": (".png", b"", None, "http://127.0.0.1\uff03@evil.example/x.png"),
    "image de plus de 20 Mo": (".png", png((1, 2, 3)) + b"\0" * 20_000_001, None, None),
}


def _serving(name: str, served: bytes, sha1: str | None, url: str, *, redirect: str = ""):
    """The proxy's answers: the file's description naming `url`, and its download at /fichiers/ (or a
    redirection to `redirect`)."""

    def fault(seen: str):
        if "prop=imageinfo" in seen:
            info = {"sha1": sha1 or hashlib.sha1(served).hexdigest(), "url": url}
            answer = {
                "batchcomplete": True,
                "query": {"pages": [{"ns": 6, "title": f"Fichier:{name}", "imageinfo": [info]}]},
            }
            return 200, {"Content-Type": "application/json"}, json.dumps(answer).encode()
        if seen.startswith("/fichiers/") and redirect:
            return 302, {"Location": redirect}, b""
        if seen.startswith("/fichiers/"):
            return 200, {"Content-Type": "image/png"}, served
        return None

    return fault


@pytest.fixture
def proxied(tmp_path, mediawiki, proxy):
    return make_repo(tmp_path / "site", proxy.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)


@pytest.mark.parametrize("case", list(CASES))
def test_pull_images_writes_nothing_the_site_would_refuse(proxied, proxy, mediawiki, case):
    suffix, served, sha1, address = CASES[case]
    title = unique_title("Fiche à l'image piégée")
    name = f"Image-{title.split()[-1]}{suffix}"
    proxied.write("fiche.md", page(title, "Premier paragraphe."))
    proxied.commit()
    assert proxied.run("push").code == 0
    head = proxied.git("rev-parse", "HEAD")
    mediawiki.editor(1).edit(title, f"Premier paragraphe.\n\n[[Fichier:{name}|Une image]]\n", "image ajoutée")
    url = f"{proxy.url}/fichiers/{name}" if address in (None, "redirect") else address

    metadata = "http://169.254.169.254/latest/meta-data/"
    proxy.fault = _serving(name, served, sha1, url, redirect=metadata if address == "redirect" else "")
    result = proxied.run("pull", "--images")
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    assert name in result.text and title in result.text
    assert "MOVILAB_API" not in result.text  # an image's address is not the API's
    assert "reste sur Movilab" in result.text  # the wiki's edit is not lost: it is said to wait there
    assert proxied.git("rev-parse", "HEAD") == head and proxied.git("status", "--porcelain") == ""
    assert not (proxied.path / "docs" / "images").exists()
    proxy.fault = None
    # Without --images, the page's text comes in, its image shown from the wiki.
    pulled = proxied.run("pull")
    assert pulled.code == 0, pulled.text
    assert "Special:FilePath" in proxied.read("fiche.md")


def test_an_image_kept_on_the_wiki_because_docs_has_another_file_of_its_name_is_said(site, mediawiki):
    """pull --images keeps the wiki's link when docs/ holds a different file of the image's name (never
    written over): the page came in, the image did not, and nothing said so."""
    first, second = unique_title("Fiche au logo"), unique_title("Fiche voisine")
    name = f"Logo-{first.split()[-1]}.png"
    site.write("premiere.md", page(first, f"![Logo](images/{name})"))
    site.write("voisine.md", page(second, "Sans image."))
    (site.path / "docs" / "images").mkdir()
    (site.path / "docs" / "images" / name).write_bytes(png((9, 9, 200)))
    site.commit()
    assert site.run("push", "--images").code == 0
    (site.path / "docs" / "images" / name).write_bytes(png((9, 200, 9)))  # redrawn in git, not sent yet
    site.commit()
    mediawiki.editor(1).edit(second, f"Sans image.\n\n[[Fichier:{name}|Le logo]]\n", "image ajoutée")
    pulled = site.run("pull", "--images", "docs/voisine.md")
    assert pulled.code == 0, pulled.text
    assert "Special:FilePath" in site.read("voisine.md")
    assert (site.path / "docs" / "images" / name).read_bytes() == png((9, 200, 9))  # never written over
    assert name in pulled.out and f"docs/images/{name}" in pulled.out, pulled.text


# An answer naming another host than the wiki's: the listener stands for it (another port of this
# machine, as an internal service or a cloud's metadata address would be). None: the listener's own
# address; otherwise the address given, whose host must not be asked either.
ELSEWHERE = {
    "autre port de la machine": None,
    "métadonnées du nuage": "http://169.254.169.254/latest/meta-data/{name}",
    "identifiants dans l'adresse": "{wiki}/fichiers/{name}",
}


@pytest.mark.parametrize("case", list(ELSEWHERE))
def test_pull_images_downloads_only_from_the_wiki_itself(proxied, proxy, mediawiki, listener, case):
    """The address of a file comes from the wiki's answer, which is hostile input: pull --images fetched
    whatever it named, from the coordinator's machine (an internal service, a cloud's metadata). Only
    the wiki's own addresses are asked; any other is refused before a request, the page left as git has it."""
    title = unique_title("Fiche à l'image d'ailleurs")
    name = f"Ailleurs-{title.split()[-1]}.png"
    served = png((4, 5, 6))
    listener.answer = (200, {"Content-Type": "image/png"}, served)
    proxied.write("fiche.md", page(title, "Premier paragraphe."))
    proxied.commit()
    assert proxied.run("push").code == 0
    head = proxied.git("rev-parse", "HEAD")
    mediawiki.editor(1).edit(title, f"Premier paragraphe.\n\n[[Fichier:{name}|Une image]]\n", "image ajoutée")
    wiki = proxy.url.replace("://", "://bot:secret@")
    url = (ELSEWHERE[case] or f"{listener.url}/{{name}}").format(name=name, wiki=wiki)

    proxy.fault = _serving(name, served, None, url)
    result = proxied.run("pull", "--images")
    assert result.code == 1, result.text
    assert "Traceback" not in result.text and name in result.text
    said = "sans nom ni mot de passe" if case == "identifiants dans l'adresse" else "n'est pas une adresse du wiki"
    assert said in result.text and "reste sur Movilab" in result.text, result.text
    assert listener.received == [] and not any(s.startswith("/fichiers/") for s in proxy.requests)
    assert proxied.git("rev-parse", "HEAD") == head and proxied.git("status", "--porcelain") == ""
    assert not (proxied.path / "docs" / "images").exists()


def test_only_the_wikis_own_origin_passes_however_an_address_is_spelled():
    """What `_address_refusal` lets through, spelling by spelling (the pull test above plays it for real)."""
    from sync.images import _address_refusal

    wiki = ("https://movilab.org/api.php", "https://movilab.org/wiki/")
    for same in (
        "https://movilab.org/images/a/ab/A.png",
        "HTTPS://MoviLab.org:443/images/A.png",
        "https://movilab.org./A.png",
        "https://movilab.org:/A.png",
    ):
        assert _address_refusal(same, wiki) == "", same
    for other in (
        "http://movilab.org/images/A.png",  # http for an https wiki
        "https://movilab.org:8443/A.png",
        "https://movilab.org.evil.example/A.png",
        "https://user:pw@movilab.org/A.png",
        "https://evil.example\\@movilab.org/A.png",
        "https://movilab.org\\.evil.example/A.png",
        " https://movilab.org/A.png",
        "https://movi\tlab.org/A.png",
        "https://movilab.org:99999/A.png",
        "https://[::1]/A.png",
        "https://2130706433/A.png",
        "https://xn--movilab-9ya.org/A.png",
        "//movilab.org/A.png",
        "https://movilab.org../A.png",
        "https://movilab%2Eorg/A.png",
        "https://movilab.org%2F@evil.example/A.png",
        "https://[movilab.org/A.png",  # urllib raises on these two: a refusal, never a traceback
        "https://movilab.org\uff03@evil.example/A.png",
        "https://mövilab.org/A.png",
        "https://movilab.org:0/A.png",
        "https://movi\u200blab.org/A.png",  # a zero-width space: not printed, so never read as the wiki's name
        "https://movilab.org/A\u2028.png",
        "https://movilab.org/A\x7f.png",
    ):
        assert _address_refusal(other, wiki), other


def test_movilab_files_and_the_wikis_answers_are_read_by_one_rule():
    """A server MOVILAB_FILES may name is exactly an address the wiki may give for its files, and every
    wrong entry is named at once (the coordinator fixes the variable once)."""
    from sync.errors import ConfigError
    from sync.images import _address_refusal
    from sync.settings import _file_servers

    spellings = [
        "https://upload.example.org",
        "HTTP://Fichiers.Example:8080/base/",
        "https://user:pw@upload.example.org",
        "https://upload.example.org:0",
        "https://up\u200bload.example.org",
        "https://upload.example.org\\x",
        "ftp://upload.example.org",
        "https://[upload.example.org",
        "https://upload.example.org:99999",
    ]
    for server in spellings:
        try:
            accepted = _file_servers(server) == (server,)
        except ConfigError:
            accepted = False
        assert accepted == (_address_refusal(server + "/A.png", ("https://movilab.org/api.php", server)) == ""), server
    with pytest.raises(ConfigError) as refused:
        _file_servers("https://ok.example ftp://a.example https://b:pw@c.example")
    message = str(refused.value)
    assert "« ftp://a.example », « https://b:pw@c.example » ne sont pas des adresses" in message
    assert "ok.example" not in message and "MOVILAB_FILES=https://" in message


def _image_waiting(site, mediawiki, stem: str) -> tuple[str, str, str]:
    """A synced page to which the wiki has since added an image: (title, file name, HEAD before the pull)."""
    title = unique_title(stem)
    name = f"Image-{title.split()[-1]}.png"
    site.write("fiche.md", page(title, "Premier paragraphe."))
    site.commit()
    assert site.run("push").code == 0
    mediawiki.editor(1).edit(title, f"Premier paragraphe.\n\n[[Fichier:{name}|Une image]]\n", "image ajoutée")
    return title, name, site.git("rev-parse", "HEAD")


def test_the_address_of_the_wikis_pages_set_in_the_branch_is_no_place_to_download_from(
    proxied, proxy, mediawiki, listener
):
    """mkdocs.yml (which a pull request may change) names where readers find the wiki's pages: that
    address let a hostile answer send pull --images to any host. Only the API's own origin is asked."""
    config = (proxied.path / "mkdocs.yml").read_text(encoding="utf-8")
    (proxied.path / "mkdocs.yml").write_text(config.replace(mediawiki.pages_url, f"{listener.url}/wiki/"))
    proxied.git("commit", "-qam", "The wiki's pages elsewhere")
    title, name, head = _image_waiting(proxied, mediawiki, "Fiche aux pages ailleurs")
    served = png((7, 8, 9))
    listener.answer = (200, {"Content-Type": "image/png"}, served)

    proxy.fault = _serving(name, served, None, f"{listener.url}/fichiers/{name}")
    result = proxied.run("pull", "--images")
    assert result.code == 1, result.text
    assert "n'est pas une adresse du wiki" in result.text and name in result.text and title in result.text
    assert f"servis par {listener.url} " in result.text and "MOVILAB_FILES" in result.text  # how to fix
    assert listener.received == []
    assert proxied.git("rev-parse", "HEAD") == head and proxied.git("status", "--porcelain") == ""


def test_a_file_server_the_coordinator_names_in_movilab_files_is_downloaded_from(proxied, proxy, mediawiki, listener):
    """A wiki whose files are on another server (a CDN): MOVILAB_FILES, set beside MOVILAB_API (never in
    a file of the branch), lists it; an address that is not one of http(s) origins is refused before anything."""
    _, name, head = _image_waiting(proxied, mediawiki, "Fiche au serveur de fichiers")
    served = png((10, 11, 12))
    listener.answer = (200, {"Content-Type": "image/png"}, served)
    proxy.fault = _serving(name, served, None, f"{listener.url}/fichiers/{name}")

    proxied.env["MOVILAB_FILES"] = "ftp://fichiers.example"
    refused = proxied.run("pull", "--images")
    assert refused.code == 2 and "MOVILAB_FILES" in refused.err and "ftp://fichiers.example" in refused.err
    assert listener.received == [] and proxied.git("rev-parse", "HEAD") == head

    proxied.env["MOVILAB_FILES"] = f"https://upload.example.org {listener.url}"
    result = proxied.run("pull", "--images")
    assert result.code == 0, result.text
    assert [(method, path) for method, path, _ in listener.received] == [("GET", f"/fichiers/{name}")]
    assert (proxied.path / "docs" / "images" / name).read_bytes() == served
    assert f"](images/{name})" in proxied.read("fiche.md")


def test_a_download_redirected_elsewhere_reaches_nothing_there(proxied, proxy, mediawiki, listener):
    """The wiki's own address answering with a redirection: the transport follows none (a request would
    carry the session's cookies to the other port of the same host), and the image is refused."""
    title, name, head = _image_waiting(proxied, mediawiki, "Fiche à l'image redirigée")
    served = png((13, 14, 15))
    listener.answer = (200, {"Content-Type": "image/png"}, served)
    proxy.fault = _serving(name, served, None, f"{proxy.url}/fichiers/{name}", redirect=f"{listener.url}/{name}")

    result = proxied.run("pull", "--images")
    assert result.code == 1, result.text
    assert "redirection" in result.text and name in result.text and title in result.text
    assert listener.received == []
    assert proxied.git("rev-parse", "HEAD") == head and proxied.git("status", "--porcelain") == ""
