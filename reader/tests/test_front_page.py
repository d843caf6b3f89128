"""The front page as an editor's front (issue 10): the lead cluster, and no story
shown twice above the fold or again in the section blocks."""

import pytest
from django.test import override_settings

from articles.models import Article
from articles.selectors.frontpage import build_front_page, stories_beside_the_lead
from articles.selectors.popular import POPULAR_CACHE_KEY
from articles.tests.factories import ArticleFactory, SectionFactory, hours_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_day():
    sections = [SectionFactory(slug=slug, name=slug.title(), is_in_navigation=True) for slug in ("war", "politics")]
    return [
        ArticleFactory(section=sections[n % 2], published_at=hours_ago(n + 1), headline=f"Story {n}") for n in range(60)
    ]


def ids(articles):
    return [article.pk for article in articles]


def test_the_stories_beside_the_lead_are_the_placed_ones_or_the_next_picks():
    assert stories_beside_the_lead([], [7, 8, 9, 10]) == [7, 8, 9]
    assert stories_beside_the_lead([3], [7, 8]) == [3, 7]  # at least two
    assert stories_beside_the_lead([1, 2, 3, 4, 5], [7]) == [1, 2, 3, 4]  # at most four
    assert stories_beside_the_lead([7], [7, 8]) == [7, 8]


def test_placed_stories_stand_beside_the_lead_and_picks_follow_without_them(busy_day):
    lead, *placed = busy_day[10:13]
    Article.objects.filter(pk=lead.pk).update(lead_position=1)
    for place, story in enumerate(placed, start=1):
        Article.objects.filter(pk=story.pk).update(beside_lead_position=place)
    picks = busy_day[20:26]
    for place, story in enumerate(picks, start=1):
        Article.objects.filter(pk=story.pk).update(is_editors_pick=True, editors_pick_position=place)
    front = build_front_page()
    assert front.lead == lead
    assert ids(front.beside_lead) == ids(placed)
    assert ids(front.editors_picks) == ids(picks)


def test_a_story_is_shown_once_above_the_fold_and_the_section_blocks_skip_what_is_above(
    busy_day, django_assert_max_num_queries
):
    from django.core.cache import cache

    for place, story in enumerate(busy_day[:6], start=1):
        Article.objects.filter(pk=story.pk).update(is_editors_pick=True, editors_pick_position=place)
    cache.set(POPULAR_CACHE_KEY, ids(busy_day[:5]), 60)  # popular stories are also the newest
    with django_assert_max_num_queries(12):
        front = build_front_page()
    above = [front.lead.pk, *ids(front.beside_lead), *ids(front.editors_picks), *ids(front.feed.items)]
    assert len(above) == len(set(above)) == 1 + 3 + 2 + 20  # the newest leads; 3 of the 5 other picks beside it
    below = [pk for block in front.section_blocks for pk in ids(block.articles)]
    assert below and not set(below) & (set(above) | set(ids(front.most_popular)))
    assert len(below) == len(set(below))


def test_each_section_block_is_headed_by_its_newest_story_with_a_photo(busy_day):
    from media.tests.factories import ImageFactory

    photo = ImageFactory()
    # With the newest story leading and the next twenty in the feed, the war block
    # (even-numbered stories) is made of stories 22, 24, 26 and 28; only 26 has a photo.
    Article.objects.filter(pk=busy_day[26].pk).update(lead_image=photo)
    block = next(block for block in build_front_page().section_blocks if block.section.slug == "war")
    assert ids(block.articles) == ids([busy_day[26], busy_day[22], busy_day[24], busy_day[28]])


@override_settings(KICKER_FRESH_HOURS=6)
def test_time_sensitive_kickers_show_only_while_the_story_is_fresh():
    war = SectionFactory(slug="war", name="War")
    assert ArticleFactory(section=war, kicker="Breaking", published_at=hours_ago(2)).shown_kicker == "Breaking"
    assert ArticleFactory(section=war, kicker="BREAKING", published_at=hours_ago(30)).shown_kicker == ""
    assert (
        ArticleFactory(section=war, kicker="Live", published_at=hours_ago(30), updated_at=hours_ago(1)).shown_kicker
        == "Live"
    )
    assert ArticleFactory(section=war, kicker="Interview", published_at=hours_ago(300)).shown_kicker == "Interview"
    assert (
        ArticleFactory(section=war, kicker="war", published_at=hours_ago(1)).shown_kicker == ""
    )  # repeats the section


def test_the_label_is_the_section_and_a_stale_breaking_kicker_is_gone(client):
    war = SectionFactory(slug="war", name="War", is_in_navigation=True)
    story = ArticleFactory(section=war, kicker="Breaking", published_at=hours_ago(48))
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<p class="label"><a class="label-section" href="/war/">War</a></p>' in html
    story.kicker = "Interview"
    story.save()  # as the admin does: a save moves modified_at, which kept pages follow
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<a class="label-section" href="/war/">War</a><span class="kicker">Interview</span>' in html
