"""Issue 9, finding 5: a Photo editor could hand one staff member another's author profile."""

import pytest
from django.urls import reverse

from authors.tests.factories import AuthorFactory, staff_user
from media.tests.admin_forms import form_fields

pytestmark = pytest.mark.django_db


def post_with_user(client, author, user):
    url = reverse("admin:authors_author_change", args=[author.pk])
    data = form_fields(client.get(url).content.decode())
    data["user"] = str(user.pk)
    return client.post(url, data)


def test_a_photo_editor_cannot_link_a_staff_account_to_a_profile(client, photo_editor):
    author = AuthorFactory(name="Olena Shevchenko")
    intruder = staff_user("intruder", "Reporter")
    page = client.get(reverse("admin:authors_author_change", args=[author.pk])).content.decode()
    assert 'name="user"' not in page  # read-only for them
    post_with_user(client, author, intruder)
    author.refresh_from_db()
    assert author.user is None


def test_a_superuser_links_accounts_and_one_account_has_one_profile(superuser_client):
    first, second = AuthorFactory(name="First"), AuthorFactory(name="Second")
    reporter = staff_user("rita", "Reporter")
    assert post_with_user(superuser_client, first, reporter).status_code == 302
    first.refresh_from_db()
    assert first.user == reporter
    refused = post_with_user(superuser_client, second, reporter)
    assert refused.status_code == 200 and "user" in refused.context["adminform"].form.errors
