"""An item's activity log, and a comment to add to it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from actions.models import Activity
from api.serializers.base import TEXT_MAX, NoWriteMixin, StrictMixin
from tracker.templatetags.tracker_dates import reader_prefs


class ActivitySerializer(serializers.ModelSerializer):
    actor_name = serializers.CharField(
        source="actor.display_name", read_only=True, default=None, allow_null=True
    )
    line = serializers.SerializerMethodField(
        help_text=_("The entry as one sentence, in the reader's language and date style.")
    )
    data = serializers.DictField(read_only=True, help_text=_("What changed, as plain values."))

    class Meta:
        model = Activity
        fields = ["id", "item", "actor", "actor_name", "verb", "text", "data", "line", "created_at"]
        read_only_fields = fields

    def get_line(self, activity: Activity) -> str:
        request = self.context.get("request")
        style, language, _zone = reader_prefs(request.user if request else None)
        return str(activity.describe(style=style, language=language))


class CommentSerializer(StrictMixin, NoWriteMixin, serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX, help_text=_("The comment."))
