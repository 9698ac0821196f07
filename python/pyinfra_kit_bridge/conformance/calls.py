"""Every call the suite makes into connector code goes through the bridge's deadline helper, with
the time the check making it has left: a call that hangs, or keeps the CPU, ends as that check's
error (naming the call and the connector) and the suite goes on with the next check."""

from __future__ import annotations

import time
from contextlib import AbstractContextManager

from ..deadlines import CallClock, DeadlineExceeded, connector_call
from ..errors import BridgeFault, describe_exception
from ..masking import scrub
from ..lineage import Inherited

# a call made when its check has no time left still gets this long, and so fails at once
_AT_LEAST_S = 0.1

_due: Inherited[float] = Inherited()


def start_budget(seconds: float) -> None:
    """The calls of the current greenlet (a check, or the suite's set-up) from now on end within ``seconds``."""
    _due.attach(time.monotonic() + seconds)


def connector(what: str, target: str, seconds: float | None = None) -> AbstractContextManager[CallClock]:
    """A call into the connector code of ``target``, given ``seconds`` or what is left of the budget."""
    if seconds is None:
        due = _due.current()
        seconds = None if due is None else max(_AT_LEAST_S, round(due - time.monotonic(), 1))
    return connector_call(what, target, seconds=seconds, preempt=True)


def describe(error: BaseException) -> str:
    """An overrun as the sentence that names the call; any other error as the bridge describes it."""
    if isinstance(error, (DeadlineExceeded, BridgeFault)):
        return scrub(str(error))
    return describe_exception(error)
