# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The contact page, the mentions légales, the accessibility statement and the personal-data page.

Generated at each build from the settings (commons/legal.py), in French, as
Markdown pages that the theme renders like any other. A network that wants
its own wording writes the page itself in docs/ (same file name): the build
then keeps its page and generates nothing for it.

The accessibility statement follows the RGAA's model (état de conformité,
résultats des tests, contenus non accessibles, établissement, retour
d'information, voies de recours) and never claims more than the settings
declare: with no audit, the site is "non conforme", as the RGAA requires.

Every value from the settings is escaped for Markdown and HTML, and a link
is made only of an http(s) or mailto address.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from commons.attribution import french_date
from commons.legal import ACCESSIBILITY, CONTACT, LEGAL_NOTICE, PRIVACY, Contact, LegalSettings, Party

CONTACT_MARKER = "<!-- contact -->"
RGAA_VERSION = "4.1.2"

# Pages of docs/ the generated pages may link to, when the fork still has them.
CONTRIBUTING_PAGE = "kit-accueil/contribuer.md"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")
_SAFE_URL = re.compile(r"^(?:https?://[^\s\"'<>]+|mailto:[^\s\"'<>]+)$", re.IGNORECASE)


def md(text: str) -> str:
    """A settings value as literal text in Markdown: HTML escaped, Markdown punctuation backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escape(text, quote=False))


def link(url: str, text: str | None = None) -> str:
    """An inline HTML link when the address is http(s) or mailto; the text alone otherwise."""
    shown = escape(text if text is not None else url, quote=False)
    if not _SAFE_URL.match(url):
        return shown
    return f'<a href="{escape(url, quote=True)}">{shown}</a>'


def mail_link(address: str) -> str:
    return link(f"mailto:{address}", address) if "@" in address and " " not in address else md(address)


@dataclass(frozen=True)
class Site:
    """What the pages say about the site itself."""

    name: str
    url: str
    repo_url: str
    has_page: Callable[[str], bool]  # whether docs/ (or the build) has this docs-relative page


def _front(title: str, description: str) -> list[str]:
    """Front matter of a generated page (JSON strings are valid YAML, whatever they hold)."""
    return [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"description: {json.dumps(description, ensure_ascii=False)}",
        "---",
        "",
    ]


def contact_lines(contact: Contact) -> list[str]:
    """The ways to reach the network, one Markdown list item each."""
    lines = []
    if contact.email:
        lines.append(f"- **Par e-mail** : {mail_link(contact.email)}")
    if contact.form:
        lines.append(f"- **Par le formulaire de contact** : {link(contact.form, 'écrire un message')}")
    if contact.forum:
        lines.append(f"- **Sur le forum** : {link(contact.forum)}")
    return lines


def contact_page(settings: LegalSettings, site: Site) -> str:
    lines = [
        *_front("Contact", "Écrire à la coordination du réseau : une question, une aide pour démarrer, un problème."),
        "# Contact",
        "",
        "Une question sur le réseau, une aide pour ouvrir ou faire vivre un tiers-lieu, une information "
        "que vous ne trouvez pas : écrivez-nous, une personne de la coordination vous répond.",
        "",
    ]
    channels = contact_lines(settings.contact)
    lines += channels or ["Le réseau n'a pas encore indiqué comment le joindre."]
    lines += ["", "## Corriger ou compléter une page", ""]
    text = (
        "Chaque page a un bouton « Proposer une modification » : un navigateur suffit, et votre "
        "proposition est relue avant publication."
    )
    if site.has_page(CONTRIBUTING_PAGE):
        text += f" La page [Contribuer au site et à Movilab]({CONTRIBUTING_PAGE}) explique comment faire."
    lines += [text, "", "## Un contenu vous est inaccessible ?", ""]
    lines.append(
        "Dites-le-nous par l'un des moyens ci-dessus : nous vous le transmettrons sous une autre forme. "
        f"Voir aussi la [déclaration d'accessibilité]({ACCESSIBILITY})."
    )
    return "\n".join(lines) + "\n"


def _party_lines(party: Party) -> list[str]:
    lines = []
    name = md(party.name) if party.name else "*(à compléter)*"
    lines.append(f"**{name}**" + (f", {md(party.status)}" if party.status else ""))
    for label, value in (("Adresse", party.address), ("Identifiant", party.identifier), ("Téléphone", party.phone)):
        if value:
            lines.append(f"{label} : {md(value)}")
    if party.website:
        lines.append(f"Site : {link(party.website)}")
    # One line each: a Markdown line break (two spaces) keeps them in one paragraph.
    return ["  \n".join(lines)]


def legal_notice_page(settings: LegalSettings, site: Site) -> str:
    publisher, host = settings.publisher, settings.host
    lines = [
        *_front("Mentions légales", "Qui publie le site, qui l'héberge, et sous quelle licence sont ses contenus."),
        "# Mentions légales",
        "",
        "## Éditeur du site",
        "",
        *_party_lines(publisher),
        "",
        "Directeur ou directrice de la publication : "
        + (md(publisher.director) if publisher.director else "*(à compléter)*")
        + ".",
        "",
    ]
    if settings.contact.any:
        lines += ["Pour nous écrire, voir la page [Contact](contact.md).", ""]
    lines += ["## Hébergement", "", *_party_lines(host), ""]
    lines += [
        "## Contenus et licence",
        "",
        "Les textes du site sont écrits par les membres du réseau et publiés sous licence "
        + link("https://creativecommons.org/licenses/by-sa/4.0/deed.fr", "Creative Commons BY-SA 4.0")
        + " : vous pouvez les copier, les modifier et les republier, y compris à des fins commerciales, "
        "en citant leurs auteurs et autrices et en gardant la même licence. Chaque page indique ses "
        "auteurs, ses sources et sa date de mise à jour.",
        "",
        "Le code qui fabrique le site est sous licence "
        + link("https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12", "EUPL 1.2")
        + ".",
    ]
    if site.repo_url:
        lines[-1] += f" Le code et l'historique de chaque page sont publics : {link(site.repo_url)}."
    lines += [
        "",
        "Certaines pages sont aussi publiées sur le wiki " + link("https://movilab.org/", "Movilab") + ", "
        "où chacun peut les modifier ; les modifications y sont relues avant de revenir sur ce site.",
        "",
        "## Vie privée et accessibilité",
        "",
        f"Voir [Données personnelles]({PRIVACY}) et la [déclaration d'accessibilité]({ACCESSIBILITY}).",
    ]
    return "\n".join(lines) + "\n"


# What the browser tests (tests/browser) check on every build: the statement says it.
CHECKED_PAGES = (
    "l'accueil",
    "les étapes du kit d'accueil et sa version imprimable",
    "l'index de la boîte à outils et une fiche",
    "le catalogue des webinaires et la page d'un webinaire",
    "une charte",
    "la page d'erreur",
    "les pages Contact, Mentions légales, Données personnelles et cette déclaration",
)


def accessibility_page(settings: LegalSettings, site: Site) -> str:
    access = settings.accessibility
    entity = md(settings.publisher.name) if settings.publisher.name else md(site.name)
    address = link(site.url) if site.url else "ce site"
    lines = [
        *_front(
            "Déclaration d'accessibilité",
            f"État de conformité du site au RGAA {RGAA_VERSION}, ce qui est vérifié, "
            "et comment obtenir un contenu sous une autre forme.",
        ),
        "# Déclaration d'accessibilité",
        "",
        f"{entity} s'engage à rendre son site accessible, conformément à l'article 47 de la loi "
        "n° 2005-102 du 11 février 2005.",
        "",
        f"Cette déclaration d'accessibilité s'applique au site {address}.",
        "",
        "## État de conformité",
        "",
        f"Le site est **{access.level}** avec le référentiel général d'amélioration de "
        f"l'accessibilité (RGAA), version {RGAA_VERSION}.",
        "",
        "## Résultats des tests",
        "",
    ]
    audit = access.audit
    if audit is not None and (audit.rate or audit.by):
        done = "L'audit de conformité"
        if audit.by:
            done += f" réalisé par {md(audit.by)}"
        if audit.day:
            done += f" le {french_date(audit.day)}"
        done += f" révèle que {md(audit.rate)} des critères du RGAA sont respectés." if audit.rate else "."
        lines.append(done)
    else:
        lines.append(
            "Le site n'a pas encore fait l'objet d'un audit de conformité au RGAA : c'est pourquoi il est "
            "déclaré non conforme, même si de nombreux critères sont déjà respectés."
        )
    lines += [
        "",
        "À chaque modification, des vérifications automatiques passent sur chaque type de page : "
        "aucune erreur relevée par l'outil axe-core, langue de la page, lien d'évitement vers le contenu, "
        "focus visible et contrasté, liens reconnaissables sans la couleur, filtres et recherche "
        "utilisables au clavier, affichage sur téléphone. Ces vérifications ne couvrent qu'une partie "
        "des critères du RGAA et ne remplacent pas un audit.",
        "",
        "## Contenus non accessibles",
        "",
        "Contenus dont l'accessibilité n'est pas garantie :",
        "",
        "- les enregistrements et les diapositives des webinaires, hébergés sur d'autres sites, "
        "n'ont pas toujours de sous-titres ni de transcription ;",
        "- le PDF du kit d'accueil reprend la version imprimable du kit, mais n'a pas été vérifié "
        "avec un lecteur d'écran : la version en ligne du kit reste la référence ;",
        "- les pages et documents de sites tiers vers lesquels le site renvoie (Movilab, la forge, "
        "les sites des intervenants) ne sont pas couverts par cette déclaration.",
        "",
        "## Établissement de cette déclaration",
        "",
        "Cette déclaration a été établie le "
        + (french_date(access.day) if access.day else "*(date à compléter)*")
        + ".",
        "",
        "- Technologies utilisées : HTML, CSS, JavaScript (le contenu reste lisible sans JavaScript).",
        "- Outils de vérification : Chromium et axe-core, lancés par les tests du site.",
    ]
    lines.append("- Pages vérifiées à chaque modification : " + ", ".join(CHECKED_PAGES) + ".")
    lines += ["", "## Retour d'information et contact", ""]
    lines.append(
        "Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous pour être orienté "
        "vers une alternative accessible ou obtenir le contenu sous une autre forme :"
    )
    lines += ["", *(contact_lines(settings.contact) or ["- voir la page [Contact](contact.md)."]), ""]
    lines += [
        "## Voies de recours",
        "",
        "Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou "
        "à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le "
        "Défenseur des droits :",
        "",
        "- par le " + link("https://formulaire.defenseurdesdroits.fr/", "formulaire en ligne") + " ;",
        "- en contactant "
        + link("https://www.defenseurdesdroits.fr/saisir/delegues", "le délégué ou la déléguée de votre région")
        + " ;",
        "- par téléphone au 09 69 39 00 00 ;",
        "- par courrier, gratuitement et sans timbre : Défenseur des droits, Libre réponse 71120, "
        "75342 Paris CEDEX 07.",
    ]
    return "\n".join(lines) + "\n"


def privacy_page(settings: LegalSettings, site: Site) -> str:
    host = md(settings.host.name) if settings.host.name else "l'hébergeur du site"
    lines = [
        *_front(
            "Données personnelles",
            "Ce site ne dépose aucun cookie, ne mesure pas l'audience et ne fait appel à aucun autre serveur.",
        ),
        "# Données personnelles",
        "",
        "## Ce que fait le site quand vous le lisez",
        "",
        "- **Aucun cookie**, aucune mesure d'audience, aucune publicité.",
        "- **Aucun autre serveur** : les polices, les scripts, les images et la recherche viennent du site "
        "lui-même. Votre navigateur ne contacte un autre site que si vous suivez un lien qui y mène "
        "(un replay, Movilab, la forge…).",
        "- **La recherche** se fait dans votre navigateur : ce que vous tapez n'est envoyé à personne.",
        f"- **{host}**, qui héberge le site, enregistre comme tout serveur web l'adresse IP et la page "
        "demandée dans ses journaux techniques, pour assurer le service et sa sécurité. "
        "Le réseau n'a pas accès à ces journaux.",
        "",
        "## Quand vous contribuez",
        "",
        "Proposer une modification passe par la forge qui héberge le dépôt"
        + (f" ({link(site.repo_url)})" if site.repo_url else "")
        + ", avec un compte chez elle et selon ses conditions. Le nom que vous y utilisez est public : "
        "il apparaît dans l'historique du dépôt et dans les crédits de la page, comme le demande "
        "la licence CC BY-SA. Les modifications faites sur Movilab y sont publiques de la même façon.",
        "",
        "Si vous nous écrivez, votre message et votre adresse servent seulement à vous répondre.",
        "",
        "## Vos droits",
        "",
        "Vous pouvez demander à consulter, corriger ou effacer les données qui vous concernent "
        "(par exemple votre nom dans les crédits d'une page) :",
        "",
        *(contact_lines(settings.contact) or ["- voir la page [Contact](contact.md)."]),
        "",
        "Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez "
        "adresser une réclamation à la " + link("https://www.cnil.fr/fr/plaintes", "CNIL") + ".",
    ]
    return "\n".join(lines) + "\n"


def generated_pages(settings: LegalSettings, site: Site) -> dict[str, str]:
    """Docs-relative path -> Markdown of each page, for the pages docs/ does not already hold."""
    pages = {
        CONTACT: contact_page(settings, site),
        LEGAL_NOTICE: legal_notice_page(settings, site),
        ACCESSIBILITY: accessibility_page(settings, site),
        PRIVACY: privacy_page(settings, site),
    }
    return {path: text for path, text in pages.items() if not site.has_page(path)}


def contact_box(contact: Contact, contact_href: str) -> str:
    """The short "Une question ?" box that replaces <!-- contact --> in a page (HTML)."""
    ways = []
    if contact.email:
        ways.append(f'par e-mail à <a href="mailto:{escape(contact.email, quote=True)}">{escape(contact.email)}</a>')
    if contact.form and _SAFE_URL.match(contact.form):
        ways.append(f'par le <a href="{escape(contact.form, quote=True)}">formulaire de contact</a>')
    if contact.forum and _SAFE_URL.match(contact.forum):
        ways.append(f'sur le <a href="{escape(contact.forum, quote=True)}">forum</a>')
    if ways:
        text = "Une question ? Écrivez à la coordination " + (
            ", ".join(ways[:-1]) + " ou " + ways[-1] if len(ways) > 1 else ways[0]
        )
        text += f' (<a href="{escape(contact_href, quote=True)}">toutes les façons de nous joindre</a>).'
    else:
        text = f'Une question ? Voir la page <a href="{escape(contact_href, quote=True)}">Contact</a>.'
    return f'<p class="commons-contact">{text}</p>'
