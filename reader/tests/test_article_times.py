"""Issue 10, item 11: the time zone on the times where it matters, an article's
publication, update and correction times ("2 December 2025, 09:14 EET")."""

import datetime

from articles.models import Correction


def test_the_article_times_name_their_time_zone(client, newsroom, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    published = datetime.datetime(2025, 12, 2, 7, 14, tzinfo=datetime.UTC)
    [story] = newsroom.publish(1, published_at=published, updated_at=published + datetime.timedelta(hours=2))
    Correction.objects.create(
        article=story, text="An earlier version misspelt a name.", corrected_at=published + datetime.timedelta(days=1)
    )
    html = client.get(story.get_absolute_url()).content.decode()
    assert ">2 December 2025, 09:14 EET</time>" in html
    assert "Updated: <time" in html and ">2 December 2025, 11:14 EET</time>" in html
    assert ">3 December 2025, 09:14 EET</time>: An earlier version misspelt a name." in html


def test_summer_time_is_named_too(client, newsroom, settings):
    settings.TIME_ZONE = "Europe/Kyiv"
    [story] = newsroom.publish(1, published_at=datetime.datetime(2025, 7, 1, 6, 0, tzinfo=datetime.UTC))
    assert ">1 July 2025, 09:00 EEST</time>" in client.get(story.get_absolute_url()).content.decode()
