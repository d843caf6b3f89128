import datetime
import json

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.selectors.search import HIGHLIGHT_START, HIGHLIGHT_STOP
from media.renditions import shareable_image
from reader import image_slots, structured_data
from reader.addresses import absolute, site_url
from reader.fragments import kept_html, note_lapse, render_article_fragment
from reader.kept_documents import request_content_version
from reader.sharing import share_links as links_to_share
from richtext.blocks import figure_caption_html, figure_image_alt, figure_image_source
from richtext.embeds import embed_for, embed_url_of
from richtext.xml_text import xml_safe

register = template.Library()

READ_ALSO_AFTER_PARAGRAPH = 3
MACHINE_TIME_FORMAT = r"Y-m-d\TH:i:sO"


@register.simple_tag
def article_body(article, inline_images=None, call_to_action=None):
    """The body with credited photos, click-to-load embeds, "Read also" after the third
    paragraph and the promo (kept with the rest of the story: ``article_part``).

    Boxes whose paragraph does not exist (a short article) go after the last block.
    """
    inline_images = inline_images or {}
    related = article.read_also
    inserts = {}
    if related:
        inserts.setdefault(READ_ALSO_AFTER_PARAGRAPH, []).append(
            render_to_string("includes/read_also.html", {"articles": related})
        )
    if call_to_action is not None:
        inserts.setdefault(max(1, call_to_action.after_paragraph), []).append(
            render_to_string("includes/call_to_action.html", {"call_to_action": call_to_action})
        )
    parts, paragraphs = [], 0
    for block in article.body_blocks:
        image = inline_images.get(figure_image_source(block) or "")
        embed_url = embed_url_of(block.html)
        if embed_url is not None:
            embed = embed_for(embed_url)
            if embed is not None:  # the sanitiser keeps no other; an old body might
                parts.append(render_to_string("includes/embed.html", {"embed": embed}))
        elif image is not None:
            caption = mark_safe(figure_caption_html(block))  # safe: from the sanitised body
            # The alt text typed in the editor describes the photo here; the library's is the fallback.
            context = {"image": image, "caption": caption, "alt": figure_image_alt(block)}
            parts.append(render_to_string("includes/figure.html", context))
        else:
            parts.append(block.html)
        if block.is_paragraph:
            paragraphs += 1
            parts.extend(inserts.pop(paragraphs, []))
    for leftover in sorted(inserts):
        parts.extend(inserts[leftover])
    return mark_safe("\n".join(parts))  # safe: the sanitised body and escaped templates


# What the promo box shows: a kept story is rendered again when one of them changes.
CALL_TO_ACTION_FIELDS = ("pk", "headline", "text", "link_url", "link_label", "after_paragraph")


def article_page_version(article, inline_images: dict, call_to_action) -> tuple:
    """What an article page's story shows, as a key: the article's last save (bylines,
    tags and corrections are saved with it), its photos, its "Read also" stories and
    the promo; authors' and sections' names are in the generation."""
    lead_image = article.lead_image if article.lead_image_id else None
    return (
        article.pk,
        article.modified_at,
        lead_image and lead_image.changed_at,
        tuple((image.pk, image.changed_at) for image in inline_images.values()),
        tuple((related.pk, related.modified_at) for related in article.read_also),
        call_to_action and tuple(getattr(call_to_action, field) for field in CALL_TO_ACTION_FIELDS),
    )


@register.simple_tag(takes_context=True)
def article_part(context, template_name: str):
    """``{% article_part "includes/article_main.html" %}``: part of an article page,
    rendered with the page's context and kept by the story's version (never a preview)."""
    template = context.template.engine.get_template(template_name)
    if context.get("is_preview"):
        return template.render(context)
    article, call_to_action = context["article"], context.get("call_to_action")
    call_to_action = call_to_action() if callable(call_to_action) else call_to_action  # views.render_article
    version = article_page_version(article, context.get("inline_images") or {}, call_to_action)
    key = ("article_part", template_name, version, article.has_lapsed_kicker, context.get("SITE_URL"))
    note_lapse(article.kicker_lapses_at)
    return mark_safe(kept_html(context, key, lambda: template.render(context)))  # our escaped templates


@register.simple_tag(takes_context=True)
def article_fragment(context, template_name: str, article, **options):
    """``{% article_fragment "includes/card.html" article slot="grid" … %}``: the template
    rendered with ``article`` and the options alone (no other context), kept by the
    article's version (``reader.fragments``)."""
    return mark_safe(render_article_fragment(context, template_name, article, options))  # our escaped template


@register.simple_tag(takes_context=True)
def site_chrome(context, template_name: str):
    """``{% site_chrome "includes/site_header.html" %}``: the page's header or footer,
    rendered with the page's context and kept (``reader.fragments``) by what varies
    between pages: the section whose page it is, "Latest", and the year."""
    template = context.template.engine.get_template(template_name)
    if context.get("query"):  # the search box repeats the reader's words
        return template.render(context)
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    url_name = match.url_name if match else ""
    current = request.path if url_name == "section" else url_name == "latest"
    key = ("site_chrome", template_name, current, timezone.now().year)
    return mark_safe(kept_html(context, key, lambda: template.render(context)))  # our escaped template


class KeptByContentNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        if context.get("is_preview"):
            return self.nodelist.render(context)
        version = request_content_version(context.get("request"))
        if version is None:
            return self.nodelist.render(context)
        values = (part.resolve(context) for part in self.parts)
        values = (tuple(value) if isinstance(value, list) else value for value in values)
        key = ("kept_by_content", *values, context.get("SITE_URL"), version)
        return mark_safe(kept_html(context, key, lambda: self.nodelist.render(context)))  # our escaped templates


@register.tag
def kept_by_content(parser, token):
    """``{% kept_by_content "front" popular_ids %}…{% endkept_by_content %}``: what is
    inside, rendered with the page's context and kept (``reader.fragments``) by the
    values given and the *content version* (``reader.kept_documents``), which every
    published change replaces. Only for what follows from the published content alone:
    the values must name everything else it shows (e.g. the Most Popular ids). Never
    kept for a preview."""
    bits = token.split_contents()[1:]
    nodelist = parser.parse(("endkept_by_content",))
    parser.delete_first_token()
    return KeptByContentNode(nodelist, [parser.compile_filter(bit) for bit in bits])


@register.filter(name="xml_safe")
def xml_safe_filter(text):
    """Text for an XML document (a sitemap) without the characters XML forbids."""
    return xml_safe(text)


@register.filter
def highlight(snippet: str) -> str:
    """Search snippets: escape everything, then mark the matched words.

    Snippets are plain text on both databases (``articles.selectors.search`` decodes
    what it cut from HTML), so "Smith & Sons" is escaped once, not twice."""
    text = escape(snippet or "")
    return mark_safe(text.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>"))  # escaped above


def _json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside <script>: no way to close the element or open a comment.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # nothing in it can close it


def _site(context) -> str:
    return site_url(context.get("request"))


@register.simple_tag(takes_context=True)
def article_structured_data(context, article):
    site = _site(context)
    news, trail = structured_data.news_article(article, site), structured_data.breadcrumbs(article, site)
    return mark_safe(_json_ld(news) + _json_ld(trail))  # safe: both halves come from _json_ld


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """``url`` at the site's public address (``reader.addresses``)."""
    return absolute(url, _site(context))


@register.simple_tag(takes_context=True)
def og_image_url(context, image) -> str:
    return absolute(shareable_image(image).url, _site(context))


@register.simple_tag
def share_links(url: str, title: str, summary: str = ""):
    """``{% share_links url title summary as links %}``: see ``reader.sharing``."""
    return links_to_share(url, title, summary)


@register.filter(expects_localtime=True, is_safe=False)
def machine_time(value) -> str:
    """``<time datetime>`` and meta tag values: what ``|date:"Y-m-d\\TH:i:sO"`` gives.

    Aware datetimes are shown in the current time zone, as the ``date`` filter shows
    them (also when called from Python); None or "" gives "".
    """
    if value in (None, ""):
        return ""
    if settings.USE_TZ and isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    try:
        return dateformat.format(value, MACHINE_TIME_FORMAT)
    except AttributeError:
        return ""


@register.filter
def slot_sizes(slot: str) -> str:
    """``{% picture image sizes=slot|slot_sizes %}``: the slot's displayed width (``reader.image_slots``)."""
    return image_slots.sizes_for(slot)
