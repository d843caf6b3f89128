"""Issue 10, item 11: "Copy link" in Debian's Chromium puts the article's public address
on the clipboard and says so in the live region; without JavaScript it is not offered."""

import pytest

from articles.tests.browser import close_pages, save_screenshot

expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed").expect

pytestmark = pytest.mark.browser


@pytest.fixture
def story(transactional_db, newsroom, public_address):
    [article] = newsroom.publish(1, headline="The bridge held through the night")
    return article


def test_copy_link_puts_the_address_on_the_clipboard_and_announces_it(browser, live_server, story):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + story.get_absolute_url())

    button = page.get_by_role("button", name="Copy link")
    expect(button).to_be_visible()
    expect(page.get_by_role("link", name="Share on Facebook")).to_have_attribute("target", "_blank")
    button.click()
    status = page.get_by_role("status").filter(has_text="Link copied")
    expect(status).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"https://news.example{story.get_absolute_url()}"
    # A second copy is announced again (the region is emptied first).
    button.click()
    expect(status).to_have_text("Link copied")
    page.locator(".share").scroll_into_view_if_needed()
    save_screenshot(page, "share-links-phone")
    assert errors == []
    close_pages(page)


def test_without_javascript_only_the_plain_links_are_offered(browser, live_server, story):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + story.get_absolute_url())
    expect(page.get_by_role("link", name="Share by email")).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    close_pages(page)
