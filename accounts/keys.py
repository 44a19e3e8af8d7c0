"""Secrets handed to a person once (API keys, calendar feed addresses): only their hash is kept."""

import hashlib
import secrets


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()
