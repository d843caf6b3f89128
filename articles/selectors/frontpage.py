"""What the front page shows, gathered in a fixed number of queries.

Each block first picks its article ids with a narrow query; all the articles are
then loaded once, with everything a card needs. So adding a block costs one small
query, never one per article.
"""

from dataclasses import dataclass, field

from ..models import Article, Section
from .pagination import Cursor, Page
from .popular import most_popular_ids

FEED_SIZE = 20
PICKS_SIZE = 6
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
    editors_picks: list[Article]
    feed: Page
    most_popular: list[Article]
    section_blocks: list[SectionBlock]


def build_front_page() -> FrontPage:
    published = Article.objects.published()
    lead_id = published.lead_stories().values_list("pk", flat=True).first()
    recent = list(published.latest_first().values_list("pk", "section_id")[:RECENT_POOL])
    popular_ids = most_popular_ids()
    if lead_id is None and recent:
        lead_id = recent[0][0]
    # The lead is not repeated among the picks right beside it.
    pick_ids = list(published.editors_picks().exclude(pk=lead_id).values_list("pk", flat=True)[:PICKS_SIZE])

    feed_ids = [pk for pk, _section in recent if pk != lead_id][: FEED_SIZE + 1]
    blocks = [SectionBlock(section) for section in Section.objects.filter(is_in_navigation=True)]
    by_section = {block.section.pk: block for block in blocks}
    block_ids: list[int] = []
    for pk, section_id in recent:
        block = by_section.get(section_id)
        if block is not None and len(block.articles) < SECTION_BLOCK_SIZE and pk != lead_id:
            block.articles.append(pk)
            block_ids.append(pk)

    wanted = {lead_id, *pick_ids, *feed_ids, *popular_ids, *block_ids} - {None}
    articles = published.for_listing().in_bulk(wanted)
    for block in blocks:
        block.articles = [articles[pk] for pk in block.articles if pk in articles]

    feed_items = [articles[pk] for pk in feed_ids[:FEED_SIZE] if pk in articles]
    has_more = len(feed_ids) > FEED_SIZE and feed_items
    return FrontPage(
        lead=articles.get(lead_id),
        editors_picks=[articles[pk] for pk in pick_ids if pk in articles],
        feed=Page(items=feed_items, next_cursor=Cursor.after(feed_items[-1]) if has_more else None, is_first=True),
        most_popular=[articles[pk] for pk in popular_ids if pk in articles],
        section_blocks=[block for block in blocks if block.articles],
    )
