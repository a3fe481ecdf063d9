# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A throw-away local MediaWiki seeded like Movilab, to rehearse a sync and to test against.

Why a real wiki rather than a fake: edit conflicts, bot passwords, `assert=user`,
recent changes and the parser are exactly the behaviours the sync relies on, and
only MediaWiki itself has them right. Debian's `mediawiki` package (1.39 LTS) on
SQLite installs in well under a second into a temporary directory, so every test
session and every rehearsal gets its own independent wiki.

The seed mirrors what Movilab pages look like: a Page Forms-style template with
named parameters at the top, free text after it, categories; plus a user in the
`bot` group with a bot password, which is how a network logs its sync in.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

from commons.os_french import path_refused
from devtools.ports import free_port

MEDIAWIKI_DIR = Path(os.environ.get("MEDIAWIKI_DIR", "/usr/share/mediawiki"))
ADMIN_USER = "Admin"
ADMIN_PASSWORD = "Bac-a-sable-admin-2026"  # noqa: S105 - throw-away local wiki
BOT_USER = "SyncBot"
BOT_APP = "sync"
# Bot passwords are normally 32 random characters; a fixed one keeps the
# rehearsal instructions copy-pastable. It only ever opens a wiki on 127.0.0.1.
# MediaWiki only treats a password as a bot password when it matches [0-9a-w]{32,}.
BOT_PASSWORD = "bacasablebacasablebacasable20260"  # noqa: S105
BOT_GRANTS = (
    "basic,highvolume,editpage,createeditmovepage,uploadfile,uploadeditmovefile,delete,viewmywatchlist,editmywatchlist"
)
# Users of the seed who are not the sync: their edits must come back into git.
EDITORS = (("Camille Dupont", "Camille-pass-2026"), ("Sacha", "Sacha-pass-2026-x"))

_EXTRA_SETTINGS = """
# --- added by devtools/sandbox.py ---
$wgMainCacheType = CACHE_NONE;
$wgParserCacheType = CACHE_DB;
$wgEnableUploads = true;
$wgUploadDirectory = "{upload_dir}";
$wgUploadPath = "/images-sandbox";
$wgFileExtensions = [ 'png', 'gif', 'jpg', 'jpeg', 'svg', 'webp', 'pdf' ];
$wgArticlePath = "/wiki/$1";
$wgShowExceptionDetails = true;
$wgEnableBotPasswords = true;
$wgJobRunRate = 1;
$wgEnableEmail = false;
$wgPasswordPolicy['policies']['default']['PasswordNotInCommonList'] = false;
# The seed's editors stand for many people editing Movilab at once: the per-user limit of 90
# edits a minute would make a fast test run fail on whichever test comes after the busiest one.
$wgGroupPermissions['user']['noratelimit'] = true;
wfLoadExtension( 'ParserFunctions' );
wfLoadExtension( 'Cite' );
# A throw-away wiki: SQLite need not wait for the disk after each write. Imports and edits
# run about four times faster on a busy machine; a power cut loses nothing worth keeping.
$wgDBservers = [ [
    'host' => '', 'dbname' => $wgDBname, 'user' => '', 'password' => '', 'type' => 'sqlite',
    'flags' => DBO_DEFAULT, 'load' => 1, 'variables' => [ 'synchronous' => 'OFF' ],
] ];
"""

# The users of the seed, made by MediaWiki's own maintenance scripts, run as children of one
# script: each separate `php maintenance/….php` would start MediaWiki again (a second or so).
_USERS_SCRIPT = r"""<?php
require_once '{mw}/maintenance/Maintenance.php';

class SandboxUsers extends Maintenance {
	public function execute() {
		$steps = json_decode( <<<'JSON'
{steps}
JSON, true );
		foreach ( $steps as [ $class, $file, $options, $args ] ) {
			$child = $this->runChild( $class, '{mw}/maintenance/' . $file );
			$child->loadParamsAndArgs( null, $options, $args );
			$child->execute();
		}
	}
}

$maintClass = SandboxUsers::class;
require_once RUN_MAINTENANCE_IF_MAIN;
"""

# php -S has no rewrite rules: this router gives the wiki Movilab's /wiki/Title
# URLs and serves uploaded files, and lets the built-in server handle the rest.
_ROUTER = r"""<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (strpos($path, '/images-sandbox/') === 0) {
    $file = '{upload_dir}' . '/' . substr($path, strlen('/images-sandbox/'));
    if (strpos($file, '..') === false && is_file($file)) {
        header('Content-Type: ' . mime_content_type($file));
        readfile($file);
        return true;
    }
    http_response_code(404);
    return true;
}
if (strpos($path, '/wiki/') === 0) {
    $_SERVER['SCRIPT_NAME'] = '/index.php';
    $_SERVER['SCRIPT_FILENAME'] = '{mw}/index.php';
    chdir('{mw}');
    require '{mw}/index.php';
    return true;
}
return false;
"""

TEMPLATE_NAME = "Ressource"
_TEMPLATE = """<noinclude>Modèle de page ressource, rempli par un formulaire (comme Page Forms sur Movilab).</noinclude><includeonly>
{| class="infobox"
! Type
| {{{type|}}}
|-
! Territoire
| {{{territoire|}}}
|-
! Licence
| {{{licence|CC BY-SA 4.0}}}
|}
[[Catégorie:Ressources]]</includeonly>"""

# (title, author index in EDITORS, wikitext): a template call, then free text.
SEED_PAGES: tuple[tuple[str, int, str], ...] = (
    (
        "Budget contributif",
        0,
        "{{Ressource\n|type=Fiche pratique\n|territoire=Occitanie\n|licence=CC BY-SA 4.0\n}}\n"
        "Le budget contributif rémunère les contributions au commun.\n\n"
        "== Principe ==\nChaque contribution est déclarée puis valorisée collectivement.\n\n"
        "[[Catégorie:Gouvernance]]\n[[Catégorie:Économie]]\n",
    ),
    (
        "Accueillir un nouveau membre",
        1,
        "{{Ressource\n|type=Kit d'accueil\n|territoire=Nouvelle-Aquitaine\n}}\n"
        "Accueillir, c'est d'abord faire visiter le lieu.\n\n"
        "Ensuite, présenter les outils partagés.\n\n[[Catégorie:Accueil]]\n",
    ),
    (
        "Compostage en tiers-lieu",
        0,
        "{{Ressource\n|type=Webinaire\n|territoire=Bretagne\n}}\n"
        "Un webinaire sur le compostage partagé.\n\n[[Catégorie:Alimentation]]\n",
    ),
    (
        "Tiers-lieux en réseau",
        1,
        "Une page sans modèle, en texte libre.\n\nVoir aussi [[Budget contributif]].\n",
    ),
)


def _die_with_parent() -> None:
    """Linux: have the kernel stop the server's group leader if the Python process that started
    it dies (a killed test run or bench must not leave a wiki listening)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# Stopped (by _die_with_parent or stop), stop every process of the group; else wait for PHP and
# end with its exit status.
_GROUP_LEADER = 'trap "trap - TERM; kill 0" TERM; "$@" & wait $!'


def serve_php(command: list[str], *, cwd: Path, env: dict[str, str], log: Any) -> subprocess.Popen[bytes]:
    """Start PHP's built-in server in a process group of its own, which dies with this process.

    With workers (PHP_CLI_SERVER_WORKERS), PHP's server is a master process and forked workers
    that all accept requests; the master, stopped alone, leaves them listening. So the group is
    led by a shell that the kernel stops with us (_die_with_parent) and that stops the whole
    group; its process id is the group's.
    """
    return subprocess.Popen(
        ["sh", "-c", _GROUP_LEADER, "sh", *command],
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )


@dataclass
class Sandbox:
    """One local MediaWiki: installed into `workdir`, served by `php -S` on `port`."""

    workdir: Path
    port: int = 0
    workers: int = 1
    seed: bool = True
    # Lower than MediaWiki's 8 MB to make the API split big answers (tests of continuation).
    api_max_result_size: int | None = None
    user: str = f"{BOT_USER}@{BOT_APP}"
    password: str = BOT_PASSWORD
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _log: Any = field(default=None, repr=False)

    @property
    def server_pid(self) -> int:
        """The PHP server's process id, also its process group (workers included); 0 when stopped."""
        return self._process.pid if self._process else 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api.php"

    @property
    def index_url(self) -> str:
        return f"{self.base_url}/index.php"

    @property
    def pages_url(self) -> str:
        return f"{self.base_url}/wiki/"

    # -- life cycle -------------------------------------------------------
    def start(self) -> Sandbox:
        """Install, configure, serve and seed; raise RuntimeError with the PHP output on failure."""
        if not (MEDIAWIKI_DIR / "maintenance" / "install.php").exists():
            raise RuntimeError(
                f"MediaWiki introuvable dans {MEDIAWIKI_DIR} : installez le paquet Debian "
                "« mediawiki » (avec php-sqlite3 php-cli php-intl php-mbstring php-xml)."
            )
        if not self.port:
            self.port = free_port()
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._install()
        self._serve()
        if self.seed:
            self._seed()
        return self

    def stop(self) -> None:
        """Stop the PHP server this object started (only that process group)."""
        if self._process and self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait()
        self._process = None
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- steps ------------------------------------------------------------
    def _php(self, *args: str) -> str:
        result = subprocess.run(
            ["php", *args],
            cwd=MEDIAWIKI_DIR,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "MW_CONFIG_FILE": str(self.workdir / "LocalSettings.php")},
        )
        if result.returncode != 0:
            raise RuntimeError(f"php {args[0]} a échoué :\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def _install(self) -> None:
        conf = self.workdir / "LocalSettings.php"
        if conf.exists():
            conf.unlink()
        data = self.workdir / "data"
        shutil.rmtree(data, ignore_errors=True)
        uploads = self.workdir / "images"
        uploads.mkdir(exist_ok=True)
        self._php(
            "maintenance/install.php",
            "--dbtype=sqlite",
            f"--dbpath={data}",
            f"--server={self.base_url}",
            "--scriptpath=",
            "--lang=fr",
            f"--confpath={self.workdir}",
            f"--pass={ADMIN_PASSWORD}",
            "--skins=Vector",
            "Movilab bac à sable",
            ADMIN_USER,
        )
        with conf.open("a", encoding="utf-8") as handle:
            handle.write(_EXTRA_SETTINGS.replace("{upload_dir}", str(uploads)))
            handle.write('$wgDefaultSkin = "vector";\n')
            if self.api_max_result_size:
                handle.write(f"$wgAPIMaxResultSize = {int(self.api_max_result_size)};\n")
        (self.workdir / "router.php").write_text(
            _ROUTER.replace("{upload_dir}", str(uploads)).replace("{mw}", str(MEDIAWIKI_DIR)),
            encoding="utf-8",
        )
        # sysop too, so that `push --delete` can be rehearsed (on Movilab it needs that right).
        steps: list[tuple[str, str, dict[str, Any], list[str]]] = [
            (
                "CreateAndPromote",
                "createAndPromote.php",
                {"bot": 1, "sysop": 1},
                [BOT_USER, ADMIN_PASSWORD + "-bot"],
            ),
            (
                "CreateBotPassword",
                "createBotPassword.php",
                {"appid": BOT_APP, "grants": BOT_GRANTS},
                [BOT_USER, BOT_PASSWORD],
            ),
        ]
        steps += [("CreateAndPromote", "createAndPromote.php", {}, [name, password]) for name, password in EDITORS]
        script = self.workdir / "sandbox-users.php"
        script.write_text(
            _USERS_SCRIPT.replace("{mw}", str(MEDIAWIKI_DIR)).replace("{steps}", json.dumps(steps)), encoding="utf-8"
        )
        self._php(str(script), f"--conf={conf}")

    def _serve(self) -> None:
        self._log = (self.workdir / "php-server.log").open("wb")
        env = {**os.environ, "MW_CONFIG_FILE": str(self.workdir / "LocalSettings.php")}
        if self.workers > 1:
            env["PHP_CLI_SERVER_WORKERS"] = str(self.workers)
        php = ["php", "-S", f"127.0.0.1:{self.port}", "-t", str(MEDIAWIKI_DIR), str(self.workdir / "router.php")]
        self._process = serve_php(php, cwd=MEDIAWIKI_DIR, env=env, log=self._log)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(
                    "le serveur PHP s'est arrêté : " + (self.workdir / "php-server.log").read_text(errors="replace")
                )
            try:
                probe = f"{self.api_url}?action=query&meta=siteinfo&format=json"
                with urllib.request.urlopen(probe, timeout=5) as resp:  # noqa: S310 - loopback URL
                    if resp.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("le wiki local n'a pas répondu en 20 s")

    # -- seeding through the API, as the real editors would ----------------
    def session(self, user: str, password: str) -> WikiSession:
        """A logged-in API session for one user (main or bot password)."""
        return WikiSession(self.api_url, user, password)

    def editor(self, index: int = 0) -> WikiSession:
        name, password = EDITORS[index]
        return self.session(name, password)

    def _seed(self) -> None:
        editors = [self.editor(0), self.editor(1)]
        editors[0].edit(f"Modèle:{TEMPLATE_NAME}", _TEMPLATE, summary="Modèle de ressource")
        for title, who, text in SEED_PAGES:
            editors[who].edit(title, text, summary="Page d'exemple")

    def import_pages(self, pages: dict[str, str], user: str = EDITORS[0][0]) -> None:
        """Create many pages at once with importDump.php (one PHP process instead of one edit each).

        For benchmarks and request-budget tests that need hundreds of pages; the
        import makes no recent-changes entries, like pages older than the window.
        Imported as the bot, the pages are also put on its watchlist: they are then
        what an earlier sync created (see sync/observe.py, the proof a page is the sync's).
        """
        root = ET.Element(
            "mediawiki", {"xmlns": "http://www.mediawiki.org/xml/export-0.11/", "version": "0.11", "xml:lang": "fr"}
        )
        for title, text in pages.items():
            page = ET.SubElement(root, "page")
            ET.SubElement(page, "title").text = title
            ET.SubElement(page, "ns").text = "0"
            rev = ET.SubElement(page, "revision")
            ET.SubElement(rev, "timestamp").text = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            contributor = ET.SubElement(rev, "contributor")
            ET.SubElement(contributor, "username").text = user
            ET.SubElement(rev, "model").text = "wikitext"
            ET.SubElement(rev, "format").text = "text/x-wiki"
            ET.SubElement(rev, "text", {"xml:space": "preserve"}).text = text
        dump = self.workdir / "import.xml"
        ET.ElementTree(root).write(dump, encoding="utf-8", xml_declaration=True)
        self._php(
            "maintenance/importDump.php",
            f"--conf={self.workdir / 'LocalSettings.php'}",
            "--no-updates",
            "--username-prefix=",
            str(dump),
        )
        if user == BOT_USER:
            bot = self.session(self.user, self.password)
            token = bot.call({"action": "query", "meta": "tokens", "type": "watch"})["query"]["tokens"]["watchtoken"]
            titles = list(pages)
            for start in range(0, len(titles), 50):
                bot.call({"action": "watch", "titles": "|".join(titles[start : start + 50]), "token": token})

    def history(self, titles: list[str]) -> dict[str, list[tuple[int, str]]]:
        """Each main-namespace page's revisions (id, author), newest first, read from the wiki's own
        database: checking many pages costs no request (tests of crashes check every page each time)."""
        keys = {t.replace(" ", "_"): t for t in titles}
        found: dict[str, list[tuple[int, str]]] = {t: [] for t in titles}
        database = f"file:{self.workdir / 'data' / 'my_wiki.sqlite'}?mode=ro"
        with sqlite3.connect(database, uri=True, timeout=30) as db:
            marks = ",".join("?" * len(keys))  # only "?" placeholders are formatted into the query
            joins = "page JOIN revision ON rev_page = page_id JOIN actor ON actor_id = rev_actor"
            query = f"SELECT page_title, rev_id, actor_name FROM {joins} WHERE page_namespace = 0 AND page_title IN ({marks}) ORDER BY rev_id DESC"  # noqa: S608
            rows = db.execute(query, list(keys))
            for title, revid, user in rows:
                name = title.decode() if isinstance(title, bytes) else str(title)
                found[keys[name]].append((int(revid), user.decode() if isinstance(user, bytes) else str(user)))
        return found

    def parse(self, wikitext: str, title: str = "Bac à sable") -> str:
        """Render wikitext with the real parser (action=parse): HTML of the content only."""
        data = _post(
            self.api_url,
            {
                "action": "parse",
                "text": wikitext,
                "title": title,
                "contentmodel": "wikitext",
                "prop": "text",
                "disablelimitreport": "1",
                "disableeditsection": "1",
                "format": "json",
                "formatversion": "2",
            },
        )
        return str(data["parse"]["text"])


def _post(url: str, data: dict[str, str], opener: urllib.request.OpenerDirector | None = None) -> Any:
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 - loopback URL
    open_ = opener.open if opener else urllib.request.urlopen
    with open_(request, timeout=60) as resp:
        return json.loads(resp.read().decode("utf-8"))


class WikiSession:
    """Minimal logged-in API client for seeding and for tests acting as other editors.

    Deliberately independent of sync/wiki.py: the tests use it to play the
    *other* people editing Movilab, so it must not share the code under test.
    """

    def __init__(self, api_url: str, user: str, password: str) -> None:
        self.api_url = api_url
        self.user = user
        self._token = ""
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        token = self.call({"action": "query", "meta": "tokens", "type": "login"})
        result = self.call(
            {
                "action": "login",
                "lgname": user,
                "lgpassword": password,
                "lgtoken": token["query"]["tokens"]["logintoken"],
            }
        )
        if result.get("login", {}).get("result") != "Success":
            raise RuntimeError(f"connexion refusée pour {user}: {result.get('login', {}).get('result')}")

    def call(self, data: dict[str, str]) -> Any:
        return _post(self.api_url, {**data, "format": "json", "formatversion": "2"}, self._opener)

    def token(self) -> str:
        """The session's CSRF token (asked once: it lasts as long as the session)."""
        if not self._token:
            self._token = str(self.call({"action": "query", "meta": "tokens"})["query"]["tokens"]["csrftoken"])
        return self._token

    def edit(self, title: str, text: str, summary: str = "") -> dict[str, Any]:
        token = self.token()
        result = self.call(
            {"action": "edit", "title": title, "text": text, "summary": summary, "assert": "user", "token": token}
        )
        if "error" in result:
            raise RuntimeError(f"modification refusée sur {title}: {result['error']}")
        return dict(result["edit"])

    def move(self, old: str, new: str, reason: str = "") -> None:
        result = self.call({"action": "move", "from": old, "to": new, "reason": reason, "token": self.token()})
        if "error" in result:
            raise RuntimeError(f"renommage refusé de {old} vers {new}: {result['error']}")

    def texts(self, titles: list[str]) -> dict[str, str | None]:
        """Current wikitext of up to 50 pages, with one request (None for a page that does not exist)."""
        data = self.call(
            {"action": "query", "prop": "revisions", "titles": "|".join(titles), "rvprop": "content", "rvslots": "main"}
        )
        back = {n["to"]: n["from"] for n in data["query"].get("normalized", [])}
        found: dict[str, str | None] = {}
        for page in data["query"]["pages"]:
            key = back.get(page["title"], page["title"])
            found[key] = None if page.get("missing") else str(page["revisions"][0]["slots"]["main"]["content"])
        return found

    def text(self, title: str) -> str | None:
        """Current wikitext of a page, or None when it does not exist."""
        data = self.call(
            {"action": "query", "prop": "revisions", "titles": title, "rvprop": "content", "rvslots": "main"}
        )
        page = data["query"]["pages"][0]
        if page.get("missing"):
            return None
        return str(page["revisions"][0]["slots"]["main"]["content"])

    def revisions(self, title: str) -> list[dict[str, Any]]:
        data = self.call(
            {
                "action": "query",
                "prop": "revisions",
                "titles": title,
                "rvprop": "ids|user|comment|timestamp",
                "rvlimit": "max",
            }
        )
        page = data["query"]["pages"][0]
        return list(page.get("revisions", []))


def _port(text: str) -> int:
    """--port: a number from 1 to 65535 (PHP's own refusal of another is in English)."""
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un numéro de port (de 1 à 65535, par exemple 8080)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    import sync.cli  # noqa: F401 - argparse's own words in French, as for python -m sync

    parser = argparse.ArgumentParser(
        prog="./dev wiki",
        description="Démarre un MediaWiki local (paquet Debian, SQLite) semblable à Movilab : "
        "un modèle à paramètres, des catégories, quelques pages et un utilisateur robot. "
        "Ctrl-C l'arrête et efface tout.",
    )
    parser.add_argument("--port", type=_port, default=0, help="port local (par défaut : un port libre)")
    parser.add_argument(
        "--dossier",
        type=Path,
        default=None,
        help="dossier où installer le wiki (par défaut : un dossier temporaire effacé à l'arrêt)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    keep = args.dossier is not None
    workdir = args.dossier or Path(tempfile.mkdtemp(prefix="movilab-bac-a-sable-"))
    sandbox = Sandbox(workdir=workdir, port=args.port)
    started = time.monotonic()

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # `kill` or a closed terminal: stop and clean up as Ctrl-C does

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)
    try:
        sandbox.start()
        print(f"Wiki local prêt en {time.monotonic() - started:.1f} s : {sandbox.pages_url}")
        print(f"API : {sandbox.api_url}")
        print("Pour y répéter une synchronisation (dans un autre terminal, à la racine d'une copie du dépôt :")
        print("le fichier d'état .movilab-sync.json sera écrit pour ce wiki-ci) :")
        print(f"  export MOVILAB_API={sandbox.api_url}")
        print(f"  export MOVILAB_PAGES={sandbox.pages_url}")
        print(f"  export MOVILAB_USER='{sandbox.user}'")
        print(f"  export MOVILAB_PASSWORD='{sandbox.password}'")
        print("  python -m sync status")
        print(f"Administration : {ADMIN_USER} / {ADMIN_PASSWORD}. Ctrl-C pour arrêter.")
        sys.stdout.flush()
        while sandbox._process and sandbox._process.poll() is None:
            time.sleep(0.5)
        print("le serveur PHP s'est arrêté.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nArrêt du wiki local.")
        return 0
    except RuntimeError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # --dossier that cannot be made or written to: said in French, no traceback
        where = exc.filename if exc.filename is not None else workdir
        print(f"erreur : impossible d'installer le wiki dans {path_refused(where, exc)}", file=sys.stderr)
        return 2
    finally:
        sandbox.stop()
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
