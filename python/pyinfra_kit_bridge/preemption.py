"""Interrupts code that keeps the CPU past its deadline, inside the worker.

gevent.Timeout needs the hub to run, which a CPU loop or a blocking C call never lets it do. A
SIGALRM handler runs between two bytecodes of whichever greenlet holds the CPU (and ends a blocking
system call with EINTR); when that greenlet is the overdue call's, or one it spawned, the handler
raises the call's error right there. An overdue call that is not running is one that yields: its own
gevent.Timeout ends it, so the handler only looks again a little later.
"""

from __future__ import annotations

import itertools
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

import gevent

# how soon the handler looks again when the overdue call is not the one holding the CPU
RETRY_S = 0.1


@dataclass
class _Pending:
    due: float
    owner: Any  # the greenlet that made the call
    error: BaseException


_pending: dict[int, _Pending] = {}
_tokens = itertools.count(1)
_installed = False


@contextmanager
def preemptible(seconds: float, error: BaseException) -> Iterator[None]:
    """Runs the body; if it still holds the CPU ``seconds`` from now, ``error`` is raised inside it."""
    token = next(_tokens)
    _pending[token] = _Pending(time.monotonic() + seconds, gevent.getcurrent(), error)
    _arm()
    try:
        yield
    finally:
        _pending.pop(token, None)
        _arm()


def _arm() -> None:
    global _installed
    if not _pending:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return
    if not _installed:
        signal.signal(signal.SIGALRM, _on_alarm)
        _installed = True
    delay = min(pending.due for pending in _pending.values()) - time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, delay if delay > 0 else RETRY_S)


def _descends_from(greenlet: Any, owner: Any) -> bool:
    while greenlet is not None:
        if greenlet is owner:
            return True
        parent = getattr(greenlet, "spawning_greenlet", None)
        greenlet = parent() if parent is not None else None
    return False


def _on_alarm(_signal: int, _frame: Any) -> None:
    now, current = time.monotonic(), gevent.getcurrent()
    for token, pending in list(_pending.items()):
        if pending.due <= now and _descends_from(current, pending.owner):
            del _pending[token]
            _arm()
            raise pending.error
    _arm()
