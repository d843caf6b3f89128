"""Author profiles in the admin: staff keep their own bio and avatar, photo editors keep all."""

import pytest
from django.urls import reverse

from authors.models import Author
from authors.tests.factories import AuthorFactory, staff_user
from media.tests.admin_forms import resubmit
from media.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_staff_edit_their_own_bio_and_avatar_but_nothing_else(client, reporter):
    own = AuthorFactory(user=reporter, role="Reporter", short_bio="Old bio")
    other = AuthorFactory(short_bio="Someone else")
    new_avatar = ImageFactory()
    url = reverse("admin:authors_author_change", args=[own.pk])
    response = resubmit(client, url, short_bio="New bio", avatar=str(new_avatar.pk), role="Editor-in-chief")
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.short_bio, own.avatar, own.role) == ("New bio", new_avatar, "Reporter")

    other_url = reverse("admin:authors_author_change", args=[other.pk])
    assert client.post(other_url, {"short_bio": "Hacked"}).status_code == 403
    other.refresh_from_db()
    assert other.short_bio == "Someone else"


def test_staff_without_a_role_may_edit_only_their_own_profile(client):
    user = staff_user("freelance")
    client.force_login(user)
    own = AuthorFactory(user=user)
    assert client.get(reverse("admin:authors_author_change", args=[own.pk])).status_code == 200
    changelist = client.get(reverse("admin:authors_author_changelist"))
    assert list(changelist.context["cl"].result_list) == [own]


def test_photo_editor_edits_author_profiles(client, photo_editor):
    author = AuthorFactory(role="Reporter")
    response = resubmit(client, reverse("admin:authors_author_change", args=[author.pk]), role="Senior reporter")
    assert response.status_code == 302
    assert Author.objects.get(pk=author.pk).role == "Senior reporter"
