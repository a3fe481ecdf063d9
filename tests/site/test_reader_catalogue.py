# SPDX-FileCopyrightText: 2026 Contributeurs et contributrices du site des communs
# SPDX-License-Identifier: EUPL-1.2
"""The webinar catalogue page, the webinaires.ics feed and the RSS feeds, on a real build."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.site.reader_content import WEBINARS, write_reader_site
from tests.site.sitebuilder import Site


@pytest.fixture
def site(reader_build: Site) -> Site:
    """The reader fixture site, built once for the whole session (tests/conftest.py)."""
    return reader_build


def _article(html: str) -> str:
    """The page's own content, without the navigation that also links to every webinar."""
    return html[html.index("<article") : html.index("</article>")]


def _calendar(site: Site) -> Calendar:
    return Calendar.from_ical((site.root / "site" / "webinaires.ics").read_bytes())


def test_upcoming_first_soonest_first_then_past_years_newest_first(site: Site) -> None:
    html = _article(site.html("webinaires"))
    order = re.findall(r'<h3 class="commons-card__title"><a href="([^"]+)"', html)
    assert order == [
        "2026-06-12-jardins-partages/",
        "2026-09-01-budget-participatif/",
        "2021-03-18-teletravail/",
        "2019-11-05-gouvernance-partagee/",
        "2019-05-14-compostage/",
    ]
    headings = re.findall(r"<h2 id=\"([^\"]+)\"", html)
    assert headings[:3] == ["a-venir", "annee-2021", "annee-2019"]


def test_cards_show_french_dates_speakers_themes_and_links(site: Site) -> None:
    html = site.html("webinaires")
    assert "vendredi 12 juin 2026 à 14 h</time> · 1 h 30" in html
    assert "mardi 1er septembre 2026</time>" in html
    assert "jeudi 18 mars 2021 à 10 h 30" in html
    assert "Avec Inès Durand (La Ferme du Coin), Marc Petit" in html
    assert 'href="https://example.org/replay-compostage">Voir le replay' in html
    assert 'href="https://example.org/support-compostage.pdf">Support de présentation' in html
    assert 'href="https://example.org/inscription-jardins">S&#x27;inscrire' in html
    assert '<option value="economie">Économie</option>' in html
    assert '<option value="ines-durand">Inès Durand</option>' in html


def test_catalogue_replaces_the_marker_and_keeps_the_authored_text_around_it(site: Site) -> None:
    html = _article(site.html("webinaires"))
    assert "<!-- catalogue -->" not in html
    assert html.index("Les rendez-vous en ligne du réseau") < html.index("commons-filter")
    assert html.index("2019-05-14-compostage/") < html.index('id="proposer-un-webinaire"')


def test_catalogue_without_marker_is_appended_after_the_introduction(tmp_path: Path) -> None:
    site = write_reader_site(
        tmp_path,
        extra={"webinaires/index.md": "---\ntitle: Webinaires\n---\n\n# Webinaires\n\nIntroduction.\n"},
    )
    result = site.build()
    assert result.returncode == 0, result.stderr
    html = _article(site.html("webinaires"))
    assert html.index("Introduction.") < html.index("2026-06-12-jardins-partages/")


def test_ics_lists_every_webinar_with_rfc5545_fields(site: Site) -> None:
    calendar = _calendar(site)
    events = calendar.walk("VEVENT")
    assert len(events) == len(WEBINARS)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"
    by_summary = {str(event["SUMMARY"]): event for event in events}
    assert set(by_summary) == {
        "Jardins partagés en tiers-lieu",
        "Budget participatif et tiers-lieux",
        "Compostage en tiers-lieu",
        "Gouvernance partagée",
        "Télétravail et coworking",
    }
    for event in events:
        assert event["UID"] and event["DTSTAMP"] and event["URL"].startswith("https://example.org/communs/webinaires/")
    timed = by_summary["Compostage en tiers-lieu"]
    assert timed["DTSTART"].params["TZID"] == "Europe/Paris"
    assert timed.decoded("DTSTART").isoformat() == "2019-05-14T14:00:00+02:00"
    assert timed.decoded("DTEND").isoformat() == "2019-05-14T15:00:00+02:00"
    all_day = by_summary["Gouvernance partagée"]
    assert all_day["DTSTART"].params["VALUE"] == "DATE"
    assert all_day.decoded("DTSTART").isoformat() == "2019-11-05"
    raw = (site.root / "site" / "webinaires.ics").read_bytes()
    assert b"DTSTART;TZID=Europe/Paris:20190514T140000\r\n" in raw
    assert b"DTSTART;VALUE=DATE:20191105\r\n" in raw


def test_ics_uid_survives_a_rebuild_and_a_corrected_title(tmp_path: Path) -> None:
    site = write_reader_site(tmp_path)
    assert site.build().returncode == 0
    before = {str(e["URL"]): str(e["UID"]) for e in _calendar(site).walk("VEVENT")}
    page = site.docs / "webinaires/2019-05-14-compostage.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Compostage en tiers-lieu", "Le compostage"), "utf-8")
    assert site.build().returncode == 0
    after = {str(e["URL"]): str(e["UID"]) for e in _calendar(site).walk("VEVENT")}
    assert before == after
    assert len(set(after.values())) == len(WEBINARS)


def test_catalogue_offers_to_subscribe_with_webcal_and_says_how(site: Site) -> None:
    html = _article(site.html("webinaires"))
    assert '<a class="md-button md-button--primary" href="webcal://example.org/communs/webinaires.ics">' in html
    assert 'href="../webinaires.xml" type="application/rss+xml">Suivre les webinaires (RSS)' in html
    how = html[html.index('<details class="info commons-subscribe" id="s-abonner">') :]
    for app in ("iPhone ou iPad", "Téléphone Android", "Thunderbird", "Google Agenda", "Outlook"):
        assert f"<strong>{app}</strong>" in how
    assert "https://example.org/communs/webinaires.ics</code>" in how  # the address to paste
    assert "download" not in html[: html.index("<details")]  # a subscription, not a one-time download


def test_only_the_home_page_and_the_catalogue_announce_a_feed(site: Site) -> None:
    def feeds(url: str) -> list[str]:
        return re.findall(r'<link rel="alternate"[^>]*href="([^"]+)"', site.html(url))

    assert feeds("") == ["feed_rss_created.xml"]
    assert feeds("webinaires") == ["../webinaires.xml"]
    for url in ("boite-a-outils/budget-contributif", "kit-accueil/bienvenue", "webinaires/2019-05-14-compostage"):
        assert feeds(url) == [], url  # Material fetches the sitemap once per announced feed


def test_calendar_tells_subscribed_agendas_to_refresh_daily(site: Site) -> None:
    raw = (site.root / "site" / "webinaires.ics").read_bytes()
    assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in raw and b"X-PUBLISHED-TTL:P1D\r\n" in raw


def test_webinars_have_their_own_rss_feed_with_a_french_stylesheet(site: Site) -> None:
    raw = (site.root / "site" / "webinaires.xml").read_text(encoding="utf-8")
    assert raw.splitlines()[1] == '<?xml-stylesheet type="text/css" href="assets/stylesheets/feed.css"?>'
    channel = ET.fromstring(raw.encode()).find("channel")
    assert channel is not None
    items = [(i.findtext("title"), i.findtext("link")) for i in channel.iter("item")]
    assert len(items) == len(WEBINARS)
    assert items[0] == (
        "Budget participatif et tiers-lieux — mardi 1er septembre 2026",
        "https://example.org/communs/webinaires/2026-09-01-budget-participatif/",
    )
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        assert "assets/stylesheets/feed.css" in (site.root / "site" / name).read_text(encoding="utf-8")[:200]


def test_rss_feeds_list_new_resources(site: Site) -> None:
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        tree = ET.parse(site.root / "site" / name)
        titles = {item.findtext("title") for item in tree.iter("item")}
        assert "Le budget contributif" in titles
        assert "Compostage en tiers-lieu" in titles
        assert "Accueil" not in titles  # the home page is not a resource


def test_webinar_page_shows_its_date_speakers_themes_and_links_under_its_title(site: Site) -> None:
    html = _article(site.html("webinaires/2019-05-14-compostage"))
    header = html[html.index('class="commons-event"') : html.index("Retour d'expérience sur le compostage")]
    assert html.index("<h1") < html.index('class="commons-event"')
    assert '<time datetime="2019-05-14T14:00:00+02:00">mardi 14 mai 2019 à 14 h</time> (heure de Paris)' in header
    assert "Durée</dt><dd>1 h</dd>" in header
    assert "Inès Durand (La Ferme du Coin), Marc Petit" in header
    assert '<a class="md-tag" href="../?theme=alimentation">Alimentation</a>' in header
    assert 'href="https://example.org/replay-compostage">Voir le replay' in header
    assert 'href="https://example.org/support-compostage.pdf">Support de présentation' in header
    assert "S&#x27;inscrire" not in header  # past: no registration link
    assert "Webinaire passé" in header


def test_upcoming_webinar_page_offers_registration(site: Site) -> None:
    header = _article(site.html("webinaires/2026-06-12-jardins-partages"))
    assert "Webinaire à venir" in header
    assert 'href="https://example.org/inscription-jardins">S&#x27;inscrire' in header
    assert "vendredi 12 juin 2026 à 14 h</time> (heure de Paris)" in header
    assert "Durée</dt><dd>1 h 30</dd>" in header
    all_day = _article(site.html("webinaires/2026-09-01-budget-participatif"))
    assert "mardi 1er septembre 2026</time></dd>" in all_day  # no time, so no time zone either


def test_upcoming_webinar_page_adds_that_webinar_alone_to_an_agenda(site: Site) -> None:
    html = site.html("webinaires/2026-06-12-jardins-partages")
    link = re.search(r'<a class="md-button" href="([^"]+)" type="text/calendar" download>Ajouter à mon agenda', html)
    assert link is not None and link.group(1) == "../2026-06-12-jardins-partages.ics"
    assert 'href="../#s-abonner">Recevoir tous les webinaires dans mon agenda' in html
    own = Calendar.from_ical((site.root / "site" / "webinaires" / "2026-06-12-jardins-partages.ics").read_bytes())
    events = own.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Jardins partagés en tiers-lieu"]
    assert events[0].decoded("DTSTART").isoformat() == "2026-06-12T14:00:00+02:00"
    feed = {str(e["SUMMARY"]): str(e["UID"]) for e in _calendar(site).walk("VEVENT")}
    assert str(events[0]["UID"]) == feed["Jardins partagés en tiers-lieu"]  # the same event, never a duplicate


def test_past_webinar_page_offers_no_agenda_file(site: Site) -> None:
    html = site.html("webinaires/2019-05-14-compostage")
    assert "Ajouter à mon agenda" not in html and "text/calendar" not in html
    assert not (site.root / "site" / "webinaires" / "2019-05-14-compostage.ics").exists()


def test_webinar_section_lists_upcoming_then_newest_first_like_the_catalogue(site: Site) -> None:
    html = site.html("webinaires/2019-11-05-gouvernance-partagee")
    links = re.findall(r'<a href="([^"]+)" class="md-nav__link', html[html.index("md-nav--primary") :])
    webinars = [link for link in links if re.match(r"(\.\./[0-9]{4}-|\./$)", link)]
    assert webinars == [
        "../2026-06-12-jardins-partages/",
        "../2026-09-01-budget-participatif/",
        "../2021-03-18-teletravail/",
        "./",  # this page, 2019-11-05
        "../2019-05-14-compostage/",
    ]
    following = re.search(r'<a href="([^"]+)" class="md-footer__link md-footer__link--next"', html)
    assert following is not None and following.group(1) == "../2019-05-14-compostage/"


def test_rss_feeds_are_valid_rss_2_with_a_real_channel_image(site: Site) -> None:
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        raw = (site.root / "site" / name).read_text(encoding="utf-8")
        assert ">None<" not in raw
        channel = ET.fromstring(raw).find("channel")
        assert channel is not None
        for required in ("title", "link", "description"):
            assert (channel.findtext(required) or "").strip(), f"{name}: <{required}> vide"
        image = channel.find("image")
        assert image is not None
        url = image.findtext("url") or ""
        assert url == "https://example.org/communs/assets/images/favicon.png"
        assert (site.root / "site" / url.removeprefix("https://example.org/communs/")).read_bytes()[:4] == b"\x89PNG"
        assert image.findtext("title") == channel.findtext("title")
        assert image.findtext("link") == channel.findtext("link")
        items = channel.findall("item")
        assert items
        for item in items:
            assert item.findtext("title") and (item.findtext("link") or "").startswith("https://example.org/communs/")
            assert parsedate_to_datetime(item.findtext("pubDate") or "").tzinfo is not None
