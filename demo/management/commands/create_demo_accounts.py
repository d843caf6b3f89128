"""Local sign-ins for trying Newsroom: one account per newsroom role.

`make run` calls this so a newcomer can open the admin as a reporter, an editor, a
photo editor or an administrator straight away. Passwords are random, made once,
kept in var/ (git-ignored) and printed on every run. It refuses to run with DEBUG
off: demo accounts never exist on a real site.
"""

import json
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from authors.models import Author

DEMO_ACCOUNTS = [
    # username, group (None for the superuser), display name
    ("admin", None, "Site Administrator"),
    ("editor", "Editor", "Demo Editor"),
    ("reporter", "Reporter", "Demo Reporter"),
    ("photo", "Photo editor", "Demo Photo Editor"),
]


class Command(BaseCommand):
    help = "Create local demo accounts (one per role) and print their passwords. Only with DEBUG on."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Give every demo account a new password.")

    def handle(self, *args, reset=False, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for local development only; DEBUG is off, so none were created.")
        password_file = settings.VAR_DIR / "demo-accounts.json"
        passwords = {} if reset or not password_file.exists() else json.loads(password_file.read_text())
        User = get_user_model()

        with transaction.atomic():
            for username, group_name, display_name in DEMO_ACCOUNTS:
                first_name, _, last_name = display_name.partition(" ")
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={"first_name": first_name, "last_name": last_name, "is_staff": True},
                )
                if created or username not in passwords:
                    passwords[username] = secrets.token_urlsafe(12)
                    user.set_password(passwords[username])
                user.is_staff = True
                user.is_superuser = group_name is None
                user.save()
                if group_name:
                    user.groups.add(Group.objects.get(name=group_name))
                if username == "reporter":
                    self.link_author_profile(user, display_name)

        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        password_file.write_text(json.dumps(passwords, indent=2))
        password_file.chmod(0o600)

        if options["verbosity"]:
            self.stdout.write(self.style.MIGRATE_HEADING("Demo accounts (local only) — sign in at /admin/:"))
            for username, group_name, _display in DEMO_ACCOUNTS:
                role = group_name or "Superuser"
                self.stdout.write(f"  {role:<13} {self.style.SUCCESS(username):<20} password: {passwords[username]}")

    def link_author_profile(self, user, display_name: str) -> None:
        """The demo reporter writes under an author profile, as staff reporters do."""
        if hasattr(user, "author_profile"):
            return
        author = Author.objects.filter(user__isnull=True, role__icontains="reporter").order_by("pk").first()
        if author is None:
            author = Author.objects.create(name=display_name, slug="demo-reporter", role="Reporter")
        author.user = user
        author.save(update_fields=["user"])
