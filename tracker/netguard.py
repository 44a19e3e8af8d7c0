"""Outgoing HTTP to a user's URL, refused unless it reaches a public address (SSRF guard).

Modelled on Healthchecks' hc/lib/curl.py: the host name is resolved here, every address it
resolves to must be public (not loopback, private, link-local, multicast, reserved or
otherwise non-global), and the connection goes to the address that was checked, so a name
that resolves to 127.0.0.1 at delivery time (DNS rebinding) is refused as well. Redirects
are never followed: http.client answers the 3xx itself. An operator setting
(WEBHOOK_ALLOW_PRIVATE_TARGETS) lets on-premises receivers through; callers pass it in.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

TARGET_NOT_PUBLIC = _(
    "Webhooks are sent only to public addresses: %(host)s is loopback, private, link-local, "
    "multicast or reserved (an operator can allow private targets with "
    "WEBHOOK_ALLOW_PRIVATE_TARGETS)."
)
HOST_UNRESOLVED = _("The host name %(host)s does not resolve to any address.")
MAX_RESPONSE_BYTES = 64 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class TargetRefused(Exception):
    """The URL's host is not a public address (or does not resolve); nothing was sent."""

    def __init__(self, message, host: str):
        self.host = host
        self.message = message % {"host": host}
        super().__init__(self.message)


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_unspecified)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (tests replace this to stand in for DNS)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


def vetted_address(host: str, port: int, *, allow_private: bool) -> str:
    """The address to connect to for `host`, or TargetRefused."""
    try:
        addresses = [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        try:
            addresses = resolve(host, port)
        except (OSError, UnicodeError, ValueError) as error:
            raise TargetRefused(HOST_UNRESOLVED, host) from error
    if not addresses:
        raise TargetRefused(HOST_UNRESOLVED, host)
    if not allow_private and not all(is_public(address) for address in addresses):
        raise TargetRefused(TARGET_NOT_PUBLIC, host)
    return str(addresses[0])


def _split(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    port = parts.port or (443 if scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, parts.hostname, port, path


def check_url(url: str, *, allow_private: bool) -> None:
    """Registration: refuse a URL whose host is (or resolves to) a non-public address."""
    _scheme, host, port, _path = _split(url)
    vetted_address(host, port, allow_private=allow_private)


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float, allow_private: bool) -> int:
    """POST once to the vetted address of `url`; the response's status, never a redirect
    followed. Raises TargetRefused, OSError or http.client.HTTPException."""
    scheme, host, port, path = _split(url)
    address = vetted_address(host, port, allow_private=allow_private)
    connection_class = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
    connection = connection_class(host, port, timeout=timeout)

    def connect_to_vetted(_address, timeout=None, source_address=None):
        # Host header and TLS SNI/certificate still name `host`; the socket goes to the
        # address checked above, not to whatever a second DNS answer would say.
        return socket.create_connection((address, port), timeout, source_address)

    connection._create_connection = connect_to_vetted
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        return response.status
    finally:
        connection.close()
