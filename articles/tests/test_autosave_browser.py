"""Autosave, recovery and presence in Debian's Chromium, as editors use them."""

import pytest

from articles.models import Article, AutosaveDraft
from authors.tests.factories import staff_user

from .browser import close_pages, open_article, save_screenshot, signed_in_page
from .factories import ArticleFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def quick_background(settings):
    """The background timers of the form, shortened so a test need not wait for them."""
    settings.ARTICLE_AUTOSAVE_IDLE_MS = 300
    settings.ARTICLE_AUTOSAVE_MAX_WAIT_MS = 2000
    settings.ARTICLE_PRESENCE_INTERVAL_MS = 400


@pytest.fixture
def editor_page(browser, live_server, transactional_db, quick_background):
    page = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?": yes
    yield page
    close_pages(page)


def type_in_body(page, text):
    page.locator(".ck-editor__editable").click()
    page.keyboard.press("End")
    page.keyboard.type(text)


def test_typing_is_autosaved_and_restored_after_a_reload_without_touching_the_article(editor_page, live_server):
    article = ArticleFactory(headline="Saved headline", body="<p>Saved body.</p>")
    open_article(editor_page, live_server, article)
    editor_page.fill("#id_headline", "Headline typed, never saved")
    type_in_body(editor_page, " A sentence typed, never saved.")
    status = editor_page.locator("#autosave-status")
    status.filter(has_text="Saved").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    article.refresh_from_db()
    assert (article.headline, article.version) == ("Saved headline", 1)

    editor_page.reload()
    editor_page.wait_for_selector(".ck-editor__editable")
    offer = editor_page.locator("#autosave-offer")
    offer.wait_for()
    assert "Unsaved changes from" in offer.inner_text()
    assert editor_page.input_value("#id_headline") == "Saved headline"
    save_screenshot(editor_page, "admin-autosave-offer")
    offer.get_by_role("button", name="Restore").click()
    assert editor_page.input_value("#id_headline") == "Headline typed, never saved"
    assert "A sentence typed, never saved." in editor_page.locator(".ck-editor__editable").inner_text()
    assert offer.is_hidden()

    editor_page.click("button[value=publish_changes]")
    editor_page.wait_for_load_state()
    article.refresh_from_db()
    assert article.headline == "Headline typed, never saved"
    assert "A sentence typed, never saved." in article.body
    assert not AutosaveDraft.objects.filter(article=article).exists()
    assert editor_page.locator("#autosave-offer").is_hidden()


def test_a_new_article_is_autosaved_too(editor_page, live_server):
    editor_page.goto(f"{live_server.url}/admin/articles/article/add/")
    editor_page.wait_for_selector(".ck-editor__editable")
    editor_page.fill("#id_headline", "A story nobody saved yet")
    editor_page.locator("#autosave-status").filter(has_text="Saved").wait_for()
    editor_page.reload()
    editor_page.locator("#autosave-offer").get_by_role("button", name="Restore").click()
    assert editor_page.input_value("#id_headline") == "A story nobody saved yet"
    assert not Article.objects.exists()


def test_offline_the_text_is_kept_in_the_browser_and_sent_when_back(editor_page, live_server):
    article = ArticleFactory(headline="Saved headline")
    open_article(editor_page, live_server, article)
    editor_page.context.set_offline(True)
    editor_page.fill("#id_headline", "Typed on a train")
    status = editor_page.locator("#autosave-status")
    status.filter(has_text="Offline — kept in this browser").wait_for()
    kept = editor_page.evaluate("localStorage.getItem('newsroom-autosave:' + location.pathname)")
    assert "Typed on a train" in kept
    assert not AutosaveDraft.objects.exists()

    editor_page.context.set_offline(False)
    status.filter(has_text="Saved").wait_for(timeout=10000)
    assert AutosaveDraft.objects.get().value("headline") == "Typed on a train"
    assert editor_page.evaluate("localStorage.getItem('newsroom-autosave:' + location.pathname)") is None


def test_presence_and_a_newer_save_are_shown_before_saving_and_a_refused_save_shows_both(
    browser, live_server, transactional_db, quick_background
):
    article = ArticleFactory(headline="The first headline")
    olena = signed_in_page(browser, live_server, staff_user("olena", "Editor", last_name="Shevchenko"))
    taras = signed_in_page(browser, live_server, staff_user("taras", "Editor", last_name="Bondar"))
    try:
        open_article(olena, live_server, article)
        open_article(taras, live_server, article)
        presence = taras.locator("#presence-status")
        presence.filter(has_text="Olena Shevchenko is editing this article.").wait_for()
        olena.locator("#presence-status").filter(has_text="Taras Bondar is editing this article.").wait_for()

        olena.fill("#id_headline", "Olena's headline")
        olena.click("button[value=publish_changes]")
        olena.wait_for_load_state()
        presence.filter(has_text="Olena Shevchenko saved a newer version at").wait_for()
        assert "/history/" in presence.get_by_role("link", name="see changes").get_attribute("href")
        save_screenshot(taras, "admin-presence-newer-version")

        taras.fill("#id_headline", "Taras's headline")
        taras.click("button[value=publish_changes]")
        taras.wait_for_load_state()
        conflict = taras.locator(".edit-conflict")
        assert "Olena's headline" in conflict.locator(".conflict-theirs").inner_text()
        assert "Taras's headline" in conflict.locator(".conflict-yours").inner_text()
        save_screenshot(taras, "admin-refused-save-side-by-side")
        taras.get_by_role("button", name="Save mine over theirs").click()
        taras.wait_for_load_state()
        article.refresh_from_db()
        assert article.headline == "Taras's headline"
    finally:
        close_pages(olena, taras)
