"""The publishing flow in Debian's Chromium: buttons, notes, checks, and a draft of a live story."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, PendingChanges
from articles.search_index import refresh_search_documents
from authors.tests.factories import AuthorFactory, staff_user

from .browser import close_pages, open_article, save_screenshot, signed_in_page
from .factories import ArticleFactory

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed").expect


def test_a_draft_of_a_live_story_stays_off_the_public_page_until_published(browser, live_server, transactional_db):
    article = ArticleFactory(headline="Live headline", body="<p>Live body.</p>", authors=True)
    editor = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    reader = browser.new_context().new_page()
    try:
        open_article(editor, live_server, article)
        editor.fill("#id_headline", "Draft headline")
        editor.locator(".ck-editor__editable").click()
        editor.keyboard.press("End")
        editor.keyboard.type(" A paragraph still being checked.")
        editor.get_by_role("button", name="Save draft", exact=True).click()
        editor.wait_for_load_state()
        assert "readers still see the published version" in editor.locator(".messagelist").inner_text()
        assert editor.locator("#article-status").inner_text() == "Published · changes pending"
        editor.wait_for_function("() => document.getElementById('id_headline').value === 'Draft headline'")
        assert "A paragraph still being checked." in editor.locator(".ck-editor__editable").inner_text()
        save_screenshot(editor, "admin-live-article-with-a-draft")

        reader.goto(live_server.url + article.get_absolute_url())
        assert reader.locator("h1").inner_text() == "Live headline"

        with editor.context.expect_page() as preview:
            editor.get_by_role("link", name="Preview the draft").click()
        preview.value.wait_for_load_state()
        assert preview.value.locator("h1").inner_text() == "Draft headline"
        preview.value.close()

        editor.get_by_role("button", name="Publish the draft").click()
        editor.wait_for_load_state()
        assert "The pending changes are live." in editor.locator(".messagelist").inner_text()
        reader.reload()
        assert reader.locator("h1").inner_text() == "Draft headline"
        assert not PendingChanges.objects.exists()
    finally:
        close_pages(editor, reader)


def test_reporter_submits_with_a_note_and_the_editor_sees_it_checks_it_and_schedules(
    browser, live_server, transactional_db
):
    rita = staff_user("rita", "Reporter", last_name="Reporter")
    AuthorFactory(user=rita, name="Rita Reporter")
    article = ArticleFactory(draft=True, headline="Rita's story", created_by=rita, authors=True)
    reporter = signed_in_page(browser, live_server, rita, width=375, height=800)
    editor = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    try:
        open_article(reporter, live_server, article)
        buttons = reporter.locator(".publishing-row button")
        assert buttons.all_inner_texts() == ["Save draft", "Submit for review"]
        reporter.fill("#id_workflow_note", "Ready. The mayor's quote is on tape.")
        save_screenshot(reporter, "admin-reporter-submit-375")
        reporter.get_by_role("button", name="Submit for review").click()
        reporter.wait_for_load_state()
        assert reporter.locator("#article-status").inner_text() == "In review"

        open_article(editor, live_server, article)
        notes = editor.locator(".workflow-notes")
        assert "Ready. The mayor's quote is on tape." in notes.inner_text()
        assert "Submitted for review · Rita Reporter" in notes.inner_text()
        checks = editor.locator(".prepublish-checks")
        assert "Lead photo with alt text and credit — advised" in checks.inner_text()
        assert editor.locator(".publishing-row button").all_inner_texts() == [
            "Publish",
            "Save",
            "Send back to the reporter",
        ]

        editor.get_by_role("button", name="Send back to the reporter").click()
        editor.wait_for_load_state()
        assert "Say what needs doing" in editor.locator(".workflow-note").inner_text()

        tomorrow = timezone.localtime() + datetime.timedelta(days=1)
        editor.fill("#id_published_at_0", tomorrow.strftime("%Y-%m-%d"))
        editor.fill("#id_published_at_1", "06:00:00")
        publish = editor.locator(".publishing-row button[value=publish]")
        assert publish.inner_text() == "Schedule"
        save_screenshot(editor, "admin-editor-review-and-schedule")
        publish.click()
        editor.wait_for_load_state()
        assert editor.locator("#article-status").inner_text().startswith("Scheduled for ")
        assert Article.objects.get(pk=article.pk).is_scheduled
    finally:
        close_pages(reporter, editor)


def test_tags_are_typed_as_tokens_with_suggestions(browser, live_server, transactional_db):
    ArticleFactory(tags=["Energy security"])
    article = ArticleFactory(draft=True, tags=["Elections"])
    editor = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    try:
        open_article(editor, live_server, article)
        tokens = editor.locator(".token-field")
        assert tokens.locator(".token span").all_inner_texts() == ["Elections"]
        box = tokens.locator(".token-input")
        box.click()
        box.type("Energy")
        editor.locator(".token-suggestions li", has_text="Energy security").wait_for()
        editor.keyboard.press("ArrowDown")
        editor.keyboard.press("Enter")
        box.type("Black Sea ports,")
        box.type("Typo tag")
        editor.keyboard.press("Enter")
        assert tokens.locator(".token span").all_inner_texts() == [
            "Elections",
            "Energy security",
            "Black Sea ports",
            "Typo tag",
        ]
        editor.get_by_role("button", name="Remove tag Typo tag").click()
        editor.keyboard.press("Backspace")  # in the empty box: removes the last chip
        assert tokens.locator(".token span").all_inner_texts() == ["Elections", "Energy security"]
        box.type("Black Sea ports")
        editor.keyboard.press("Enter")
        save_screenshot(editor, "admin-token-tags")
        editor.get_by_role("button", name="Save draft").click()
        editor.wait_for_load_state()
        assert sorted(Article.objects.get(pk=article.pk).tags.names()) == [
            "Black Sea ports",
            "Elections",
            "Energy security",
        ]
    finally:
        close_pages(editor)


def test_an_embed_is_inserted_as_a_url_and_loads_on_the_public_page_only_on_a_click(
    browser, live_server, transactional_db
):
    article = ArticleFactory(headline="With a video", body="<p>Watch this.</p>", authors=True)
    editor = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    reader = browser.new_context().new_page()
    elsewhere = []

    def only_this_site(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:  # no test reaches the internet; note what the page asked for
            elsewhere.append(route.request.url)
            route.abort()

    for page in (editor, reader):
        page.route("**/*", only_this_site)
    try:
        open_article(editor, live_server, article)
        editor.locator(".ck-editor__editable").click()
        editor.keyboard.press("End")
        editor.keyboard.press("Enter")
        editor.get_by_role("button", name="Insert media").click()
        editor.locator(".ck-media-form input").fill("https://youtu.be/dQw4w9WgXcQ")
        editor.keyboard.press("Enter")
        editor.locator(".ck-editor__editable .media").wait_for()
        editor.get_by_role("button", name="Publish changes").click()
        editor.wait_for_load_state()
        assert '<oembed url="https://youtu.be/dQw4w9WgXcQ">' in Article.objects.get(pk=article.pk).body

        elsewhere.clear()
        reader.goto(live_server.url + article.get_absolute_url())
        box = reader.locator(".embed-youtube")
        assert "This content is hosted by YouTube" in box.inner_text()
        assert reader.locator("iframe").count() == 0 and elsewhere == []
        save_screenshot(reader, "reader-embed-before-click")
        box.get_by_role("button", name="Load from YouTube").click()
        frame = reader.locator(".embed-youtube iframe")
        assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
        reader.wait_for_timeout(300)
        assert any(url.startswith("https://www.youtube-nocookie.com/embed/") for url in elsewhere)
    finally:
        close_pages(editor, reader)


def test_picks_and_the_lead_are_ordered_by_dragging_and_from_the_keyboard(browser, live_server, transactional_db):
    alpha = ArticleFactory(headline="Alpha", is_editors_pick=True, editors_pick_position=1)
    beta = ArticleFactory(headline="Beta", is_editors_pick=True, editors_pick_position=2)
    gamma = ArticleFactory(headline="Gamma", is_editors_pick=True, editors_pick_position=3)
    ArticleFactory(headline="Lead story", lead_position=1)
    editor = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    phone = signed_in_page(browser, live_server, staff_user("ed2", "Editor"), width=375, height=800)
    url = live_server.url + "/admin/articles/curation/"
    try:
        editor.goto(url)
        picks = editor.locator(".arrange-list[data-group=pick] .arrange-item")
        assert picks.locator(".arrange-text a").all_inner_texts() == ["Alpha", "Beta", "Gamma"]
        picks.nth(2).drag_to(picks.nth(0), target_position={"x": 20, "y": 5})
        assert picks.locator(".arrange-text a").all_inner_texts() == ["Gamma", "Alpha", "Beta"]
        assert picks.locator(".arrange-place").all_inner_texts() == ["1", "2", "3"]

        picks.nth(2).focus()  # Beta, from the keyboard
        editor.keyboard.press("Alt+ArrowUp")
        assert picks.locator(".arrange-text a").all_inner_texts() == ["Gamma", "Beta", "Alpha"]
        assert "Beta: now number 2" in editor.locator(".arrange-status").inner_text()
        editor.get_by_role("button", name="Remove “Alpha”").click()
        save_screenshot(editor, "admin-arrange-front-page")
        editor.get_by_role("button", name="Save the order").click()
        editor.wait_for_load_state()
        assert list(Article.objects.published().editors_picks()) == [gamma, beta]
        alpha.refresh_from_db()
        assert not alpha.is_editors_pick

        phone.goto(url)
        phone_picks = phone.locator(".arrange-list[data-group=pick] .arrange-item")
        phone.get_by_role("button", name="Move “Beta” up").click()
        assert phone_picks.locator(".arrange-text a").all_inner_texts() == ["Beta", "Gamma"]
        save_screenshot(phone, "admin-arrange-front-page-375")
        phone.get_by_role("button", name="Save the order").click()
        phone.wait_for_load_state()
        assert list(Article.objects.published().editors_picks()) == [beta, gamma]
    finally:
        close_pages(editor, phone)


def test_finding_stories_by_author_name_body_text_and_the_author_filter(browser, live_server, transactional_db):
    olena = AuthorFactory(name="Olena Shevchenko")
    grid = ArticleFactory(headline="Grid repairs", authors=[olena], body="<p>Substations near Kharkiv were hit.</p>")
    budget = ArticleFactory(headline="Budget vote", authors=True, body="<p>Parliament passed the budget.</p>")
    refresh_search_documents([grid.pk, budget.pk])  # as saving through the services does
    editor = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    try:
        editor.goto(live_server.url + "/admin/articles/article/")
        headlines = editor.locator("#result_list .field-headline a")
        for words in ("Shevchenko", "substations"):  # an author's name, words of the text
            editor.fill("#searchbar", words)
            with editor.expect_navigation():
                editor.keyboard.press("Enter")
            expect(headlines).to_have_text(["Grid repairs"])

        editor.goto(live_server.url + "/admin/articles/article/")
        editor.fill("#filter-chooser-author", "olena")
        with editor.expect_navigation():
            editor.locator("#filter-chooser-author-results a", has_text="Olena Shevchenko").click()
        expect(headlines).to_have_text(["Grid repairs"])
        box = editor.locator("#result_list .field-headline").first.bounding_box()
        assert box["width"] >= 240  # the headline stays readable at 1280 px
        save_screenshot(editor, "admin-article-list-1280")
    finally:
        close_pages(editor)


def test_an_editor_on_a_phone_opens_edits_and_publishes_a_story(browser, live_server, transactional_db):
    article = ArticleFactory(draft=True, headline="Phone draft", authors=True, standfirst="Short.")
    phone = signed_in_page(browser, live_server, staff_user("ed", "Editor"), width=375, height=740)
    try:
        phone.goto(live_server.url + "/admin/articles/article/")
        phone.get_by_role("link", name="Phone draft").click()
        phone.wait_for_selector(".ck-editor__editable")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 380  # nothing wider than the phone
        phone.fill("#id_headline", "Published from a phone")
        publish = phone.locator(".publishing-row button[value=publish]")
        box = publish.bounding_box()
        assert box["y"] + box["height"] <= 740  # the buttons stay in reach at the foot of the screen
        save_screenshot(phone, "admin-article-form-375")
        publish.click()
        phone.wait_for_load_state()
        article.refresh_from_db()
        assert (article.headline, article.status) == ("Published from a phone", Article.Status.PUBLISHED)
        assert "Published: readers see it now." in phone.locator(".messagelist").inner_text()
    finally:
        close_pages(phone)


def test_the_settings_under_the_writing_fold_away(browser, live_server, transactional_db):
    article = ArticleFactory(draft=True)
    editor = signed_in_page(browser, live_server, staff_user("ed", "Editor"))
    try:
        open_article(editor, live_server, article)
        assert editor.locator("#id_headline").is_visible() and editor.locator("#id_version").is_hidden()
        toggle = editor.get_by_role("button", name="Lead photo")
        assert toggle.get_attribute("aria-expanded") == "true"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "false"
        assert editor.locator(".field-lead_image .image-chooser").is_hidden()
        editor.get_by_role("button", name="Byline (in order)").click()
        assert editor.locator("#bylines-group .add-row").is_hidden()
        toggle.click()
        assert editor.locator(".field-lead_image .image-chooser").is_visible()
    finally:
        close_pages(editor)
