"""What the front page shows, gathered in a fixed number of queries.

Each block first picks its article ids with a narrow query; all the articles are
then loaded once, with everything a card needs. So adding a block costs one small
query, never one per article.

A story is shown once above the fold — the lead, the stories beside it, the
editors' picks, the first page of the News Feed — and at most once more (Most
Popular, beside the feed); the section blocks further down leave out everything
already shown above them.
"""

from dataclasses import dataclass, field

from ..models import Article, Section
from .pagination import Cursor, Page
from .popular import most_popular_ids

FEED_SIZE = 20
PICKS_SIZE = 6
# Stories beside the lead: those editors placed there, up to the most; with none
# placed, this many of the first editors' picks stand in; with fewer than the
# fewest placed, picks fill up to it.
BESIDE_LEAD_MOST, BESIDE_LEAD_STAND_IN, BESIDE_LEAD_FEWEST = 4, 3, 2
SECTION_BLOCK_SIZE = 4
# The section blocks are filled from this many of the newest articles.
RECENT_POOL = 300


@dataclass
class SectionBlock:
    section: Section
    articles: list[Article] = field(default_factory=list)


@dataclass
class FrontPage:
    lead: Article | None
    beside_lead: list[Article]
    editors_picks: list[Article]
    feed: Page
    most_popular: list[Article]
    section_blocks: list[SectionBlock]


def stories_beside_the_lead(placed: list[int], picks: list[int]) -> list[int]:
    """The ids beside the lead: the placed ones, or picks standing in or filling up."""
    if not placed:
        return picks[:BESIDE_LEAD_STAND_IN]
    beside = placed[:BESIDE_LEAD_MOST]
    for pk in picks:
        if len(beside) >= BESIDE_LEAD_FEWEST:
            break
        if pk not in beside:
            beside.append(pk)
    return beside


def build_front_page() -> FrontPage:
    published = Article.objects.published()
    lead_id = published.lead_stories().values_list("pk", flat=True).first()
    recent = list(published.latest_first().values_list("pk", "section_id", "lead_image_id")[:RECENT_POOL])
    popular_ids = most_popular_ids()
    if lead_id is None and recent:
        lead_id = recent[0][0]
    placed = list(published.beside_the_lead().exclude(pk=lead_id).values_list("pk", flat=True)[:BESIDE_LEAD_MOST])
    picks = list(
        published.editors_picks().exclude(pk=lead_id).values_list("pk", flat=True)[: PICKS_SIZE + BESIDE_LEAD_MOST]
    )
    beside_ids = stories_beside_the_lead(placed, picks)
    pick_ids = [pk for pk in picks if pk not in beside_ids][:PICKS_SIZE]

    above = {lead_id, *beside_ids, *pick_ids}
    feed_ids = [pk for pk, _section, _image in recent if pk not in above][: FEED_SIZE + 1]
    shown = above | set(feed_ids[:FEED_SIZE]) | set(popular_ids)
    blocks = section_blocks([row for row in recent if row[0] not in shown])

    wanted = {*shown, *(pk for block in blocks for pk in block.articles)} - {None}
    articles = published.for_cards().in_bulk(wanted)

    def loaded(ids):
        return [articles[pk] for pk in ids if pk in articles]

    for block in blocks:
        block.articles = loaded(block.articles)

    feed_items = loaded(feed_ids[:FEED_SIZE])
    has_more = len(feed_ids) > FEED_SIZE and feed_items
    return FrontPage(
        lead=articles.get(lead_id),
        beside_lead=loaded(beside_ids),
        editors_picks=loaded(pick_ids),
        feed=Page(items=feed_items, next_cursor=Cursor.after(feed_items[-1]) if has_more else None, is_first=True),
        most_popular=loaded(popular_ids),
        section_blocks=[block for block in blocks if block.articles],
    )


def section_blocks(candidates: list[tuple[int, int, int | None]]) -> list[SectionBlock]:
    """Each navigation section's newest stories among ``candidates`` (id, section, image),
    newest first except that the newest one with a photo heads the block, which shows
    only that photo."""
    blocks = [SectionBlock(section) for section in Section.objects.filter(is_in_navigation=True)]
    by_section = {block.section.pk: block for block in blocks}
    with_photo: dict[int, int] = {}
    for pk, section_id, image_id in candidates:
        block = by_section.get(section_id)
        if block is None or len(block.articles) >= SECTION_BLOCK_SIZE:
            continue
        block.articles.append(pk)
        if image_id is not None:
            with_photo.setdefault(section_id, pk)
    for section_id, pk in with_photo.items():
        ids = by_section[section_id].articles
        ids.insert(0, ids.pop(ids.index(pk)))
    return blocks
