"""API views: parse input, check the web pages' rules, call one service, render.

Every queryset starts from actions/visibility.py, so another delegation's ids are 404.
"""

from __future__ import annotations

from django.db.models import F, Prefetch
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.defaults import page_not_found
from django.views.defaults import server_error as html_server_error
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.middleware import activate_user_preferences
from accounts.models import ApiToken
from accounts.services import api_token_create, api_token_revoke
from actions import deadline_services, services
from actions.models import ITEM_SEARCH_FIELDS, ActionItem, Activity, Deadline, Status
from actions.visibility import visible_items, visible_meetings
from api.filters import ActionItemFilter, ActivityFilter, DeadlineFilter
from api.pagination import Pagination
from api.permissions import CanManageItem, can_create_item
from api.serializers.activity import ActivitySerializer, CommentSerializer
from api.serializers.deadlines import DeadlineSerializer
from api.serializers.items import (
    ITEM_ROW,
    ActionItemSerializer,
    ActionItemUpdateSerializer,
    CompleteSerializer,
    MoveDeadlineSerializer,
    ReassignSerializer,
    ReopenSerializer,
)
from api.serializers.meetings import MeetingSerializer, OrganizationSerializer
from api.serializers.tokens import ApiTokenCreatedSerializer, ApiTokenSerializer
from api.serializers.webhooks import WebhookDeliverySerializer, WebhookSerializer, WebhookUpdateSerializer
from meetings.models import Organization, Participant, head_of_delegation
from webhooks import services as webhook_services
from webhooks.models import Webhook


class ApiViewMixin:
    """Reader's zone and language for token users too (the middleware runs before DRF auth)."""

    pagination_class = Pagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.user.is_authenticated:
            activate_user_preferences(request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}


class OrganizationViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Agencies, economies, the secretariat: reference data every signed-in user may read."""

    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filter_backends = [DjangoFilterBackend, SearchFilter, OrderingFilter]
    filterset_fields = ["kind", "code"]
    search_fields = ["code", "name", "name_en", "abbreviation"]
    ordering_fields = ["code", "name", "kind"]
    ordering = ["kind", "code"]


class MeetingViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings you take part in (staff: all), with their sessions and participants."""

    serializer_class = MeetingSerializer
    filter_backends = [SearchFilter, OrderingFilter]
    search_fields = ["series", "title", "title_en", "venue", "slug"]
    ordering_fields = ["start_on", "end_on", "series", "number"]
    ordering = ["-start_on", "series", "number"]

    def get_queryset(self):
        return visible_meetings(self.request.user).prefetch_related(
            "sessions",
            Prefetch("participants", queryset=Participant.objects.select_related("user")),
        )


class DeadlineViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """Deadlines of the meetings you see: precision, zone and rule included."""

    @extend_schema(
        summary=_("Move a shared deadline, and every item on it (staff or head of delegation)"),
        request=MoveDeadlineSerializer,
        responses={200: DeadlineSerializer},
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        deadline = self.get_object()
        if not deadline_services.may_move_deadline(request.user, deadline):  # the service's rule
            raise PermissionDenied(deadline_services.DEADLINE_MOVE_REFUSED)
        data = self._valid(request)
        if deadline.is_relative:
            raise ValidationError(
                {
                    "due": [
                        _(
                            "This deadline follows its rule (relative to the meeting or another deadline): "
                            "change the rule in the admin, or move single items with move-deadline."
                        )
                    ]
                }
            )
        deadline_services.deadline_move(
            deadline=deadline, to=data["due"], by=request.user, reason=data["reason"], now=timezone.now()
        )
        deadline.refresh_from_db()
        return Response(DeadlineSerializer(deadline, context=self.get_serializer_context()).data)

    def _valid(self, request) -> dict:
        serializer = MoveDeadlineSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    serializer_class = DeadlineSerializer
    filter_backends = [DjangoFilterBackend, SearchFilter, OrderingFilter]
    filterset_class = DeadlineFilter
    search_fields = ["label", "key", "source_excerpt"]
    ordering_fields = ["due_at", "label", "key"]
    ordering = ["due_at", "id"]

    def get_queryset(self):
        return Deadline.objects.filter(meeting__in=visible_meetings(self.request.user)).select_related(
            "meeting", "set_by"
        )


ITEM_ORDERING = ["number", "due_at", "priority", "status", "created_at", "updated_at", "title"]


@extend_schema_view(
    list=extend_schema(summary=_("Action items you can see")),
    create=extend_schema(
        summary=_("Create an action item (staff, or the meeting's head of delegation)"),
        request=ActionItemSerializer,
        responses={201: ActionItemSerializer},
    ),
    partial_update=extend_schema(
        summary=_("Edit an item (its owner, the head of delegation, staff)"),
        request=ActionItemUpdateSerializer,
        responses={200: ActionItemSerializer},
    ),
)
class ActionItemViewSet(
    ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = ActionItemSerializer
    filter_backends = [DjangoFilterBackend, SearchFilter, OrderingFilter]
    filterset_class = ActionItemFilter
    search_fields = ITEM_SEARCH_FIELDS
    ordering_fields = ITEM_ORDERING
    ordering = ["meeting", "number"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        # Only the relations the representation reads: each join more costs PostgreSQL
        # more planning than executing (8 tables: 5 ms to plan a 1 ms query, at 1M items).
        items = (
            visible_items(self.request.user).select_related("meeting", "owner").order_by("meeting", "number")
        )
        if "due_at" in self.request.query_params.get("ordering", ""):
            items = items.annotate(due_at=F("deadline__due_at"))
        return items

    def list(self, request, *args, **kwargs):
        # A page reads rows, not ActionItem objects (see ITEM_ROW in api/serializers/items.py).
        rows = self.filter_queryset(self.get_queryset()).values(*ITEM_ROW)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_permissions(self):
        if self.action in {"partial_update", "complete", "reopen", "reassign", "move_deadline"}:
            return [IsAuthenticated(), CanManageItem()]
        return [IsAuthenticated()]

    def _respond(self, item: ActionItem, code: int = status.HTTP_200_OK) -> Response:
        item = self.get_queryset().get(pk=item.pk)
        return Response(ActionItemSerializer(item, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        serializer = ActionItemSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        meeting = fields.pop("meeting")
        if not can_create_item(request.user, meeting):
            raise PermissionDenied(_("Only staff or the head of delegation can add items to this meeting."))
        item = services.action_item_create(
            meeting=meeting,
            title=fields.pop("title"),
            kind=fields.pop("kind"),
            by=request.user,
            now=timezone.now(),
            watchers=fields.pop("watchers", None),
            **fields,
        )
        return self._respond(item, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        item = self.get_object()
        serializer = ActionItemUpdateSerializer(
            item, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        reason = changes.pop("reason", "")
        services.action_item_update(
            item=item, changes=changes, by=request.user, now=timezone.now(), reason=reason
        )
        return self._respond(item)

    @extend_schema(summary=_("Mark done"), request=CompleteSerializer, responses={200: ActionItemSerializer})
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        item = self.get_object()
        data = self._valid(CompleteSerializer, request)
        services.action_item_complete(item=item, by=request.user, note=data["note"], now=timezone.now())
        return self._respond(item)

    @extend_schema(
        summary=_("Reopen a done or dropped item"),
        request=ReopenSerializer,
        responses={200: ActionItemSerializer},
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        item = self.get_object()
        data = self._valid(ReopenSerializer, request)
        if not item.is_open and item.status != Status.PROPOSED:
            services.action_item_set_status(
                item=item, status=Status.OPEN, by=request.user, note=data["reason"], now=timezone.now()
            )
        return self._respond(item)

    @extend_schema(
        summary=_("Give the item another owner"),
        request=ReassignSerializer,
        responses={200: ActionItemSerializer},
    )
    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        item = self.get_object()
        data = self._valid(ReassignSerializer, request, item=item)
        services.action_item_reassign(
            item=item, owner=data["owner"], by=request.user, reason=data["reason"], now=timezone.now()
        )
        return self._respond(item)

    @extend_schema(
        summary=_("Move this item's due date"),
        description=_(
            "If only this item hangs on its (absolute) deadline, the deadline moves; otherwise "
            "the item gets its own deadline in the same zone, and the items it shared one with "
            "keep theirs."
        ),
        request=MoveDeadlineSerializer,
        responses={200: ActionItemSerializer},
    )
    @action(detail=True, methods=["post"], url_path="move-deadline")
    def move_deadline(self, request, pk=None):
        item = self.get_object()
        data = self._valid(MoveDeadlineSerializer, request)
        deadline_services.action_item_move_deadline(
            item=item, due=data["due"], by=request.user, reason=data["reason"], now=timezone.now()
        )
        return self._respond(item)

    @extend_schema(
        summary=_("Comment on an item (anyone who sees it)"),
        request=CommentSerializer,
        responses={201: ActivitySerializer},
    )
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        item = self.get_object()
        data = self._valid(CommentSerializer, request)
        entry = services.comment_add(item=item, by=request.user, text=data["text"], now=timezone.now())
        return Response(
            ActivitySerializer(entry, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def _valid(self, serializer_class, request, **context) -> dict:
        serializer = serializer_class(data=request.data, context={**self.get_serializer_context(), **context})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class ActivityViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    """The log of the items you see: changes and comments, oldest first."""

    serializer_class = ActivitySerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ActivityFilter
    ordering_fields = ["created_at", "id"]
    ordering = ["created_at", "id"]

    def get_queryset(self):
        return Activity.objects.filter(item__in=visible_items(self.request.user)).select_related("actor")


@extend_schema_view(
    list=extend_schema(summary=_("Webhooks of the meetings where you head the delegation")),
    create=extend_schema(
        summary=_("Register a URL for a meeting's events (head of delegation or staff)"),
        request=WebhookSerializer,
        responses={201: WebhookSerializer},
    ),
    partial_update=extend_schema(request=WebhookUpdateSerializer, responses={200: WebhookSerializer}),
    destroy=extend_schema(summary=_("Remove a webhook and its delivery history")),
)
class WebhookViewSet(ApiViewMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Signed JSON POSTs of item.created / item.status_changed / item.deadline_moved /
    item.overdue; failed deliveries are retried with exponential back-off."""

    serializer_class = WebhookSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        hooks = Webhook.objects.select_related("meeting").order_by("id")
        if user.is_staff:
            return hooks
        if not user.is_authenticated:
            return hooks.none()
        return hooks.filter(head_of_delegation(user, via="meeting__participants__"))

    def create(self, request, *args, **kwargs):
        serializer = WebhookSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not can_create_item(request.user, data["meeting"]):
            raise PermissionDenied(
                _("Only staff or the head of delegation can register webhooks for this meeting.")
            )
        hook = webhook_services.webhook_create(
            meeting=data["meeting"], url=data["url"], events=data["events"], active=data.get("active", True)
        )
        return Response(
            WebhookSerializer(hook, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def partial_update(self, request, *args, **kwargs):
        hook = self.get_object()
        serializer = WebhookUpdateSerializer(
            hook, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        hook = webhook_services.webhook_update(webhook=hook, changes=serializer.validated_data)
        return Response(WebhookSerializer(hook, context=self.get_serializer_context()).data)

    def destroy(self, request, *args, **kwargs):
        webhook_services.webhook_delete(webhook=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary=_("Recent deliveries and their attempts"),
        responses={200: WebhookDeliverySerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request, pk=None):
        hook = self.get_object()
        rows = hook.deliveries.order_by("-created_at", "-id")[:100]
        return Response(WebhookDeliverySerializer(rows, many=True).data)


@extend_schema_view(
    list=extend_schema(summary=_("Your API tokens (staff: everyone's)")),
    create=extend_schema(
        summary=_("Create a token; its key is in this response only"),
        request=ApiTokenSerializer,
        responses={201: ApiTokenCreatedSerializer},
    ),
    destroy=extend_schema(summary=_("Revoke a token (yours; staff: anyone's)"), responses={204: None}),
)
class ApiTokenViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ApiTokenSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_fields = ["user"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return ApiToken.objects.none()
        tokens = ApiToken.objects.select_related("user")
        if self.request.user.is_staff:
            return tokens.all()
        return tokens.filter(user=self.request.user)

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, key = api_token_create(
            user=request.user, name=serializer.validated_data["name"], now=timezone.now()
        )
        data = ApiTokenCreatedSerializer(token, context={**self.get_serializer_context(), "key": key}).data
        return Response(data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        api_token_revoke(token=self.get_object(), by=request.user, now=timezone.now())
        return Response(status=status.HTTP_204_NO_CONTENT)


def not_found(request, exception=None):
    """URLs under /api/ that match no route answer in JSON too (handler404 in tracker/urls.py)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(_("Not found."))}, status=404)
    return page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(_("Server error."))}, status=500)
    return html_server_error(request)
