"""Following a listing's own "Show More" link, and reading sitemaps."""

from bench.links import follow_next, next_link, path_of, sitemap_locations

SECTION_PAGE = """<!doctype html><html><body>
<nav><a href="/politics/">Politics</a> <a rel="nofollow" href="/latest/">Latest</a></nav>
<ol id="articles"><li><a href="/politics/a/">A</a></li></ol>
<p class="show-more-wrap"><a class="show-more" href="?before=2026-12-01T10%3A00%3A00Z.1234"
 data-show-more rel="next" aria-controls="articles">Show More</a></p>
<a rel="next" href="?before=never-this-one">second link</a>
</body></html>"""


def test_the_show_more_link_is_resolved_against_the_page():
    assert next_link(SECTION_PAGE, "http://127.0.0.1:8001/politics/") == (
        "http://127.0.0.1:8001/politics/?before=2026-12-01T10%3A00%3A00Z.1234"
    )


def test_a_last_page_has_no_next_link():
    assert next_link("<p>No more.</p><a href='/x/'>x</a>", "http://h/politics/") is None


def test_following_stops_where_the_listing_ends():
    pages = {f"http://h/s/?page={n}": f'<a rel="next" href="?page={n + 1}">Next</a>' for n in range(1, 4)}
    pages["http://h/s/"] = '<a rel="next" href="?page=1">Next</a>'
    pages["http://h/s/?page=4"] = "<p>the end</p>"
    fetched = []

    def fetch(url):
        fetched.append(url)
        return pages[url]

    assert follow_next(fetch, "http://h/s/", 80) == [
        "http://h/s/",
        "http://h/s/?page=1",
        "http://h/s/?page=2",
        "http://h/s/?page=3",
        "http://h/s/?page=4",
    ]
    assert follow_next(fetch, "http://h/s/", 2)[-1] == "http://h/s/?page=2"


def test_sitemap_locations_in_order():
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex><sitemap><loc>http://127.0.0.1:8001/sitemaps/articles.xml</loc></sitemap>
<sitemap><loc>http://127.0.0.1:8001/sitemaps/articles.xml?p=2&amp;x=1</loc></sitemap></sitemapindex>"""
    assert sitemap_locations(xml) == [
        "http://127.0.0.1:8001/sitemaps/articles.xml",
        "http://127.0.0.1:8001/sitemaps/articles.xml?p=2&x=1",
    ]


def test_the_path_wrk_asks_for():
    assert path_of("http://127.0.0.1:8001/sitemaps/articles.xml?p=2") == "/sitemaps/articles.xml?p=2"
    assert path_of("http://127.0.0.1:8001/war/") == "/war/"
