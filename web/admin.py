"""Calendar feed tokens in the admin: who has which feed (users revoke their own)."""

from django.contrib import admin

from web.models import FeedToken


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "meeting", "created_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    list_select_related = ("user", "meeting")
    search_fields = ("user__username", "user__full_name")
    readonly_fields = ("user", "meeting", "token_hash", "created_at", "revoked_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
