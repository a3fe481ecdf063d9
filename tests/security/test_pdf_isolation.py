# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""`python -m commons.pdf` prints a kit page carrying a payload: nothing outside site/ gets into the PDF.

The kit page tries every way a page can read the machine that prints it:
`file://` in frames, objects and scripts, `..` through the site's own server,
another service on 127.0.0.1 (which records what reaches it), a name that
resolves to the machine. The canary file must not appear in the PDF's text,
and the other service must receive nothing. The page's HTML allow-list
(hooks/sanitize.py) would remove these frames and scripts: it is left out of
this build, so that the print's own isolation is what is tested.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.security.conftest import GIT_ENV, ROOT, build, commit_all, make_attack_site, without_html_allow_list

CANARY = "CANARI-machine-de-construction-51c2"


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        body = f"<p>{CANARY} (service local)</p>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def local_service() -> Iterator[tuple[int, list[str]]]:
    seen: ClassVar[list[str]] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1]), seen
    finally:
        server.shutdown()
        server.server_close()


def _payload(secret: Path, port: int) -> str:
    files = [secret.as_uri(), "file:///etc/passwd", "file:///proc/self/environ"]
    http_targets = [f"http://127.0.0.1:{port}/xhr", f"http://localhost:{port}/xhr", f"http://[::1]:{port}/xhr"]
    frames = "\n".join(f'<iframe src="{url}" width="700" height="60"></iframe>' for url in files)
    frames += "\n".join(f'<iframe src="{url}" width="700" height="60"></iframe>' for url in http_targets)
    frames += f'\n<object data="{secret.as_uri()}" width="700" height="60"></object>'
    frames += f'\n<iframe src="/../../../../../../{secret.relative_to("/")}" width="700" height="60"></iframe>'
    script = f"""
<p id="lu">Lu :</p>
<script>
for (const url of {[*files, *http_targets]!r}) {{
  try {{
    const request = new XMLHttpRequest();
    request.open("GET", url, false);
    request.send();
    document.getElementById("lu").append(" " + request.responseText);
  }} catch (error) {{ document.getElementById("lu").append(" refusé"); }}
}}
fetch("http://127.0.0.1:{port}/fetch").then(r => r.text()).then(t => document.body.append(t)).catch(() => {{}});
</script>
"""
    return frames + "\n" + script


def test_pdf_of_a_hostile_kit_page_holds_nothing_from_the_machine(tmp_path: Path, local_service) -> None:
    port, seen = local_service
    secret = tmp_path / "hors-du-site" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(CANARY + "\n", encoding="utf-8")
    site = make_attack_site(tmp_path / "depot")
    without_html_allow_list(site)
    site.write("kit-accueil/index.md", "---\ntitle: Kit\n---\n\n# Kit d'accueil\n\nBienvenue.\n")
    site.write(
        "kit-accueil/etape.md",
        "---\ntitle: Étape piégée\ndescription: Une étape.\nordre: 1\nsources: [essai]\n---\n\n"
        "# Étape piégée\n\n" + _payload(secret, port) + "\n\nFin de l'étape.\n",
    )
    commit_all(site)
    done = build(site)
    assert done.returncode == 0, done.stderr[-3000:]
    made = subprocess.run(
        [sys.executable, "-m", "commons.pdf", str(site.root / "site")],
        cwd=ROOT,
        env={**GIT_ENV, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert made.returncode == 0, made.stderr[-3000:]
    pdf = site.root / "site" / "kit-accueil-imprimable" / "kit-accueil.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Étape piégée" in text and "Fin de l'étape." in text  # the page itself was printed
    assert CANARY not in text
    assert "root:x:0:0" not in text
    assert seen == []  # no request left the site's own server
