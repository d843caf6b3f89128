"""Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF).

A vertical tab pasted into a headline made every feed answer 500 and the news
sitemap invalid. Text fields drop them when saved (``strip_on_save``, connected by
each app for its models), and feeds and sitemaps drop them again on the way out,
for anything stored before.
"""

import re

from django.db import models

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text):
    """``text`` without the characters XML 1.0 cannot carry (anything not a str is returned as it is)."""
    return XML_FORBIDDEN.sub("", text) if isinstance(text, str) else text


def strip_on_save(sender, instance, **kwargs):
    """A ``pre_save`` receiver: drop forbidden characters from the instance's text fields.

    A raw save (``import_content``, ``loaddata``) keeps the row exactly as it was
    stored: a restore changes nothing, and feeds and sitemaps still drop the characters."""
    if kwargs.get("raw"):
        return
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and XML_FORBIDDEN.search(value):
                setattr(instance, field.attname, xml_safe(value))


def connect_text_cleaning(*model_classes) -> None:
    for model in model_classes:
        models.signals.pre_save.connect(strip_on_save, sender=model, dispatch_uid=f"xml-text-{model._meta.label}")
