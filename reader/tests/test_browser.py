"""Readers' paths through the site in Debian's Chromium, at phone and desktop widths.

Skipped, with the reason, where Chromium or Playwright is missing; `.ci/run` installs
Chromium so CI always runs them. Screenshots land in test-artifacts/ for people to look at.
"""

import pytest

from articles.models import RelatedArticle
from articles.search_index import refresh_search_documents
from articles.tests.browser import save_screenshot
from articles.tests.factories import hours_ago
from media.renditions import build_renditions
from media.tests.factories import ImageFactory, photo_upload

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}

pytestmark = pytest.mark.browser


@pytest.fixture
def stories(transactional_db, newsroom):
    """Thirty stories of the shared newsroom, with a photo made into renditions."""
    photo = ImageFactory(
        file=photo_upload(width=1200, height=700, color=(60, 90, 120)), credit="Jane Photographer/Agency"
    )
    build_renditions(photo)
    newsroom.author.avatar, newsroom.author.short_bio = photo, "Covers defence."
    newsroom.author.save()
    body = "".join(f"<p>Paragraph {n} about the drone factory.</p>" for n in range(1, 8))
    articles = [
        newsroom.publish(
            headline=f"Drone factory story number {n}", lead_image=photo, body=body, published_at=hours_ago(n + 1)
        )[0]
        for n in range(30)
    ]
    RelatedArticle.objects.create(article=articles[0], related=articles[1])
    # Made by factories, not through the services: index them for search.
    refresh_search_documents([article.pk for article in articles])
    return articles


def shoot(page, name: str, width_name: str) -> None:
    save_screenshot(page, f"{name}-{width_name}")


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_a_reader_goes_from_the_front_page_to_search(browser, live_server, stories, width_name):
    width, height = WIDTHS[width_name]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + "/")
    assert page.locator("h2.block-title", has_text="News Feed").is_visible()
    shoot(page, "front", width_name)

    page.locator(".lead-story .card-headline a").click()
    page.wait_for_load_state()
    assert page.locator("h1.headline").inner_text() == "Drone factory story number 0"
    assert page.locator("figure figcaption .credit").first.inner_text() == "(Jane Photographer/Agency)"
    assert page.locator(".read-also").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out sideways
    shoot(page, "article", width_name)

    page.locator(".author-box .read-more").first.click()
    page.wait_for_load_state()
    assert page.locator("h1.page-title").inner_text() == "Jane Example"
    shoot(page, "author", width_name)

    page.goto(live_server.url + "/tags/drone-production/")
    assert page.locator(".card").count() == 20
    page.locator("a[data-show-more]").click()
    page.wait_for_function("() => document.querySelectorAll('.card').length > 20")
    assert page.locator(".card").count() == 30
    assert page.locator("a[data-show-more]").count() == 0  # the last page has no further link
    assert page.url.endswith("/tags/drone-production/")  # appended in place, no navigation
    shoot(page, "tag", width_name)

    if width_name == "phone":  # the header's search is an icon there, leading to the search page
        page.locator(".search-link").click()
        page.wait_for_load_state()
        field = page.locator("#search-q")
    else:
        field = page.locator("#site-search-q")
    field.fill("drone factory")
    field.press("Enter")
    page.wait_for_load_state()
    assert page.locator(".search-result").count() == 20
    shoot(page, "search", width_name)

    assert errors == []
    context.close()


def test_show_more_on_the_latest_page_appends_in_place(browser, live_server, stories):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/latest/")
    before = page.locator(".feed-item").count()
    page.locator("a[data-show-more]").click()
    page.wait_for_function(f"() => document.querySelectorAll('.feed-item').length > {before}")
    assert page.locator(".feed-item").count() == 30
    headlines = page.locator(".feed-headline").all_inner_texts()
    assert len(headlines) == len(set(headlines))  # nothing repeated across pages
    page.close()


def test_show_more_on_the_front_page_keeps_the_feed_heading_levels(browser, live_server, stories):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    before = page.locator(".news-feed .feed-item").count()
    page.locator("a[data-show-more]").click()
    page.wait_for_function(f"() => document.querySelectorAll('.news-feed .feed-item').length > {before}")
    assert page.locator(".news-feed h2.feed-day").count() == 0
    assert page.locator(".news-feed h3.feed-day").count() >= 1
    page.close()


def test_the_browser_enforces_the_content_security_policy(browser, live_server, stories):
    """Issue 9, finding 12: a script or a tracking pixel slipped into a page doesn't run or load."""
    page = browser.new_page()
    page.goto(live_server.url + stories[0].get_absolute_url())
    page.evaluate(
        """() => {
        const pixel = document.createElement("img");
        pixel.src = "https://tracker.example/pixel.gif";
        document.body.append(pixel);
        const script = document.createElement("script");
        script.textContent = "window.ranInline = true";
        document.body.append(script);
    }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.ranInline") is None
    caught = list(browser.policy_violations)
    browser.policy_violations.clear()  # expected here; any other test with one fails
    page.context.close()
    assert any("tracker.example" in line for line in caught), caught
    assert any("inline script" in line for line in caught), caught


def test_search_ranks_a_headline_match_first_and_finds_a_quoted_phrase(browser, live_server, newsroom):
    """Issue 10, defect 6: on SQLite results were newest first and "single market" found nothing."""
    apart = "<p>A single stall at the market sold out of fish by noon.</p>"
    together = "<p>Leaving the single market would cost the port dearly, the harbour master said.</p>"
    [in_body] = newsroom.publish(headline="Council news", body=together, published_at=hours_ago(1))
    [in_headline] = newsroom.publish(headline="Single market rules change", body=apart, published_at=hours_ago(40))
    [words_apart] = newsroom.publish(headline="Shopping on Saturday", body=apart, published_at=hours_ago(2))
    refresh_search_documents([in_body.pk, in_headline.pk, words_apart.pk])

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/search/")
    assert "Use quotes for an exact phrase" in page.locator("main").inner_text()
    page.locator("#search-q").fill("market")
    page.locator("#search-q").press("Enter")
    page.wait_for_load_state()
    headlines = page.locator(".search-result .card-headline").all_inner_texts()
    assert headlines[0] == "Single market rules change"
    assert set(headlines) == {"Single market rules change", "Council news", "Shopping on Saturday"}
    assert page.locator(".search-count").inner_text() == "About 3 results for “market”:"

    page.locator("#search-q").fill('"single market"')
    page.locator("#search-q").press("Enter")
    page.wait_for_load_state()
    headlines = page.locator(".search-result .card-headline").all_inner_texts()
    assert headlines == ["Single market rules change", "Council news"]
    marked = page.locator(".search-result").nth(1).locator(".snippet mark").all_inner_texts()
    assert " ".join(marked).lower() == "single market"  # one mark on SQLite, one a word on PostgreSQL
    save_screenshot(page, "search-phrase")
    page.close()
