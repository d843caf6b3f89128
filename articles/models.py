from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from richtext.blocks import Block, split_blocks
from richtext.fields import RichTextField
from richtext.measures import reading_minutes

# Paths the site uses for itself; a section slug may not shadow them.
RESERVED_SECTION_SLUGS = frozenset(
    {"admin", "authors", "tags", "search", "latest", "feeds", "preview", "uploads", "static", "api", "sitemaps", "info"}
    | {"feed", "rss", "atom"}  # sent on to the feeds (reader/syndication_urls.py)
)


def validate_section_slug(value: str) -> None:
    if value in RESERVED_SECTION_SLUGS:
        raise ValidationError(_("“%(slug)s” is used by the site itself; choose another slug."), params={"slug": value})


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, validators=[validate_section_slug])
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the site navigation: lower comes first.")
    )
    is_in_navigation = models.BooleanField(_("shown in navigation"), default=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reader:section", kwargs={"slug": self.slug})


def live_q(prefix: str = "", *, now=None) -> Q:
    """The rule for what readers may see, usable across a relation ("related__")."""
    now = timezone.now() if now is None else now
    return Q(**{f"{prefix}status": Article.Status.PUBLISHED, f"{prefix}published_at__lte": now})


def within_window(name: str) -> Q:
    """Now lies between ``<name>_starts_at`` and ``<name>_ends_at``; an empty end is open."""
    now = timezone.now()
    starts, ends = f"{name}_starts_at", f"{name}_ends_at"
    return (Q(**{f"{starts}__isnull": True}) | Q(**{f"{starts}__lte": now})) & (
        Q(**{f"{ends}__isnull": True}) | Q(**{f"{ends}__gt": now})
    )


def staff_account_field(verbose_name) -> models.ForeignKey:
    """Who did something to an article, kept (as empty) when their account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


# What a list of articles is ordered by, newest first: the articles' own publication time
# and id, or for one tag's or one author's articles the join row's copies of them
# (``ListedAtField``), which one index of the join table serves as a keyset.
OWN_LISTING_ORDER = ("published_at", "pk")
JOIN_LISTING_ORDER = ("join_listed_at", "join_article_id")


class ArticleQuerySet(models.QuerySet):
    # When published() judged what is live (None: not narrowed to it), so that a tag's or
    # author's list bounds its join rows by the same moment.
    _live_at = None

    def published(self):
        """What readers may see: published, and not scheduled for later."""
        now = timezone.now()
        published = self.filter(live_q(now=now))
        published._live_at = now
        return published._join_rows_live()

    def latest_first(self):
        return self.order_by(*(f"-{name}" for name in self.listing_order()))

    def listing_order(self) -> tuple[str, str]:
        """The names to order and page this list by (``latest_first``, ``keyset_page``)."""
        return JOIN_LISTING_ORDER if JOIN_LISTING_ORDER[0] in self.query.annotations else OWN_LISTING_ORDER

    def in_section(self, section):
        return self.filter(section=section)

    def tagged(self, tag):
        return self._joined_through("tagged_items", "content_object", tag=tag)

    def by_author(self, author):
        return self._joined_through("bylines", "article", author=author)

    def _joined_through(self, relation: str, article_field: str, **match):
        """The articles whose join rows (tags or bylines) match, listed in the join rows' order.

        Walking the articles' own publication index and probing each for the tag read the
        whole archive for a tag whose newest story is old; the join table's index on
        (tag or author, listed_at, article) finds a page of them directly. The join is
        named once, here: the aliases, and filters on them, reuse it.
        """
        joined = self.filter(**{f"{relation}__{name}": value for name, value in match.items()}).alias(
            join_listed_at=F(f"{relation}__listed_at"), join_article_id=F(f"{relation}__{article_field}")
        )
        return joined._join_rows_live()

    def _join_rows_live(self):
        """A published tag's or author's list also bounds the join rows' copy of the
        publication time (equal to the articles' where it matters), where the index
        scan starts; the index holds only rows with one."""
        if self._live_at is None or JOIN_LISTING_ORDER[0] not in self.query.annotations:
            return self
        return self.filter(join_listed_at__lte=self._live_at)

    def editors_picks(self):
        """Editors' picks in their arranged order, within each pick's start and end time."""
        return self.filter(within_window("editors_pick"), is_editors_pick=True).order_by(
            "editors_pick_position", "-published_at", "-id"
        )

    def lead_stories(self):
        """Candidates for the front page's lead, in order; the first live one leads."""
        return self.filter(within_window("lead"), lead_position__isnull=False).order_by(
            "lead_position", "-published_at", "-id"
        )

    def beside_the_lead(self):
        """Stories editors placed beside the front page's lead, in their order."""
        return self.filter(beside_lead_position__isnull=False).order_by("beside_lead_position", "-published_at", "-id")

    def of_user(self, user):
        """Articles ``user`` wrote: created by them or carrying their author profile."""
        return self.filter(Q(created_by=user) | Q(bylines__author__user=user)).distinct()

    def for_listing(self):
        """Everything an article card shows, in a fixed number of queries: not the body
        (a list of seventy cards would carry megabytes), and of the authors only what a
        byline line names."""
        return (
            self.select_related("section", "lead_image")
            .defer("body", "search_vector")
            # A list on each article (``ordered_bylines``): Django's prefetch into the
            # related manager builds a queryset per article, a third of a card's cost.
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author"), to_attr="listed_bylines")
            )
        )

    def for_cards(self):
        """Articles for lists whose cards are kept rendered (``reader.fragments``): only
        what tells a card's versions apart and what a list shows around its cards (the
        day, the "Show More" cursor). ``Article.listed()`` gives the full article, for
        all the articles of the same query at once, when a card must be rendered."""
        cards = self.only(*CARD_VERSION_FIELDS).annotate(lead_image_changed_at=F("lead_image__changed_at"))
        cards._lists_later = True
        return cards

    def _clone(self):
        clone = super()._clone()
        clone._lists_later = getattr(self, "_lists_later", False)
        clone._live_at = self._live_at
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if not fetched and getattr(self, "_lists_later", False):
            articles = [row for row in self._result_cache if isinstance(row, Article)]  # not values()
            batch = ListingBatch([article.pk for article in articles])
            for article in articles:
                article._listing_batch = batch

    def found_by_address(self):
        """An article page's row before its kept parts are known to be current: what the
        page shows outside them, and what tells when they are out of date."""
        return self.select_related("section").only(
            *("id", "slug", "headline", "seo_title", "kicker", "published_at", "updated_at", "modified_at"),
            *("section", "section__slug", "section__name"),
        )

    def for_article_page(self):
        """Everything the article page shows about the article itself."""
        live_related = (
            RelatedArticle.objects.filter(live_q("related__"))
            .select_related("related__section")
            .order_by("position", "id")
        )
        return (
            self.select_related("section", "lead_image")
            .defer("search_vector")
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author__avatar")),
                "tags",
                Prefetch("related_links", queryset=live_related, to_attr="live_related_links"),
                "corrections",
            )
        )


# What a kept card's version is made of (reader.fragments.article_version), with the
# columns lists use around their cards.
CARD_VERSION_FIELDS = (
    *("id", "slug", "section_id", "kicker", "lead_image_id"),
    *("published_at", "updated_at", "modified_at"),
)


class ListingBatch:
    """The articles of one ``for_cards()`` query, loaded in full by the first that needs it."""

    def __init__(self, ids: list[int]):
        self.ids = ids
        self._loaded: dict[int, Article] | None = None

    def full(self, article: "Article") -> "Article":
        if self._loaded is None:
            self._loaded = Article.objects.for_listing().in_bulk(self.ids)
        return self._loaded.get(article.pk, article)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    headline = models.CharField(_("headline"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=300,
        unique=True,
        blank=True,
        help_text=_("The last part of the address. Filled from the headline when left empty."),
    )
    kicker = models.CharField(
        _("kicker"), max_length=100, blank=True, help_text=_('Optional label above the headline, e.g. "Company news".')
    )
    standfirst = models.TextField(
        _("standfirst"), blank=True, help_text=_("One- or two-sentence summary under the headline.")
    )
    body = RichTextField(_("body"), config_name="article", blank=True)
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(
        "authors.Author", verbose_name=_("authors"), through="Byline", related_name="articles", blank=True
    )
    lead_image = models.ForeignKey(
        "media.Image",
        verbose_name=_("lead image"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_for_articles",
    )
    lead_image_caption = models.TextField(
        _("lead image caption"),
        blank=True,
        help_text=_("Replaces the image's library caption in this article only. The credit always shows."),
    )
    is_without_photo = models.BooleanField(
        _("no lead photo"), default=False, help_text=_("Tick when the story goes out without a photo on purpose.")
    )
    tags = TaggableManager(verbose_name=_("tags"), through="TaggedArticle", blank=True)
    related_articles = models.ManyToManyField(
        "self",
        verbose_name=_("read also"),
        through="RelatedArticle",
        through_fields=("article", "related"),
        symmetrical=False,
        related_name="referenced_by",
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article."),
    )
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(
        _("updated"),
        null=True,
        blank=True,
        help_text=_("The public “Updated” time; set only for substantive updates."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified_at = models.DateTimeField(_("last modified"), auto_now=True)
    is_editors_pick = models.BooleanField(_("editors' pick"), default=False)
    editors_pick_position = models.PositiveSmallIntegerField(
        _("place among editors' picks"), null=True, blank=True, help_text=_("1 is shown first.")
    )
    editors_pick_starts_at = models.DateTimeField(
        _("pick from"), null=True, blank=True, help_text=_("Empty: a pick as soon as it is published.")
    )
    editors_pick_ends_at = models.DateTimeField(_("pick until"), null=True, blank=True, help_text=_("Empty: no end."))
    lead_position = models.PositiveSmallIntegerField(
        _("place in the front-page lead"),
        null=True,
        blank=True,
        help_text=_("Empty: never the lead. Otherwise the live candidate with the lowest number leads the front page."),
    )
    lead_starts_at = models.DateTimeField(_("lead from"), null=True, blank=True)
    lead_ends_at = models.DateTimeField(_("lead until"), null=True, blank=True)
    beside_lead_position = models.PositiveSmallIntegerField(
        _("place beside the lead"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: not beside the lead. Otherwise shown beside the front page's lead story, up to four, "
            "lowest number first; with none chosen, the first editors' picks stand there."
        ),
    )
    search_vector = SearchVectorField(
        null=True, editable=False, help_text="Full-text search document (PostgreSQL); see articles.search_index."
    )
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised on every save; guards against two people overwriting each other.")
    )
    reading_time_minutes = models.PositiveSmallIntegerField(_("reading time (minutes)"), default=1, editable=False)
    seo_title = models.CharField(
        _("SEO title"), max_length=100, blank=True, help_text=_("For search engines; the headline when empty.")
    )
    seo_description = models.CharField(
        _("SEO description"), max_length=300, blank=True, help_text=_("For search results; the standfirst when empty.")
    )
    created_by = staff_account_field(_("created by"))
    last_edited_by = staff_account_field(_("last edited by"))

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = [models.F("published_at").desc(nulls_last=True), "-id"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published"),
                name="article_published_latest_idx",
            ),
            models.Index(
                fields=["section", "-published_at", "-id"],
                condition=Q(status="published"),
                name="article_section_latest_idx",
            ),
            models.Index(
                fields=["editors_pick_position"],
                condition=Q(is_editors_pick=True),
                name="article_editors_pick_idx",
            ),
            models.Index(fields=["status", "-modified_at"], name="article_status_modified_idx"),
            # The admin's list: newest edits first, and its date drill-down by publication time.
            models.Index(fields=["-modified_at", "-id"], name="article_modified_idx"),
            models.Index(fields=["published_at"], name="article_published_at_idx"),
            models.Index(fields=["lead_position"], condition=Q(lead_position__isnull=False), name="article_lead_idx"),
            models.Index(
                fields=["beside_lead_position"],
                condition=Q(beside_lead_position__isnull=False),
                name="article_beside_lead_idx",
            ),
        ]
        permissions = [
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("curate_article", _("Can arrange editors' picks and the front-page lead")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(condition=~Q(headline=""), name="article_headline_not_empty"),
        ]

    def __str__(self) -> str:
        return self.headline

    def save(self, *args, **kwargs):
        is_stored = self.pk is not None and not self._state.adding
        if is_stored:
            # Never lower than what was stored or what this copy carries: restoring an
            # old revision rewrites the row with its old number before this save runs.
            stored = Article.objects.filter(pk=self.pk).values_list("version", flat=True).first()
            self.version = max(stored or 0, self.version or 0) + 1
        if not self.slug:
            self.slug = self._unique_slug(slugify(self.headline)[:280] or "article")
        self.reading_time_minutes = reading_minutes(self.body)
        if self.status == self.Status.PUBLISHED:
            self.published_at = self.published_at or timezone.now()
            # Set once it is out; until then (scheduled) it follows any rescheduling.
            if self.first_published_at is None or self.first_published_at > timezone.now():
                self.first_published_at = self.published_at
        update_fields = kwargs.get("update_fields")
        moves_listings = is_stored and (update_fields is None or {"status", "published_at"} & set(update_fields))
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(Article), savepoint=False):
            super().save(*args, **kwargs)
            if moves_listings:
                self._copy_listed_at()

    def get_absolute_url(self) -> str:
        return reverse("reader:detail", kwargs={"section": self.section.slug, "slug": self.slug})

    def _copy_listed_at(self) -> None:
        """The bylines and tag rows carry this row's ``listed_at`` (``ListedAtField``): the
        one write outside its own row that ``save()`` makes, since it is the same value
        kept beside the join for its index. Every row that differs, whatever wrote it
        last (a revision reverted raw, an archive), so a publish, an unpublish or a new
        time moves the article on its tag and author pages in the same transaction."""
        for rows in (self.bylines, self.tagged_items):
            rows.exclude(listed_at=self.listed_at).update(listed_at=self.listed_at)

    def _unique_slug(self, base: str) -> str:
        taken = set(Article.objects.filter(slug__startswith=base).exclude(pk=self.pk).values_list("slug", flat=True))
        slug, counter = base, 2
        while slug in taken:
            slug, counter = f"{base}-{counter}", counter + 1
        return slug

    @property
    def is_live(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def listed_at(self):
        """Where the article stands in tag and author lists: its publication time while it
        is published (a time ahead while scheduled), else None, out of every list."""
        return self.published_at if self.status == self.Status.PUBLISHED else None

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def caption(self) -> str:
        """The lead photo's caption here: the override, else the library caption."""
        if self.lead_image_caption:
            return self.lead_image_caption
        return self.lead_image.caption if self.lead_image else ""

    @cached_property
    def body_blocks(self) -> list[Block]:
        """The body's top-level blocks, split once per page however often they are used."""
        return split_blocks(self.body)

    @property
    def read_also(self) -> list["Article"]:
        """Live related articles in the editors' order (needs ``for_article_page()``)."""
        return [link.related for link in self.live_related_links]

    def listed(self) -> "Article":
        """This article with everything its card shows (``ArticleQuerySet.for_cards``)."""
        batch = self.__dict__.get("_listing_batch")
        return batch.full(self) if batch is not None else self

    @property
    def has_lapsed_kicker(self) -> bool:
        """A time-sensitive kicker ("Breaking", "Live"…, settings.TIME_SENSITIVE_KICKERS)
        is shown only for settings.KICKER_FRESH_HOURS after the story was published or
        last updated, so a live story that is still being updated keeps it."""
        lapses_at = self.kicker_lapses_at
        return lapses_at is not None and timezone.now() > lapses_at

    @property
    def kicker_lapses_at(self):
        """When a time-sensitive kicker stops being shown (past or future); None for any other."""
        if self.kicker.strip().casefold() not in settings.TIME_SENSITIVE_KICKERS:
            return None
        fresh_until = max((moment for moment in (self.published_at, self.updated_at) if moment), default=None)
        return fresh_until and fresh_until + timedelta(hours=settings.KICKER_FRESH_HOURS)

    @property
    def shown_kicker(self) -> str:
        """The kicker as readers see it now: none where it only repeats the section, or
        once it has lapsed (``has_lapsed_kicker``)."""
        kicker = self.kicker.strip()
        if not kicker or (self.section_id and kicker.casefold() == self.section.name.casefold()):
            return ""  # the section is shown as the label already
        return "" if self.has_lapsed_kicker else kicker

    @property
    def published_day(self):
        """The publication date in the newsroom's time zone (the News Feed groups by it)."""
        return timezone.localdate(self.published_at) if self.published_at else None

    @property
    def ordered_bylines(self) -> list["Byline"]:
        """The bylines in byline order, as ``for_listing()`` lists them, else as
        prefetched or queried."""
        listed = self.__dict__.get("listed_bylines")
        return listed if listed is not None else list(self.bylines.all())

    @property
    def byline_groups(self) -> list["BylineGroup"]:
        return group_bylines(self.ordered_bylines)

    @property
    def byline(self) -> str:
        """ "Reported by A and B, photos by C", from the ordered bylines."""
        return format_byline(self.ordered_bylines)


class ListedAtField(models.DateTimeField):
    """A join row's copy of its article's ``listed_at``, filled whenever the row is written.

    Tag and author pages are ordered by publication time, which lives on the article;
    copied onto the join row, one index (tag or author, listed_at, article) serves a
    page of them. Like ``auto_now``, the value is set in ``pre_save``, which ``save()``,
    ``create()``, ``get_or_create()`` (django-taggit's ``tags.add()``) and
    ``bulk_create()`` all run, from the row's article as the writer holds it (no query
    when the writer set the article itself); ``Article.save()`` moves it on every row
    when the article is published, unpublished or rescheduled. Raw loads (fixtures,
    reverted revisions, archives) keep what they carry until then.
    """

    def __init__(self, *args, article_field: str = "article", **kwargs):
        self.article_field = article_field
        kwargs.setdefault("null", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # A plain DateTimeField to migrations: historical models have no ``listed_at`` to copy.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DateTimeField", args, kwargs

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.article_field).listed_at
        setattr(model_instance, self.attname, value)
        return value


def listing_index(owner: str, article_field: str, *, name: str) -> models.Index:
    """The keyset a tag's or an author's page walks: the owner's listed articles, newest
    first; rows out of every list (no ``listed_at``) are left out of it."""
    return models.Index(
        fields=[owner, "-listed_at", f"-{article_field}"], condition=Q(listed_at__isnull=False), name=name
    )


class Byline(models.Model):
    """One author on an article, in byline order, with what they contributed."""

    class Role(models.TextChoices):
        AUTHOR = "", _("Author")
        REPORTING = "reporting", _("Reporting")
        ADDITIONAL_REPORTING = "additional_reporting", _("Additional reporting")
        PHOTOS = "photos", _("Photos")
        VIDEO = "video", _("Video")
        TRANSLATION = "translation", _("Translation")
        EDITING = "editing", _("Editing")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(
        "authors.Author", verbose_name=_("author"), on_delete=models.PROTECT, related_name="bylines"
    )
    role = models.CharField(_("byline role"), max_length=30, choices=Role.choices, blank=True, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    listed_at = ListedAtField(
        _("listed at"), help_text="The article's listed_at, copied for the author page's index (ListedAtField)."
    )

    class Meta:
        verbose_name = _("byline")
        verbose_name_plural = _("bylines")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="byline_author_once_per_article")]
        indexes = [
            models.Index(fields=["author", "article"], name="byline_author_idx"),
            listing_index("author", "article", name="byline_author_latest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.author} on {self.article}"


BYLINE_PHRASES = {
    Byline.Role.AUTHOR: _("by"),
    Byline.Role.REPORTING: _("reported by"),
    Byline.Role.ADDITIONAL_REPORTING: _("additional reporting by"),
    Byline.Role.PHOTOS: _("photos by"),
    Byline.Role.VIDEO: _("video by"),
    Byline.Role.TRANSLATION: _("translated by"),
    Byline.Role.EDITING: _("edited by"),
}


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


@dataclass
class BylineGroup:
    phrase: str
    authors: list


def group_bylines(bylines: list[Byline]) -> list[BylineGroup]:
    """Authors grouped by role, in order of first appearance: "reported by" A and B, …"""
    groups: dict[str, BylineGroup] = {}
    for byline in bylines:
        phrase = str(BYLINE_PHRASES.get(byline.role, _("by")))
        groups.setdefault(byline.role, BylineGroup(phrase, [])).authors.append(byline.author)
    return list(groups.values())


def format_byline(bylines: list[Byline]) -> str:
    """The byline as one readable line: "Reported by A and B, photos by C"."""
    text = ", ".join(
        f"{group.phrase} {join_names([author.name for author in group.authors])}" for group in group_bylines(bylines)
    )
    return text[:1].upper() + text[1:]


class TaggedArticle(TaggedItemBase):
    """Tags joined to articles by a real foreign key, so tag pages can use indexes."""

    content_object = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="tagged_items")
    listed_at = ListedAtField(
        _("listed at"),
        article_field="content_object",
        help_text="The article's listed_at, copied for the tag page's index (ListedAtField).",
    )

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tags")
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_once")]
        indexes = [
            models.Index(fields=["tag", "content_object"], name="tagged_article_tag_idx"),
            listing_index("tag", "content_object", name="tagged_article_latest_idx"),
        ]


def copy_listed_at_from_articles() -> None:
    """Every byline's and tag row's ``listed_at`` read again from its article, one UPDATE a
    table: for rows written raw (an archive, perhaps made before the column existed)."""
    for model in (Byline, TaggedArticle):
        article_fk = model._meta.get_field(model._meta.get_field("listed_at").article_field).attname
        listed = Article.objects.filter(pk=OuterRef(article_fk), status=Article.Status.PUBLISHED)
        model.objects.update(listed_at=Subquery(listed.values("published_at")))


class RelatedArticle(models.Model):
    """A "Read also" link, in the order editors chose."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(
        Article, verbose_name=_("related article"), on_delete=models.CASCADE, related_name="related_from_links"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("read also")
        verbose_name_plural = _("read also")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_article_once"),
            models.CheckConstraint(condition=~Q(article=models.F("related")), name="related_article_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.article} → {self.related}"


class FormerSlug(models.Model):
    """A slug a published article used to have, so its old address keeps working."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=300, unique=True)
    retired_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self) -> str:
        return self.slug


class Correction(models.Model):
    """A correction note shown at the end of the article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(_("correction"), help_text=_("What was wrong and what is right now."))
    corrected_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["corrected_at", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class CallToActionQuerySet(models.QuerySet):
    def current(self):
        """The promo to show in article bodies, or None when switched off."""
        return self.filter(is_enabled=True).order_by("-id").first()


class CallToAction(models.Model):
    """The membership promo that readers see inside article bodies."""

    headline = models.CharField(_("headline"), max_length=150, default="Become a member – go ad-free")
    text = models.TextField(_("text"), blank=True, help_text=_("One or two sentences under the headline."))
    link_url = models.URLField(_("link"), max_length=500)
    link_label = models.CharField(_("button label"), max_length=60, default="Become a member")
    after_paragraph = models.PositiveSmallIntegerField(
        _("after paragraph"), default=4, help_text=_("Shown after this paragraph of the body (1 = after the first).")
    )
    is_enabled = models.BooleanField(_("shown"), default=True)

    objects = CallToActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("call to action")
        verbose_name_plural = _("call to action")

    def __str__(self) -> str:
        return self.headline


class Curation(Article):
    """Editors' picks and the front-page lead, arranged on one admin page."""

    class Meta:
        proxy = True
        verbose_name = _("editors' pick or lead")
        verbose_name_plural = _("editors' picks and lead")


class DailyReads(models.Model):
    """How often an article was read on one day (UTC): the basis of Most Popular.

    Counted from a beacon the article page sends, so a page served from a cache still
    counts; no IP address, cookie or anything else about the reader is stored.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_reads")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily reads")
        verbose_name_plural = _("daily reads")
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="daily_reads_once_per_day")]
        indexes = [models.Index(fields=["day", "article"], name="daily_reads_day_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} on {self.day}: {self.count}"


class AutosaveDraft(models.Model):
    """What one person had typed in one article form (one browser tab), kept in the background.

    Never the article: the article, its public page and its revision history change
    only on an explicit save. ``data`` is the form as ``[name, value, label]`` rows
    (the label names the choice of a select, so an autocomplete field can be put
    back without looking it up). Kept until the form is saved, discarded, or pruned
    after 30 days (``manage.py prune_autosaves``).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, null=True, blank=True, related_name="autosaves")
    tab = models.CharField(max_length=64, help_text="The browser tab's own key for this form.")
    base_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The article's version when the form was opened; empty for a new article."
    )
    data = models.JSONField(default=list)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("autosaved draft")
        verbose_name_plural = _("autosaved drafts")
        constraints = [models.UniqueConstraint(fields=["user", "tab"], name="autosave_once_per_tab")]
        indexes = [
            models.Index(fields=["user", "article", "-saved_at"], name="autosave_user_article_idx"),
            models.Index(fields=["saved_at"], name="autosave_saved_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.article_id or 'a new article'} at {self.saved_at}"

    def value(self, name: str) -> str:
        """The first value typed into the field ``name`` (of the article form, not an inline)."""
        return next((row[1] for row in self.data if row[0] == name), "")

    def label(self, name: str) -> str:
        return next((row[2] or row[1] for row in self.data if row[0] == name), "")


class EditingPresence(models.Model):
    """Someone has an article's form open (one row a tab), refreshed by a heartbeat."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="presences")
    tab = models.CharField(max_length=64)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("editing presence")
        verbose_name_plural = _("editing presences")
        constraints = [models.UniqueConstraint(fields=["user", "tab"], name="presence_once_per_tab")]
        indexes = [models.Index(fields=["article", "-seen_at"], name="presence_article_seen_idx")]

    def __str__(self) -> str:
        return f"{self.user} on {self.article_id}"


class PendingChanges(models.Model):
    """A draft of a live article: edits kept aside while readers go on seeing the published version.

    ``snapshot`` holds the content the draft would publish (``articles.revisions.Snapshot``
    as JSON: text fields, section, tags, bylines, "read also" links); ``form_rows`` the
    form as it was saved, so opening the article continues the draft where it was
    left. Published with one click (``articles.pending.publish_pending_changes``) or
    discarded.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="pending_changes")
    snapshot = models.JSONField()
    form_rows = models.JSONField(default=list)
    base_version = models.PositiveIntegerField(help_text="The live article's version the draft was made from.")
    saved_by = staff_account_field(_("saved by"))
    saved_at = models.DateTimeField(_("saved"), default=timezone.now)
    is_submitted = models.BooleanField(
        _("submitted for review"), default=False, help_text=_("The author asks an editor to publish these changes.")
    )

    class Meta:
        verbose_name = _("pending changes")
        verbose_name_plural = _("pending changes")

    def __str__(self) -> str:
        return f"Changes pending on {self.article_id}"


class ArticleNote(models.Model):
    """A note sent with the article between reporter and editor ("Submit for review", "Send back")."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        SENT_BACK = "sent_back", _("Sent back to the reporter")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("note"), blank=True)
    written_by = staff_account_field(_("written by"))
    written_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("workflow note")
        verbose_name_plural = _("workflow notes")
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
