"""An editor writes a page in the admin's CKEditor, in Debian's Chromium, under the
site's Content-Security-Policy (the root conftest fails the test on any violation)."""

import pytest
from django.contrib.auth.models import Group, User

from pages.models import Page

pytestmark = pytest.mark.browser


def test_an_editor_writes_the_accessibility_statement(browser, live_server, transactional_db):
    editor = User.objects.create_user("ed", password="a long test password", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", "a long test password")
    page.click("input[type=submit]")
    page.wait_for_load_state()

    page.goto(live_server.url + "/admin/pages/page/add/")
    page.locator("#id_title").press_sequentially("Accessibility statement")
    assert page.input_value("#id_slug") == "accessibility-statement"  # filled from the title
    page.fill("#id_slug", "accessibility")
    editable = page.locator(".ck-editor__editable")
    editable.click()
    page.keyboard.type("We aim to meet WCAG 2.2 at level AA.")
    page.click("input[name=_save]")
    page.wait_for_load_state()

    saved = Page.objects.get(slug="accessibility")
    assert saved.body == "<p>We aim to meet WCAG 2.2 at level AA.</p>"
    page.goto(live_server.url + saved.get_absolute_url())
    assert page.locator("h1").inner_text() == "Accessibility statement"
    page.goto("about:blank")
    page.context.close()
