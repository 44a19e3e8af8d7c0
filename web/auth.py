"""Sign-in and password reset: Django's views, throttled, and a reset mail sent by a worker.

The reset mail is queued by name (tracker/queue.py) and sent by
accounts.tasks.send_password_reset_email_task: a slow SMTP server no longer makes the
answer for a known address slower than for an unknown one, so timing does not tell which
addresses have accounts. Both views answer 429 with a message in the reader's language
once a limit of tracker/throttling.py is reached.
"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm

from tracker import throttling
from tracker.queue import enqueue_on_commit

PASSWORD_RESET_TASK = "accounts.tasks.send_password_reset_email_task"  # noqa: S105


class QueuedPasswordResetForm(PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        plain = {name: context[name] for name in ("email", "domain", "site_name", "uid", "token", "protocol")}
        enqueue_on_commit(
            PASSWORD_RESET_TASK,
            {
                "user_id": user.pk,
                "to_email": to_email,
                "from_email": from_email,
                "subject_template_name": subject_template_name,
                "email_template_name": email_template_name,
                "html_email_template_name": html_email_template_name,
                "context": plain,
            },
        )


class LoginView(auth_views.LoginView):
    def post(self, request, *args, **kwargs):
        wait = throttling.sign_in_wait(request)
        if wait:
            # Not validated: a refused attempt never reaches the password check.
            form = self.get_form_class()(
                request, initial={"username": request.POST.get("username", "")[:150]}
            )
            return self.render_to_response(
                self.get_context_data(form=form, throttled=throttling.sign_in_message(wait)), status=429
            )
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm

    def post(self, request, *args, **kwargs):
        wait = throttling.password_reset_wait(request)
        if wait:
            form = self.get_form_class()(initial={"email": request.POST.get("email", "")[:254]})
            return self.render_to_response(
                self.get_context_data(form=form, throttled=throttling.password_reset_message(wait)),
                status=429,
            )
        return super().post(request, *args, **kwargs)
