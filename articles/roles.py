"""The newsroom's roles and the model permissions each one carries.

The groups themselves are created by a data migration (articles 0002); this table
is applied after every ``migrate`` (see ArticlesConfig.ready), so changing it here
and migrating is all it takes to change what a role may do. Rules that depend on
the article itself (a reporter's own drafts) live in ``articles.permissions``.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ALL = ("add", "change", "delete", "view")

ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "Reporter": {
        "articles.article": ("add", "change", "view"),
        "articles.byline": ALL,
        "articles.taggedarticle": ALL,
        "articles.relatedarticle": ALL,
        "articles.section": ("view",),
        "taggit.tag": ("add", "view"),
        "media.image": ("add", "view"),
        "authors.author": ("view",),
    },
    "Editor": {
        "articles.article": (*ALL, "publish", "curate"),
        "articles.curation": ("change", "view"),
        "articles.byline": ALL,
        "articles.taggedarticle": ALL,
        "articles.relatedarticle": ALL,
        "articles.correction": ALL,
        "articles.formerslug": ALL,
        "articles.section": ALL,
        "articles.calltoaction": ALL,
        "taggit.tag": ALL,
        "media.image": ("add", "view"),
        "authors.author": ("view",),
        "pages.page": ALL,
    },
    "Photo editor": {
        "media.image": ALL,
        "authors.author": ("add", "change", "view"),
        "authors.authorlink": ALL,
        "articles.article": ("view",),
        "articles.section": ("view",),
    },
}


def permission_codename(model_label: str, action: str) -> tuple[str, str]:
    app_label, model_name = model_label.split(".")
    return app_label, f"{action}_{model_name}"


def sync_role_permissions(**kwargs) -> None:
    """Give each role group exactly the permissions in ROLE_PERMISSIONS."""
    for group_name, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = Q(pk__in=[])
        for model_label, actions in grants.items():
            for action in actions:
                app_label, codename = permission_codename(model_label, action)
                wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(wanted))
