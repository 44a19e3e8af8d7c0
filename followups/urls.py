from django.urls import path

from followups import views

app_name = "followups"

urlpatterns = [
    path("series/<int:pk>/", views.series_detail, name="series"),
    path("meetings/<int:pk>/carry/", views.meeting_carry, name="carry"),
    path("meetings/<int:pk>/confirm/", views.meeting_confirm, name="confirm"),
    path("meetings/<int:pk>/briefing/", views.meeting_briefing, name="briefing"),
    path("meetings/<int:pk>/briefing.docx", views.meeting_briefing_docx, name="briefing_docx"),
    path("items/<int:pk>/next-meeting/", views.item_for_next_meeting, name="next_meeting"),
    path("items/<int:pk>/adoption/", views.recommendation_adoption, name="adoption"),
    path(
        "meetings/<int:pk>/adoption/<int:year>-h<int:half>.<str:fmt>",
        views.adoption_table,
        name="adoption_table",
    ),
]
