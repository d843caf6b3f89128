"""Login throttling (issue 9, finding 7): 50 wrong passwords in a row were all answered
200, then the right one signed in. Now a username is paused for one address after 5
failures, one address for everyone after 50, each for 15 minutes."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core import checks
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.throttling import client_address

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 3, 3, 12, 0, tzinfo=datetime.UTC)
PASSWORD = "the reporter's long password"
ATTACKER, REPORTERS_OFFICE = "203.0.113.66", "198.51.100.7"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def rita(db):
    return User.objects.create_user("rita", password=PASSWORD, is_staff=True)


def sign_in(username: str, password: str, *, address: str, client: Client | None = None):
    client = client or Client()
    response = client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )
    response.client = client
    return response


def is_signed_in(response) -> bool:
    return "_auth_user_id" in response.client.session


def fail(times: int, *, address: str, username: str = "rita") -> list[int]:
    """``times`` wrong passwords for ``username`` from ``address``: each answer's status."""
    return [sign_in(username, f"guess {n}", address=address).status_code for n in range(times)]


def rita_signs_in(address: str) -> bool:
    response = sign_in("rita", PASSWORD, address=address)
    return response.status_code == 302 and is_signed_in(response)


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_the_lockout_page(clock, rita):
    assert fail(50, address=ATTACKER) == [200] * 4 + [429] * 46

    response = sign_in("rita", PASSWORD, address=ATTACKER)

    assert response.status_code == 429
    assert not is_signed_in(response)
    html = response.content.decode()
    assert "Too many failed sign-ins as “rita” from this address" in html
    assert "You can try again from <strong>12:16</strong> (in 16\xa0minutes)" in html
    assert "ask an administrator of the newsroom" in html
    assert response["Retry-After"] == "960"
    assert 'id="site-name"' in html  # the admin's own look


def test_the_account_still_signs_in_from_its_own_address_while_a_stranger_is_locked_out(clock, rita):
    fail(10, address=ATTACKER)
    assert not rita_signs_in(ATTACKER)

    assert rita_signs_in(REPORTERS_OFFICE)


def test_the_right_password_works_again_after_the_cool_off(clock, rita):
    fail(5, address=ATTACKER)
    clock.shift(datetime.timedelta(minutes=14))
    assert not rita_signs_in(ATTACKER)
    clock.shift(datetime.timedelta(minutes=2))

    assert rita_signs_in(ATTACKER)


def test_attempts_during_the_lockout_do_not_move_its_end(clock, rita):
    fail(5, address=ATTACKER)
    clock.shift(datetime.timedelta(minutes=10))
    assert fail(5, address=ATTACKER) == [429] * 5
    clock.shift(datetime.timedelta(minutes=6))
    assert rita_signs_in(ATTACKER)


def test_signing_in_clears_the_failures_before_it(clock, rita):
    fail(4, address=REPORTERS_OFFICE)
    assert rita_signs_in(REPORTERS_OFFICE)
    assert fail(4, address=REPORTERS_OFFICE) == [200] * 4


def test_one_address_trying_many_usernames_is_paused_for_everyone_at_its_own_limit(clock, rita):
    statuses = [status for n in range(50) for status in fail(1, address=ATTACKER, username=f"user{n}")]
    assert statuses == [200] * 49 + [429]

    refused = sign_in("rita", PASSWORD, address=ATTACKER)
    assert refused.status_code == 429
    assert "Too many failed sign-ins from this address" in refused.content.decode()
    assert rita_signs_in(REPORTERS_OFFICE)


def test_the_sign_in_page_works_as_before_in_normal_use(clock, rita):
    client = Client()
    assert client.get(reverse("admin:login"), REMOTE_ADDR=REPORTERS_OFFICE).status_code == 200
    typo = sign_in("rita", "typo", address=REPORTERS_OFFICE, client=client)
    assert typo.status_code == 200
    assert "Please enter the correct username and password" in typo.content.decode()
    assert sign_in("rita", PASSWORD, address=REPORTERS_OFFICE, client=client).status_code == 302


def test_a_superuser_sees_the_lockout_in_the_admin_and_lifts_it(clock, rita, superuser_client):
    fail(5, address=REPORTERS_OFFICE)
    attempt = AccessAttempt.objects.get(username="rita")

    listing = superuser_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "rita" in html and REPORTERS_OFFICE in html and "Locked Out" in html

    delete_url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert superuser_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.exists()
    assert rita_signs_in(REPORTERS_OFFICE)


def test_staff_who_are_not_superusers_do_not_see_the_attempts(client, rita):
    client.force_login(rita)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.1"),  # no proxy configured: the header is anyone's to write
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),  # the client's own entries are ignored
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        (2, "192.0.2.1", "10.0.0.1"),  # shorter than the proxies: not trusted
        (1, "not an address", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_the_client_address_comes_from_x_forwarded_for_only_behind_trusted_proxies(
    settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_address(request) == expected


def test_behind_a_proxy_failures_count_for_the_client_not_the_proxy(settings, clock, rita):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        Client().post(
            reverse("admin:login"),
            {"username": "rita", "password": f"guess {n}"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=ATTACKER,
        )
    reporter = Client().post(
        reverse("admin:login"),
        {"username": "rita", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=REPORTERS_OFFICE,
    )
    assert reporter.status_code == 302
    assert AccessAttempt.objects.get().ip_address == ATTACKER


def test_throttling_adds_no_system_check_warnings():
    assert [message.id for message in checks.run_checks()] == []
