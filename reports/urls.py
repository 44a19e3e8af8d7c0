from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("meetings/<int:pk>/import/", views.upload, name="upload"),
    path("imports/<int:pk>/", views.review, name="review"),
    path("imports/<int:pk>/candidates/<int:candidate_pk>/", views.candidate_change, name="candidate"),
    path("imports/<int:pk>/candidates/<int:candidate_pk>/promote/", views.promote, name="promote"),
    path("imports/<int:pk>/bulk/", views.bulk, name="bulk"),
]
