"""Kept cards (reader.fragments): rendered once per version, never shown stale."""

import sys

import pytest
from django.test.signals import template_rendered

from articles.tests.factories import ArticleFactory, SectionFactory
from authors.tests.factories import AuthorFactory
from reader import fragments

pytestmark = pytest.mark.django_db(transaction=True)  # the generation changes after commit


@pytest.fixture
def rendered_templates():
    names = []

    def remember(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(remember)
    yield names
    template_rendered.disconnect(remember)


@pytest.fixture
def story():
    fragments.fragments.clear()
    section = SectionFactory(slug="war", name="War", is_in_navigation=True)
    return ArticleFactory(headline="Factory opens", section=section, authors=[AuthorFactory(name="Jane Example")])


def section_page(client):
    return client.get("/war/").content.decode()


def test_a_card_is_rendered_once_then_kept(client, story, rendered_templates):
    first = section_page(client)
    assert "includes/card.html" in rendered_templates
    rendered_templates.clear()
    second = section_page(client)
    assert "includes/card.html" not in rendered_templates
    assert first == second


def test_a_saved_headline_shows_at_once(client, story):
    assert "Factory opens" in section_page(client)
    story.headline = "Factory closes"
    story.save()
    page = section_page(client)
    assert "Factory closes" in page and "Factory opens" not in page


def test_a_renamed_author_shows_on_cards_of_articles_not_saved(client, story):
    assert "Jane Example" in section_page(client)
    author = story.bylines.get().author
    author.name = "Jane Renamed"
    author.save()
    assert "Jane Renamed" in section_page(client)


def test_a_renamed_section_shows_on_the_cards_of_other_sections(client, story):
    ArticleFactory(headline="Elsewhere", section=SectionFactory(slug="politics", name="Politics"))
    front = client.get("/").content.decode()
    assert ">Politics</a>" in front
    section = story.section.__class__.objects.get(slug="politics")
    section.name = "Government"
    section.save()
    front = client.get("/").content.decode()
    assert ">Government</a>" in front and ">Politics</a>" not in front


def test_without_the_shared_cache_cards_are_rendered_fresh_and_not_kept(client, story, monkeypatch):
    monkeypatch.setattr(fragments, "current_generation", lambda: None)
    assert "Factory opens" in section_page(client)
    assert len(fragments.fragments) == 0


def test_the_store_forgets_the_least_recently_used_beyond_its_size():
    store = fragments.RenderedFragments(max_bytes=2 * sys.getsizeof("A"))
    store.put(("a",), "A")
    store.put(("b",), "B")
    assert store.get(("a",)) == "A"  # now the most recent
    store.put(("c",), "C")
    assert store.get(("b",)) is None
    assert (store.get(("a",)), store.get(("c",)), len(store)) == ("A", "C", 2)


def test_a_kept_body_shows_a_renamed_read_also_story(client, story):
    from articles.models import RelatedArticle

    story.body = "".join(f"<p>Paragraph {n}.</p>" for n in range(5))
    story.save()
    related = ArticleFactory(headline="Earlier: the deal", section=story.section)
    RelatedArticle.objects.create(article=story, related=related)
    assert "Earlier: the deal" in client.get(story.get_absolute_url()).content.decode()
    related.headline = "Earlier: the signed deal"
    related.save()
    assert "Earlier: the signed deal" in client.get(story.get_absolute_url()).content.decode()


def test_a_kept_body_is_rendered_again_when_the_article_is_saved(client, story):
    story.body = "<p>The first words.</p>"
    story.save()
    assert "The first words." in client.get(story.get_absolute_url()).content.decode()
    story.body = "<p>The corrected words.</p>"
    story.save()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "The corrected words." in page and "The first words." not in page


def test_a_warm_list_loads_only_what_tells_its_cards_apart(client, story):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    section_page(client)
    with CaptureQueriesContext(connection) as warm:
        section_page(client)
    sql = " ".join(query["sql"] for query in warm.captured_queries)
    assert '"articles_article"."body"' not in sql and "articles_byline" not in sql


def test_the_kept_header_marks_the_section_whose_page_it_is(client, story):
    SectionFactory(slug="politics", name="Politics", is_in_navigation=True)
    client.get("/politics/")
    page = section_page(client)
    assert 'href="/war/" aria-current="page"' in page
    assert 'href="/politics/" aria-current="page"' not in page


def test_a_new_footer_page_shows_in_every_kept_footer(client, story):
    from pages.models import Page

    assert "Ethics policy" not in section_page(client)
    Page.objects.create(title="Ethics policy", slug="ethics", is_published=True, is_in_footer=True)
    assert "Ethics policy" in section_page(client)


def test_a_breaking_kicker_lapses_on_a_kept_card(client, story, settings):
    import time_machine
    from django.utils import timezone

    story.kicker = "Breaking"
    story.save()
    assert ">Breaking<" in section_page(client)
    later = timezone.now() + timezone.timedelta(hours=settings.KICKER_FRESH_HOURS + 2)
    with time_machine.travel(later):
        assert ">Breaking<" not in section_page(client)


def test_a_renamed_tag_shows_on_a_kept_article_page(client, story):
    from taggit.models import Tag

    story.tags.add("Drone production")
    story.save()
    assert "Drone production" in client.get(story.get_absolute_url()).content.decode()
    tag = Tag.objects.get(name="Drone production")
    tag.name = "Drone manufacturing"
    tag.save()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Drone manufacturing" in page and "Drone production" not in page


def test_a_renamed_author_shows_in_the_kept_author_box(client, story):
    assert "Jane Example" in client.get(story.get_absolute_url()).content.decode()
    author = story.bylines.get().author
    author.name = "Jane Renamed"
    author.save()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Jane Renamed" in page and "Jane Example" not in page


def test_a_warm_front_page_renders_nothing_inside_its_kept_blocks(client, story, rendered_templates):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.get("/").content.decode()
    assert "includes/card.html" in rendered_templates
    rendered_templates.clear()
    with CaptureQueriesContext(connection) as warm:
        second = client.get("/").content.decode()
    assert rendered_templates == ["reader/home.html", "base.html"]
    assert first == second
    assert len(warm) == 0


def test_a_story_published_since_shows_on_the_kept_front_page(client, story):
    assert "Factory opens" in client.get("/").content.decode()
    ArticleFactory(headline="Dam repaired", section=story.section)
    front = client.get("/").content.decode()
    assert "Dam repaired" in front and "Factory opens" in front


def test_a_draft_saved_leaves_the_kept_front_page_kept(client, story, rendered_templates):
    from articles.models import Article

    client.get("/")
    ArticleFactory(headline="Not yet", section=story.section, status=Article.Status.DRAFT, published_at=None)
    rendered_templates.clear()
    assert "Not yet" not in client.get("/").content.decode()
    assert "includes/card.html" not in rendered_templates


def test_a_new_photo_caption_shows_on_the_kept_article_page(client, story):
    from media.tests.factories import ImageFactory

    story.lead_image = ImageFactory(caption="Workers at the gate")
    story.save()
    assert "Workers at the gate" in client.get(story.get_absolute_url()).content.decode()
    image = story.lead_image
    image.caption = "Workers at the new gate"
    image.save()
    assert "Workers at the new gate" in client.get(story.get_absolute_url()).content.decode()


def test_the_kept_front_page_drops_a_breaking_kicker_the_moment_it_lapses(client, story, settings):
    import time_machine
    from django.utils import timezone

    story.kicker = "Breaking"
    story.save()
    assert ">Breaking<" in client.get("/").content.decode()
    lapses_at = story.kicker_lapses_at
    with time_machine.travel(lapses_at - timezone.timedelta(minutes=1)):
        assert ">Breaking<" in client.get("/").content.decode()
    with time_machine.travel(lapses_at + timezone.timedelta(minutes=1)):
        assert ">Breaking<" not in client.get("/").content.decode()


def test_a_preview_is_never_kept_for_readers(client, story, django_user_model):
    from articles.models import Article

    editor = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-for-tests-only")
    client.force_login(editor)
    preview = client.get(f"/preview/{story.pk}/").content.decode()
    assert "preview-banner" in preview
    client.logout()
    assert "preview-banner" not in client.get(story.get_absolute_url()).content.decode()
    assert Article.objects.get(pk=story.pk).headline in client.get("/").content.decode()


def test_the_store_weighs_what_its_html_takes():
    short, long = "A", "B" * 10_000
    store = fragments.RenderedFragments(max_bytes=sys.getsizeof(long) + sys.getsizeof(short))
    store.put(("short",), short)
    store.put(("long",), long)
    assert len(store) == 2
    store.put(("longer",), long + "!")
    assert store.get(("short",)) is None and store.get(("long",)) is None and store.get(("longer",)) == long + "!"
    assert store.size == sys.getsizeof(long + "!")
    store.put(("too long",), "C" * (store.max_bytes + 1))
    assert store.get(("too long",)) is None


def test_a_warm_article_page_runs_one_query_and_renders_nothing_kept(client, story, rendered_templates):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.get(story.get_absolute_url()).content.decode()
    assert "includes/article_main.html" in rendered_templates
    rendered_templates.clear()
    with CaptureQueriesContext(connection) as warm:
        second = client.get(story.get_absolute_url()).content.decode()
    assert first == second
    assert rendered_templates == ["reader/article_detail.html", "base.html"]
    assert len(warm) == 1  # the article found by its address


@pytest.mark.parametrize(("url", "queries"), [("/war/", 1), ("/latest/", 0)])
def test_a_warm_list_is_kept_whole_and_follows_what_is_published(client, story, url, queries, rendered_templates):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    rendered_templates.clear()
    with CaptureQueriesContext(connection) as warm:
        assert "Factory opens" in client.get(url).content.decode()
    assert len(warm) == queries  # the section, found by its address
    assert "includes/card.html" not in rendered_templates and "includes/feed_item.html" not in rendered_templates
    ArticleFactory(headline="Dam repaired", section=story.section)
    assert "Dam repaired" in client.get(url).content.decode()


def test_a_kept_author_page_shows_a_new_link(client, story):
    from authors.models import AuthorLink

    author = story.bylines.get().author
    page = client.get(author.get_absolute_url()).content.decode()
    assert "Factory opens" in page and "example.org/jane" not in page
    AuthorLink.objects.create(author=author, kind=AuthorLink.Kind.WEBSITE, url="https://example.org/jane")
    assert "example.org/jane" in client.get(author.get_absolute_url()).content.decode()
