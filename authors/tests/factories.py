import factory

from authors.models import Author
from media.tests.factories import ImageFactory


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter Number{n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    role = "Reporter"
    short_bio = "Covers politics and the war."
    avatar = factory.SubFactory(ImageFactory)
