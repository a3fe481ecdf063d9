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

Pagefind's answers are checked at this boundary, against a written list of what may pass
(read_answers, files_of): anything else (stray output, a truncated or malformed message, an
answer to a request never sent, a file outside the index's folder) is a ServiceError in
French, and the process is killed and waited for on every path, so that no Pagefind outlives
a failed build (in `mkdocs serve`, one per rebuild).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import PurePosixPath
from typing import IO, Any

# What to do when Pagefind's answers cannot be read: the program is not the pinned one.
_REINSTALL = (
    "le programme Pagefind n'est sans doute pas celui du paquet pagefind-bin à la version fixée dans "
    "requirements.txt : relancez « ./dev site » (ou « ./dev test ») pour le réinstaller."
)
_INSTALL = "Lancez « ./dev site » (ou « ./dev test »), qui installe Pagefind (paquet pagefind-bin)."


class ServiceError(Exception):
    """Pagefind refused a request or stopped; the message says what it answered, in French."""


class StoppedEarly(ServiceError):
    """Pagefind closed its output before the index: it is ending by itself, with its own exit code."""


class UnreadableAnswer(ServiceError):
    """What Pagefind wrote is not its protocol: the message says what was expected and got."""


class ProgramError(ServiceError):
    """The Pagefind program could not be started: the message says why and how to install it."""


def _excerpt(data: bytes | object, limit: int = 60) -> str:
    if isinstance(data, bytes):
        text = data.decode("utf-8", "replace")
    else:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    text = "".join(c if c.isprintable() else "?" for c in text)
    return f"« {text[:limit]}…»" if len(text) > limit else f"« {text} »"


def _unreadable(expected: str, got: bytes | object) -> UnreadableAnswer:
    return UnreadableAnswer(f"réponse illisible de Pagefind : attendu {expected}, reçu {_excerpt(got)} ; {_REINSTALL}")


def _not_started(program: str, exc: OSError) -> ProgramError:
    if isinstance(exc, FileNotFoundError):
        return ProgramError(f"le programme Pagefind est introuvable ({program}). {_INSTALL}")
    why = "il n'est pas exécutable" if isinstance(exc, PermissionError) else f"erreur système n° {exc.errno}"
    return ProgramError(f"le programme Pagefind ({program}) n'a pas pu être lancé : {why}. {_INSTALL}")


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


def _answer(encoded: bytes) -> dict[str, Any]:
    """One message as Pagefind writes it (JSON in base64): an object with a `message_id`, a
    whole number (or null, in Pagefind's answer to a request it could not read), and an object
    `payload` whose `type` is a string; anything else is refused."""
    try:
        decoded = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise _unreadable("un message en base64 terminé par une virgule", encoded) from None
    try:
        answer = json.loads(decoded)
    except (UnicodeDecodeError, ValueError):
        raise _unreadable("du JSON dans le message en base64", decoded) from None
    if not (
        isinstance(answer, dict)
        and "message_id" in answer
        and (answer["message_id"] is None or type(answer["message_id"]) is int)
        and isinstance(answer.get("payload"), dict)
        and isinstance(answer["payload"].get("type"), str)
    ):
        raise _unreadable("un objet avec « message_id » (un nombre) et « payload » (un objet avec « type »)", answer)
    return answer


def read_answers(stream: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """The answers in what Pagefind writes, chunk by chunk (see _answer for what may pass)."""
    pending = b""
    for chunk in stream:
        pending += chunk
        *complete, pending = pending.split(b",")
        for encoded in complete:
            if encoded.strip():
                yield _answer(encoded.strip())
    if pending.strip():
        raise _unreadable("un message terminé par une virgule avant la fin de la sortie", pending)


def _index_file(file: object) -> tuple[str, bytes]:
    """One file of the index: a relative path inside the index's folder and its content in base64."""
    if not (isinstance(file, dict) and isinstance(file.get("path"), str) and isinstance(file.get("content"), str)):
        raise _unreadable("un fichier de l'index avec « path » et « content » (des textes)", file)
    path = file["path"]
    parts = PurePosixPath(path).parts
    if not parts or path.startswith("/") or "\\" in path or "\0" in path or ".." in parts:
        raise _unreadable("un fichier à l'intérieur du dossier de l'index", path)
    try:
        return path, base64.b64decode(file["content"], validate=True)
    except (binascii.Error, ValueError):
        raise _unreadable(f"le contenu de {path} en base64", file["content"]) from None


def files_of(answers: Iterable[dict[str, Any]], sent: Callable[[], int] | None = None) -> list[tuple[str, bytes]]:
    """The index's files (path, content) from the answers, up to the one that holds them.

    `sent` gives the number of the last request sent so far: an answer to any other is refused.
    """
    for answer in answers:
        number, payload = answer.get("message_id"), answer.get("payload") or {}
        if sent is not None and number is not None and not 1 <= number <= sent():
            raise _unreadable(
                f"la réponse à une demande envoyée (n° 1 à {sent()})", f"une réponse à la demande n° {number}"
            )
        if payload.get("type") == "Error":
            which = "une demande" if number is None else f"la demande n° {number}"
            raise ServiceError(f"Pagefind a refusé {which} : {payload.get('message')}")
        if number is None:
            raise _unreadable("une réponse avec le numéro de sa demande", answer)
        if payload.get("type") == "GetFiles":
            files = payload.get("files", [])
            if not isinstance(files, list):
                raise _unreadable("une liste de fichiers dans « files »", files)
            return [_index_file(file) for file in files]
    raise StoppedEarly("Pagefind s'est arrêté avant de donner l'index")


def run(
    program: str, pages: Iterable[tuple[str, str]], config: Mapping[str, Any], timeout: float
) -> list[tuple[str, bytes]]:
    """Index `pages` with the Pagefind at `program`; return the index's files (path, content).

    `pages` is read while Pagefind works (it may read the pages from disk). Raises
    ProgramError when `program` cannot be started, ServiceError when Pagefind refuses a page,
    stops, answers outside its protocol or takes longer than `timeout` seconds; an OSError from
    reading `pages` goes through. Whatever happens, Pagefind has stopped when this returns.
    """
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                [program, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
            )
        except OSError as exc:
            raise _not_started(program, exc) from exc
        try:
            return _exchange(process, pages, config, timeout, errors)
        finally:  # on every path, errors included: no Pagefind outlives the build
            if process.poll() is None:
                process.kill()
            _close(process.stdin)
            _close(process.stdout)
            process.wait()


def _close(pipe: IO[bytes] | None) -> None:
    try:
        if pipe is not None:
            pipe.close()
    except BrokenPipeError:  # what was left to send to a Pagefind that has stopped
        pass


def _exchange(
    process: subprocess.Popen[bytes],
    pages: Iterable[tuple[str, str]],
    config: Mapping[str, Any],
    timeout: float,
    errors: IO[bytes],
) -> list[tuple[str, bytes]]:
    stdin, stdout = process.stdin, process.stdout
    if stdin is None or stdout is None:  # pragma: no cover - both are pipes
        raise ServiceError("Pagefind n'a pas pu être lancé")
    failed: list[BaseException] = []
    last_sent = [0]  # the number of the last request written, read by the reader's check

    def send() -> None:
        try:
            for number, message in enumerate(requests(pages, config), 1):
                last_sent[0] = number  # before the write: Pagefind may answer before it returns
                stdin.write(message)
            stdin.flush()
        except BrokenPipeError:  # Pagefind stopped: said below from its answers
            pass
        except BaseException as exc:
            failed.append(exc)
            process.kill()

    expired = threading.Event()

    def expire() -> None:
        expired.set()  # before the kill: the reader, woken by it, must know why
        process.kill()

    sender = threading.Thread(target=send, daemon=True)
    timer = threading.Timer(timeout, expire)
    sender.start()
    timer.start()
    try:
        try:
            answers = read_answers(iter(lambda: os.read(stdout.fileno(), 1 << 16), b""))
            files = files_of(answers, lambda: last_sent[0])
        except ServiceError as exc:
            if not isinstance(exc, StoppedEarly):  # still running: stopped here (otherwise its own code is kept)
                process.kill()
            sender.join()
            if failed:
                raise failed[0] from exc
            process.wait()  # under the timer: it kills a Pagefind that closed its output but would not stop
            if expired.is_set():
                raise ServiceError(f"Pagefind n'a pas fini en {timeout:g} s") from exc
            errors.seek(0)
            detail = "\n".join(errors.read().decode("utf-8", "replace").strip().splitlines()[-5:])
            said = str(exc) if isinstance(exc, UnreadableAnswer) else f"{exc} (code {process.returncode})"
            raise type(exc)(said + (f" :\n{detail}" if detail else "")) from exc
        sender.join()
        _close(stdin)  # Pagefind stops once its input is closed
        process.wait()  # under the timer too: it kills a Pagefind that would not stop
        return files
    finally:
        timer.cancel()
