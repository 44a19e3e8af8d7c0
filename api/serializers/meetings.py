"""Reference data, read only: organizations, meetings with their sessions and participants."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from meetings.models import Meeting, Organization, Participant, Session


class OptionalEmailField(serializers.EmailField):
    """A blank email is null in the API: "" is not an email address."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class OrganizationSerializer(serializers.ModelSerializer):
    focal_point_email = OptionalEmailField()

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "abbreviation",
            "kind",
            "time_zone",
            "holiday_calendar",
            "focal_point_name",
            "focal_point_email",
        ]
        read_only_fields = fields


class SessionSerializer(serializers.ModelSerializer):
    local_date = serializers.DateField(
        read_only=True, help_text=_("The session's calendar day at the venue.")
    )

    class Meta:
        model = Session
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "kind",
            "starts_at",
            "ends_at",
            "local_date",
            "chair",
            "report_section",
        ]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    email = OptionalEmailField()
    username = serializers.CharField(source="user.username", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Participant
        fields = ["id", "user", "username", "name", "organization", "title", "role", "role_detail", "email"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    sessions = SessionSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "slug",
            "series",
            "number",
            "title",
            "title_en",
            "start_on",
            "end_on",
            "venue",
            "venue_zone",
            "host",
            "holiday_calendar",
            "report_title",
            "notes",
            "sessions",
            "participants",
        ]
        read_only_fields = fields
