"""Links from reminder emails."""

from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("reminders/done/<str:token>/", views.reminder_done, name="reminder-done"),
    path("reminders/unsubscribe/<str:token>/", views.reminder_unsubscribe, name="reminder-unsubscribe"),
]
