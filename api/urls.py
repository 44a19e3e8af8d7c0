"""The REST API, version 1: /api/v1/…, its OpenAPI schema and the Swagger UI page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("deadlines", views.DeadlineViewSet, basename="deadline")
router.register("action-items", views.ActionItemViewSet, basename="action-item")
router.register("activity", views.ActivityViewSet, basename="activity")
router.register("webhooks", views.WebhookViewSet, basename="webhook")
router.register("tokens", views.ApiTokenViewSet, basename="token")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
