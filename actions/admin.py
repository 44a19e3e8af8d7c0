"""Admin for follow-ups: staff work here all day, so filters, search and bulk actions matter."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from actions import services
from actions.models import (
    OPEN_STATUSES,
    ActionItem,
    Activity,
    Deadline,
    Reminder,
    ReminderPolicy,
    Status,
)


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


class ReassignForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True), required=False, label=_("New owner"),
        help_text=_("Leave empty to unassign."),
    )
    reason = forms.CharField(required=False, label=_("Reason"), max_length=500)


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = (
        "number", "title", "meeting", "kind", "status", "priority", "responsible", "owner",
        "due", "overdue",
    )
    list_display_links = ("number", "title")
    list_filter = (DueWindowFilter, "status", "kind", "meeting", "priority", "responsible",
                   ("owner", admin.RelatedOnlyFieldListFilter))
    search_fields = ("title", "description", "source_excerpt", "owner__full_name",
                     "owner__username", "responsible__name", "responsible__abbreviation")
    autocomplete_fields = ("meeting", "session", "responsible", "owner", "deadline", "watchers")
    date_hierarchy = "deadline__due_at"
    list_select_related = ("meeting", "responsible", "owner", "deadline")
    list_per_page = 50
    readonly_fields = ("number", "completed_at", "completed_by", "created_at", "updated_at")
    inlines = [ActivityInline]
    actions = ["mark_done", "reassign"]
    fieldsets = (
        (None, {"fields": ("meeting", "number", "session", "title", "description", "kind",
                           "priority")}),
        (_("Who and when"), {"fields": ("responsible", "owner", "watchers", "deadline",
                                         "ends_on", "status", "reminder_policy")}),
        (_("From the report"), {"fields": ("source_section", "source_excerpt")}),
        (_("Completion"), {"fields": ("completion_note", "completed_at", "completed_by")}),
        (_("Record"), {"fields": ("created_at", "updated_at"), "classes": ["collapse"]}),
    )

    @admin.display(description=_("due"), ordering="deadline__due_at")
    def due(self, obj: ActionItem) -> str:
        return obj.deadline.due_display() if obj.deadline else "—"

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj: ActionItem) -> bool:
        return obj.is_overdue(timezone.now())

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in form.changed_data
                if name in form.cleaned_data and name != "watchers"}
        now = timezone.now()
        if change:
            current = ActionItem.objects.get(pk=obj.pk)
            services.action_item_update(item=current, changes=data, by=request.user, now=now)
        else:
            fields = {name: value for name, value in form.cleaned_data.items()
                      if name not in {"watchers", "meeting", "title", "kind"}}
            created = services.action_item_create(
                meeting=form.cleaned_data["meeting"], title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"], by=request.user, now=now, **fields,
            )
            obj.pk, obj.number = created.pk, created.number

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "watchers" in form.changed_data:
            # Watchers are saved by the form's m2m step; their reminders follow.
            services.item_reschedule(item=form.instance, now=timezone.now())

    @admin.action(description=_("Mark selected items done"))
    def mark_done(self, request: HttpRequest, queryset: QuerySet[ActionItem]):
        now = timezone.now()
        count = 0
        for item in queryset.filter(status__in=[*OPEN_STATUSES, Status.PROPOSED]):
            services.action_item_complete(item=item, by=request.user, now=now,
                                          note=str(_("Marked done in the admin.")))
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d item marked done.", "%(count)d items marked done.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reassign selected items"))
    def reassign(self, request: HttpRequest, queryset: QuerySet[ActionItem]):
        if "apply" in request.POST:
            form = ReassignForm(request.POST)
            if form.is_valid():
                now = timezone.now()
                for item in queryset:
                    services.action_item_reassign(
                        item=item, owner=form.cleaned_data["owner"], by=request.user, now=now,
                        reason=form.cleaned_data["reason"],
                    )
                self.message_user(
                    request,
                    ngettext("%(count)d item reassigned.", "%(count)d items reassigned.",
                             queryset.count()) % {"count": queryset.count()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(request.get_full_path())
        else:
            form = ReassignForm()
        return TemplateResponse(request, "admin/actions/reassign.html", {
            **self.admin_site.each_context(request),
            "title": _("Reassign items"),
            "items": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ("label", "meeting", "due", "precision", "zone", "set_by", "mode", "due_at")
    list_filter = ("meeting", "precision", "mode", "set_by")
    search_fields = ("label", "key", "meeting__series", "source_excerpt")
    autocomplete_fields = ("meeting", "set_by", "anchor_session", "anchor_deadline")
    date_hierarchy = "due_at"
    readonly_fields = ("due_at",)
    list_select_related = ("meeting", "set_by")

    @admin.display(description=_("due"), ordering="due_at")
    def due(self, obj: Deadline) -> str:
        return obj.due_display()


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


@admin.register(ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = ("name", "is_default", "meeting", "days_before", "on_due_day",
                    "overdue_every_days", "escalate_after_days", "send_hour")
    autocomplete_fields = ("meeting",)

    def save_model(self, request, obj, form, change):
        services.reminder_policy_save(policy=obj, now=timezone.now())


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """The outbox, read-only: what was sent, what failed and why."""

    list_display = ("send_at", "item", "recipient", "role", "slot_key", "state", "attempts",
                    "sent_at", "short_error")
    list_filter = ("state", "role", "slot_kind", "item__meeting")
    search_fields = ("item__title", "user__username", "user__full_name", "recipient_email",
                     "message_id")
    date_hierarchy = "send_at"
    list_select_related = ("item", "item__meeting", "user")
    actions = ["retry"]
    readonly_fields = [f.name for f in Reminder._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("recipient"))
    def recipient(self, obj: Reminder) -> str:
        return obj.user.display_name if obj.user_id else obj.recipient_email

    @admin.display(description=_("last error"))
    def short_error(self, obj: Reminder) -> str:
        return obj.last_error[:80]

    def has_retry_permission(self, request) -> bool:
        # The rows are read-only, but staff who may change reminders may re-send them.
        return request.user.has_perm("actions.change_reminder")

    @admin.action(description=_("Send selected failed reminders again"),
                  permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Reminder]):
        count = services.reminders_retry(reminders=queryset, now=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d reminder queued again.", "%(count)d reminders queued again.",
                     count) % {"count": count},
            messages.SUCCESS,
        )
