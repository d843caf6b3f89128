"""Rendered pieces of lists (cards, feed items), kept by the version of what they show.

A front page shows some seventy cards and rendering each through the template engine
was most of its cost. An article's card changes only when the article, its photo, its
section or its authors change, so each worker keeps the HTML it rendered, keyed by:

- the article's id and ``modified_at`` (every save, bylines included, moves it) and
  its photo's ``changed_at`` (a new caption, alt text or set of renditions);
- whether a time-sensitive kicker ("Breaking") has lapsed: that comes with time, not a save;
- the options the template passes (image slot, variant, heading level…), the
  language and the time zone;
- the *generation*: a token in the shared cache, replaced whenever a section, a
  footer page, or an existing author or tag is saved or deleted (their names and
  addresses are on fragments of articles that were not saved: bylines, labels, the
  header and footer). A worker reads it once per request.

So nothing is ever invalidated by hand and nothing stale is served: a changed input is
a different key, and the old entry simply ages out of the worker's small LRU. When the
shared cache cannot be read (Redis down), the generation is unknown and fragments are
rendered afresh without being kept: slower, never stale.
"""

import contextvars
import datetime
import secrets
import sys
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import get_template
from django.utils import timezone, translation

GENERATION_KEY = "reader:fragments:generation"
_UNKNOWN = object()


class RenderedFragments:
    """A thread-safe least-recently-used map of rendered HTML, bounded by the memory its
    strings take (``sys.getsizeof``), so a few long stories weigh as much as many cards.

    An entry may carry the moment it stops being true (a "Breaking" kicker on it lapses):
    from then on it is not returned, and the next render replaces it.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[tuple, tuple[str, datetime.datetime | None]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> str | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            html, expires_at = entry
            if expires_at is not None and timezone.now() >= expires_at:
                return None
            self._entries.move_to_end(key)
            return html

    def put(self, key: tuple, html: str, expires_at: datetime.datetime | None = None) -> None:
        size = sys.getsizeof(html)
        if size > self.max_bytes:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self.size -= sys.getsizeof(previous[0])
            self._entries[key] = (html, expires_at)
            self.size += size
            while self.size > self.max_bytes:
                _key, (forgotten, _expires) = self._entries.popitem(last=False)
                self.size -= sys.getsizeof(forgotten)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0

    def __len__(self) -> int:
        return len(self._entries)


fragments = RenderedFragments(settings.READER_FRAGMENT_MEGABYTES * 1024 * 1024)


class SharedToken:
    """A random token in the shared cache that keys include: replacing it retires every
    key made with the old one, in every worker."""

    def __init__(self, key: str):
        self.key = key

    def read(self):
        """The token, or None when the cache cannot be read."""
        token = cache.get(self.key)
        if token is None:
            # Never set, or evicted: start a new one (add: another worker may be first).
            cache.add(self.key, secrets.token_hex(8), timeout=None)
            token = cache.get(self.key)
        return token

    def replace_after_commit(self) -> None:
        transaction.on_commit(lambda: cache.set(self.key, secrets.token_hex(8), timeout=None))


generation = SharedToken(GENERATION_KEY)


def current_generation():
    """The shared token that every key includes, or None when it cannot be read."""
    return generation.read()


def start_new_generation() -> None:
    """Retire every kept fragment: a name or address shown on them changed."""
    generation.replace_after_commit()


def start_new_generation_on_save(sender, **kwargs) -> None:
    start_new_generation()


def start_new_generation_on_change(sender, created: bool = False, **kwargs) -> None:
    """For authors and tags: a new one is on no kept fragment yet."""
    if not created:
        start_new_generation()


def once_per_request(request, name: str, read):
    """``read()``, remembered on ``request`` as ``name`` (read every time without one)."""
    if request is None:
        return read()
    value = getattr(request, name, _UNKNOWN)
    if value is _UNKNOWN:
        value = read()
        setattr(request, name, value)
    return value


def _request_generation(context):
    """The generation, read once per request."""
    return once_per_request(context.get("request"), "_fragment_generation", current_generation)


def article_version(article) -> tuple:
    """What a rendered article fragment depends on, besides the generation: the row's
    last save (its kicker, section and bylines included), its photo's, the section's
    (by id; names are in the generation), and whether a time-sensitive kicker lapsed."""
    if hasattr(article, "lead_image_changed_at"):  # ArticleQuerySet.for_cards()
        image_changed_at = article.lead_image_changed_at
    else:
        image_changed_at = article.lead_image.changed_at if article.lead_image_id else None
    return (
        article.pk,
        article.modified_at,
        article.lead_image_id,
        image_changed_at,
        article.section_id,
        article.has_lapsed_kicker,
    )


# The soonest lapse among what each render in progress (innermost last) has shown.
_open_renders: contextvars.ContextVar[tuple[list, ...]] = contextvars.ContextVar("open_renders", default=())


def note_lapse(moment: datetime.datetime | None) -> None:
    """What is being rendered stops being true at ``moment`` (a kicker lapses): every
    kept fragment being rendered around it is kept until then only."""
    if moment is None or moment <= timezone.now():
        return
    for soonest in _open_renders.get():
        if soonest[0] is None or moment < soonest[0]:
            soonest[0] = moment


def kept_html(context, key: tuple, render) -> str:
    """The HTML kept under ``key`` (with the language, time zone and generation added),
    or ``render()``'s, kept for next time (until the soonest lapse noted while rendering)."""
    token = _request_generation(context)
    if token is None:
        return render()
    key = (*key, translation.get_language(), timezone.get_current_timezone_name(), token)
    html = fragments.get(key)
    if html is None:
        soonest = [None]
        reset = _open_renders.set((*_open_renders.get(), soonest))
        try:
            html = render()
        finally:
            _open_renders.reset(reset)
        fragments.put(key, html, expires_at=soonest[0])
    return html


def render_article_fragment(context, template_name: str, article, options: dict) -> str:
    """``template_name`` rendered with ``article`` and ``options``, from the worker's
    store when the same version was rendered before."""
    key = (template_name, article_version(article), tuple(sorted(options.items())))
    note_lapse(article.kicker_lapses_at)
    return kept_html(context, key, lambda: get_template(template_name).render({"article": article.listed(), **options}))
