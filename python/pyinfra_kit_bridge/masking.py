"""Secrets live in host data (ssh_password, api_token, ...): masked wherever data is shown."""

from __future__ import annotations

import re
from typing import Any

MASK = "********"
_SECRET_KEY = re.compile(r"password|passphrase|secret|token", re.IGNORECASE)


def is_secret_key(key: str) -> bool:
    return bool(_SECRET_KEY.search(key))


def mask_secrets(value: Any) -> Any:
    """A copy of JSON-safe data with the values of secret-looking keys replaced, at any depth."""
    if isinstance(value, dict):
        return {k: (MASK if is_secret_key(k) and v not in (None, "") else mask_secrets(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_secrets(v) for v in value]
    return value
