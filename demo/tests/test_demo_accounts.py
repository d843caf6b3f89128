import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from authors.models import Author

pytestmark = pytest.mark.django_db


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
        user = authenticate(username=username, password=passwords[username])
        assert user is not None and user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert passwords[username] in printed
    assert authenticate(username="admin", password=passwords["admin"]).is_superuser
    assert Author.objects.get(user__username="reporter").role == "Reporter"

    call_command("create_demo_accounts", verbosity=0)  # a second run keeps the passwords
    assert authenticate(username="editor", password=passwords["editor"]) is not None
