# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Pagefind's service mode (`pagefind --service`): pages handed over a pipe, the index handed back.

The command-line Pagefind reads pages from a folder, so the build wrote a copy of every page
(cut down to what is indexed) into a temporary folder first: a folder and a file per page,
which cost more CPU than Pagefind's own work on some file systems. The service reads the same
pages from its standard input and gives back the index it would have written, which the
caller writes itself.

The protocol is the one of Pagefind's own Python and Node wrappers: each message is JSON in
base64 followed by a comma, each request has a number, each answer the number of its request;
requests are handled one after the other, in the order sent. Pagefind stops as soon as its
input is closed, so it stays open until the last answer is read.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any


class ServiceError(Exception):
    """Pagefind refused a request or stopped; the message says what it answered, in French."""


def _message(number: int, payload: Mapping[str, Any]) -> bytes:
    return base64.b64encode(json.dumps({"message_id": number, "payload": payload}).encode("utf-8")) + b","


def requests(pages: Iterable[tuple[str, str]], config: Mapping[str, Any]) -> Iterator[bytes]:
    """The messages that index `pages` ((path in the site, HTML), in the order Pagefind would
    read them from a folder) with `config`, then ask for the index's files."""
    yield _message(1, {"type": "NewIndex", "config": dict(config)})
    number = 1
    for path, html in pages:
        number += 1
        yield _message(
            number, {"type": "AddFile", "index_id": 0, "file_path": path, "url": None, "file_contents": html}
        )
    yield _message(number + 1, {"type": "GetFiles", "index_id": 0})


def read_answers(stream: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """The answers in what Pagefind writes, chunk by chunk."""
    pending = b""
    for chunk in stream:
        pending += chunk
        *complete, pending = pending.split(b",")
        for encoded in complete:
            if encoded.strip():
                yield json.loads(base64.b64decode(encoded))


def files_of(answers: Iterable[dict[str, Any]]) -> list[tuple[str, bytes]]:
    """The index's files (path, content) from the answers, up to the one that holds them."""
    for answer in answers:
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error":
            raise ServiceError(f"Pagefind a refusé la demande n° {answer.get('message_id')} : {payload.get('message')}")
        if payload.get("type") == "GetFiles":
            return [(str(file["path"]), base64.b64decode(file["content"])) for file in payload.get("files", [])]
    raise ServiceError("Pagefind s'est arrêté avant de donner l'index")


def run(
    program: str, pages: Iterable[tuple[str, str]], config: Mapping[str, Any], timeout: float
) -> list[tuple[str, bytes]]:
    """Index `pages` with the Pagefind at `program`; return the index's files (path, content).

    `pages` is read while Pagefind works (it may read the pages from disk). Raises
    ServiceError when Pagefind refuses a page, stops or takes longer than `timeout` seconds;
    an OSError from reading `pages` goes through.
    """
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([program, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
        stdin, stdout = process.stdin, process.stdout
        if stdin is None or stdout is None:  # pragma: no cover - both are pipes
            raise ServiceError("Pagefind n'a pas pu être lancé")
        failed: list[BaseException] = []

        def send() -> None:
            try:
                for message in requests(pages, config):
                    stdin.write(message)
                stdin.flush()
            except BrokenPipeError:  # Pagefind stopped: said below from its answers
                pass
            except BaseException as exc:
                failed.append(exc)
                process.kill()

        sender = threading.Thread(target=send, daemon=True)
        timer = threading.Timer(timeout, process.kill)
        sender.start()
        timer.start()
        try:
            files = files_of(read_answers(iter(lambda: os.read(stdout.fileno(), 1 << 16), b"")))
        except ServiceError as exc:
            process.kill()
            sender.join()
            if failed:
                raise failed[0] from exc
            process.wait()
            errors.seek(0)
            detail = "\n".join(errors.read().decode("utf-8", "replace").strip().splitlines()[-5:])
            if not timer.is_alive():
                raise ServiceError(f"Pagefind n'a pas fini en {timeout:g} s") from exc
            raise ServiceError(f"{exc} (code {process.returncode})" + (f" :\n{detail}" if detail else "")) from exc
        finally:
            timer.cancel()
        sender.join()
        stdin.close()  # Pagefind stops once its input is closed
        process.wait()
        stdout.close()
    return files
