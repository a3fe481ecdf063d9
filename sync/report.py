# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""What the user sees: every outcome's French wording in one table, a summary table, a progress bar.

Push, pull and the other commands return outcomes as data (a code and the
values it needs); this module alone says them in French. Colour and the
progress bar only when writing to a terminal, and never when NO_COLOR is set
(https://no-color.org): CI logs stay plain text.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

OK, WARN, FAIL = "ok", "attention", "échec"
_COLOURS = {OK: "\033[32m", WARN: "\033[33m", FAIL: "\033[31m"}

_RESOLVE = "lancez python -m sync resolve {path} (voir CONTRIBUTING.md, « Résoudre un conflit »)"
_CONFLICT_HELP = (
    "ouvrez {where}, gardez ce qu'il faut des deux versions et retirez les marqueurs <<<<<<< ======= >>>>>>>, "
    "puis " + _RESOLVE + " ; push enverra la résolution"
)

# code -> (level, French wording). Values in braces come from the outcome's details
# (`path` and `where`, the conflict file, are always there).
WORDING: dict[str, tuple[str, str]] = {
    # push
    "created": (OK, "créée sur Movilab (rév. {revid})"),
    "sent": (OK, "envoyée (rév. {revid})"),
    "merged-sent": (OK, "fusionnée avec Movilab puis envoyée (rév. {revid})"),
    "resolution-sent": (OK, "résolution du conflit envoyée (rév. {revid})"),
    "resolution-merged-sent": (
        OK,
        "résolution du conflit fusionnée avec une modification plus récente de Movilab, puis envoyée (rév. {revid})",
    ),
    "nochange": (OK, "déjà à jour sur Movilab (rév. {revid})"),
    "recorded": (OK, "déjà à jour sur Movilab (rév. {revid}) : enregistrée"),
    "recorded-created": (OK, "déjà sur Movilab, créée par la synchronisation (rév. {revid}) : enregistrée"),
    "no-visible-change": (OK, "aucun changement visible sur le wiki (état mis à jour)"),
    "renamed": (OK, "fichier renommé (ancien : docs/{old}) : la page wiki est gardée"),
    "moved": (OK, "page wiki renommée « {old} » → « {new} » (historique gardé)"),
    "move-recorded": (OK, "renommage « {old} » → « {new} » déjà fait sur Movilab : enregistré"),
    "deleted": (WARN, "supprimée de Movilab (--delete)"),
    "already-deleted": (WARN, "fichier supprimé, page déjà absente de Movilab : retirée de l'état"),
    "kept-deleted": (WARN, "fichier supprimé : la page wiki est gardée (--delete pour la supprimer)"),
    "merged-by-wiki": (
        WARN,
        "envoyée (rév. {revid}), fusionnée par le wiki avec une modification simultanée : lancez pull",
    ),
    "uncommitted": (FAIL, "modifications non commitées : commitez-les puis relancez"),
    "markers": (
        FAIL,
        "le texte contient encore des marqueurs de conflit (ligne {line}) : rien n'a été envoyé ; gardez ce qu'il "
        "faut des deux versions, retirez les lignes <<<<<<<, =======, >>>>>>>, commitez, puis relancez",
    ),
    "title-refused": (FAIL, "{error}"),
    "unproven": (
        FAIL,
        "le fichier d'état dit cette page synchronisée (rév. {revid}), mais le wiki ne montre pas qu'elle a été "
        "créée ou adoptée par le robot de la synchronisation ({bot}) : rien n'a été envoyé. Vérifiez "
        ".movilab-sync.json dans l'historique git ; pour refléter une page existante, adoptez-la avec "
        'python -m sync import "{title}" --to …',
    ),
    "resolution-unproven": (
        FAIL,
        "le fichier d'état dit le conflit avec la révision {revid} résolu, mais aucun fichier de conflit écrit par la "
        "synchronisation ne montrait cette version du wiki (par exemple « {line} ») : rien n'a été envoyé, pour ne "
        "pas l'écraser. Restaurez .movilab-sync.json depuis l'historique git (modifié à la main ?), puis lancez pull",
    ),
    "unsynced-base": (
        FAIL,
        "le fichier d'état dit la révision {revid} (de {user}) synchronisée, mais ce n'est pas le texte que la "
        "synchronisation a récupéré : rien n'a été envoyé, pour ne pas écraser cette modification du wiki. "
        "Lancez pull ; si le refus revient, .movilab-sync.json a été modifié à la main : restaurez-le depuis "
        "l'historique git",
    ),
    "exists": (
        FAIL,
        "la page existe déjà sur Movilab et la synchronisation ne l'a ni créée ni adoptée : rien n'a été envoyé ; "
        'pour la refléter, adoptez-la (python -m sync import "{title}" --to …), sinon changez « movilab: »',
    ),
    "retitle-blocked": (
        FAIL,
        "titre changé, mais l'ancienne page « {old} » a changé sur Movilab : rien n'a été renommé ; remettez "
        "l'ancien titre, lancez pull, puis changez-le",
    ),
    "retitle-taken": (
        FAIL,
        "titre changé, mais la page « {new} » existe déjà sur Movilab : rien n'a été renommé ; choisissez un autre titre",
    ),
    "remote-moved": (
        FAIL,
        "renommée sur Movilab en « {new} » : rien n'a été envoyé ; lancez pull (le fichier suit le nouveau titre), "
        "puis push",
    ),
    "remote-deleted": (
        FAIL,
        "supprimée sur Movilab : rien n'a été envoyé ; vérifiez sur le wiki (journal des suppressions), puis "
        "changez « movilab: » ou retirez-le",
    ),
    "delete-unsynced": (
        FAIL,
        "fichier supprimé, mais la page a été modifiée sur Movilab depuis la dernière synchronisation (rév. {revid}, "
        "{user}) : rien n'a été supprimé ; restaurez le fichier et lancez pull, ou vérifiez sur le wiki",
    ),
    "edit-conflict": (
        FAIL,
        "CONFLIT : la page a changé sur Movilab pendant l'envoi, rien n'a été écrasé ; relancez pull puis push",
    ),
    "conflict": (
        FAIL,
        "CONFLIT : rien n'a été envoyé ni écrasé ; les deux versions sont dans {where} ; " + _CONFLICT_HELP,
    ),
    "conflict-open": (
        FAIL,
        "conflit en cours (les deux versions sont dans {where}) : rien n'a été envoyé ; " + _CONFLICT_HELP,
    ),
    "conflict-editing": (
        FAIL,
        "vous avez modifié {where} : la synchronisation n'y touche plus ; quand les deux versions sont réunies, "
        + _RESOLVE,
    ),
    "conflict-file-taken": (
        FAIL,
        "CONFLIT, mais {where} existe déjà et n'a pas été écrit par la synchronisation : rien n'a été écrasé ; "
        "déplacez ce fichier, puis relancez",
    ),
    "failed": (FAIL, "échec : {error}"),
    # pull
    "pulled": (OK, "récupérée (rév. {revid})"),
    "pulled-merged": (WARN, "fusionnée avec Movilab (rév. {revid}) : lancez push pour envoyer le résultat"),
    "followed-move": (OK, "renommée sur Movilab : « movilab: » suit le nouveau titre « {new} » (rév. {revid})"),
    "merged": (OK, "modifications de Movilab fusionnées et commitées"),
    "move-not-followed": (
        WARN,
        "renommée sur Movilab en « {new} » : fichier gardé tel quel ({reason}) ; vérifiez le wiki, puis mettez à "
        "jour « movilab: »",
    ),
    "remote-deleted-kept": (
        WARN,
        "supprimée sur Movilab : fichier gardé ; vérifiez le wiki (journal des suppressions), puis mettez à jour "
        "« movilab: »",
    ),
    "remote-missing": (WARN, "introuvable sur Movilab : fichier gardé"),
    "outside-changed": (
        WARN,
        "modifiée, renommée ou supprimée sur Movilab, hors de l'extraction partielle (git sparse-checkout) : rien "
        "n'a été écrit, la modification reste sur Movilab ; récupérez-la depuis une copie qui contient docs/{path}",
    ),
    "deleted-but-changed": (
        FAIL,
        "modifiée sur Movilab mais fichier supprimé dans git : rien n'a été recréé ; restaurez le fichier, ou "
        "supprimez la page avec push --delete une fois les modifications du wiki relues",
    ),
    "pull-unbuildable": (
        FAIL,
        "la révision {revid} de Movilab, convertie en Markdown, serait refusée par la construction du site : "
        "rien n'a été écrit dans docs/{path}, et cette révision reste à récupérer. {problems} Une fois la "
        "page corrigée sur Movilab, relancez pull",
    ),
    "pull-image-hidden": (
        WARN,
        "récupérée et commitée, mais le site n'affichera pas ces images du wiki (une image SVG y exécuterait "
        "son code) : {images} ; la page est publiée avec un encadré « Image indisponible » à leur place. Sur "
        "Movilab, téléversez l'image en PNG ou en JPEG et changez son nom dans la page, puis relancez pull",
    ),
    "pull-uncommitted": (
        FAIL,
        "modifiée sur Movilab, mais le fichier a des modifications non commitées : rien n'a été écrasé ; "
        "commitez-les puis relancez pull",
    ),
    "retitled-pending": (WARN, "titre Movilab changé dans l'en-tête : lancez push pour renommer la page wiki"),
    "resolution-pending": (WARN, "conflit résolu dans git : lancez push pour envoyer la résolution"),
    # resolve
    "resolved": (OK, "conflit résolu et commité{kept} : lancez push pour envoyer la résolution"),
    # import
    "imported": (OK, "importée (rév. {revid}) et adoptée : la synchronisation la suit désormais"),
    "already-imported": (OK, "déjà importée et adoptée (import fini, ou terminé à cette reprise) : rien à faire"),
}
# --dry-run: what would happen, by step kind.
DRY_RUN = {
    "create": "serait créée sur Movilab",
    "edit": "serait envoyée",
    "move": "serait renommée « {old} » → « {new} »",
    "delete": "serait supprimée de Movilab",
    "commit": "serait récupérée (rév. {revid})",
    "record": "serait enregistrée comme synchronisée",
    "forget": "serait retirée de l'état (page déjà absente de Movilab)",
    "conflict": "CONFLIT : les deux côtés ont changé au même endroit ; rien ne serait envoyé ni écrasé",
}


@dataclass(frozen=True)
class Outcome:
    """What happened to one page: a WORDING code and the values its wording needs."""

    code: str
    title: str
    path: str | None
    details: dict[str, Any] = field(default_factory=dict)
    dry_run: str = ""  # the step kind that would have run

    @property
    def level(self) -> str:
        if self.dry_run:
            return FAIL if self.dry_run == "conflict" else OK
        return WORDING[self.code][0]

    def words(self) -> str:
        values = {"path": self.path or "?", "where": f"conflits-movilab/{self.path}", "title": self.title}
        values.update(self.details)
        if self.dry_run:
            return DRY_RUN[self.dry_run].format_map(_Missing(values)) + " (--dry-run : rien n'est modifié)"
        return WORDING[self.code][1].format_map(_Missing(values))


class _Missing(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "?"


@dataclass
class Row:
    title: str
    path: str
    status: str
    level: str = OK


@dataclass
class Report:
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    rows: list[Row] = field(default_factory=list)

    @property
    def colour(self) -> bool:
        return self.out.isatty() and "NO_COLOR" not in os.environ

    def add(self, title: str, path: str | None, status: str, level: str = OK) -> None:
        self.rows.append(Row(title, f"docs/{path}" if path else "—", status, level))

    def outcome(self, outcome: Outcome) -> None:
        self.add(outcome.title, outcome.path, outcome.words(), outcome.level)

    def note(self, message: str) -> None:
        print(message, file=self.out)

    @property
    def failed(self) -> bool:
        return any(row.level == FAIL for row in self.rows)

    def table(self, empty: str) -> None:
        if not self.rows:
            print(empty, file=self.out)
            return
        headers = ("Page Movilab", "Fichier", "État")
        widths = [
            max(len(headers[0]), *(len(r.title) for r in self.rows)),
            max(len(headers[1]), *(len(r.path) for r in self.rows)),
        ]
        print(f"{headers[0]:<{widths[0]}}  {headers[1]:<{widths[1]}}  {headers[2]}", file=self.out)
        print(f"{'-' * widths[0]}  {'-' * widths[1]}  {'-' * 20}", file=self.out)
        for row in self.rows:
            status = row.status
            if self.colour:
                status = f"{_COLOURS[row.level]}{status}\033[0m"
            print(f"{row.title:<{widths[0]}}  {row.path:<{widths[1]}}  {status}", file=self.out)
        counts = {level: sum(1 for r in self.rows if r.level == level) for level in (OK, WARN, FAIL)}
        print(
            f"\n{len(self.rows)} page(s) : {counts[OK]} ok, {counts[WARN]} à vérifier, "
            f"{counts[FAIL]} en échec ou en conflit.",
            file=self.out,
        )


# -- status: how a page differs, said in one line -----------------------------------------------------------
LOCAL_WORDS = {
    "same": "",
    "changed": "modifiée dans git",
    "new": "nouvelle, pas encore sur Movilab",
    "deleted": "fichier supprimé (la page wiki est gardée ; --delete pour la supprimer)",
    "outside": "",  # left out of a sparse checkout: not a change (observe_local's note says it)
    "renamed": "fichier renommé (ancien : docs/{old_path})",
    "retitled": "titre Movilab changé (ancien : « {old_title} ») : push renomme la page wiki",
}
REMOTE_WORDS = {
    "same": "",
    "changed": "modifiée sur Movilab",
    "moved": "renommée sur Movilab (en « {moved_to} »)",
    "deleted": "supprimée sur Movilab",
    "unknown": "état Movilab inconnu",
    "absent": "",
    "exists": "la page existe déjà sur Movilab (pour la refléter : python -m sync import)",
}


def describe(local: str, remote: str, conflict: str, **values: str) -> str:
    """One line for `status`: what changed on each side, and an open conflict."""
    if conflict:
        return f"conflit en cours (voir conflits-movilab/{values.get('path', '?')})"
    if local == "changed" and remote == "changed":
        return "modifiée des deux côtés (fusion à trois voies)"
    parts = [w.format_map(_Missing(values)) for w in (LOCAL_WORDS[local], REMOTE_WORDS[remote]) if w]
    return " ; ".join(parts) or "à jour"


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.label = label
        self.done = 0
        self.enabled = total > 5 and self.stream.isatty()

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = width * self.done // max(self.total, 1)
            bar = "#" * filled + "." * (width - filled)
            end = "\n" if self.done >= self.total else ""
            self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}{end}")
            self.stream.flush()
