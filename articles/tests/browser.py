"""Screenshots from the browser tests, for people to look at (test-artifacts/)."""

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def save_screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def signed_in_page(browser, live_server, user, *, width: int = 1280, height: int = 900):
    """A new browser context with ``user`` signed in to the admin, and its page."""
    user.set_password("a long test password")
    user.save()
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", "a long test password")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    return page


def open_article(page, live_server, article):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.wait_for_selector(".ck-editor__editable")


def close_pages(*pages) -> None:
    """Leave each page (stopping its timers; its goodbye request goes out), let the server
    answer what is in flight, then close: the test database is emptied right after."""
    for page in pages:
        page.goto("about:blank")
    if pages:
        pages[0].wait_for_timeout(300)
    for page in pages:
        page.context.close()
