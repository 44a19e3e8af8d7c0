"""Response headers every page gets: the Content-Security-Policy (issue 13, point 5).

Django 5.2 has no CSP of its own. Scripts, styles, images, fonts and connections come from
this site only; no inline script runs (the pages and the Swagger UI load theirs from files);
inline style attributes are allowed (the admin and Swagger UI use them). No frames, no
plugins, forms post here only. A response that set its own policy keeps it.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_POLICY)
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response
