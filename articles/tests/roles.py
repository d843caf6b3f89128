"""Staff users in each newsroom role, for permission tests."""

from django.contrib.auth.models import Group, User


def staff_user(username: str, role: str | None = None, **extra) -> User:
    user = User.objects.create_user(username, password="x", is_staff=True, first_name=username.title(), **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
