import factory

from pages.models import Page


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Standing page {n}")
    slug = factory.Sequence(lambda n: f"standing-page-{n}")
    description = "What this page is about, in a sentence."
    body = "<p>Who we are and how we work.</p>"
