"""Secrets live in host data (ssh_password, api_token, a password inside a URL): masked wherever
data is shown, and every value that was masked is scrubbed from any text the bridge shows or logs
(error messages, tracebacks, output lines, and its stderr: see output_relay.py). The rules are
secret_rules.json, which the TypeScript side reads too."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .jsonsafe import named_fields

_RULES = json.loads((Path(__file__).with_name("secret_rules.json")).read_text(encoding="utf-8"))
MASK: str = _RULES["mask"]
_SECRET_KEY = re.compile(_RULES["keyPattern"], re.IGNORECASE)
_URL_PASSWORD = re.compile(_RULES["urlPassword"], re.IGNORECASE)
_MIN_SCRUB_LENGTH: int = _RULES["minScrubLength"]
# bound once, as channel.py binds json's: a connector that replaces re.compile in its worker must not stop the scrubbing
_compile, _escape, _len = re.compile, re.escape, len


@functools.lru_cache(maxsize=4096)  # the same few keys come with every host
def is_secret_key(key: str) -> bool:
    return bool(_SECRET_KEY.search(key))


def _is_set(value: Any) -> bool:
    return value is not None and value != ""


def _mask_urls(text: str) -> str:
    return _URL_PASSWORD.sub(lambda m: m.group(1) + MASK + m.group(3), text) if "://" in text else text


def mask_secrets(value: Any) -> Any:
    """A copy of JSON-safe data with the values of secret-looking keys replaced, at any depth, and
    passwords inside URLs replaced wherever they are."""
    if isinstance(value, dict):
        return {k: (MASK if is_secret_key(str(k)) and _is_set(v) else mask_secrets(v)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_secrets(v) for v in value]
    if isinstance(value, str):
        return _mask_urls(value)
    return value


def secret_values(value: Any, under_secret_key: bool = False, _seen: frozenset = frozenset()) -> Iterable[str]:
    """The texts mask_secrets hides: values of secret keys (numbers too, as text) and URL passwords.
    Raw host data may hold cycles: a container already on the path (or 64 deep) is not entered."""
    named = named_fields(value)
    if named is not None or isinstance(value, (dict, list, tuple, set, frozenset)):
        if id(value) in _seen or len(_seen) >= 64:
            return
        seen = _seen | {id(value)}
        value = value if named is None else named
        if isinstance(value, dict):
            for key, item in value.items():
                yield from secret_values(item, under_secret_key or (is_secret_key(str(key)) and _is_set(item)), seen)
        else:
            for item in value:
                yield from secret_values(item, under_secret_key, seen)
    elif under_secret_key and value is not None and not isinstance(value, bool):
        yield from _texts_of(value)
    elif isinstance(value, str) and "://" in value:
        yield from (match.group(2) for match in _URL_PASSWORD.finditer(value))


def _texts_of(value: Any) -> list[str]:
    """The texts a secret value is shown as: bytes decoded (as the data shows them) and as b'...' shows them; any other
    value as str() gives it, or nothing when its str() raises (the data shows it masked, a message cannot quote it)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (bytes, bytearray)):
        raw = bytes(value)
        texts = [repr(raw)[2:-1]]
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            pass
        return texts
    try:
        return [str(value)]
    except Exception:  # a connector's object; what its repr shows is the json_safe text, which is masked
        return []


def _shown_forms(value: str) -> set[str]:
    """A secret as Python's repr() and ascii() show it (a backslash, a quote, a non-ASCII character escaped), and as
    its UTF-8 bytes show it: in messages quoting it with repr(), !r, or its encoded bytes."""
    forms = {repr(value)[1:-1], ascii(value)[1:-1]}
    try:
        forms.add(repr(value.encode("utf-8"))[2:-1])
    except UnicodeEncodeError:  # a lone surrogate
        pass
    return forms


class Scrubber:
    """Remembers secret values as host data passes through the bridge and replaces them in text."""

    def __init__(self) -> None:
        self._values: frozenset[str] = frozenset()
        # the values its pattern was made of: the debug entry scrubs on a thread of its own while secrets are added
        self._compiled: tuple[frozenset[str], re.Pattern[str]] | None = None
        self._unreported: list[str] | None = None

    def remember(self, data: Any) -> None:
        found = [value for value in secret_values(data) if value not in self._values]
        if found:  # most hosts have none, or the same ones as the host before
            self.add(found)

    def add(self, values: Iterable[str]) -> None:
        new = {value for value in values if len(value) >= _MIN_SCRUB_LENGTH} - self._values
        if new:
            # as Python shows it too (a backslash or a quote escaped), in a message quoting it with repr() or !r
            self._values = self._values | new | {form for value in new for form in _shown_forms(value)}
            if self._unreported is not None:
                self._unreported.extend(new)

    def report_new(self) -> None:
        """From now on, values it learns are also kept for take_unreported (a worker tells its parent)."""
        self._unreported = []

    def take_unreported(self) -> list[str]:
        if not self._unreported:
            return []
        values, self._unreported = self._unreported, []
        return values

    @property
    def longest(self) -> int:
        """The length of the longest secret it knows."""
        return max(map(len, self._values), default=0)

    def scrub(self, text: str) -> str:
        if not text:
            return text
        values = self._values
        if values:
            compiled = self._compiled
            if compiled is None or compiled[0] is not values:
                # longest first, so a secret that contains another is replaced whole
                compiled = self._compiled = (values, _compile("|".join(_escape(value) for value in sorted(values, key=_len, reverse=True))))
            text = compiled[1].sub(MASK, text)
        return _mask_urls(text)


scrubber = Scrubber()
remember_secrets = scrubber.remember
scrub = scrubber.scrub
