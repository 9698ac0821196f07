"""Errors the client shows as is. ``kind`` is one of protocol.ts' BridgeErrorKind values."""

from __future__ import annotations


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


def describe_exception(error: BaseException) -> str:
    """The line a person sees: pyinfra's own errors (InventoryError, ConnectError) as their text."""
    from pyinfra.api.exceptions import PyinfraError

    text = str(error)
    if isinstance(error, PyinfraError) and text:
        return text
    if isinstance(error, KeyboardInterrupt):
        return "the connector raised KeyboardInterrupt"
    if isinstance(error, SystemExit):
        return f"the connector called sys.exit({error.code!r})"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
