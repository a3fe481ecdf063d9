# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Real git repositories wired to the session's real wiki, a CLI runner, and a fault proxy.

Each test gets its own repository (fixed authors and dates) and its own page
titles, so tests share the wiki without seeing each other's pages. The proxy
forwards to the real wiki and only injects what a healthy local wiki never
does: maxlag answers, 503s, and it counts requests.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from devtools.wikiproxy import WikiProxy
from sync.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXED_ENV = {
    "GIT_AUTHOR_NAME": "Alice Martin",
    "GIT_AUTHOR_EMAIL": "alice@example.org",
    "GIT_COMMITTER_NAME": "Alice Martin",
    "GIT_COMMITTER_EMAIL": "alice@example.org",
    "GIT_AUTHOR_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2026-01-15T10:00:00+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "NO_COLOR": "1",
}
_counter = itertools.count(1)


def unique_title(stem: str) -> str:
    return f"{stem} {os.getpid()}-{next(_counter)}"


def page(title: str, body: str, **extra: str) -> str:
    lines = ["---", f"title: {title}", f"movilab: {title}"]
    lines += [f"{k}: {v}" for k, v in extra.items()]
    return "\n".join(lines) + "\n---\n\n" + body.strip() + "\n"


def pushed(site, name: str, body: str) -> str:
    """A page of `body` under a fresh title made from `name`, committed as fiche.md and pushed: its title."""
    title = unique_title(name)
    site.write("fiche.md", page(title, body))
    site.commit()
    assert site.run("push").code == 0
    return title


def run_after_git_status(site, monkeypatch, then, *argv: str):
    """Run the command `argv` with `then()` (a member's save, commit or removal) done once git status has
    looked at the files, before the run reads the pages (the two run side by side)."""
    import sync.history

    start_status = sync.history.Repo.start_status

    def status_then(self, paths):
        job = start_status(self, paths)
        job.result()  # git has looked at every file
        then()
        return job

    monkeypatch.setattr(sync.history.Repo, "start_status", status_then)
    try:
        return site.run(*argv)
    finally:
        monkeypatch.undo()


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


@dataclass
class SiteRepo:
    path: Path
    api_url: str
    pages_url: str
    env: dict[str, str] = field(default_factory=dict)

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=self.path, check=True, capture_output=True, text=True, env={**os.environ, **FIXED_ENV}
        ).stdout

    def write(self, rel: str, text: str) -> Path:
        target = self.path / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def read(self, rel: str) -> str:
        return (self.path / "docs" / rel).read_text(encoding="utf-8")

    def commit(self, message: str = "edit", author: str = "Alice Martin <alice@example.org>") -> None:
        self.git("add", "-A", "docs")
        self.git("commit", "-q", "-m", message, f"--author={author}")

    def run(self, *argv: str, credentials: bool = True) -> Result:
        """Run `python -m sync …` in-process with this repo as the root."""
        env = {"MOVILAB_SYNC_ROOT": str(self.path), "MOVILAB_API": self.api_url, **FIXED_ENV, **self.env}
        if credentials:
            env.setdefault("MOVILAB_USER", self.env.get("MOVILAB_USER", ""))
        saved = {k: os.environ.get(k) for k in [*env, "MOVILAB_USER", "MOVILAB_PASSWORD"]}
        out, err = io.StringIO(), io.StringIO()
        try:
            os.environ.update(env)
            if not credentials:
                os.environ.pop("MOVILAB_USER", None)
                os.environ.pop("MOVILAB_PASSWORD", None)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(list(argv))
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        return Result(code, out.getvalue(), err.getvalue())

    def spawn(self, *argv: str) -> subprocess.Popen[str]:
        """`python -m sync …` as a real process (for kill -9)."""
        env = {
            **os.environ,
            **FIXED_ENV,
            **self.env,
            "MOVILAB_SYNC_ROOT": str(self.path),
            "MOVILAB_API": self.api_url,
            "PYTHONPATH": str(ROOT),
        }
        return subprocess.Popen(
            [sys.executable, "-m", "sync", *argv],
            cwd=self.path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def make_repo(path: Path, api_url: str, pages_url: str, user: str, password: str) -> SiteRepo:
    (path / "docs").mkdir(parents=True)
    (path / "mkdocs.yml").write_text(
        "site_name: Réseau test\nsite_url: https://example.org/communs/\n"
        "repo_url: https://forge.example.org/reseau/communs\ndocs_dir: docs\n"
        f"extra:\n  movilab:\n    api: {api_url}\n    pages: {pages_url}\n"
        "  licence:\n    name: CC BY-SA 4.0\n    url: https://creativecommons.org/licenses/by-sa/4.0/deed.fr\n",
        encoding="utf-8",
    )
    (path / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    repo = SiteRepo(path, api_url, pages_url, env={"MOVILAB_USER": user, "MOVILAB_PASSWORD": password})
    repo.git("init", "-q", "-b", "main")
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Start the site")
    return repo


@pytest.fixture
def site(tmp_path: Path, mediawiki) -> SiteRepo:
    return make_repo(tmp_path / "site", mediawiki.api_url, mediawiki.pages_url, mediawiki.user, mediawiki.password)


# -- the fault-injecting, request-counting proxy ---------------------------------


@pytest.fixture
def proxy(mediawiki) -> Iterator[WikiProxy]:
    state = WikiProxy(mediawiki.base_url)
    try:
        yield state
    finally:
        state.close()


def requests_made(result: Result) -> int:
    match = re.search(r"\((\d+) requête", result.out)
    return int(match.group(1)) if match else -1


# -- a second listener on 127.0.0.1, standing for a host credentials must never reach ----------------------


class Listener:
    """Records every request it receives (method, path, body); answers `answer` (status, headers, body)."""

    def __init__(self, answer: tuple[int, dict[str, str], bytes] | None = None) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.received: list[tuple[str, str, bytes]] = []
        self.answer = answer or (200, {"Content-Type": "application/json"}, b'{"batchcomplete": true}')
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _record(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                listener.received.append((self.command, self.path, self.rfile.read(length) if length else b""))
                status, headers, body = listener.answer
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _record
            do_POST = _record

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        import threading

        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def api_url(self) -> str:
        return self.url + "/api.php"

    def saw(self, secret: str) -> bool:
        return any(secret.encode() in body or secret in path for _, path, body in self.received)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    other = Listener()
    try:
        yield other
    finally:
        other.close()
