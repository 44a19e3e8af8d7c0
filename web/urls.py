"""Sign-in (Django's auth views with our templates) and the delegates' pages."""

from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from web import auth, calendar_views, item_views, list_views, preference_views, saved_views, task_views

auth_patterns = [
    path(
        "login/",
        auth.LoginView.as_view(template_name="web/auth/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth.PasswordResetView.as_view(
            template_name="web/auth/password_reset_form.html",
            email_template_name="web/auth/password_reset_email.txt",
            subject_template_name="web/auth/password_reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="web/auth/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="web/auth/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="web/auth/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]

web_patterns = [
    path("", task_views.my_tasks, name="tasks"),
    path("tasks/export.csv", task_views.my_tasks_csv, name="tasks_csv"),
    path("delegation/", task_views.delegation, name="delegation"),
    path("delegation/export.csv", task_views.delegation_csv, name="delegation_csv"),
    path("overview/", task_views.staff_overview, name="overview"),
    path("meetings/", task_views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", task_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/export.csv", task_views.meeting_csv, name="meeting_csv"),
    path("items/<int:pk>/", item_views.item_detail, name="item"),
    path("items/<int:pk>/comment/", item_views.item_comment, name="item_comment"),
    path("items/<int:pk>/status/", item_views.item_status, name="item_status"),
    path("items/<int:pk>/complete/", item_views.item_complete, name="item_complete"),
    path("items/<int:pk>/reassign/", item_views.item_reassign, name="item_reassign"),
    path("items/<int:pk>/deadline/", item_views.item_deadline, name="item_deadline"),
    path("items/<int:pk>/evidence/", item_views.item_evidence, name="item_evidence"),
    path("items/<int:pk>/list/done/", list_views.list_done, name="list_done"),
    path("items/<int:pk>/list/move/", list_views.list_move, name="list_move"),
    path("items/<int:pk>/list/reassign/", list_views.list_reassign, name="list_reassign"),
    path("items/selection/", list_views.list_bulk, name="list_bulk"),
    path("undo/", list_views.list_undo, name="list_undo"),
    path("views/", saved_views.saved_view_save, name="view_save"),
    path("views/<int:pk>/delete/", saved_views.saved_view_delete, name="view_delete"),
    path("evidence/<int:pk>/", item_views.evidence_download, name="evidence"),
    path("calendar/", calendar_views.month_calendar, name="calendar"),
    path("feeds/<str:token>.ics", calendar_views.feed, name="feed"),
    path("preferences/", preference_views.preferences, name="preferences"),
    path("preferences/feeds/", preference_views.feed_create, name="feed_create"),
    path("preferences/feeds/<int:pk>/revoke/", preference_views.feed_revoke, name="feed_revoke"),
    path("language/", preference_views.language_switch, name="language"),
]

urlpatterns = [
    path("accounts/", include(auth_patterns)),
    path("", include((web_patterns, "web"))),
]
