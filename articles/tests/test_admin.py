"""Every admin page renders for a superuser, in a number of queries that does not grow."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, RelatedArticle, Section, TaggedArticle
from articles.services import save_article
from authors.models import Author, AuthorLink
from authors.tests.factories import AuthorFactory
from media.models import Image
from media.tests.admin_forms import form_fields
from media.tests.factories import ImageFactory

from .factories import ArticleFactory, BylineFactory, SectionFactory

pytestmark = pytest.mark.django_db


def make_articles(count: int) -> None:
    sections = [SectionFactory(slug=f"section-{n}", name=f"Section {n}") for n in range(3)]
    authors = [AuthorFactory() for _ in range(3)]
    tags = [
        Tag.objects.create(name=f"Topic {n}", slug=f"topic-{n}")
        for n in range(Tag.objects.count(), Tag.objects.count() + 2)
    ]
    for n in range(count):
        article = ArticleFactory(
            section=sections[n % 3],
            lead_image=ImageFactory() if n % 2 else None,
            authors=[authors[n % 3], authors[(n + 1) % 3]],
        )
        for tag in tags:
            TaggedArticle.objects.create(content_object=article, tag=tag)


def make_sections(count: int) -> None:
    for _ in range(count):
        SectionFactory()


def make_tags(count: int) -> None:
    start = Tag.objects.count()
    for n in range(start, start + count):
        tag = Tag.objects.create(name=f"Tag {n}", slug=f"tag-{n}")
        TaggedArticle.objects.create(content_object=ArticleFactory(), tag=tag)


def make_authors(count: int) -> None:
    for _ in range(count):
        author = AuthorFactory()
        AuthorLink.objects.create(author=author, url="https://example.org/")


def make_images(count: int) -> None:
    for _ in range(count):
        ImageFactory()


def make_users(count: int) -> None:
    from django.contrib.auth.models import Group, User

    group = Group.objects.get(name="Reporter")
    start = User.objects.count()
    for n in range(start, start + count):
        User.objects.create_user(f"user{n}", is_staff=True).groups.add(group)


def make_groups(count: int) -> None:
    from django.contrib.auth.models import Group, Permission

    permissions = list(Permission.objects.all()[:3])
    start = Group.objects.count()
    for n in range(start, start + count):
        Group.objects.create(name=f"Desk {n}").permissions.set(permissions)


def make_picks(count: int) -> None:
    section = SectionFactory()
    for n in range(count):
        ArticleFactory(section=section, is_editors_pick=True, editors_pick_position=n, lead_position=n)


CHANGELISTS = [
    ("admin:articles_article_changelist", make_articles),
    ("admin:articles_section_changelist", make_sections),
    ("admin:taggit_tag_changelist", make_tags),
    ("admin:authors_author_changelist", make_authors),
    ("admin:media_image_changelist", make_images),
    ("admin:auth_user_changelist", make_users),
    ("admin:auth_group_changelist", make_groups),
    ("admin:articles_curation_changelist", make_picks),
]


@pytest.mark.parametrize(("url_name", "make_rows"), CHANGELISTS)
def test_changelist_query_count_does_not_grow_with_rows(superuser_client, url_name, make_rows, query_budget):
    make_rows(5)
    query_budget(superuser_client, [reverse(url_name)], lambda: make_rows(45))


def test_article_changelist_shows_status_and_byline(superuser_client):
    ArticleFactory(headline="Drone factory opens", authors=[AuthorFactory(name="Jane Example")])
    ArticleFactory(headline="Not yet", status=Article.Status.DRAFT, published_at=None)
    html = superuser_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Drone factory opens" in html
    assert "Jane Example" in html
    assert "status-draft" in html and "status-published" in html


@pytest.mark.parametrize(
    "url_name",
    ["admin:articles_article_add", "admin:articles_section_add", "admin:authors_author_add", "admin:media_image_add"],
)
def test_add_forms_render(superuser_client, url_name):
    assert superuser_client.get(reverse(url_name)).status_code == 200


def change_form_urls() -> list[str]:
    article = ArticleFactory(lead_image=ImageFactory())
    for n in range(3):
        BylineFactory(article=article, position=n)
        RelatedArticle.objects.create(article=article, related=ArticleFactory(), position=n)
    article.tags.add("Ukraine", "Drones")
    return [
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_section_change", args=[article.section.pk]),
        reverse("admin:authors_author_change", args=[article.authors.first().pk]),
        reverse("admin:media_image_change", args=[article.lead_image.pk]),
        reverse("admin:taggit_tag_change", args=[Tag.objects.first().pk]),
    ]


def test_change_form_query_counts_do_not_grow_with_the_archive(superuser_client, query_budget):
    """Relations use autocomplete, so a form never loads every article, author or image."""
    urls = change_form_urls()
    make_articles(5)

    def grow():
        make_articles(45)
        make_images(45)

    # Warm: the content-type cache, which later requests share.
    query_budget(superuser_client, urls, grow, warm=True)


def test_article_change_form_has_the_editor_and_lead_image_thumbnail(superuser_client):
    url = change_form_urls()[0]
    html = superuser_client.get(url).content.decode()
    article = Article.objects.get(pk=url.split("/")[-3])
    assert "django_ckeditor_5" in html  # the rich-text editor is on the body
    assert article.lead_image.file.url in html  # thumbnail next to the lead-image field


DATETIME_FIELDS = ["editors_pick_starts_at", "editors_pick_ends_at", "lead_starts_at", "lead_ends_at"]


def article_form_data(section, **overrides) -> dict:
    data = {
        "headline": "Parliament passes the budget",
        "slug": "parliament-passes-the-budget",
        "kicker": "",
        "standfirst": "The vote came late at night.",
        "body": "<p>The budget passed.</p>",
        "section": section.pk,
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
        **{f"{field}_{part}": "" for field in DATETIME_FIELDS for part in (0, 1)},
        "lead_image": "",
        "lead_image_caption": "",
        "editors_pick_position": "",
        "lead_position": "",
        "version": "1",
        "seo_title": "",
        "seo_description": "",
    }
    for prefix in ("bylines", "tagged_items", "related_links", "corrections", "former_slugs"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(overrides)
    return data


def test_adding_an_article_in_the_admin_records_the_editor(superuser_client, admin_user):
    section = SectionFactory()
    author = AuthorFactory()
    data = article_form_data(
        section,
        **{"bylines-TOTAL_FORMS": "1", "bylines-0-author": author.pk, "bylines-0-role": "", "bylines-0-position": "0"},
    )
    response = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(slug="parliament-passes-the-budget")
    assert article.created_by == admin_user
    assert list(article.authors.all()) == [author]


def test_an_empty_headline_is_a_form_error_not_a_crash(superuser_client):
    response = superuser_client.post(
        reverse("admin:articles_article_add"), article_form_data(SectionFactory(), headline="")
    )
    assert response.status_code == 200
    assert "headline" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


def test_a_duplicate_typed_slug_is_a_form_error_not_a_crash(superuser_client):
    ArticleFactory(slug="parliament-passes-the-budget")
    data = {**article_form_data(SectionFactory()), "headline": "Budget vote delayed"}
    response = superuser_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert Article.objects.count() == 1


def test_a_reserved_section_slug_is_a_form_error(superuser_client):
    response = superuser_client.post(
        reverse("admin:articles_section_add"),
        {"name": "Admin", "slug": "admin", "description": "", "position": "0", "is_in_navigation": "on"},
    )
    assert response.status_code == 200
    assert "slug" in response.context["adminform"].form.errors
    assert not Section.objects.filter(slug="admin").exists()


def test_author_and_image_models_are_registered():
    from django.contrib import admin

    for model in (Article, Section, Tag, Author, Image):
        assert admin.site.is_registered(model)


def test_the_article_list_finds_stories_by_author_name_and_by_their_text(superuser_client):
    by_jane = ArticleFactory(headline="Harbour reopens", authors=[AuthorFactory(name="Jane Kowalczyk")])
    about_grain = ArticleFactory(headline="Ships return", body="<p>Grain exports resumed through Odesa.</p>")
    ArticleFactory(headline="Unrelated story", body="<p>Nothing here.</p>")
    for article in (by_jane, about_grain):
        save_article(article=article)  # keeps the full-text documents current, as every admin save does
    changelist = reverse("admin:articles_article_changelist")
    for term, expected in [("Kowalczyk", by_jane), ("exports", about_grain), ("Harbour", by_jane)]:
        found = list(superuser_client.get(changelist, {"q": term}).context["cl"].result_list)
        assert found == [expected], term


def test_a_headline_slug_that_is_taken_gets_a_number_and_a_typed_one_names_its_holder(superuser_client):
    holder = ArticleFactory(headline="Storm hits coast", slug="storm-hits-coast")
    add = reverse("admin:articles_article_add")
    data = form_fields(superuser_client.get(add).content.decode())
    data.update(headline="Storm hits coast", slug="storm-hits-coast", section=str(holder.section_id), body="<p>x</p>")
    assert superuser_client.post(add, data).status_code == 302
    assert Article.objects.filter(slug="storm-hits-coast-2", headline="Storm hits coast").exists()

    data.update(headline="A different story", slug="storm-hits-coast")
    response = superuser_client.post(add, data)
    assert response.status_code == 200
    error = str(response.context["adminform"].form.errors["slug"])
    assert "Storm hits coast" in error and reverse("admin:articles_article_change", args=[holder.pk]) in error
