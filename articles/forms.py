"""The article form editors and reporters use in the admin."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from richtext.diff import text_of

from .models import Article
from .permissions import can_publish
from .services import WorkflowError, allowed_statuses, check_transition

# Where an article stands among the editors' picks and front-page leads.
CURATION_FIELDS = [
    "is_editors_pick",
    "editors_pick_position",
    "editors_pick_starts_at",
    "editors_pick_ends_at",
    "lead_position",
    "lead_starts_at",
    "lead_ends_at",
]
# Fields only editors may set; reporters see them read-only.
EDITOR_ONLY_FIELDS = ["published_at", *CURATION_FIELDS]


class BylineFormSet(forms.BaseInlineFormSet):
    """An article does not go out without a byline (the article form checks the body)."""

    def clean(self):
        super().clean()
        article = self.instance
        was = Article.objects.filter(pk=article.pk).values_list("status", flat=True).first() if article.pk else None
        if article.status != Article.Status.PUBLISHED or was == Article.Status.PUBLISHED:
            return
        kept = [form for form in self.forms if form.cleaned_data.get("author") and not form.cleaned_data.get("DELETE")]
        if not kept:
            raise forms.ValidationError(
                _("The article has no byline: add at least one author before publishing it."), code="no_byline"
            )


class ArticleAdminForm(forms.ModelForm):
    """Adds the workflow rules and the guard against overwriting someone else's save.

    ``version`` travels in a hidden field: if the article was saved by someone else
    after this form was opened, the save is refused with a message naming them, and
    the form comes back with everything this person typed.
    """

    substantive_update = forms.BooleanField(
        label=_("Substantive update"),
        required=False,
        help_text=_("Tick for a real change in the story: readers see a new “Updated” time. Leave it for typo fixes."),
    )
    # Set per request by ArticleAdmin.get_form.
    current_user = None
    # The article as someone else saved it, when this save was refused for overwriting it.
    conflict_with = None

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "kicker",
            "standfirst",
            "body",
            "section",
            "lead_image",
            "lead_image_caption",
            "status",
            *EDITOR_ONLY_FIELDS,
            "seo_title",
            "seo_description",
            "version",
        ]
        widgets = {"version": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields and self.current_user is not None:
            current = self.instance.status if self.instance.pk else Article.Status.DRAFT
            allowed = allowed_statuses(user=self.current_user, current=current)
            self.fields["status"].choices = [choice for choice in Article.Status.choices if choice[0] in allowed]
        if "version" in self.fields:
            self.fields["version"].required = False

    def clean_slug(self):
        """A slug made from the headline that another article holds gets "-2" (as WordPress and
        Ghost do); a slug typed by hand that is taken is an error naming the article that has it."""
        slug = self.cleaned_data.get("slug")
        holder = Article.objects.filter(slug=slug).exclude(pk=self.instance.pk).first() if slug else None
        if holder is None:
            return slug
        headline = self.data.get(self.add_prefix("headline"), "")
        if slug == slugify(headline)[: len(slug)]:
            self.instance.headline = headline
            return self.instance._unique_slug(slug)
        url = reverse("admin:articles_article_change", args=[holder.pk])
        raise forms.ValidationError(
            format_html(
                _(
                    'This address is taken by <a href="{url}">{headline}</a>. '
                    "Choose another, or clear it to make one from the headline."
                ),
                url=url,
                headline=holder.headline,
            ),
            code="slug_taken",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Article.Status.PUBLISHED and not cleaned.get("published_at"):
            # "Publish" with no time given means now.
            cleaned["published_at"] = timezone.now()
        self._check_workflow(cleaned)
        if self._goes_out(cleaned) and not text_of(cleaned.get("body") or "").strip():
            self.add_error("body", _("The body is empty: write the story before publishing it."))
        if self.instance.pk:
            self._check_not_overwriting(cleaned)
        return cleaned

    def _goes_out(self, cleaned) -> bool:
        """Whether this save publishes (or schedules) an article that was not out yet."""
        was = Article.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
        return cleaned.get("status") == Article.Status.PUBLISHED and was != Article.Status.PUBLISHED

    def _check_workflow(self, cleaned):
        target = cleaned.get("status")
        if target is None or self.current_user is None:
            return
        current = Article.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
        try:
            check_transition(user=self.current_user, current=current or Article.Status.DRAFT, target=target)
        except WorkflowError as error:
            self.add_error("status", str(error))
        if target == Article.Status.PUBLISHED and not can_publish(self.current_user):
            self.add_error("status", _("Only editors can publish or schedule articles."))

    def _check_not_overwriting(self, cleaned):
        submitted = cleaned.get("version")
        # Locked until this save commits (the admin wraps the view in a transaction),
        # so two simultaneous saves are judged one after the other.
        saved = (
            Article.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .select_related("last_edited_by")
            .only("version", "modified_at", "last_edited_by")
            .first()
        )
        if saved is None or submitted == saved.version:
            return
        # Their version, for the side-by-side view the form shows with the error.
        self.conflict_with = Article.objects.select_related("section", "lead_image", "last_edited_by").get(
            pk=self.instance.pk
        )
        editor = saved.last_edited_by
        who = (editor.get_full_name() or editor.get_username()) if editor else _("Someone")
        when = date_format(timezone.localtime(saved.modified_at), "DATETIME_FORMAT")
        raise forms.ValidationError(
            _(
                "%(who)s saved this article at %(when)s, after you opened it, so your changes were not saved. "
                "Everything you typed is still in the form below, and their changes are shown beside yours."
            ),
            code="edit_conflict",
            params={"who": who, "when": when},
        )
