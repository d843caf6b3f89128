"""The article form editors and reporters use in the admin."""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget

from richtext.diff import text_of

from .editing import clock, who
from .models import Article, PendingChanges
from .pending import LIVE_ONLY_FORM_FIELDS
from .permissions import can_publish
from .publishing import CURATION_FIELDS, PENDING_ACTIONS, Action, is_out, target_status
from .services import WorkflowError, check_transition

# The longest body the article form accepts, formatting included (about 80,000 words of
# plain text): far beyond any story, and within what search documents can hold.
MAX_BODY_LENGTH = 500_000

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


class TokenTagWidget(TagWidget):
    """Tags typed as tokens (static/js/admin-token-tags.js): type, then Enter or a comma; a new
    name becomes a new tag when the article is saved. Without JavaScript, a comma-separated list."""

    def __init__(self, attrs=None):
        super().__init__({"data-token-tags": "", "autocomplete": "off", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-suggestions-url"] = reverse("admin:articles_article_tag_suggestions")
        return context


class ArticleAdminForm(forms.ModelForm):
    """Adds the workflow rules and the guard against overwriting someone else's save.

    ``version`` travels in a hidden field: if the article was saved by someone else
    after this form was opened, the save is refused with a message naming them, and
    the form comes back with everything this person typed.
    """

    workflow_note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Goes with “Submit for review” and “Send back to the reporter”, shown at the top of the article."),
    )
    # When the form was opened with a draft of the live article in it: that draft's time.
    pending_saved_at = forms.CharField(required=False, widget=forms.HiddenInput)
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
            "is_without_photo",
            "tags",
            "status",
            *EDITOR_ONLY_FIELDS,
            "seo_title",
            "seo_description",
            "version",
        ]
        # The status is set by the button pressed (articles.publishing), not chosen in a list.
        widgets = {"version": forms.HiddenInput, "status": forms.HiddenInput, "tags": TokenTagWidget}
        help_texts = {"tags": _("Type a tag and press Enter or a comma. New tags are created when you save.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance if self.instance.pk else None
        self.stored_status = stored.status if stored else None
        # Published or scheduled: saving it must not change the public page by surprise.
        self.was_out = is_out(stored)
        self.action = self.data.get("_action", "") if self.is_bound else ""
        if self.action in Action.values and "status" in self.fields:
            data = self.data.copy()
            data[self.add_prefix("status")] = target_status(self.action, self.stored_status or Article.Status.DRAFT)
            self.data = data
        # Reporters' saves of a live story always wait for an editor.
        reporter = self.current_user is not None and not can_publish(self.current_user)
        self.is_pending = self.is_bound and self.was_out and (self.action in PENDING_ACTIONS or reporter)
        if "version" in self.fields:
            self.fields["version"].required = False
        if stored is not None and not self.is_bound:
            pending = PendingChanges.objects.filter(article=stored).values_list("saved_at", flat=True).first()
            self.initial["pending_saved_at"] = pending.isoformat() if pending else ""

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        if len(body) > MAX_BODY_LENGTH:
            raise forms.ValidationError(
                _(
                    "The text is %(length)s characters long (with its formatting); the limit is %(limit)s. "
                    "Split it into two articles, or remove pasted formatting. Nothing you typed is lost: "
                    "it is still in the editor."
                ),
                code="body_too_long",
                params={"length": f"{len(body):,}", "limit": f"{MAX_BODY_LENGTH:,}"},
            )
        return body

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
        if self.action == Action.SEND_BACK and not (cleaned.get("workflow_note") or "").strip():
            self.add_error("workflow_note", _("Say what needs doing: the reporter gets this note with the article."))
        self._check_places_are_free(cleaned)
        if self.is_pending:
            self._check_draft_holds_content_only()
        if self.instance.pk:
            self._check_not_overwriting(cleaned)
            self._check_pending_not_overwritten(cleaned)
        return cleaned

    def _check_places_are_free(self, cleaned):
        """Two stories never silently share a place among the picks or in the lead."""
        places = [
            ("editors_pick_position", Q(is_editors_pick=True), _("editors' picks"), cleaned.get("is_editors_pick")),
            ("lead_position", Q(), _("front-page lead"), True),
            ("beside_lead_position", Q(), _("stories beside the lead"), True),
        ]
        for name, among, label, applies in places:
            place = cleaned.get(name)
            if name not in self.changed_data or place is None or not applies:
                continue
            holder = Article.objects.filter(among, **{name: place}).exclude(pk=self.instance.pk).first()
            if holder is not None:
                self.add_error(
                    name,
                    _(
                        "“%(headline)s” is number %(place)d in the %(list)s. Choose a free number, or drag "
                        "the stories into order on the “Editors' picks and lead” page."
                    )
                    % {"headline": holder.headline, "place": place, "list": label},
                )

    def _check_draft_holds_content_only(self):
        for name in LIVE_ONLY_FORM_FIELDS:
            if name in self.fields and name in self.changed_data:
                self.add_error(
                    name,
                    _(
                        "This changes the live page at once, so it can't wait in a draft: "
                        "use “Publish changes”, or put it back to save a draft."
                    ),
                )

    def _check_pending_not_overwritten(self, cleaned):
        """Someone else saved a draft of this live article after this form was opened."""
        if not (self.is_pending or self.action == Action.PUBLISH_CHANGES):
            return
        pending = PendingChanges.objects.filter(article=self.instance.pk).select_related("saved_by").first()
        if pending is None or pending.saved_at.isoformat() == (cleaned.get("pending_saved_at") or ""):
            return
        raise forms.ValidationError(
            _(
                "%(who)s saved a draft of this article at %(time)s, after you opened it, so your changes were "
                "not saved. Everything you typed is still in the form below: open the article in a new tab to "
                "see their draft."
            ),
            code="pending_conflict",
            params={"who": who(pending.saved_by), "time": clock(pending.saved_at)},
        )

    def _goes_out(self, cleaned) -> bool:
        """Whether this save publishes (or schedules) an article that was not out yet."""
        return cleaned.get("status") == Article.Status.PUBLISHED and self.stored_status != Article.Status.PUBLISHED

    def _check_workflow(self, cleaned):
        target = cleaned.get("status")
        if target is None or self.current_user is None:
            return
        current = self.stored_status
        try:
            check_transition(user=self.current_user, current=current or Article.Status.DRAFT, target=target)
        except WorkflowError as error:
            self.add_error(None, str(error))
            return
        if target == Article.Status.PUBLISHED and current != target and not can_publish(self.current_user):
            self.add_error(None, _("Only editors can publish or schedule articles."))

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
