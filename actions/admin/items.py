"""Admin of action items (filters, search, the bulk actions mark done and reassign), their
activity log and their evidence."""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from actions import services
from actions.models import ITEM_SEARCH_FIELDS, OPEN_STATUSES, ActionItem, Activity, Evidence, Status
from reminders import scheduling
from tracker.admin_dates import DueColumn, ReaderDatesAdmin
from tracker.templatetags.tracker_dates import reader_prefs


class DueWindowFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("7d", _("Due in the next 7 days")),
            ("30d", _("Due in the next 30 days")),
            ("later", _("Due later")),
            ("none", _("No deadline")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        windows = {
            "overdue": lambda qs: qs.overdue(now),
            "7d": lambda qs: qs.open().due_between(now, now + timedelta(days=7)),
            "30d": lambda qs: qs.open().due_between(now, now + timedelta(days=30)),
            "later": lambda qs: qs.filter(deadline__due_at__gte=now + timedelta(days=30)),
            "none": lambda qs: qs.filter(deadline__isnull=True),
        }
        apply = windows.get(self.value())
        return apply(queryset) if apply else queryset


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    can_delete = False
    fields = ("created_at", "actor", "verb", "line")
    readonly_fields = fields
    ordering = ("-created_at", "-id")
    verbose_name_plural = _("activity log")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("what happened"))
    def line(self, obj: Activity) -> str:
        return obj.describe()

    # A readonly method gets only the row: for the reader's date style, swap in a callable
    # bound to the signed-in user (equal per style and language, so fields and readonly match).
    def get_fields(self, request, obj=None):
        style, language, _zone = reader_prefs(request.user)
        return ("created_at", "actor", "verb", ActivityLine(style=style, language=language))

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)


@dataclass(frozen=True)
class ActivityLine:
    """An activity's log line in one reader's style, usable as an admin readonly field."""

    style: str
    language: str
    __name__ = "line"
    short_description = _("what happened")

    def __call__(self, obj: Activity) -> str:
        return obj.describe(style=self.style, language=self.language)


class ReassignForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        label=_("New owner"),
        help_text=_("Leave empty to unassign."),
    )
    reason = forms.CharField(required=False, label=_("Reason"), max_length=500)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)

    def clean_owner(self):
        owner = self.cleaned_data["owner"]
        if owner is None:
            return owner
        for meeting in {item.meeting_id: item.meeting for item in self.items}.values():
            try:
                services.item_assignees_check(meeting=meeting, owner=owner)
            except ValidationError as error:
                raise forms.ValidationError(error.message_dict["owner"]) from error
        return owner


class ActionItemAdminForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = "__all__"  # noqa: DJ007 - the fieldsets below choose what is shown

    def clean(self):
        data = super().clean()
        meeting = data.get("meeting") or getattr(self.instance, "meeting", None)
        if meeting is not None and "owner" not in self.errors:
            # The services' rule, on the form's fields (watchers are saved by the form).
            try:
                services.item_assignees_check(
                    meeting=meeting, owner=data.get("owner"), watchers=data.get("watchers") or ()
                )
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return data


@admin.register(ActionItem)
class ActionItemAdmin(ReaderDatesAdmin, admin.ModelAdmin):
    form = ActionItemAdminForm
    list_display = (
        "number",
        "title",
        "meeting_label",
        "kind",
        "status",
        "priority",
        "responsible",
        "owner",
        "due",
        "overdue",
    )
    list_display_links = ("number", "title")
    list_filter = (
        DueWindowFilter,
        "status",
        "kind",
        "meeting",
        "priority",
        "responsible",
        ("owner", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ITEM_SEARCH_FIELDS
    autocomplete_fields = ("meeting", "session", "responsible", "owner", "deadline", "watchers")
    date_hierarchy = "deadline__due_at"
    list_select_related = ("meeting", "responsible", "owner", "deadline")
    reader_columns = {"due": DueColumn("deadline", _("due"), "deadline__due_at")}
    list_per_page = 50
    readonly_fields = ("number", "completed_at", "completed_by", "created_at", "updated_at")
    inlines = [ActivityInline]
    actions = ["mark_done", "reassign"]
    fieldsets = (
        (None, {"fields": ("meeting", "number", "session", "title", "description", "kind", "priority")}),
        (
            _("Who and when"),
            {
                "fields": (
                    "responsible",
                    "owner",
                    "watchers",
                    "deadline",
                    "ends_on",
                    "status",
                    "reminder_policy",
                )
            },
        ),
        (_("From the report"), {"fields": ("source_section", "source_excerpt")}),
        (_("Completion"), {"fields": ("completion_note", "completed_at", "completed_by")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    )

    @admin.display(description=_("due"), ordering="deadline__due_at")
    def due(self, obj: ActionItem) -> str:
        return obj.deadline.due_display() if obj.deadline else "—"

    @admin.display(description=_("meeting"), ordering="meeting__start_on")
    def meeting_label(self, obj: ActionItem) -> str:
        return obj.meeting.short_label

    # A red word, not a green tick: "overdue = yes" must not look like good news.
    @admin.display(description=_("overdue"))
    def overdue(self, obj: ActionItem) -> str:
        if not obj.is_overdue(timezone.now()):
            return ""
        return format_html('<strong style="color:#ba2121">{}</strong>', _("overdue"))

    def save_model(self, request, obj, form, change):
        data = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in form.cleaned_data and name != "watchers"
        }
        now = timezone.now()
        if change:
            current = ActionItem.objects.get(pk=obj.pk)
            services.action_item_update(item=current, changes=data, by=request.user, now=now)
        else:
            fields = {
                name: value
                for name, value in form.cleaned_data.items()
                if name not in {"watchers", "meeting", "title", "kind"}
            }
            created = services.action_item_create(
                meeting=form.cleaned_data["meeting"],
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                by=request.user,
                now=now,
                **fields,
            )
            obj.pk, obj.number = created.pk, created.number

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "watchers" in form.changed_data:
            # Watchers are saved by the form's m2m step; their reminders follow.
            scheduling.item_reschedule(item=form.instance, now=timezone.now())

    @admin.action(description=_("Mark selected items done"))
    def mark_done(self, request: HttpRequest, queryset: QuerySet[ActionItem]):
        now = timezone.now()
        count = 0
        for item in queryset.filter(status__in=[*OPEN_STATUSES, Status.PROPOSED]):
            services.action_item_complete(
                item=item, by=request.user, now=now, note=str(_("Marked done in the admin."))
            )
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d item marked done.", "%(count)d items marked done.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reassign selected items"))
    def reassign(self, request: HttpRequest, queryset: QuerySet[ActionItem]):
        items = list(queryset.select_related("meeting"))
        if "apply" in request.POST:
            form = ReassignForm(request.POST, items=items)
            if form.is_valid():
                now = timezone.now()
                with transaction.atomic():  # all selected items, or none
                    for item in items:
                        services.action_item_reassign(
                            item=item,
                            owner=form.cleaned_data["owner"],
                            by=request.user,
                            now=now,
                            reason=form.cleaned_data["reason"],
                        )
                self.message_user(
                    request,
                    ngettext("%(count)d item reassigned.", "%(count)d items reassigned.", queryset.count())
                    % {"count": queryset.count()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.get_full_path())
        else:
            form = ReassignForm(items=items)
        return TemplateResponse(
            request,
            "admin/actions/reassign.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Reassign items"),
                "items": queryset,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("created_at", "item", "actor", "verb", "text")
    list_filter = ("verb",)
    search_fields = ("text", "item__title")
    date_hierarchy = "created_at"
    list_select_related = ("item", "item__meeting", "actor")
    autocomplete_fields = ("item", "actor")

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Read-only: evidence is added from the item page (actions.services.evidence_add)."""

    list_display = ("item", "original_name", "url", "added_by", "added_at")
    list_select_related = ("item__meeting", "added_by")
    search_fields = ("original_name", "url", "note", "item__title")
    readonly_fields = ("item", "file", "original_name", "size", "url", "note", "added_by", "added_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
