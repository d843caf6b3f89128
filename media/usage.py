"""Where a library image is used, asked of the apps that use it.

The image library sits below the apps that show its photos (articles, authors), so
it cannot import them. Each of them registers its kinds of use from its
``AppConfig.ready()``; the image form lists them and deletion is refused while any
kind that its foreign keys do not already protect still finds the image.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class UsageKind:
    label: str
    find: Callable[[object], QuerySet]
    # Lead photos and avatars are protected by their foreign keys; a photo placed
    # inside a text is only an address there, so its kind must block deletion itself.
    blocks_deletion: bool = False


@dataclass(frozen=True)
class Usage:
    kind: UsageKind
    objects: QuerySet


_kinds: dict[str, UsageKind] = {}


def register_usage(key: str, label: str, find: Callable[[object], QuerySet], *, blocks_deletion: bool = False) -> None:
    """Add a kind of use: ``find(image)`` returns the objects that use ``image``, most relevant first."""
    _kinds[key] = UsageKind(label=label, find=find, blocks_deletion=blocks_deletion)


def find_image_usage(image) -> list[Usage]:
    """Every registered kind of use, with the objects that use ``image`` (lazy querysets)."""
    return [Usage(kind=kind, objects=kind.find(image)) for kind in _kinds.values()]


def is_image_used(image) -> bool:
    return any(usage.objects.exists() for usage in find_image_usage(image))
