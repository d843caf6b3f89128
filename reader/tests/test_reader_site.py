"""The public site: structure of each page type, metadata, search, popularity, errors."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, CallToAction, DailyReads, RelatedArticle
from articles.search_index import refresh_search_documents
from articles.selectors.popular import compute_most_popular_ids
from articles.services import save_article
from articles.tests.factories import ArticleFactory, BylineFactory
from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory
from richtext.blocks import split_blocks

pytestmark = pytest.mark.django_db

BODY = "".join(f"<p>Paragraph number {n} of the story.</p>" for n in range(1, 7))


def json_ld(html: str) -> list[dict]:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_article_page_has_every_element_of_the_reference(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<p class="label"><a class="label-section" href="/war/">War</a></p>' in html
    assert f'<time datetime="{story.published_at:%Y-%m-%dT%H:%M:%S}+0000">' in html
    assert '<h1 class="headline">First drone factory opens abroad, ambassador says</h1>' in html
    assert "1 min read" in html
    assert 'href="/authors/jane-example/"' in html and "By <a" in html
    figure = re.search(r'<figure class="figure">.*?</figure>', html, re.S).group(0)
    assert 'fetchpriority="high"' in figure and "srcset=" in figure
    assert "The ambassador speaks at a rally in London on Feb. 24." in figure
    assert "(Jane Photographer/Agency Images)" in figure
    body = html[html.index('<div class="article-body">') :]
    assert body.index("Paragraph number 3") < body.index("Read also") < body.index("Paragraph number 4")
    assert (
        body.index("Paragraph number 4") < body.index("Become a member – go ad-free") < body.index("Paragraph number 5")
    )
    assert 'href="/tags/drone-production/"' in html
    assert "Jane covers defence." in html and "Read more" in html
    for block in ("Most Popular", "News Feed", "Editors' Picks"):
        assert block in html


def test_article_metadata_open_graph_twitter_and_json_ld(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    canonical = f"http://127.0.0.1:8000{story.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(
        r'<meta property="og:image" content="http://127\.0\.0\.1:8000/uploads/renditions/[^"]+\.jpg">', html
    )
    for prop in ("article:published_time", "article:modified_time", "article:author", "article:section", "article:tag"):
        assert f'property="{prop}"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    news, breadcrumbs = json_ld(html)
    assert news["@type"] == "NewsArticle"
    assert news["headline"] == story.headline
    assert news["author"] == [
        {"@type": "Person", "name": "Jane Example", "url": "http://127.0.0.1:8000/authors/jane-example/"}
    ]
    assert news["image"]["@type"] == "ImageObject"
    assert news["image"]["creditText"] == "Jane Photographer/Agency Images"
    assert news["image"]["copyrightNotice"]
    assert news["publisher"]["@type"] == "Organization" and news["publisher"]["logo"]["url"].endswith(".png")
    assert news["mainEntityOfPage"]["@id"] == canonical
    assert news["datePublished"] and news["dateModified"]
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == ["Newsroom", "War", story.headline]


def test_structured_data_cannot_break_out_of_its_script(client, story):
    story.headline = "</script><script>alert(1)</script>"
    story.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)[0]["headline"] == "</script><script>alert(1)</script>"


def test_photos_in_the_body_get_the_credited_figure(client, story):
    inline = ImageFactory(caption="Library caption", credit="Olena Photo/Newsroom")
    figure = f'<figure class="image"><img src="{inline.file.url}" alt="x"><figcaption>Rescuers at work.</figcaption>'
    story.body = BODY + figure + "</figure>"
    story.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Rescuers at work." in html and "(Olena Photo/Newsroom)" in html


def test_body_blocks_split_at_the_top_level():
    blocks = split_blocks(
        '<p>One <em>two</em></p><h2>Head</h2><figure class="image"><img src="/a.jpg"><figcaption>C</figcaption>'
        "</figure><ul><li>x</li></ul>"
    )
    assert [block.tag for block in blocks] == ["p", "h2", "figure", "ul"]
    assert blocks[2].html.startswith("<figure") and blocks[2].html.endswith("</figure>")


def test_short_articles_still_show_their_boxes_at_the_end(client, story):
    story.body = "<p>Only one paragraph.</p>"
    story.save()
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.index("Only one paragraph.") < html.index("Read also")


def test_switched_off_call_to_action_is_not_shown(client, story):
    CallToAction.objects.update(is_enabled=False)
    assert "Become a member" not in client.get(story.get_absolute_url()).content.decode()


def test_front_page_blocks(client, story):
    story.lead_position = 1
    story.is_editors_pick = True
    story.editors_pick_position = 1
    story.save()
    for n in range(25):
        ArticleFactory(section=story.section, updated_at=timezone.now() if n == 24 else None)
    html = client.get("/").content.decode()
    lead = html[html.index('class="lead-story"') : html.index('id="picks-title"')]
    assert story.headline in lead
    assert "Editors&#x27; Picks" in html or "Editors' Picks" in html
    assert "News Feed" in html and "Most Popular" in html
    assert re.search(r'<h3 class="feed-day" data-day="\d{4}-\d\d-\d\d">\w+, \d+ \w+</h3>', html)
    assert '<span class="updated-at">Updated <time' in html
    assert 'href="/latest/?before=' in html and "Show More" in html
    assert 'id="section-war"' in html


def test_section_tag_and_author_pages(client, story):
    section_html = client.get("/war/").content.decode()
    assert '<h1 class="page-title">War</h1>' in section_html
    assert 'type="application/rss+xml"' in section_html and "/feeds/rss/section/war/" in section_html
    tag_html = client.get(reverse("reader:tag", kwargs={"slug": "drone-production"})).content.decode()
    assert story.headline in tag_html and "/feeds/rss/tag/drone-production/" in tag_html
    author_html = client.get("/authors/jane-example/").content.decode()
    assert "Jane Example" in author_html and "Reporter" in author_html and 'href="https://x.com/jane"' in author_html
    assert story.headline in author_html and "/feeds/rss/author/jane-example/" in author_html


def test_search_finds_by_headline_tag_and_author_and_pages_are_noindex(client, story):
    refresh_search_documents([story.pk])  # tags were added after the article was saved
    for query in ("drone factory", "United Kingdom", "Jane Example"):
        response = client.get("/search/", {"q": query})
        assert story in response.context["results"], query
    html = client.get("/search/", {"q": "drone"}).content.decode()
    assert '<meta name="robots" content="noindex' in html
    # The match is in the headline and the tags only: the snippet is the standfirst, on both databases.
    assert '<p class="snippet">A one-sentence summary of the news.</p>' in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 5000,
        '"unbalanced',
        "' OR 1=1 --",
        "%_\\",
        "a\x00b",
        "日本語 ニュース",
        "🙂",
        "<script>alert(1)</script>",
        "!!! & | :*",
    ],
)
def test_odd_search_queries_get_a_clear_page(client, story, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("page", ["0", "-1", "abc", "51", "2"])
def test_bad_search_pages_are_404(client, story, page):
    assert client.get("/search/", {"q": "drone", "page": page}).status_code == 404


def test_the_read_beacon_counts_reads_without_personal_data(client, story):
    url = reverse("reader:read-beacon", kwargs={"pk": story.pk})
    assert client.get(url).status_code == 405
    for n in range(3):
        assert client.post(url, REMOTE_ADDR=f"203.0.113.{n}", HTTP_SEC_FETCH_SITE="same-origin").status_code == 204
    reads = DailyReads.objects.get()
    assert (reads.article, reads.count) == (story, 3)
    assert {field.name for field in DailyReads._meta.get_fields()} == {"id", "article", "day", "count"}
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    draft_url = reverse("reader:read-beacon", kwargs={"pk": draft.pk})
    assert client.post(draft_url, HTTP_SEC_FETCH_SITE="same-origin").status_code == 404
    assert "Set-Cookie" not in client.post(url, HTTP_SEC_FETCH_SITE="same-origin").headers


def test_most_popular_is_the_last_seven_days(story):
    other = ArticleFactory()
    old = ArticleFactory()
    today = timezone.now().date()
    DailyReads.objects.create(article=story, day=today, count=5)
    DailyReads.objects.create(article=other, day=today - datetime.timedelta(days=6), count=9)
    DailyReads.objects.create(article=old, day=today - datetime.timedelta(days=8), count=100)
    assert compute_most_popular_ids() == [other.pk, story.pk]
    other.status = Article.Status.UNPUBLISHED
    other.save()
    assert compute_most_popular_ids() == [story.pk]


def test_error_pages_are_styled(client, story, settings):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()
    story.status = Article.Status.UNPUBLISHED
    story.save()
    assert "withdrawn" in client.get(story.get_absolute_url()).content.decode()


def make_items(story, count: int) -> None:
    """Grow everything a page lists: articles, bylines, tags, related links, reads."""
    for n in range(count):
        article = ArticleFactory(section=story.section, lead_image=story.lead_image)
        BylineFactory(article=article, author=story.authors.first())
        BylineFactory(article=story, author=AuthorFactory(avatar=story.lead_image), position=n + 1)
        tag = Tag.objects.create(name=f"Topic {Tag.objects.count()}", slug=f"topic-{Tag.objects.count()}")
        story.tags.add(tag)
        article.tags.add("Drone production")
        RelatedArticle.objects.create(article=story, related=article, position=n)
        DailyReads.objects.create(article=article, day=timezone.now().date(), count=n + 1)
        article.is_editors_pick, article.editors_pick_position = True, n
        article.save()


def public_urls(story) -> list[str]:
    return [
        "/",
        story.get_absolute_url(),
        "/war/",
        "/latest/",
        reverse("reader:tag", kwargs={"slug": "drone-production"}),
        "/authors/jane-example/",
        "/search/?q=drone",
    ]


def test_every_public_page_runs_a_constant_small_number_of_queries(client, story, query_budget):
    make_items(story, 5)
    query_budget(client, public_urls(story), lambda: make_items(story, 45), at_most=10, warm=True)


def test_the_search_document_is_kept_current_on_save(client, story):
    story.headline = "Parliament approves the harvest budget"
    save_article(article=story)
    response = client.get("/search/", {"q": "harvest"})
    assert list(response.context["results"]) == [story]


def test_read_also_keeps_the_editors_order_and_skips_unpublished_articles(client, story):
    draft = ArticleFactory(headline="A draft nobody may see", status=Article.Status.DRAFT, published_at=None)
    second = ArticleFactory(headline="Second related story")
    RelatedArticle.objects.filter(article=story).update(position=2)
    RelatedArticle.objects.create(article=story, related=draft, position=0)
    RelatedArticle.objects.create(article=story, related=second, position=1)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "A draft nobody may see" not in html
    assert html.index("Second related story") < html.index("Earlier: the factory deal")


def test_the_lead_story_is_not_repeated_among_the_picks_or_beside_it(client, story):
    story.is_editors_pick, story.editors_pick_position, story.lead_position = True, 1, 1
    story.beside_lead_position = 1
    story.save()
    other_pick = ArticleFactory(is_editors_pick=True, editors_pick_position=2)
    front = client.get("/").context["front"]
    assert front.lead == story
    # With no other story placed beside the lead, the next pick stands there, once.
    assert front.beside_lead == [other_pick]
    assert front.editors_picks == []


def test_rebuild_search_index_command(story):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert f"Rebuilt the search documents of {Article.objects.count()} articles" in out.getvalue()
    if connection.vendor == "postgresql":
        assert Article.objects.filter(search_vector__isnull=False).count() == Article.objects.count()
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM article_search ORDER BY rowid")
            indexed = [row[0] for row in cursor.fetchall()]
        assert indexed == list(Article.objects.order_by("pk").values_list("pk", flat=True))


def test_the_server_error_page_is_styled_and_needs_no_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_an_inline_photo_keeps_the_alt_text_typed_in_the_editor(client, story):
    """Issue 8, defect 4: the page showed the library's alt (made from the file name) instead."""
    photo = ImageFactory(alt_text="inline body", credit="")
    story.body = BODY + (
        f'<figure class="image"><img src="{photo.file.url}" alt="Soldiers unload crates at dawn">'
        "<figcaption>At the depot.</figcaption></figure>"
    )
    save_article(article=story)
    html = client.get(story.get_absolute_url()).content.decode()
    figure = re.findall(r'<figure class="figure">.*?</figure>', html, re.S)[-1]
    assert 'alt="Soldiers unload crates at dawn"' in figure
    assert "inline body" not in figure
    assert 'class="credit"' not in figure  # no credit yet, and no uploader's name in its place
    story.body = BODY + f'<figure class="image"><img src="{photo.file.url}" alt=""></figure>'
    save_article(article=story)
    figure = re.findall(
        r'<figure class="figure">.*?</figure>', client.get(story.get_absolute_url()).content.decode(), re.S
    )[-1]
    assert 'alt="inline body"' in figure  # the library's alt is the fallback
