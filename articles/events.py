"""What the content side announces when readers' view of an article changes.

This is the one seam for features that react to content (page-cache purges,
webhooks, live blogs, newsletters): they connect a receiver to these signals in
their own ``AppConfig.ready()``; the content apps never call them.

- Only ``articles.services`` sends them, and only after the transaction that made the
  change has committed (``transaction.on_commit``): a rolled-back change announces
  nothing, and a listener always reads the committed state.
- Each change is announced once per article per service call; the admin's save
  path, bulk actions, revert and recover, and the commands all go through a service.
- Every signal carries ``event``, an :class:`ArticleEvent` of ids only (never model
  instances): the article and the section, tag and author ids it had before and
  after, so a listener can tell which pages the change touched.

The signals:

``article_published``    it became visible to readers (published now, or a scheduled
                         time that lies in the past);
``article_scheduled``    it was published, or saved again, for a time still ahead
                         (not visible yet);
``article_unpublished``  it stopped being visible (unpublished, or rescheduled ahead);
``article_changed``      any saved change to a live article: text, bylines, tags,
                         photo, corrections, slug, section, placement on the front
                         page; also a rename of its section, a tag or an author, or a
                         new caption or credit of a photo it shows;
``article_deleted``      a published or scheduled article was deleted.

Edits to drafts and articles in review announce nothing: readers cannot see them.
"""

from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal

article_published = Signal()
article_scheduled = Signal()
article_unpublished = Signal()
article_changed = Signal()
article_deleted = Signal()
# All of them, for a listener that reacts to any change alike.
ANNOUNCEMENTS = (article_published, article_scheduled, article_unpublished, article_changed, article_deleted)


@dataclass(frozen=True)
class Footprint:
    """Where an article stands on the public site at one moment, as ids."""

    section_id: int
    tag_ids: frozenset[int]
    author_ids: frozenset[int]
    is_live: bool
    is_scheduled: bool


@dataclass(frozen=True)
class ArticleEvent:
    """One announced change: the article, and its footprint before and after it.

    ``before`` is None for an article that did not exist; ``after`` is None for one
    that was deleted.
    """

    article_id: int
    before: Footprint | None
    after: Footprint | None

    def _either(self, name: str) -> frozenset[int]:
        return frozenset().union(*(getattr(state, name) for state in (self.before, self.after) if state))

    @property
    def section_ids(self) -> frozenset[int]:
        """Sections whose pages showed or show the article."""
        return frozenset(state.section_id for state in (self.before, self.after) if state)

    @property
    def tag_ids(self) -> frozenset[int]:
        return self._either("tag_ids")

    @property
    def author_ids(self) -> frozenset[int]:
        return self._either("author_ids")


def signal_for(event: ArticleEvent) -> Signal | None:
    """Which signal, if any, announces ``event``: None when readers saw nothing change."""
    was_live = bool(event.before and event.before.is_live)
    is_live = bool(event.after and event.after.is_live)
    if event.after is None:
        return article_deleted if event.before and (event.before.is_live or event.before.is_scheduled) else None
    if is_live:
        return article_changed if was_live else article_published
    if was_live:
        return article_unpublished
    return article_scheduled if event.after.is_scheduled else None


def announce(event: ArticleEvent) -> None:
    """Send ``event``'s signal once the current transaction commits (at once outside one)."""
    signal = signal_for(event)
    if signal is not None:
        transaction.on_commit(lambda: signal.send(sender=ArticleEvent, event=event))
