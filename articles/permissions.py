"""Who may do what with an article: the rules the admin, views and services share.

Reporters write and revise their own stories until an editor takes them over;
editors (anyone with the ``publish_article`` permission) handle everything else.
The rules are checked on the server wherever an article changes, never only by
hiding buttons.
"""

from django.contrib.auth.models import AbstractBaseUser

from .models import Article

REPORTER_EDITABLE_STATUSES = {Article.Status.DRAFT, Article.Status.IN_REVIEW}


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


def can_preview_article(user: AbstractBaseUser, article: Article) -> bool:
    return user.is_authenticated and user.is_staff and can_edit_article(user, article)
