"""``RichTextField``: text written in CKEditor 5, stored only after sanitising.

Every model that keeps rich text (article bodies, author bios, and later live-blog
entries and newsletters) uses this field, so the allowlist in ``richtext.sanitize``
applies wherever HTML is saved and no model has to remember to call it.
"""

from django_ckeditor_5.fields import CKEditor5Field

from .sanitize import sanitize_rich_text


class RichTextField(CKEditor5Field):
    """A CKEditor 5 field whose value is reduced to the allowlisted markup.

    Cleaned in ``to_python`` (so a model form's ``full_clean`` leaves the instance
    holding what will be stored) and again in ``pre_save`` for saves that bypass
    validation; sanitising is idempotent, so the second pass changes nothing.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return sanitize_rich_text(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        cleaned = sanitize_rich_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, cleaned)
        return cleaned
