"""articles.events: every change readers will see is announced once, after commit."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection, transaction
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article
from articles.services import publish_article, save_article, unpublish_article
from authors.tests.factories import AuthorFactory
from media.tests.admin_forms import resubmit
from media.tests.factories import ImageFactory

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def full_text_finds(word: str) -> list[int]:
    from articles.selectors.search import search_articles

    return [article.pk for article in search_articles(word, size=100).articles]


def test_publishing_announces_once_with_the_pages_it_touches(sent_events, editor):
    author = AuthorFactory()
    article = ArticleFactory(draft=True, authors=[author], tags=["Economy"])
    with sent_events.capture():
        publish_article(article=article, user=editor)
    assert sent_events.names == ["article_published"]
    ((_name, event),) = sent_events.sent
    assert event.article_id == article.pk
    assert event.before.is_live is False and event.after.is_live is True
    assert event.section_ids == {article.section_id}
    assert event.author_ids == {author.pk}
    assert event.tag_ids == {Tag.objects.get(name="Economy").pk}


def test_publishing_from_the_admin_form_announces_once(sent_events, client, editor):
    article = ArticleFactory(in_review=True, authors=True)
    with sent_events.capture():
        response = resubmit(client, change_url(article), status="published")
    assert response.status_code == 302
    assert sent_events.names == ["article_published"]


def test_a_rolled_back_change_announces_nothing(sent_events, editor):
    article = ArticleFactory(authors=True, draft=True)
    with sent_events.capture(), pytest.raises(RuntimeError), transaction.atomic():
        publish_article(article=article, user=editor)
        raise RuntimeError("the request failed after the save")
    assert sent_events.sent == []
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_a_draft_edit_announces_nothing_public(sent_events, client, editor):
    draft = ArticleFactory(draft=True)
    with sent_events.capture():
        assert resubmit(client, change_url(draft), headline="Still a draft").status_code == 302
        save_article(article=ArticleFactory.build(draft=True, section=SectionFactory()))
    assert sent_events.sent == []


def test_editing_a_live_article_announces_a_change_with_the_old_and_new_section(sent_events, client, editor):
    article = ArticleFactory()
    old_section, new_section = article.section, SectionFactory()
    with sent_events.capture():
        resubmit(client, change_url(article), section=str(new_section.pk), headline="A sharper headline")
    assert sent_events.names == ["article_changed"]
    assert sent_events.sent[0][1].section_ids == {old_section.pk, new_section.pk}


def test_unpublishing_and_scheduling_are_announced(sent_events, editor):
    live, scheduled = ArticleFactory(authors=True), ArticleFactory(authors=True, draft=True)
    with sent_events.capture():
        unpublish_article(article=live, user=editor)
        publish_article(article=scheduled, user=editor, at=ArticleFactory.build(scheduled=True).published_at)
    assert sent_events.of(live) == ["article_unpublished"]
    assert sent_events.of(scheduled) == ["article_scheduled"]


def test_bulk_publishing_announces_each_article_once(sent_events, client, editor):
    articles = [ArticleFactory(authors=True, in_review=True) for _ in range(3)]
    with sent_events.capture():
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_selected", ACTION_CHECKBOX_NAME: [article.pk for article in articles]},
        )
    assert sorted(event.article_id for _name, event in sent_events.sent) == sorted(a.pk for a in articles)
    assert set(sent_events.names) == {"article_published"}


def test_deleting_a_live_article_is_announced_but_deleting_a_draft_is_not(sent_events, client, editor):
    live, draft = ArticleFactory(), ArticleFactory(draft=True)
    with sent_events.capture():
        for article in (live, draft):
            client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk__in=[live.pk, draft.pk]).exists()
    assert sent_events.sent == [("article_deleted", sent_events.sent[0][1])]
    assert sent_events.sent[0][1].article_id == live.pk and sent_events.sent[0][1].after is None


def test_renaming_a_tag_announces_every_live_article_carrying_it_and_refreshes_search(sent_events, superuser_client):
    carrying = [ArticleFactory(tags=["Drones"]) for _ in range(3)]
    draft = ArticleFactory(draft=True, tags=["Drones"])
    ArticleFactory(tags=["Economy"])
    tag = Tag.objects.get(name="Drones")
    with sent_events.capture():
        response = resubmit(superuser_client, change_url(tag), name="Unmanned aircraft", slug="unmanned-aircraft")
    assert response.status_code == 302
    assert sent_events.names == ["article_changed"] * 3
    assert sorted(event.article_id for _name, event in sent_events.sent) == sorted(a.pk for a in carrying)
    assert all(event.tag_ids == {tag.pk} for _name, event in sent_events.sent)
    if connection.vendor == "postgresql":
        assert sorted(full_text_finds("unmanned")) == sorted(a.pk for a in carrying)
        assert draft.pk not in full_text_finds("unmanned")  # only readers' articles are searched


def test_renaming_an_author_or_a_section_announces_their_live_articles(sent_events, superuser_client):
    author = AuthorFactory(name="Jane Example")
    bylined = ArticleFactory(authors=[author])
    in_section = ArticleFactory()
    ArticleFactory(draft=True, authors=[author], section=in_section.section)
    with sent_events.capture():
        resubmit(superuser_client, change_url(author), name="Jane Example-Smith")
        resubmit(superuser_client, change_url(in_section.section), name="Front line")
        resubmit(superuser_client, change_url(author), email="jane@example.org")  # not shown on any page
    assert sent_events.of(bylined) == ["article_changed"]
    assert sent_events.of(in_section) == ["article_changed"]
    assert len(sent_events.sent) == 2
    if connection.vendor == "postgresql":
        assert full_text_finds("Example-Smith") == [bylined.pk]


def test_a_new_caption_or_credit_announces_the_articles_showing_the_photo(sent_events, superuser_client):
    photo = ImageFactory()
    lead = ArticleFactory(lead_image=photo)
    inline = ArticleFactory(body=f'<figure class="image"><img src="{photo.file.url}" alt="x"></figure>')
    avatar = ArticleFactory(authors=[AuthorFactory(avatar=photo)])
    unrelated = ArticleFactory()
    with sent_events.capture():
        resubmit(superuser_client, change_url(photo), credit="New Credit/Agency", file=None)
    assert sorted(event.article_id for _name, event in sent_events.sent) == sorted([lead.pk, inline.pk, avatar.pk])
    assert sent_events.of(unrelated) == []


def test_restoring_a_revision_announces_once_from_the_state_before_the_restore(sent_events, client, editor):
    article = ArticleFactory(headline="First version", tags=["Economy"])
    resubmit(client, change_url(article), headline="Second version")
    first = Version.objects.get_for_object(article).last()
    article.tags.set(["Drones"])
    revision_url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    with sent_events.capture():
        response = resubmit(client, revision_url)
    assert response.status_code == 302
    assert sent_events.names == ["article_changed"]
    event = sent_events.sent[0][1]
    assert event.before.tag_ids == {Tag.objects.get(name="Drones").pk}


def test_recovering_a_deleted_live_article_announces_it_as_published_again(sent_events, client, editor):
    article = ArticleFactory(headline="To be restored")
    resubmit(client, change_url(article), standfirst="Saved once so a revision exists")
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    version = Version.objects.get_deleted(Article).get()
    with sent_events.capture():
        response = resubmit(client, reverse("admin:articles_article_recover", args=[version.pk]))
    assert response.status_code == 302
    assert sent_events.names == ["article_published"]
    assert sent_events.sent[0][1].before is None
