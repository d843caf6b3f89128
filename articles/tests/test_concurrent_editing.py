"""Two people editing one article: the second save is refused and loses nothing."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import Article
from authors.tests.factories import staff_user
from media.tests.admin_forms import form_fields

from .factories import ArticleFactory


def open_form(client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return url, form_fields(client.get(url).content.decode())


@pytest.mark.django_db
def test_second_save_is_refused_naming_who_saved_in_between_and_keeps_the_text():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    olena, taras = Client(), Client()
    olena.force_login(staff_user("olena", "Editor", last_name="Shevchenko"))
    taras.force_login(staff_user("taras", "Editor"))

    url, olena_form = open_form(olena, article)
    _, taras_form = open_form(taras, article)

    olena_form["body"] = "<p>Olena's careful rewrite.</p>"
    assert olena.post(url, olena_form).status_code == 302

    taras_form["body"] = "<p>Taras typed this for an hour.</p>"
    response = taras.post(url, taras_form)
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert "Olena Shevchenko saved this article at" in errors[0]
    assert "Taras typed this for an hour." in response.content.decode()  # nothing typed is lost

    article.refresh_from_db()
    assert "Olena's careful rewrite." in article.body
    assert "Taras" not in article.body

    # After reloading, Taras works on the current version and can save.
    _, fresh = open_form(taras, article)
    fresh["body"] = "<p>Taras, on top of Olena's version.</p>"
    assert taras.post(url, fresh).status_code == 302


@pytest.mark.django_db
def test_a_form_without_its_version_is_treated_as_stale():
    article = ArticleFactory()
    client = Client()
    client.force_login(staff_user("ed", "Editor"))
    url, data = open_form(client, article)
    data.pop("version")
    assert client.post(url, data).status_code == 200
    article.refresh_from_db()
    assert article.version == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are a PostgreSQL feature")
def test_simultaneous_saves_on_postgresql_let_exactly_one_through():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    editors = [staff_user(f"editor{n}", "Editor") for n in range(2)]
    clients = []
    for user in editors:
        client = Client()
        client.force_login(user)
        clients.append(client)
    forms = [open_form(client, article) for client in clients]
    start = threading.Barrier(2)
    statuses = [None, None]

    def save(index):
        url, data = forms[index]
        data["standfirst"] = f"Standfirst by editor {index}"
        start.wait()
        statuses[index] = clients[index].post(url, data).status_code
        connection.close()

    threads = [threading.Thread(target=save, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200, 302]
    winner = statuses.index(302)
    article.refresh_from_db()
    assert article.standfirst == f"Standfirst by editor {winner}"
    assert article.version == 2
