"""The standing pages as editors keep them: sanitised text, an honest "Last updated", the Editor role."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.db import IntegrityError
from django.urls import reverse

from pages.models import Page
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db

WRITTEN = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)
LATER = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


def staff_in(role: str, username: str) -> User:
    """A staff account in one of the role groups migrate makes (articles.roles)."""
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def privacy():
    with time_machine.travel(WRITTEN, tick=False):
        return PageFactory(title="Privacy", slug="privacy", body="<p>We set no cookies for readers.</p>")


def test_a_page_lives_under_info_and_names_itself():
    page = PageFactory(title="About us", slug="about")
    assert page.get_absolute_url() == "/info/about/"
    assert str(page) == "About us"


def test_the_text_is_sanitised_before_it_is_stored():
    page = PageFactory(body='<p onclick="steal()">Hello<script>alert(1)</script></p><iframe src="https://x"></iframe>')
    page.refresh_from_db()
    assert page.body == "<p>Hello</p>"


def test_last_updated_moves_when_the_text_changes(privacy):
    assert privacy.updated_at == WRITTEN
    with time_machine.travel(LATER, tick=False):
        page = Page.objects.get(pk=privacy.pk)
        page.body = "<p>We set no cookies for readers. Staff who sign in get two.</p>"
        page.save()
    assert Page.objects.get(pk=privacy.pk).updated_at == LATER


def test_last_updated_stays_when_only_the_footer_place_changes(privacy):
    """Readers are told when the policy changed, not when it moved in the footer."""
    with time_machine.travel(LATER, tick=False):
        page = Page.objects.get(pk=privacy.pk)
        page.position, page.is_in_footer = 7, False
        page.save()
        # The editor re-serialises the same text with other white space: no change either.
        page = Page.objects.get(pk=privacy.pk)
        page.body = "<p>We set no cookies for readers.</p>\n\n"
        page.save(update_fields=["body"])
    assert Page.objects.get(pk=privacy.pk).updated_at == WRITTEN


def test_a_title_change_saved_with_update_fields_moves_the_date(privacy):
    with time_machine.travel(LATER, tick=False):
        page = Page.objects.get(pk=privacy.pk)
        page.title = "Privacy notice"
        page.save(update_fields=["title"])
    assert Page.objects.get(pk=privacy.pk).updated_at == LATER


def test_published_and_footer_pages():
    shown = PageFactory(slug="about", position=2)
    first = PageFactory(slug="contact", position=1)
    PageFactory(slug="draft", is_published=False)
    PageFactory(slug="imprint", is_in_footer=False)
    assert list(Page.objects.in_footer()) == [first, shown]
    assert {page.slug for page in Page.objects.published()} == {"about", "contact", "imprint"}


def test_a_page_must_have_a_title():
    with pytest.raises(IntegrityError):
        Page.objects.create(title="", slug="untitled", body="<p>Text</p>")


def test_editors_keep_the_pages_and_reporters_cannot(client):
    editor, reporter = staff_in("Editor", "ed"), staff_in("Reporter", "rita")
    assert all(editor.has_perm(f"pages.{action}_page") for action in ("add", "change", "delete", "view"))
    assert not any(reporter.has_perm(f"pages.{action}_page") for action in ("add", "change", "delete", "view"))
    client.force_login(reporter)
    assert client.get(reverse("admin:pages_page_add")).status_code == 403


def test_an_editor_writes_a_page_in_the_admin(client):
    client.force_login(staff_in("Editor", "ed"))
    form = client.get(reverse("admin:pages_page_add"))
    assert form.status_code == 200 and "django_ckeditor_5" in form.content.decode()
    response = client.post(
        reverse("admin:pages_page_add"),
        {
            "title": "Corrections policy",
            "slug": "corrections",
            "description": "How we correct mistakes.",
            "body": "<p>We correct errors promptly.</p>",
            "is_published": "on",
            "is_in_footer": "on",
            "position": "3",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(slug="corrections")
    assert page.body == "<p>We correct errors promptly.</p>" and page.updated_at is not None
