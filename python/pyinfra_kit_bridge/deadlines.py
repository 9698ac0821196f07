"""Every call into connector code runs under a deadline the kit enforces, not the connector.

The worker tells its parent when a call starts and ends. A call that yields to gevent (sleeps,
waits on a socket or a process) is interrupted at its deadline by ``gevent.Timeout``; one that
never yields (a CPU loop, a blocking C call) is ended by the parent, which kills the worker's
process group shortly after. Calls whose half-done state cannot be trusted (make_names_data,
imports) skip the first step: the parent stops the worker right at the deadline. A caller that
goes on after an overrun (the conformance suite, with the next check) asks for ``preempt``: a call
that never yields is then interrupted inside the worker (preemption.py) before the parent steps in.
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Callable, ContextManager, Iterator

import gevent

from .lineage import Inherited
from .preemption import preemptible

# when a request says nothing: generous, so only a connector that hangs meets it
DEFAULT_SECONDS = 3600.0
# how long past its deadline a cooperative call may take to unwind before the parent steps in
UNWIND_GRACE_S = 2.0
# how long past its deadline a preemptible call may keep the CPU before it is interrupted in place
PREEMPT_AFTER_S = 0.5


class DeadlineExceeded(BaseException):
    """BaseException, as gevent.Timeout: a connector's ``except Exception`` cannot swallow it."""

    def __init__(self, what: str, seconds: float, how: str = "") -> None:
        super().__init__(f"{what} did not finish within {seconds:g} s{how}")
        self.what = what
        self.seconds = seconds


@dataclass
class RequestDeadline:
    request_id: int
    seconds: float
    notify: Callable[[str, dict], None]


_deadlines: Inherited[RequestDeadline] = Inherited()
_call_ids = itertools.count(1)


def attach(deadline: RequestDeadline) -> None:
    _deadlines.attach(deadline)


def mark_target(error: BaseException, target: str) -> None:
    """Each error line can then name the target it belongs to."""
    if getattr(error, "kit_target", None) is None:
        try:
            error.kit_target = target  # type: ignore[attr-defined]
        except AttributeError:
            pass


class CallClock:
    """The deadline of one running call, seen from inside it."""

    def __init__(self, notify: Callable[[str, dict], None] | None = None, call: int = 0) -> None:
        self._notify = notify
        self._call = call

    def exclude(self, seconds: float) -> None:
        """Moves the deadline of a call that is not cooperative by time the kit, not the connector,
        spent inside it (handing make_names_data's items on to pyinfra and the client)."""
        if self._notify is not None:
            self._notify("_extend", {"call": self._call, "seconds": seconds})


@contextmanager
def holding_output(what: str) -> Iterator[None]:
    """Holds the worker's output (output_relay.py) across connector imports and the make_names_data calls after
    them, so a secret a module prints when imported is scrubbed once make_names_data has yielded it. It has no
    deadline of its own: each call inside has its own."""
    deadline = _deadlines.current()
    if deadline is None:
        yield
        return
    call = next(_call_ids)
    deadline.notify("_call", {"id": deadline.request_id, "call": call, "what": what, "seconds": None, "grace": 0.0, "holdOutput": True})
    try:
        yield
    finally:
        deadline.notify("_done", {"call": call})


@contextmanager
def connector_call(what: str, target: str, cooperative: bool = True, seconds: float | None = None, preempt: bool = False) -> Iterator[CallClock]:
    """Runs the body as a call into the connector code of ``target``, described as ``what``;
    ``seconds`` is a deadline tighter than the request's (the time a conformance check has left)."""
    try:
        with _deadline(what, cooperative, seconds, preempt) as clock:
            yield clock
    except BaseException as error:
        mark_target(error, target)
        raise


@contextmanager
def _deadline(what: str, cooperative: bool, seconds: float | None, preempt: bool) -> Iterator[CallClock]:
    deadline = _deadlines.current()
    if deadline is None:  # not inside a request (a unit test calling a helper directly)
        yield CallClock()
        return
    limit = deadline.seconds if seconds is None else min(seconds, deadline.seconds)
    call = next(_call_ids)
    grace = UNWIND_GRACE_S if cooperative else 0.0
    # a call that is not cooperative (make_names_data, an import) is one that can yield new secrets:
    # the parent holds the worker's output until it ends (output_relay.py)
    note = {"id": deadline.request_id, "call": call, "what": what, "seconds": limit, "grace": grace, "holdOutput": not cooperative}
    deadline.notify("_call", note)
    timer = gevent.Timeout(limit, DeadlineExceeded(what, limit)) if cooperative else None
    interrupt: ContextManager[None] = nullcontext()
    if preempt and cooperative:
        kept_cpu = DeadlineExceeded(what, limit, ": it kept the CPU without yielding (a loop or a blocking call), so the kit interrupted it")
        interrupt = preemptible(limit + PREEMPT_AFTER_S, kept_cpu)
    try:
        if timer is not None:
            timer.start()
        with interrupt:
            yield CallClock(deadline.notify, call)
    finally:
        if timer is not None:
            timer.close()
        deadline.notify("_done", {"call": call})
