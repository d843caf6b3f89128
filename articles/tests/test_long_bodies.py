"""Issue 9, finding 9: a body of 2 MB answered 500 on save (PostgreSQL's tsvector limit) and the text was lost."""

import random
import string

import pytest
from django.urls import reverse

from articles.forms import MAX_BODY_LENGTH
from articles.models import Article
from articles.search_index import refresh_search_documents
from media.tests.admin_forms import resubmit

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def unique_words(characters: int) -> str:
    """Text of distinct made-up words: the worst case for a search document."""
    chooser = random.Random(9)
    words, length = [], 0
    while length < characters:
        word = "".join(chooser.choices(string.ascii_lowercase, k=9))
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


def test_a_body_over_the_limit_is_a_form_error_and_the_text_stays_in_the_form(client, editor):
    article = ArticleFactory(draft=True)
    huge = f"<p>{unique_words(2_100_000)}</p>"
    response = resubmit(client, reverse("admin:articles_article_change", args=[article.pk]), body=huge)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert "the limit is 500,000" in errors[0]
    assert response.context["adminform"].form["body"].value() == huge  # nothing typed is lost
    article.refresh_from_db()
    assert len(article.body) < 1000


def test_the_longest_allowed_body_saves_and_gets_a_search_document(client, editor):
    article = ArticleFactory(draft=True)
    body = f"<p>{unique_words(MAX_BODY_LENGTH - 100)}</p>"
    response = resubmit(client, reverse("admin:articles_article_change", args=[article.pk]), body=body)
    assert response.status_code == 302
    refresh_search_documents([article.pk])
    assert len(Article.objects.get(pk=article.pk).body) > MAX_BODY_LENGTH - 200
