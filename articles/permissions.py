"""Who may do what with an article: the rules the admin, views and services share.

Reporters write and revise their own stories; once one is published, what they save
waits as a draft of the live story until an editor publishes it. Editors (anyone
with the ``publish_article`` permission) handle everything else.
The rules are checked on the server wherever an article changes, never only by
hiding buttons.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from .models import Article

# Reporters' saves of their published stories wait for an editor (``articles.pending``).
REPORTER_EDITABLE_STATUSES = {Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.PUBLISHED}


def can_publish(user: AbstractBaseUser) -> bool:
    return user.is_active and user.has_perm("articles.publish_article")


def can_curate(user: AbstractBaseUser) -> bool:
    return user.is_active and user.has_perm("articles.curate_article")


def is_own_article(user: AbstractBaseUser, article: Article) -> bool:
    if article.pk is None:
        return True
    if article.created_by_id == user.pk:
        return True
    return article.bylines.filter(author__user=user).exists()


def can_edit_article(user: AbstractBaseUser, article: Article) -> bool:
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if can_publish(user):
        return True
    return article.status in REPORTER_EDITABLE_STATUSES and is_own_article(user, article)


# What a desk may read of others' work: stories sent for review, and what is out.
SHARED_STATUSES = {Article.Status.IN_REVIEW, Article.Status.PUBLISHED}


def articles_visible_to(user: AbstractBaseUser, articles):
    """The articles ``user`` may open in the admin: editors all; others their own work,
    everything in review (so a desk sees what is coming) and what is published."""
    if can_publish(user):
        return articles
    own = Article.objects.of_user(user).values("pk")
    return articles.filter(Q(status__in=SHARED_STATUSES) | Q(pk__in=own))


def can_view_article(user: AbstractBaseUser, article: Article) -> bool:
    if not (user.is_active and user.has_perm("articles.view_article")):
        return False
    return can_publish(user) or article.status in SHARED_STATUSES or is_own_article(user, article)


def can_recover_articles(user: AbstractBaseUser) -> bool:
    """Deleted articles, drafts among them, are for the editors who may delete and restore."""
    return can_publish(user) and user.has_perm("articles.delete_article")


def can_preview_article(user: AbstractBaseUser, article: Article) -> bool:
    return user.is_authenticated and user.is_staff and can_edit_article(user, article)
