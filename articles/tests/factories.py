import datetime

import factory
from django.utils import timezone

from articles.models import Article, Byline, Section
from authors.tests.factories import AuthorFactory


def hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article by default; traits for the other states.

    ``ArticleFactory(draft=True)``, ``in_review=True``, ``scheduled=True``,
    ``unpublished=True``; ``authors=[a, b]`` adds bylines in that order (``True`` for
    one new author), ``tags=["Economy", tag]`` adds tags.
    """

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Article.Status.IN_REVIEW, published_at=None)
        scheduled = factory.Trait(
            status=Article.Status.PUBLISHED, published_at=factory.LazyFunction(lambda: hours_ago(-24))
        )
        unpublished = factory.Trait(status=Article.Status.UNPUBLISHED)

    headline = factory.Sequence(lambda n: f"Headline number {n} about the news")
    standfirst = "A one-sentence summary."
    body = "<p>Some words in a paragraph.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: hours_ago(1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        authors = [AuthorFactory()] if extracted is True else extracted
        for position, author in enumerate(authors):
            BylineFactory(article=self, author=author, position=position)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
