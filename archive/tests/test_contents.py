"""Which models the archive holds: all of them, less the few left out by name with a reason."""

from django.apps import apps

from archive.contents import (
    KEPT_ON_REPLACE,
    LEFT_OUT,
    MATCHED_BY_NAME,
    NAMED_BY_NATURAL_KEY,
    archived_models,
    has_own_rows,
    label_of,
    left_out_models,
    tables_replaced,
)


def test_every_model_is_archived_or_left_out_with_a_reason():
    archived, left_out = set(archived_models()), set(left_out_models())
    assert archived.isdisjoint(left_out)
    assert archived | left_out == {model for model in apps.get_models() if has_own_rows(model)}
    assert all(reason.strip() for reason in LEFT_OUT.values())


def test_what_is_left_out_names_models_that_exist():
    """A model renamed or removed must leave the list too, or the list says what it no longer does."""
    assert {label_of(model) for model in left_out_models()} == set(LEFT_OUT)
    assert set(LEFT_OUT) >= KEPT_ON_REPLACE


def test_the_content_is_archived():
    labels = {label_of(model) for model in archived_models()}
    assert {
        "articles.article",
        "articles.pendingchanges",
        "authors.author",
        "media.image",
        "media.rendition",
        "taggit.tag",
        "articles.taggedarticle",
        "reversion.revision",
        "reversion.version",
        "auth.user",
        "auth.group",
    } <= labels


def test_groups_load_before_the_users_that_name_them():
    labels = [label_of(model) for model in archived_models()]
    assert labels.index("auth.group") < labels.index("auth.user")


def test_models_named_by_natural_key_have_one():
    for label in NAMED_BY_NATURAL_KEY | MATCHED_BY_NAME:
        model = apps.get_model(label)
        assert hasattr(model, "natural_key") and hasattr(model._default_manager, "get_by_natural_key")


def test_replacing_keeps_what_migrate_made_and_empties_what_points_at_accounts():
    tables = set(tables_replaced())
    assert {"articles_article", "auth_user", "auth_user_groups", "django_session", "django_admin_log"} <= tables
    assert tables.isdisjoint({"django_content_type", "auth_permission"})
