"""The one table of conformance checks: each check's id, scope and summary, stated where it is
written (``@check``), read by the suite, the `list` answer, the CLI and the Test Explorer."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any, Callable

TARGET, HOST, OPERATIONS = "target", "host", "operations"


class Failed(Exception):
    """The connector does not behave as pyinfra needs."""

    def __init__(self, message: str, expected: Any = None, actual: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.actual = actual


class Skipped(Exception):
    """The check does not apply here; the message says why."""


class CheckError(Exception):
    """The check itself could not run (its set-up failed)."""


@dataclass(frozen=True)
class Check:
    id: str
    scope: str  # TARGET: once per target; HOST: per host; OPERATIONS: per host, in the deploy phase
    summary: str
    run: Callable[..., Any]

    @property
    def group(self) -> str:
        return self.id.split(".", 1)[0]


CHECKS: list[Check] = []
# the order a connector's behaviour builds up: what it yields, connecting, commands, files, facts, a deploy
GROUP_ORDER = ["inventory", "connect", "run", "put", "get", "fact", "op"]


def check(check_id: str, summary: str, scope: str = HOST) -> Callable[[Callable], Callable]:
    def register(function: Callable) -> Callable:
        CHECKS.append(Check(check_id, scope, summary, function))
        return function

    return register


def expect_equal(what: str, expected: Any, actual: Any) -> None:
    if expected != actual:
        raise Failed(f"{what}: expected {_short(expected)}, got {_short(actual)}", expected, actual)


def _short(value: Any, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def selected(only: list[str] | None) -> list[Check]:
    """The checks whose id matches one of the globs (all of them when none are given)."""
    from . import fact_checks, get_checks, inventory_checks, lifecycle_checks, op_checks, put_checks, run_checks  # noqa: F401  (registers)

    ordered = sorted(CHECKS, key=lambda item: GROUP_ORDER.index(item.group))  # stable: source order within a group
    if not only:
        return ordered
    return [item for item in ordered if any(fnmatchcase(item.id, pattern) for pattern in only)]


def catalogue() -> list[dict]:
    return [{"id": item.id, "group": item.group, "scope": item.scope, "summary": item.summary} for item in selected(None)]
