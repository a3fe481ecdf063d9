# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""Something planted where the sync reads or writes its own files: refused in French, never followed."""

from __future__ import annotations

import os

import pytest

from sync import safety


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("swap", ["dossier", "tube"])
def test_a_file_swapped_for_a_folder_or_a_pipe_after_its_check_is_refused_in_french_without_leaking(
    tmp_path, monkeypatch, swap
):
    """Put in place of a page between the link check and the read: a folder was opened, then os.fdopen
    failed in English and its descriptor stayed open; a named pipe blocked the sync for ever."""
    target = tmp_path / "docs" / "fiche.md"
    target.parent.mkdir()
    target.mkdir() if swap == "dossier" else os.mkfifo(target)
    check = safety.check_no_link
    calls = []

    def passes_once(*args, **kwargs):  # the check saw a plain file; the swap came right after it
        calls.append(args)
        if len(calls) > 1:
            check(*args, **kwargs)

    monkeypatch.setattr(safety, "check_no_link", passes_once)
    before = _open_descriptors()
    with pytest.raises(safety.LinkError) as refused:
        safety.read_bytes(tmp_path, target)
    assert _open_descriptors() == before
    kind = "un dossier" if swap == "dossier" else "un fichier spécial (tube, périphérique ou socket)"
    assert str(refused.value).startswith(f"docs/fiche.md : ce n'est pas un fichier ordinaire mais {kind}")


@pytest.mark.parametrize("planted", ["lien", "lien cassé", "dossier", "tube"])
def test_a_link_or_folder_planted_as_the_lock_file_is_refused_and_nothing_is_written_through_it(
    site, tmp_path, planted
):
    """The lock file was opened following links: a link there made every sync truncate the file it led to."""
    lock = site.path / ".git" / "movilab-sync.lock"
    victim = tmp_path / "precieux.txt"
    victim.write_text("à garder\n", encoding="utf-8")
    lock.unlink(missing_ok=True)
    if planted.startswith("lien"):
        lock.symlink_to(victim if planted == "lien" else tmp_path / "absent")
    else:
        lock.mkdir() if planted == "dossier" else os.mkfifo(lock)
    for command in ("pull", "push"):  # the commands that write (status only reads, without the lock)
        result = site.run(command)
        assert result.code == 2, result.text
        what = "un lien symbolique" if planted.startswith("lien") else "autre chose qu'un fichier ordinaire"
        assert f"le verrou de la synchronisation, {lock}, est {what}" in result.err, result.err
        assert f"Retirez-le (rm -r « {lock} »)" in result.err and "Traceback" not in result.text
    assert victim.read_text(encoding="utf-8") == "à garder\n"
    assert not (tmp_path / "absent").exists()  # a broken link is not created through either
    lock.rmdir() if planted == "dossier" else lock.unlink()
    assert site.run("status").code in (0, 1)  # runs again once removed


def test_a_lock_file_the_system_refuses_is_said_in_french(site, monkeypatch):
    """No right to write in the git folder (root has every right: the refusal is faked)."""
    lock = site.path / ".git" / "movilab-sync.lock"
    real = os.open

    def refuse(path, *args, **kwargs):
        if str(path) == str(lock):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = site.run("pull")
    monkeypatch.undo()
    assert result.code == 2, result.text
    assert (
        f"le verrou de la synchronisation, {lock}, ne peut pas être créé (permission refusée, EACCES) : " in result.err
    )
    assert "Permission denied" not in result.text and "Traceback" not in result.text
