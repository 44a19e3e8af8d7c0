"""OpenAPI details drf-spectacular cannot infer: the token scheme and the error responses."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

ERROR_SCHEMA = {
    "type": "object",
    "description": str(
        _(
            "An error. Validation errors map each field name (or non_field_errors) to a list of "
            "messages; other errors carry a detail message."
        )
    ),
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "A personal API token (POST /api/v1/tokens/): “Authorization: Bearer <key>”. "
                    "“Authorization: Token <key>” works too."
                )
            ),
        }


class TrackerAutoSchema(AutoSchema):
    """Document the errors every endpoint can answer with, so clients (and schemathesis) know."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "401": _("Not signed in, or the token is invalid or revoked."),
            "403": _("Signed in, but not allowed to do this."),
        }
        if "{" in self.path:
            errors["404"] = _("Not found, or not visible to you (another delegation's).")
        if self.method == "GET" and self._is_list_view():
            errors["400"] = _("A filter value is invalid; the body names the parameter.")
            errors["404"] = _("No such page.")
        if self.method in {"POST", "PUT", "PATCH"}:
            errors["400"] = _("Invalid input; the body names each field and its problem.")
            errors["413"] = _("The request body is too large.")
            errors["415"] = _("Send the body as application/json.")
        for code, description in errors.items():
            if code not in responses:
                response = self._get_response_for_code(ERROR_SCHEMA, code, direction=direction)
                response["description"] = str(description)
                responses[code] = response
        return responses
