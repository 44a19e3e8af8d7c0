"""Links from reminder emails."""

from django.urls import path

from actions import views

app_name = "actions"

urlpatterns = [
    path("reminders/done/<str:token>/", views.reminder_done, name="reminder-done"),
    path("reminders/unsubscribe/<str:token>/", views.reminder_unsubscribe, name="reminder-unsubscribe"),
]
