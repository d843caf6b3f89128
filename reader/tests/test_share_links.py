"""Issue 10, item 11: share links on articles (plain links, a copy-link button, no
third-party scripts)."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from articles.tests.factories import ArticleFactory

NETWORKS = {
    "Share on Facebook": ("www.facebook.com", "/sharer/sharer.php", "u"),
    "Share on X": ("x.com", "/intent/tweet", "url"),
    "Share on LinkedIn": ("www.linkedin.com", "/sharing/share-offsite/", "url"),
    "Share on Telegram": ("t.me", "/share/url", "url"),
}


@pytest.fixture
def article(newsroom, public_address):
    [story] = newsroom.publish(1, headline="Drones & tanks: what the deal means", standfirst="A summary.")
    return story


def share_section(html: str) -> str:
    return re.search(r'<section class="share".*?</section>', html, re.S).group(0)


def links_of(section: str) -> dict[str, tuple[str, str]]:
    """Each share link by accessible name: its address and its other attributes."""
    return {
        unescape(label): (unescape(href), rest)
        for href, label, rest in re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"([^>]*)>', section)
    }


def test_an_article_has_plain_share_links_to_its_public_address(client, article):
    address = f"https://news.example{article.get_absolute_url()}"
    links = links_of(share_section(client.get(article.get_absolute_url()).content.decode()))
    assert list(links) == [*NETWORKS, "Share on WhatsApp", "Share by email"]
    for label, (host, path, parameter) in NETWORKS.items():
        href, rest = links[label]
        parts = urlsplit(href)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", host, path), label
        assert parse_qs(parts.query)[parameter] == [address], label
        assert 'target="_blank"' in rest and 'rel="noopener"' in rest, label
    assert parse_qs(urlsplit(links["Share on X"][0]).query)["text"] == [article.headline]
    whatsapp = urlsplit(links["Share on WhatsApp"][0])
    assert whatsapp.netloc == "wa.me" and parse_qs(whatsapp.query)["text"] == [f"{article.headline} {address}"]


def test_the_email_link_carries_the_headline_summary_and_address(client, article):
    href, rest = links_of(share_section(client.get(article.get_absolute_url()).content.decode()))["Share by email"]
    assert href.startswith("mailto:?") and "target" not in rest
    assert "+" not in href  # spaces as %20: mail clients show a "+" as it is
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ["Drones & tanks: what the deal means"]
    assert query["body"] == [f"A summary.\n\nhttps://news.example{article.get_absolute_url()}"]


def test_copy_link_is_hidden_until_the_script_reveals_it(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    section = share_section(html)
    copy = r'<li hidden><button type="button" class="share-copy" data-share-copy="https://news\.example/war/'
    assert re.search(copy, section)
    assert '<p class="share-status" role="status"></p>' in section
    assert '<script src="/static/js/share.js" defer></script>' in html


def test_nothing_is_loaded_from_the_networks(client, article):
    """No scripts, images, frames or styles from elsewhere: a reader's visit is told to no one."""
    html = client.get(article.get_absolute_url()).content.decode()
    assert not re.search(r'<(?:script|img|iframe|link)[^>]+(?:src|href)="https?://(?!news\.example)', html)


def test_a_preview_has_no_share_links(client, editor, newsroom):
    draft = ArticleFactory(draft=True, section=newsroom.section)
    html = client.get(reverse("reader:preview", kwargs={"pk": draft.pk})).content.decode()
    assert 'class="share"' not in html and "share.js" not in html
