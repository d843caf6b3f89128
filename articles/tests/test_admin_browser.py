"""An editor in the admin, in Debian's Chromium: nothing typed is lost by a stray click."""

import pytest

from authors.tests.factories import staff_user

from .browser import close_pages, open_article, save_screenshot, signed_in_page
from .factories import ArticleFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_page(browser, live_server, transactional_db):
    page = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    yield page
    close_pages(page)


def test_the_view_icons_beside_related_fields_open_a_new_tab_and_keep_the_form(editor_page, live_server):
    """Issue 8, defect 2: the icons beside lead photo, section, author and tag replaced the form."""
    article = ArticleFactory(authors=True)
    open_article(editor_page, live_server, article)
    editor_page.fill("#id_headline", "Typed but not saved")
    form_url = editor_page.url
    with editor_page.context.expect_page() as new_tab:
        editor_page.click("#view_id_section")
    assert "/admin/articles/section/" in new_tab.value.url
    new_tab.value.close()
    assert editor_page.url == form_url
    assert editor_page.input_value("#id_headline") == "Typed but not saved"


def test_leaving_an_unsaved_form_asks_first_but_not_after_saving(editor_page, live_server):
    article = ArticleFactory(headline="Before")
    open_article(editor_page, live_server, article)
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    editor_page.on("dialog", answer)
    editor_page.locator(".ck-editor__editable").click()
    editor_page.keyboard.type(" A new sentence.")
    editor_page.click("#site-name a, #branding a")
    editor_page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert "/change/" in editor_page.url  # still on the form, text intact
    assert "A new sentence." in editor_page.locator(".ck-editor__editable").inner_text()
    save_screenshot(editor_page, "admin-article-form-unsaved")

    editor_page.click("button[value=publish_changes]")
    editor_page.wait_for_load_state()
    editor_page.click("#site-name a, #branding a")
    editor_page.wait_for_load_state()
    assert dialogs == ["beforeunload"]  # no second prompt after the save
    assert editor_page.url.endswith("/admin/")


def test_the_seo_fields_count_characters_and_preview_the_search_result(editor_page, live_server):
    article = ArticleFactory(headline="Grain corridor reopens", standfirst="Ships leave Odesa again.")
    open_article(editor_page, live_server, article)
    editor_page.evaluate("document.querySelectorAll('fieldset.collapse').forEach(f => f.classList.remove('collapsed'))")
    editor_page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    preview = editor_page.locator(".seo-preview")
    assert preview.locator(".seo-preview-title").inner_text() == "Grain corridor reopens"
    assert preview.locator(".seo-preview-description").inner_text() == "Ships leave Odesa again."
    editor_page.fill("#id_seo_title", "x" * 70)
    count = editor_page.locator("#id_seo_title ~ .seo-count")
    assert count.inner_text().startswith("70 / 60") and "cut" in count.inner_text()
    assert preview.locator(".seo-preview-title").inner_text() == "x" * 70
    save_screenshot(editor_page, "admin-article-seo")
