# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""A small French site for the reader-feature tests: webinars past and upcoming, fiches, a kit.

Shared by tests/site (HTML, feeds) and tests/browser (Chromium), so both check
the same content. Dates are fixed, and so is the day of the build
(sitebuilder.BUILD_DAY, through SOURCE_DATE_EPOCH): the webinars of June and
September 2026 are upcoming, the others past, whenever the tests run.
"""

from __future__ import annotations

from pathlib import Path

from tests.site.sitebuilder import Site, make_site

ALICE = "Alice Martin <alice@example.org>"

WEBINARS = {
    "webinaires/2026-06-12-jardins-partages.md": """
        ---
        title: Jardins partagés en tiers-lieu
        date: 2026-06-12T14:00:00
        duree: 90
        intervenants:
          - nom: Inès Durand
            structure: La Ferme du Coin
        thèmes: [alimentation, environnement]
        description: Lancer un jardin partagé avec les habitants du quartier.
        inscription: https://example.org/inscription-jardins
        sources: [essai]
        ---

        Une séance pour démarrer un jardin partagé.
    """,
    "webinaires/2026-09-01-budget-participatif.md": """
        ---
        title: Budget participatif et tiers-lieux
        date: 2026-09-01
        intervenants:
          - nom: Paul Lefèvre
        thèmes: [économie]
        sources: [essai]
        ---

        Date connue, heure à préciser.
    """,
    "webinaires/2019-05-14-compostage.md": """
        ---
        title: Compostage en tiers-lieu
        date: 2019-05-14T14:00:00
        duree: 60
        intervenants:
          - nom: Inès Durand
            structure: La Ferme du Coin
          - nom: Marc Petit
        thèmes: [alimentation]
        description: Composter les restes de la cantine et du café.
        replay: https://example.org/replay-compostage
        support: https://example.org/support-compostage.pdf
        sources: [essai]
        ---

        Retour d'expérience sur le compostage partagé.
    """,
    "webinaires/2019-11-05-gouvernance-partagee.md": """
        ---
        title: Gouvernance partagée
        date: 2019-11-05
        intervenants:
          - nom: Zoé Bernard
            structure: Réseau d'essai
        thèmes: [gouvernance]
        sources: [essai]
        ---

        Les cercles et le consentement.
    """,
    "webinaires/2021-03-18-teletravail.md": """
        ---
        title: Télétravail et coworking
        date: 2021-03-18T10:30:00
        intervenants:
          - nom: Marc Petit
        thèmes: [emploi, numérique]
        replay: https://example.org/replay-teletravail
        sources: [essai]
        ---

        Accueillir des télétravailleurs.
    """,
}

FICHES = {
    "boite-a-outils/budget-contributif.md": """
        ---
        title: Le budget contributif
        description: Rémunérer les contributions au réseau selon des règles décidées ensemble.
        thèmes: [économie, gouvernance]
        public: [coordination, tiers-lieu]
        niveau: avancé
        sources: [essai]
        ---

        Le budget contributif rétribue les membres qui animent les chantiers communs.
        Chaque contribution est notée dans un tableau partagé.
    """,
    "boite-a-outils/evaluer-le-reseau.md": """
        ---
        title: Évaluer et observer le réseau
        description: Suivre quelques indicateurs simples pour rendre compte de l'activité.
        thèmes: [gouvernance, observation]
        public: [coordination, collectivité]
        niveau: intermédiaire
        sources: [essai]
        ---

        L'évaluation repose sur une enquête annuelle auprès des membres.

        ## Pour aller plus loin

        - [Le budget contributif](budget-contributif.md) rétribue ceux qui mènent l'enquête.
    """,
    "boite-a-outils/incubateur.md": """
        ---
        title: L'incubateur de projets
        description: Suivre pendant un an les collectifs qui préparent l'ouverture d'un lieu.
        thèmes: [gouvernance]
        public: [porteur-de-projet]
        sources: [essai]
        ---

        Un parrain du réseau rencontre le collectif chaque mois.
    """,
    "boite-a-outils/ouvrir-un-tiers-lieu.md": """
        ---
        title: Ouvrir un tiers-lieu
        description: Les premières étapes pour ouvrir un tiers-lieu dans un village.
        thèmes: [création]
        public: [porteur-de-projet]
        niveau: découverte
        sources: [essai]
        ---

        Trouver un local, réunir un collectif, tester des activités avant d'investir.
    """,
    "boite-a-outils/cantine-partagee.md": """
        ---
        title: La cantine partagée
        description: Organiser un repas commun chaque semaine.
        thèmes: [alimentation]
        public: [tous]
        sources: [essai]
        ---

        Un repas par semaine, préparé à tour de rôle, ouvert aux voisins.
    """,
}

KIT = {
    "kit-accueil/index.md": """
        ---
        title: Kit d'accueil
        ---

        # Kit d'accueil

        Bienvenue dans le réseau : lisez les étapes dans l'ordre.
    """,
    "kit-accueil/premiers-pas.md": """
        ---
        title: Premiers pas dans le réseau
        description: Ce que vous pouvez faire dès la première semaine.
        ordre: 2
        sources: [essai]
        ---

        # Premiers pas dans le réseau

        Venez à une rencontre, présentez votre lieu et posez vos questions.
    """,
    "kit-accueil/bienvenue.md": """
        ---
        title: Bienvenue
        description: Le réseau en quelques mots.
        ordre: 1
        sources: [essai]
        ---

        Le réseau rassemble des lieux très différents qui s'entraident.

        ## Les lieux

        Cafés associatifs, ateliers partagés, espaces de travail : l'accueil est au cœur de chacun.
    """,
    "kit-accueil/contribuer.md": """
        ---
        title: Contribuer
        description: Corriger une page depuis son navigateur.
        ordre: 3
        sources: [essai]
        ---

        # Contribuer

        Chaque page a un bouton pour la modifier sur la forge.

        Touchez une question pour afficher la réponse.
        { .commons-screen-only }

        ??? question "Faut-il un compte ?"
            Oui, un compte gratuit sur la forge suffit pour proposer une correction.

        Pour rémunérer les contributions, lisez [le budget contributif](../boite-a-outils/budget-contributif.md)
        ou revenez à [la bienvenue](bienvenue.md#les-lieux).

        Tapez `git status ; ls -l` puis « Entrée » : c'est tout ! Voir [la forge](https://example.org/forge "Une forge ?").

        ## D

        Dépôt
        :   Le dossier partagé où vivent les pages du site ([voir plus haut](#d)).
    """,
}

CHARTER = {
    "charte/charte-du-reseau.md": """
        ---
        title: Charte du réseau
        description: Les valeurs et les engagements des membres.
        version: "1.0"
        adoption: 2026-11-22
        ---

        ## Préambule

        Le réseau relie des lieux.
    """,
}

INDEXES = {
    "webinaires/index.md": """
        ---
        title: Webinaires
        ---

        # Webinaires

        Les rendez-vous en ligne du réseau.

        <!-- catalogue -->

        ## Proposer un webinaire

        Écrivez à la coordination.
    """,
    "charte/index.md": """
        ---
        title: Chartes
        ---

        # Chartes

        Les textes que les membres adoptent.
    """,
    "boite-a-outils/index.md": """
        ---
        title: Boîte à outils
        ---

        # Boîte à outils

        Des fiches pratiques, par thème.
    """,
}


def write_reader_site(tmp_path: Path, *, extra: dict[str, str] | None = None) -> Site:
    """Write and commit the reader fixture site (not built yet)."""
    site = make_site(tmp_path)
    for pages in (WEBINARS, FICHES, KIT, CHARTER, INDEXES, extra or {}):
        for rel, text in pages.items():
            site.write(rel, text)
    site.commit("Contenu d'essai", author=ALICE, date="2024-03-01T10:00:00+01:00")
    return site


def build_reader_site(tmp_path: Path) -> Site:
    """The reader fixture site, built with `mkdocs build --strict`; fails loudly if the build does."""
    site = write_reader_site(tmp_path)
    result = site.build()
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build a échoué :\n{result.stderr[-4000:]}")
    return site
