"""What a newsroom archive holds: every model in the app registry, less a few left out on purpose.

The models are read from the registry, so a model added later (ours or a third-party
app's) goes into the archive without anyone remembering to list it. The round-trip
test seeds a row of every archived model and fails when one has none, so a new model
is either proven to survive an export and import, or left out here with a reason.
"""

from django.apps import apps
from django.core import serializers
from django.db import models

# Model label → why its rows stay out of the archive.
LEFT_OUT = {
    "contenttypes.contenttype": "Made by migrate; archived rows name content types by app label and model.",
    "auth.permission": "Made by migrate; archived users and groups name permissions by codename, app and model.",
    "sessions.session": "Sign-ins: a restored newsroom starts with everyone signed out.",
    "admin.logentry": "The admin's action log; the revisions are the editorial history and are archived.",
    "articles.editingpresence": "Who has an article form open this minute; the heartbeat refills it.",
    "axes.accessattempt": "Failed sign-ins of the last minutes (login throttling), not content.",
    "axes.accessfailurelog": "The sign-in failure log: security records of this server, not content.",
    "axes.accesslog": "The sign-in log: security records of this server, not content.",
    "axes.accessattemptexpiration": "When each failed sign-in stops counting (login throttling), not content.",
}

# Left out and kept when ``import_content --replace`` deletes the rest: migrate made them,
# and the archive refers to them by name. Every other left-out table points at what is
# replaced (accounts, articles) and is emptied with it.
KEPT_ON_REPLACE = frozenset({"contenttypes.contenttype", "auth.permission"})

# Ids differ from one database to the next: rows refer to these by natural key.
NAMED_BY_NATURAL_KEY = frozenset({"contenttypes.contenttype", "auth.permission", "auth.group"})

# Migrate creates the role groups: an archived group is matched to the one of the same
# name, and their presence does not make a fresh database count as holding content.
MATCHED_BY_NAME = frozenset({"auth.group"})


def label_of(model: type[models.Model]) -> str:
    return model._meta.label_lower


def has_own_rows(model: type[models.Model]) -> bool:
    """A table of its own that Django manages; proxies and many-to-many tables travel with their model."""
    meta = model._meta
    return meta.managed and not meta.proxy and not meta.auto_created


def archived_models() -> list[type[models.Model]]:
    """Every model whose rows the archive holds, each after the models its natural keys name."""
    by_app = {}
    for model in apps.get_models():
        if has_own_rows(model) and label_of(model) not in LEFT_OUT:
            by_app.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(list(by_app.items()))


def left_out_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if has_own_rows(model) and label_of(model) in LEFT_OUT]


def file_fields(model: type[models.Model]) -> list[models.FileField]:
    """The model's file columns (images, renditions): their files go into the archive too."""
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def tables_of(model: type[models.Model]) -> list[str]:
    """The model's table and the many-to-many tables that go with it (a user's groups)."""
    meta = model._meta
    return [meta.db_table] + [
        field.remote_field.through._meta.db_table
        for field in meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]


def tables_replaced() -> list[str]:
    """What ``import_content --replace`` empties: the archived tables and the left-out ones pointing at them."""
    emptied = archived_models() + [model for model in left_out_models() if label_of(model) not in KEPT_ON_REPLACE]
    return [table for model in emptied for table in tables_of(model)]


def content_present() -> dict[str, int]:
    """Rows already in the database that an import would collide with, by model label."""
    present = {}
    for model in archived_models():
        if label_of(model) not in MATCHED_BY_NAME and model._base_manager.exists():
            present[label_of(model)] = model._base_manager.count()
    return present
