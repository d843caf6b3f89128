"""Autosave, recovery, presence and the refused save: the server side of "nothing typed is lost"."""

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.editing import PRESENCE_TIMEOUT
from articles.models import Article, AutosaveDraft, EditingPresence
from authors.tests.factories import staff_user
from media.tests.admin_forms import form_fields

from .factories import ArticleFactory

AUTOSAVE_URL = reverse("admin:articles_article_autosave")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def autosave(client, article=None, tab="tab-1", rows=None, base_version=None):
    rows = rows if rows is not None else [["headline", "Typed, not saved", ""], ["body", "<p>Draft text</p>", ""]]
    return client.post(
        AUTOSAVE_URL,
        {
            "tab": tab,
            "article": article.pk if article else "",
            "base_version": base_version if base_version is not None else (article.version if article else ""),
            "data": json.dumps(rows),
        },
    )


def offer_on(client, url):
    return client.get(url).context["autosave_offer"]


@pytest.mark.django_db
def test_an_autosave_keeps_the_form_and_never_touches_the_article(client, editor):
    article = ArticleFactory(headline="As saved")
    versions_before = Version.objects.get_for_object(article).count()
    response = autosave(client, article)
    assert response.status_code == 200
    assert response.json()["time"]
    article.refresh_from_db()
    assert article.headline == "As saved"
    assert Version.objects.get_for_object(article).count() == versions_before
    draft = AutosaveDraft.objects.get()
    assert (draft.article, draft.value("headline"), draft.base_version) == (article, "Typed, not saved", 1)

    # The same tab keeps one autosave, the newest.
    autosave(client, article, rows=[["headline", "Typed again", ""]])
    assert AutosaveDraft.objects.get().value("headline") == "Typed again"


@pytest.mark.django_db
def test_opening_the_article_offers_the_newer_autosave_until_it_is_discarded(client, editor):
    article = ArticleFactory(headline="As saved")
    assert offer_on(client, change_url(article)) is None
    autosave(client, article)
    offer = offer_on(client, change_url(article))
    assert ["headline", "Typed, not saved", ""] in offer["rows"]
    assert offer["newer_save"] == ""

    compare = client.get(offer["compare_url"])
    assert compare.status_code == 200
    page = compare.content.decode()
    assert "<del>As</del><ins>Typed, not</ins> saved" in page

    assert client.post(offer["discard_url"]).json() == {"discarded": 1}
    assert offer_on(client, change_url(article)) is None


@pytest.mark.django_db
def test_an_explicit_save_retires_the_tabs_autosave(client, editor):
    article = ArticleFactory(headline="As saved")
    autosave(client, article, tab="tab-9")
    data = form_fields(client.get(change_url(article)).content.decode())
    data.update(headline="Saved for real", autosave_tab="tab-9")
    assert client.post(change_url(article), data).status_code == 302
    assert not AutosaveDraft.objects.exists()


@pytest.mark.django_db
def test_an_autosave_that_says_what_the_article_says_is_not_offered(client, editor):
    article = ArticleFactory(headline="Same", body="<p>Same body</p>")
    autosave(client, article, rows=[["headline", "Same", ""], ["body", "<p>Same body</p>", ""]])
    assert offer_on(client, change_url(article)) is None
    assert not AutosaveDraft.objects.exists()


@pytest.mark.django_db
def test_a_new_article_is_autosaved_and_offered_on_the_add_page(client, editor):
    assert autosave(client, None, tab="new-tab").status_code == 200
    offer = offer_on(client, reverse("admin:articles_article_add"))
    assert ["headline", "Typed, not saved", ""] in offer["rows"]
    assert client.get(offer["compare_url"]).status_code == 200


@pytest.mark.django_db
def test_restoring_after_someone_elses_save_says_so(client, editor):
    article = ArticleFactory(headline="As saved")
    autosave(client, article, base_version=article.version)
    olena = staff_user("olena", "Editor", last_name="Shevchenko")
    article.headline, article.last_edited_by = "Olena's headline", olena
    article.save()
    offer = offer_on(client, change_url(article))
    assert offer["newer_save"].startswith("Olena Shevchenko saved the article at")
    assert "Olena Shevchenko saved the article" in client.get(offer["compare_url"]).content.decode()


@pytest.mark.django_db
def test_autosaves_are_private_to_their_author(client, editor):
    autosave(client, ArticleFactory())
    draft = AutosaveDraft.objects.get()
    other = Client()
    other.force_login(staff_user("taras", "Editor"))
    assert other.get(reverse("admin:articles_article_autosave_compare", args=[draft.pk])).status_code == 404
    assert other.post(reverse("admin:articles_article_autosave_discard", args=[draft.pk])).json() == {"discarded": 0}
    assert AutosaveDraft.objects.exists()


@pytest.mark.django_db
def test_a_reporter_cannot_autosave_into_an_article_they_may_not_edit(client, reporter):
    live = ArticleFactory()  # someone else's, published
    assert autosave(client, live).status_code == 403
    assert not AutosaveDraft.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [
        {"tab": "t", "data": "not json"},
        {"tab": "t", "data": json.dumps({"headline": "x"})},
        {"tab": "t", "data": json.dumps([["headline", 5, ""]])},
        {"tab": "", "data": json.dumps([])},
        {"tab": "t", "data": json.dumps([]), "article": "abc"},
        {"tab": "t", "data": json.dumps([["x", "y", ""]] * 2001)},
    ],
)
def test_bad_autosaves_get_a_clear_400(client, editor, fields):
    response = client.post(AUTOSAVE_URL, fields)
    assert response.status_code == 400
    assert not AutosaveDraft.objects.exists()


@pytest.mark.django_db
def test_prune_autosaves_deletes_those_older_than_30_days(client, editor):
    article = ArticleFactory()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=31)):
        autosave(client, article, tab="old")
    autosave(client, article, tab="recent")
    call_command("prune_autosaves", verbosity=0)
    assert list(AutosaveDraft.objects.values_list("tab", flat=True)) == ["recent"]


def heartbeat(client, article, tab, **extra):
    return client.post(reverse("admin:articles_article_presence", args=[article.pk]), {"tab": tab, **extra})


@pytest.mark.django_db
def test_presence_names_the_others_with_the_article_open_and_a_newer_save():
    article = ArticleFactory()
    olena, taras = Client(), Client()
    olena_user = staff_user("olena", "Editor", last_name="Shevchenko")
    olena.force_login(olena_user)
    taras.force_login(staff_user("taras", "Editor"))

    assert heartbeat(olena, article, "o-1").json()["others"] == []
    answer = heartbeat(taras, article, "t-1").json()
    assert answer["others"] == ["Olena Shevchenko"]
    assert answer["version"] == article.version

    article.last_edited_by = olena_user
    article.save()
    answer = heartbeat(taras, article, "t-1").json()
    assert (answer["version"], answer["saved_by"], answer["saved_by_someone_else"]) == (2, "Olena Shevchenko", True)

    # Leaving says goodbye at once; a tab that stops beating is forgotten after a while.
    heartbeat(olena, article, "o-1", leaving="1")
    assert heartbeat(taras, article, "t-1").json()["others"] == []
    heartbeat(olena, article, "o-1")
    EditingPresence.objects.filter(tab="o-1").update(seen_at=timezone.now() - PRESENCE_TIMEOUT * 2)
    assert heartbeat(taras, article, "t-1").json()["others"] == []


@pytest.mark.django_db
def test_presence_is_only_for_those_who_may_open_the_article(client, reporter):
    others_draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert heartbeat(client, others_draft, "r-1").status_code == 404


@pytest.mark.django_db
def test_a_refused_save_shows_their_version_beside_yours_and_can_save_over_it():
    article = ArticleFactory(headline="First headline", standfirst="Kept standfirst")
    olena, taras = Client(), Client()
    olena.force_login(staff_user("olena", "Editor", last_name="Shevchenko"))
    taras.force_login(staff_user("taras", "Editor"))
    url = change_url(article)
    olena_form = form_fields(olena.get(url).content.decode())
    taras_form = form_fields(taras.get(url).content.decode())

    olena_form["headline"] = "Olena's headline"
    assert olena.post(url, olena_form).status_code == 302
    taras_form["headline"] = "Taras's headline"
    refused = taras.post(url, taras_form)
    conflict = refused.context["conflict"]
    assert conflict["who"] == "Olena Shevchenko"
    assert [(row.label, row.theirs, row.yours) for row in conflict["differences"]] == [
        ("Headline", "Olena's headline", "Taras's headline")
    ]
    page = refused.content.decode()
    assert "Save mine over theirs" in page and 'data-version="2"' in page

    # "Save mine over theirs" sends the version it was shown beside.
    taras_form["version"] = str(conflict["version"])
    assert taras.post(url, taras_form).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Taras's headline"
