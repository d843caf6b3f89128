from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from .roles import sync_role_permissions

        # After migrate has created every app's permissions (auth's own handler for
        # this app runs first), bring the role groups in line with articles.roles.
        post_migrate.connect(sync_role_permissions, sender=self, dispatch_uid="articles-sync-roles")
