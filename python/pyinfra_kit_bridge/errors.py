"""Errors the client shows as is. ``kind`` is one of protocol.ts' BridgeErrorKind values. Every text
made here has the secrets the bridge has seen scrubbed out of it."""

from __future__ import annotations

import os
import sys
import traceback

from .jsonsafe import short_repr
from .masking import scrub

# bound once: a connector may replace them in its worker
_format_exc, _write = traceback.format_exc, os.write


class BridgeFault(Exception):
    def __init__(self, kind: str, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.detail = detail


def usage(message: str) -> BridgeFault:
    return BridgeFault("usage", message)


def malformed(message: str) -> BridgeFault:
    return BridgeFault("malformed", message)


def is_cancel(error: BaseException) -> bool:
    """gevent's kill of a request or a host (a cancel). Looked up only here: the doctor runs without gevent."""
    gevent = sys.modules.get("gevent")
    return gevent is not None and isinstance(error, gevent.GreenletExit)


def text_of(error: BaseException, _depth: int = 0) -> str:
    """str(error), which runs the connector's code: when that raises, what it raised, in its place."""
    try:
        return str(error)
    except BaseException as failed:  # whatever __str__ raises, the error must still be shown
        if is_cancel(failed):  # it stops what runs, it is not what str() said
            raise
        inner = f": {text_of(failed, _depth + 1)}" if _depth < 2 else ""
        return f"<str() failed: {type(failed).__name__}{inner}>"


def describe_exception(error: BaseException) -> str:
    """The line a person sees: pyinfra's own errors (InventoryError, ConnectError) as their text."""
    from pyinfra.api.exceptions import PyinfraError

    text = text_of(error)
    if isinstance(error, PyinfraError) and text:
        return scrub(text)
    if isinstance(error, KeyboardInterrupt):
        return "the connector raised KeyboardInterrupt"
    if isinstance(error, SystemExit):
        return scrub(f"the connector called sys.exit({short_repr(error.code)})")
    return scrub(f"{type(error).__name__}: {text}" if text else type(error).__name__)


def plain_description(error: BaseException) -> str:
    """An error as describe_exception shows one that is not pyinfra's (the doctor's, where pyinfra may be missing)."""
    text = text_of(error)
    return scrub(f"{type(error).__name__}: {text}" if text else type(error).__name__)


def format_traceback() -> str:
    """traceback.format_exc() of the exception being handled, secrets scrubbed; a note in its place when the connector
    broke the traceback module."""
    try:
        return scrub(_format_exc())
    except BaseException as failed:
        if is_cancel(failed):
            raise
        return f"(no traceback: making it raised {type(failed).__name__}, the connector may have replaced part of the traceback module)\n"


def log(text: str) -> None:
    """To fd 2, the bridge's log (scrubbed by the worker's parent), past a sys.stderr the connector replaced or closed."""
    data = text.encode("utf-8", "replace")
    try:
        while data:
            data = data[_write(2, data) :]
    except OSError:
        pass


def error_reply(kind: str, message: str, detail: str | None = None, target: str | None = None) -> dict:
    """The error of a reply on the wire, secrets scrubbed."""
    return {"kind": kind, "message": scrub(message), **({"detail": scrub(detail)} if detail else {}), **({"target": target} if target else {})}
