"""The reader site's scene: one story with everything an article page can show."""

import pytest

from articles.models import CallToAction, RelatedArticle
from articles.tests.factories import ArticleFactory, SectionFactory
from authors.models import AuthorLink
from authors.tests.factories import AuthorFactory
from media.renditions import build_renditions
from media.tests.factories import ImageFactory, photo_upload

BODY = "".join(f"<p>Paragraph number {n} of the story.</p>" for n in range(1, 7))


@pytest.fixture
def story(db):
    section = SectionFactory(slug="war", name="War")
    image = ImageFactory(
        file=photo_upload(width=1400, height=800), caption="Library caption", credit="Jane Photographer/Agency Images"
    )
    build_renditions(image)
    article = ArticleFactory(
        headline="First drone factory opens abroad, ambassador says",
        kicker="",
        standfirst="A one-sentence summary of the news.",
        body=BODY,
        section=section,
        lead_image=image,
        lead_image_caption="The ambassador speaks at a rally in London on Feb. 24.",
    )
    author = AuthorFactory(name="Jane Example", slug="jane-example", role="Reporter", short_bio="Jane covers defence.")
    AuthorLink.objects.create(author=author, kind="x", url="https://x.com/jane")
    article.bylines.create(author=author)
    article.tags.add("Drone production", "United Kingdom")
    related = ArticleFactory(headline="Earlier: the factory deal", standfirst="How the deal was made.", section=section)
    RelatedArticle.objects.create(article=article, related=related)
    CallToAction.objects.create(link_url="https://example.org/join", after_paragraph=4)
    return article
