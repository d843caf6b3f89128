import factory
from django.contrib.auth.models import Group, User

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


def staff_user(username: str, role: str | None = None, **extra) -> User:
    """A staff account, in the role group ``role`` ("Reporter", "Editor", "Photo editor") if given."""
    user = User.objects.create_user(username, password="x", is_staff=True, first_name=username.title(), **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
