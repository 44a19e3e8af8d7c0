"""Errors as JSON naming the field and the problem: bad input is a 4xx, never a 500."""

from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from followup_dates.dates import DateInputError
from tracker.throttling import Throttled


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "too_large"


def _django_errors(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): [
                str(message) for message in messages
            ]
            for field, messages in error.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: [str(message) for message in error.messages]}


def exception_handler(exc, context):
    if isinstance(exc, DateInputError):
        exc = exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [str(exc)]}, code=exc.code)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_django_errors(exc))
    elif isinstance(exc, ProtectedError):
        exc = exceptions.ValidationError(
            {"detail": _("Other records still refer to this one, so it cannot be deleted.")},
            code="protected",
        )
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError(
            {"detail": _("This change conflicts with existing data; reload and try again.")},
            code="conflict",
        )
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, exceptions.Throttled) and not isinstance(exc, Throttled):
        exc = Throttled(exc.wait)  # our wording, in the reader's language
    response = drf_exception_handler(exc, context)
    # A bare list of messages (e.g. a filter refusing a NUL character) still gets the
    # documented object shape, so clients can always read errors by key.
    if response is not None and isinstance(response.data, list):
        response.data = {api_settings.NON_FIELD_ERRORS_KEY: response.data}
    return response
