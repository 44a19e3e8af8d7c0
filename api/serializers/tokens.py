"""API tokens: the list, and the key shown once on creation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import ApiToken
from api.serializers.base import NoWriteMixin, StrictMixin


class ApiTokenSerializer(StrictMixin, NoWriteMixin, serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    active = serializers.BooleanField(source="is_active", read_only=True)

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "prefix",
            "user",
            "username",
            "active",
            "created_at",
            "last_used_at",
            "revoked_at",
            "revoked_by",
        ]
        read_only_fields = ["prefix", "user", "created_at", "last_used_at", "revoked_at", "revoked_by"]
        extra_kwargs = {"name": {"max_length": 100}}


class ApiTokenCreatedSerializer(ApiTokenSerializer):
    key = serializers.CharField(
        read_only=True,
        help_text=_("The key, shown this once only: send it as “Authorization: Bearer <key>”."),
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "key"]
        read_only_fields = [*ApiTokenSerializer.Meta.read_only_fields, "key"]

    def to_representation(self, token):
        data = super().to_representation(token)
        data["key"] = self.context["key"]
        return data
