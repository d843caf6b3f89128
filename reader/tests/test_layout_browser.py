"""The shapes of the reader site's layout that broke once (issue 10), measured in
Debian's Chromium at 320, 375, 768 and 1280 px and at device pixel ratios 1 and 2:
round avatars, images no softer than their slot, a front page that does not repeat
itself, the section as each headline's label, and the sidebars of an article."""

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest

from articles.models import Byline
from articles.tests.browser import save_screenshot
from articles.tests.factories import ArticleFactory, SectionFactory, hours_ago
from authors.tests.factories import AuthorFactory
from media.renditions import build_renditions
from media.tests.factories import ImageFactory, photo_upload

pytestmark = pytest.mark.browser

WIDTHS = [320, 375, 768, 1280]


@pytest.fixture
def front(transactional_db, newsroom):
    """A front page as editors arrange it: a lead, three stories beside it, six picks and
    a feed over several days, in two sections, with photos big enough for any slot, and
    stories by one, two and three authors with avatars."""
    photo = ImageFactory(file=photo_upload(width=1920, height=1080, color=(70, 100, 130)), credit="Agency")
    face = ImageFactory(file=photo_upload(width=400, height=400, color=(150, 110, 90)), credit="Staff")
    build_renditions(photo)
    build_renditions(face)
    authors = [newsroom.author, AuthorFactory(name="Olena Shevchenko"), AuthorFactory(name="Marc de Vries")]
    for author in authors:
        author.avatar = face
        author.save()
    politics = SectionFactory(slug="politics", name="Politics", is_in_navigation=True)
    newsroom.section.is_in_navigation = True
    newsroom.section.save()
    stories = []
    for n in range(40):
        story = ArticleFactory(
            headline=f"Story number {n} from the {'war' if n % 2 else 'politics'} desk",
            section=newsroom.section if n % 2 else politics,
            lead_image=photo if n % 5 != 4 else None,
            kicker="Interview" if n % 7 == 3 else "",
            published_at=hours_ago(n * 3 + 1),
        )
        for place, author in enumerate(authors[: n % 3 + 1]):
            Byline.objects.create(article=story, author=author, position=place)
        stories.append(story)
    stories[0].lead_position = 1
    for place, story in enumerate(stories[1:4], start=1):
        story.beside_lead_position = place
    for place, story in enumerate(stories[4:10], start=1):
        story.is_editors_pick, story.editors_pick_position = True, place
    for story in stories[:10]:
        story.save()
    return stories


def open_page(browser, live_server, path: str, width: int, dpr: int = 1):
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=dpr)
    page = context.new_page()
    page.goto(live_server.url + path)
    return page


# Each image's chosen rendition (its srcset width), shown width and largest rendition.
MEASURE_IMAGES = """(selector) => Array.from(document.querySelectorAll(selector)).map((img) => {
  const source = img.closest("picture").querySelector("source");
  const candidates = (source ? source.getAttribute("srcset") : img.getAttribute("srcset") || "")
    .split(",").map((part) => part.trim().split(/\\s+/))
    .map(([url, width]) => ({url: new URL(url, location.href).href, width: parseInt(width, 10)}));
  const chosen = candidates.find((candidate) => candidate.url === img.currentSrc);
  return {src: img.currentSrc, chosen: chosen ? chosen.width : 0, shown: img.getBoundingClientRect().width,
          largest: Math.max(...candidates.map((candidate) => candidate.width))};
})"""

SLOTS = ".lead-story img, .beside-lead img, .editors-picks img, .section-block img"


def load_every_image(page, selector: str) -> None:
    """Scroll each image into view (most load lazily) and wait for all to be decoded."""
    for image in page.locator(selector).all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "(selector) => Array.from(document.querySelectorAll(selector))"
        ".every((img) => img.complete && img.naturalWidth > 0)",
        arg=selector,
    )


def test_each_front_page_image_is_fetched_at_least_as_sharp_as_it_is_shown(browser, live_server, front):
    for dpr in (1, 2):
        page = open_page(browser, live_server, "/", WIDTHS[0], dpr)
        for width in WIDTHS:  # narrow to wide: each width must fetch what it needs
            page.set_viewport_size({"width": width, "height": 900})
            load_every_image(page, SLOTS)
            images = page.evaluate(MEASURE_IMAGES, SLOTS)
            assert len(images) >= 8
            soft = [
                image
                for image in images
                if image["shown"] > 0 and image["chosen"] < min(image["shown"] * dpr, image["largest"])
            ]
            assert soft == [], f"at {width} px ×{dpr}: {soft}"
            if dpr == 1:
                save_screenshot(page, f"layout-front-{width}")
        page.context.close()


def test_listing_and_article_photos_are_sharp_at_twice_the_pixels_and_nothing_sticks_out(browser, live_server, front):
    pages = {"/war/": ".listing-grid img", front[12].get_absolute_url(): ".figure img, .more-from img"}
    for path, selector in pages.items():
        page = open_page(browser, live_server, path, WIDTHS[0], 2)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            load_every_image(page, selector)
            images = page.evaluate(MEASURE_IMAGES, selector)
            assert len(images) >= 3
            for image in images:
                assert image["chosen"] >= min(image["shown"] * 2, image["largest"]), (width, path, image)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        page.context.close()
    page = open_page(browser, live_server, front[12].get_absolute_url(), 1280)
    assert page.locator(".more-from .card").count() == 4
    page.context.close()


def test_avatars_are_round_and_square_with_one_two_and_three_authors(browser, live_server, front):
    for story in front[10:13]:  # by one, two and three authors
        page = open_page(browser, live_server, story.get_absolute_url(), WIDTHS[0])
        load_every_image(page, ".avatar")
        authors = story.bylines.count()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            boxes = page.evaluate(
                """() => Array.from(document.querySelectorAll(".byline .avatar, .author-box .avatar")).map((img) => {
                    const box = img.getBoundingClientRect();
                    return {where: img.closest(".byline") ? "byline" : "author box", width: box.width,
                            height: box.height, radius: getComputedStyle(img).borderRadius};
                })"""
            )
            assert len(boxes) == 2 * authors
            for box in boxes:
                assert box["width"] == pytest.approx(box["height"], abs=0.5), (width, authors, box)
                assert box["width"] >= 36, (width, authors, box)
                assert box["radius"] == "50%"
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        page.context.close()


@pytest.mark.parametrize("width", [375])
def test_no_story_is_linked_more_than_twice_on_the_front_page(browser, live_server, front, width):
    page = open_page(browser, live_server, "/", width)
    hrefs = page.eval_on_selector_all("main a[href]", "(links) => links.map((a) => a.getAttribute('href'))")
    story_links = Counter(href for href in hrefs if re.fullmatch(r"/[\w-]+/[\w-]+/", href))
    assert len(story_links) >= 25
    assert max(story_links.values()) <= 2, story_links.most_common(3)
    # Above the fold — the lead, the stories beside it, the picks, the feed — each story once.
    above = page.eval_on_selector_all(
        ".lead-cluster .card-headline a, .editors-picks .card-headline a, .main-column .feed-headline",
        "(links) => links.map((a) => a.getAttribute('href'))",
    )
    assert len(above) == len(set(above))
    page.context.close()


def test_each_label_names_and_links_the_story_s_section_and_the_kicker_sits_beside_it(browser, live_server, front):
    page = open_page(browser, live_server, "/", 1280)
    labels = page.evaluate(
        """() => Array.from(document.querySelectorAll("main .label")).map((label) => {
            const item = label.closest(".card, .feed-item, li");
            const story = item.querySelector(".card-headline a, .feed-headline, .sidebar-headline");
            const section = label.querySelector(".label-section");
            const kicker = label.querySelector(".kicker");
            return {story: story.getAttribute("href"), section: section && section.getAttribute("href"),
                    name: section && section.textContent, kicker: kicker && kicker.textContent};
        })"""
    )
    in_blocks = page.locator(".section-block .label").count()
    with_section = [label for label in labels if label["section"]]
    assert len(with_section) >= 30
    for label in with_section:
        assert label["story"].startswith(label["section"]), label
        assert label["name"] == {"/war/": "War", "/politics/": "Politics"}[label["section"]]
    assert len(labels) - len(with_section) == in_blocks - page.locator(".section-block .label-section").count()
    assert any(label["kicker"] == "Interview" for label in labels)
    page.context.close()


@pytest.mark.parametrize("width", [1280])
def test_the_article_sidebar_feed_has_day_headings_leaves_out_the_article_and_shows_more_in_place(
    browser, live_server, front, width
):
    story = front[1]
    page = open_page(browser, live_server, story.get_absolute_url(), width)
    feed = page.locator("#sidebar-feed")
    assert feed.locator("h3.feed-day").count() >= 2  # the feed spans days: each has its heading
    sidebar_links = page.eval_on_selector_all(".sidebar a[href]", "(links) => links.map((a) => a.getAttribute('href'))")
    assert story.get_absolute_url() not in sidebar_links
    assert feed.locator(".feed-summary").count() >= 1
    before = feed.locator(".feed-item").count()
    page.locator(".sidebar a[data-show-more]").click()
    page.wait_for_function(f"() => document.querySelectorAll('#sidebar-feed .feed-item').length > {before}")
    assert urlsplit(page.url).path == story.get_absolute_url()  # appended in place
    status = page.locator(".sidebar .show-more-status")
    added = feed.locator(".feed-item").count() - before
    assert status.inner_text() == f"{added} more articles loaded"
    shown = page.eval_on_selector_all(
        "#sidebar-feed a.feed-headline", "(links) => links.map((a) => a.getAttribute('href'))"
    )
    assert story.get_absolute_url() not in shown and len(shown) == len(set(shown))
    days = page.eval_on_selector_all("#sidebar-feed [data-day]", "(days) => days.map((d) => d.dataset.day)")
    assert len(days) == len(set(days))  # a day that continues keeps one heading
    page.context.close()


def test_the_phone_header_is_compact_and_the_section_strip_shows_it_scrolls(browser, live_server, front):
    page = open_page(browser, live_server, "/", 375)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 110
    strip = page.evaluate(
        """() => { const list = document.querySelector(".site-nav-list");
            const frame = getComputedStyle(document.querySelector(".site-nav-frame"), "::after");
            return {scrolls: list.scrollWidth > list.clientWidth, hint: frame.content,
                    overflow: getComputedStyle(list).overflowX}; }"""
    )
    assert strip["overflow"] == "auto"
    assert strip["hint"] not in ("none", "normal", "")
    page.locator(".search-link").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/search/"
    page.context.close()
