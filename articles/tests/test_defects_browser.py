"""Issue 8's defects, as editors and reporters met them, in Debian's Chromium."""

import pytest
import reversion
from reversion.models import Version

from articles.models import Correction
from authors.tests.factories import staff_user
from media.tests.factories import ImageFactory

from .browser import close_pages, save_screenshot, signed_in_page
from .factories import ArticleFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", ["Editor", "Reporter"])
def test_the_image_page_opens_read_only_for_those_who_may_only_view_images(
    browser, live_server, transactional_db, role
):
    """Defect 1: every library image answered 500 (KeyError: 'credit') for editors and reporters."""
    image = ImageFactory(caption="Rescuers at work", credit="Jane Photographer/Agency Images")
    page = signed_in_page(browser, live_server, staff_user("someone", role))
    try:
        response = page.goto(f"{live_server.url}/admin/media/image/{image.pk}/change/")
        assert response.status == 200
        assert "Jane Photographer/Agency Images" in page.locator("#content-main").inner_text()
        assert page.locator("input[name=credit], input[type=file]").count() == 0  # read-only
    finally:
        close_pages(page)


def test_restoring_an_old_version_of_a_live_story_keeps_it_live_with_its_correction(
    browser, live_server, transactional_db
):
    """Defect 3: restoring the first revision took the story offline and deleted a correction."""
    article = ArticleFactory(headline="First headline", authors=True)
    with reversion.create_revision():
        article.save()
    article.headline = "Second headline"
    with reversion.create_revision():
        article.save()
    Correction.objects.create(article=article, text="An earlier version misspelt the mayor's name.")
    first = Version.objects.get_for_object(article).last()
    editor = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    reader = browser.new_context().new_page()
    try:
        editor.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/{first.pk}/")
        assert "What will change" in editor.locator("#content-main").inner_text()
        save_screenshot(editor, "admin-restore-confirm")
        editor.get_by_role("button", name="Restore this version").click()
        editor.wait_for_load_state()
        response = reader.goto(live_server.url + article.get_absolute_url())
        assert response.status == 200
        assert reader.locator("h1").inner_text() == "First headline"
        assert "misspelt the mayor's name" in reader.locator("main").inner_text()
    finally:
        close_pages(editor, reader)


def test_an_inline_photo_shows_the_alt_text_typed_in_the_editor(browser, live_server, transactional_db):
    """Defect 4: the public page showed the library's alt text (made from the file name)."""
    image = ImageFactory(alt_text="inline body")
    article = ArticleFactory(
        body=f'<p>Before.</p><figure class="image"><img src="{image.file.url}" alt="Firefighters on a roof">'
        "</figure><p>After.</p>"
    )
    reader = browser.new_context().new_page()
    try:
        reader.goto(live_server.url + article.get_absolute_url())
        assert reader.locator(".article figure img").first.get_attribute("alt") == "Firefighters on a roof"
    finally:
        close_pages(reader)
