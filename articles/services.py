"""Writes to articles that do more than fill their own row."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .models import Article, FormerSlug


def save_article(*, article: Article, user: AbstractBaseUser | None = None) -> Article:
    """Save an article on behalf of ``user``, keeping old addresses alive.

    When an article that has been published changes its slug, the old slug is kept
    as a ``FormerSlug`` so the old URL answers with a permanent redirect. (A section
    change needs nothing stored: the article page redirects any section mismatch.)
    """
    with transaction.atomic():
        previous_slug = None
        if article.pk:
            previous_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
        if user is not None and user.is_authenticated:
            if article.pk is None:
                article.created_by = user
            article.last_edited_by = user
        article.save()
        if previous_slug and previous_slug != article.slug and article.first_published_at:
            FormerSlug.objects.update_or_create(slug=previous_slug, defaults={"article": article})
        # An article going back to an earlier slug no longer needs it as a redirect.
        FormerSlug.objects.filter(slug=article.slug).delete()
    return article
