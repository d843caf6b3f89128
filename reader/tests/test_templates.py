"""The public templates: translatable text, machine-readable times, the page language."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reader.templatetags.article_tags import machine_time

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PUBLIC_TEMPLATES = sorted(path for path in TEMPLATES.rglob("*.html") if path.relative_to(TEMPLATES).parts[0] != "admin")

COMMENT = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
TRANSLATE = re.compile(r"""{%\s*trans(?:late)?\s+(["'])(?P<message>.*?)\1.*?%}""", re.S)
BLOCKTRANSLATE = re.compile(r"{%\s*blocktrans(?:late)?\b[^%]*%}(?P<message>.*?){%\s*endblocktrans(?:late)?\s*%}", re.S)
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}", re.S)
# Attribute values a reader sees or hears, and the page description.
READ_ATTRIBUTES = re.compile(
    r'\b(?:alt|title|placeholder|aria-label)="([^"]*)"|<meta name="description" content="([^"]*)"'
)
HTML_TAG = re.compile(r"<[^>]*>")
ENTITY = re.compile(r"&#?\w+;")
WORD = re.compile(r"[^\W\d_]+")
LOADS_I18N = re.compile(r"{%\s*load\s[^%]*\bi18n\b[^%]*%}")


def visible_words(source: str, *, translated: bool = True) -> list[str]:
    """The words of a template's text and read attributes; ``translated=False`` leaves
    out what ``{% translate %}`` and ``{% blocktranslate %}`` already mark."""
    source = COMMENT.sub(" ", source)
    for tag in (BLOCKTRANSLATE, TRANSLATE):
        source = tag.sub(lambda match: match["message"] if translated else " ", source)
    source = TEMPLATE_CODE.sub(" ", source)
    attributes = [value for pair in READ_ATTRIBUTES.findall(source) for value in pair]
    text = HTML_TAG.sub(" ", source)
    return WORD.findall(ENTITY.sub(" ", " ".join([*attributes, text])))


def template_id(path: Path) -> str:
    return str(path.relative_to(TEMPLATES))


def test_visible_words_finds_text_and_read_attributes_only():
    source = (
        '{% comment %}Notes{% endcomment %}<p class="x" title="Hint">Hello {{ name }}{% if a %}</p>'
        '<img alt="A photo" src="y.png">'
    )
    assert visible_words(source) == ["Hint", "A", "photo", "Hello"]
    marked = (
        '<a aria-label="{% translate "Close" %}">'
        "{% blocktranslate trimmed with n=x %}Read {{ n }}{% endblocktranslate %}</a> ©"
    )
    assert visible_words(marked) == ["Close", "Read"]
    assert visible_words(marked, translated=False) == []


def test_the_public_templates_are_found():
    names = {template_id(path) for path in PUBLIC_TEMPLATES}
    assert {"base.html", "includes/card.html", "reader/article_detail.html"} <= names
    assert not any(name.startswith("admin/") for name in names)


@pytest.mark.parametrize("path", PUBLIC_TEMPLATES, ids=template_id)
def test_templates_with_text_load_i18n_and_mark_all_of_it(path):
    source = path.read_text(encoding="utf-8")
    if visible_words(source):
        assert LOADS_I18N.search(source), f"{template_id(path)} has text but does not load i18n"
    assert visible_words(source, translated=False) == [], f"{template_id(path)}: text outside {{% translate %}}"


@pytest.mark.parametrize("path", PUBLIC_TEMPLATES, ids=template_id)
def test_machine_readable_times_use_machine_time(path):
    source = path.read_text(encoding="utf-8")
    values = re.findall(r'\bdatetime="([^"]*)"', source)
    values += re.findall(r'<meta property="article:\w+_time" content="([^"]*)"', source)
    assert all("|machine_time" in value for value in values), values
    assert r"Y-m-d\TH:i:sO" not in source


# machine_time -------------------------------------------------------------------

NOON_UTC = datetime.datetime(2025, 3, 14, 12, 0, tzinfo=datetime.UTC)


def test_machine_time_in_utc(settings):
    settings.TIME_ZONE = "UTC"
    assert machine_time(NOON_UTC) == "2025-03-14T12:00:00+0000"


def test_machine_time_in_the_current_time_zone(settings):
    settings.TIME_ZONE = "UTC"
    with timezone.override("Europe/Kyiv"):
        assert machine_time(NOON_UTC) == "2025-03-14T14:00:00+0200"
        assert machine_time(NOON_UTC.replace(month=7)) == "2025-07-14T15:00:00+0300"
    settings.TIME_ZONE = "Europe/Kyiv"
    assert machine_time(NOON_UTC) == "2025-03-14T14:00:00+0200"


@pytest.mark.parametrize("empty", [None, ""])
def test_machine_time_of_nothing_is_empty(empty):
    assert machine_time(empty) == ""
    assert Template("{% load article_tags %}[{{ when|machine_time }}]").render(Context({"when": empty})) == "[]"


@pytest.mark.parametrize("zone", ["UTC", "Europe/Kyiv", "America/St_Johns", "Asia/Kathmandu"])
def test_machine_time_is_what_the_date_filter_gave(settings, zone):
    settings.TIME_ZONE = zone
    with_filter = Template("{% load article_tags %}{{ when|machine_time }}")
    by_hand = Template(r'{{ when|date:"Y-m-d\TH:i:sO" }}')
    for when in (NOON_UTC, NOON_UTC.replace(month=7, minute=30, second=15), timezone.now()):
        context = Context({"when": when})
        assert with_filter.render(context) == by_hand.render(context) == machine_time(when)


# The page language ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["base.html", "500.html"])
def test_html_lang_follows_the_active_language(name):
    with translation.override("uk"):
        assert '<html lang="uk">' in render_to_string(name)
    with translation.override("en"):
        assert '<html lang="en">' in render_to_string(name)


@pytest.mark.django_db
def test_front_page_is_in_the_site_language_with_machine_times(client, newsroom, settings):
    (article,) = newsroom.publish()
    html = client.get("/").content.decode()
    assert f'<html lang="{settings.LANGUAGE_CODE}">' in html
    assert f'<time datetime="{timezone.localtime(article.published_at):%Y-%m-%dT%H:%M:%S%z}">' in html
    assert "Skip to content" in html and "Most Popular" in html and "News Feed" in html
