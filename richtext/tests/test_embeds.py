"""Embeds are kept as a provider's URL and nothing else."""

import pytest

from richtext.embeds import PROVIDERS, ckeditor_providers, embed_for
from richtext.sanitize import sanitize_rich_text


def media(url: str) -> str:
    return f'<figure class="media"><oembed url="{url}"></oembed></figure>'


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=4", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://x.com/nasa/status/1234567890123",
            "https://platform.twitter.com/embed/Tweet.html?id=1234567890123&dnt=true",
        ),
        (
            "https://twitter.com/nasa/status/1234567890",
            "https://platform.twitter.com/embed/Tweet.html?id=1234567890&dnt=true",
        ),
        ("https://t.me/kyivindependent/40123", "https://t.me/kyivindependent/40123?embed=1"),
        ("https://www.instagram.com/p/C1a2b3c4d5/", "https://www.instagram.com/p/C1a2b3c4d5/embed/"),
    ],
)
def test_known_providers_give_a_player_address(url, player):
    assert embed_for(url).player_url == player
    assert sanitize_rich_text(media(url)) == media(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/watch?v=dQw4w9WgXcQ",
        "javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        'https://www.youtube.com/watch?v=x"><script>alert(1)</script>',
    ],
)
def test_other_addresses_are_dropped_with_their_figure(url):
    assert sanitize_rich_text("<p>Before</p>" + media(url) + "<p>After</p>") == "<p>Before</p><p>After</p>"


def test_raw_provider_html_never_survives():
    pasted = (
        '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>'
        '<blockquote class="twitter-tweet">Hi</blockquote>'
        '<script src="https://platform.twitter.com/widgets.js"></script>'
    )
    assert sanitize_rich_text(pasted) == "<blockquote>Hi</blockquote>"


def test_the_editor_is_told_the_same_providers():
    configured = ckeditor_providers()
    assert list(dict.fromkeys(entry["name"] for entry in configured)) == [provider.slug for provider in PROVIDERS]
    assert all(entry["url"].startswith("/^") and "(?P<" not in entry["url"] for entry in configured)
