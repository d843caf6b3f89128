"""``RichTextField``: text written in CKEditor 5, stored only after sanitising.

Every model that keeps rich text (article bodies, author bios, and later live-blog
entries and newsletters) uses this field, so the allowlist in ``richtext.sanitize``
applies wherever HTML is saved and no model has to remember to call it.
"""

import re

from django import forms
from django_ckeditor_5.fields import CKEditor5Field

from .blocks import wrap_loose_text
from .sanitize import sanitize_rich_text

_SPACE_BETWEEN_TAGS = re.compile(r">\s+<")


def stored_rich_text(value: str | None) -> str:
    """What a rich-text field keeps: the sanitised HTML, with text outside any block put in a
    paragraph (the page shows blocks only, so loose words would be lost)."""
    return wrap_loose_text(sanitize_rich_text(value or ""))


def same_rich_text(first: str | None, second: str | None) -> bool:
    """Whether two HTML texts store the same thing once sanitised (the editor reformats freely)."""

    def stored(value):
        return _SPACE_BETWEEN_TAGS.sub("><", stored_rich_text(value)).strip()

    return stored(first) == stored(second)


class RichTextFormField(forms.CharField):
    """Changed only when what would be stored changes, so history never says "Changed Body"
    because CKEditor re-serialised the same text."""

    def has_changed(self, initial, data):
        return not same_rich_text(initial, data)


class RichTextField(CKEditor5Field):
    """A CKEditor 5 field whose value is reduced to the allowlisted markup.

    Cleaned in ``to_python`` (so a model form's ``full_clean`` leaves the instance
    holding what will be stored) and again in ``pre_save`` for saves that bypass
    validation; sanitising is idempotent, so the second pass changes nothing.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def to_python(self, value):
        value = super().to_python(value)
        return stored_rich_text(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        cleaned = stored_rich_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, cleaned)
        return cleaned
