"""How wide each kind of image slot on the reader site is drawn, as a ``sizes`` value.

The browser picks a rendition from ``sizes`` before it lays out the page, so each
slot states its real width at every layout of static/css/site.css; the two must
change together. The numbers follow from the page's frame: the content is at most
1,168 px wide (``.wrap``: 1,200 px less 16 px padding a side, so ``100vw - 32px``
below 1,200 px), grids have 24 px gaps, and the layouts change at 700 and 1,000 px.
A slot that states a little more than it needs costs a few bytes; one that states
less gives a soft picture.
"""

THUMBNAIL = "(min-width: 700px) 160px, 112px"

IMAGE_SLOTS = {
    # The front page's lead: two thirds of the front's top row from 1,000 px.
    "lead": "(min-width: 1200px) 763px, (min-width: 1000px) calc((100vw - 56px) * 2 / 3), calc(100vw - 32px)",
    # The first story beside the lead: the top row's other third; a thumbnail below 1,000 px.
    "beside-first": f"(min-width: 1200px) 381px, (min-width: 1000px) calc((100vw - 56px) / 3), {THUMBNAIL}",
    # The other stories beside the lead, and secondary cards in narrow columns.
    "thumbnail": THUMBNAIL,
    # Editors' picks and listing cards: three columns from 1,000 px, two from 700 px, else a thumbnail.
    "grid": "(min-width: 1200px) 373px, (min-width: 1000px) calc((100vw - 80px) / 3), "
    "(min-width: 700px) calc((100vw - 56px) / 2), 112px",
    # The first item of a section, tag or author page: as wide as the lead.
    "listing-lead": "(min-width: 1200px) 763px, (min-width: 1000px) calc((100vw - 56px) * 2 / 3), calc(100vw - 32px)",
    # The story heading a section block: one of four columns from 1,000 px, of two from 700 px.
    "block": "(min-width: 1200px) 274px, (min-width: 1000px) calc((100vw - 104px) / 4), "
    "(min-width: 700px) calc((100vw - 56px) / 2), 112px",
    # "More from the section" under an article: two columns of the article's column
    # (at most 720 px) from 1,000 px, two of the page from 700 px.
    "more-from": "(min-width: 1000px) 348px, (min-width: 700px) calc((100vw - 56px) / 2), 112px",
}


def sizes_for(slot: str) -> str:
    """The ``sizes`` of an image slot; an unknown slot is a programming error."""
    return IMAGE_SLOTS[slot]
