import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from authors.models import Author

pytestmark = pytest.mark.django_db


def signs_in(username: str, password: str):
    """The account ``username`` as signing in with ``password`` finds it (login throttling needs the request)."""
    return authenticate(RequestFactory().post("/admin/login/"), username=username, password=password)


def test_demo_accounts_are_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("create_demo_accounts", verbosity=0)


def test_one_account_per_role_with_printed_passwords(settings, tmp_path, capsys):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    call_command("create_demo_accounts")
    printed = capsys.readouterr().out
    passwords = json.loads((tmp_path / "demo-accounts.json").read_text())
    for username, group in [("editor", "Editor"), ("reporter", "Reporter"), ("photo", "Photo editor")]:
        user = signs_in(username, passwords[username])
        assert user is not None and user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert passwords[username] in printed
    assert signs_in("admin", passwords["admin"]).is_superuser
    assert Author.objects.get(user__username="reporter").role == "Reporter"

    call_command("create_demo_accounts", verbosity=0)  # a second run keeps the passwords
    assert signs_in("editor", passwords["editor"]) is not None
