"""One check run: its outcome as the result the CLI and the Test Explorer render."""

from __future__ import annotations

import time
from typing import Any

import gevent
from gevent import GreenletExit

from ..deadlines import DeadlineExceeded
from ..errors import describe_exception, format_traceback, log
from ..jsonsafe import json_safe
from ..masking import scrub
from .calls import start_budget
from .registry import Check, CheckError, Failed, Skipped

# each connector call ends within the check's time left (calls.py); this is for the kit's own waits
_CHECK_SLACK_S = 1.0


class _CheckTimeout(BaseException):
    """The check's own deadline: apart from a TimeoutError the connector raises, and out of reach
    of a check's `except Exception`."""


def result(target: str, host: str | None, check: Check, status: str, message: str, duration_ms: float = 0, raised: str = "", **diff: Any) -> dict:
    """``raised``: the traceback of the connector's exception, when the check ended with one."""
    # both sides or neither: a side that is None is a value the diff shows (null), not a missing one
    shown = {key: json_safe(value) for key, value in diff.items()} if any(value is not None for value in diff.values()) else {}
    where = {"traceback": scrub(raised)} if raised else {}
    # a message may quote host data or the target's argument (make_names_data('...') failed) with its secrets
    return {"target": target, "host": host, "check": check.id, "status": status, "message": scrub(message), **shown, **where, "durationMs": round(duration_ms, 1)}


def run_check(target: str, host: str | None, check: Check, subject: Any, timeout_s: float) -> dict:
    started = time.monotonic()

    def done(status: str, message: str, raised: str = "", **diff: Any) -> dict:
        return result(target, host, check, status, message, (time.monotonic() - started) * 1000, raised, **diff)

    start_budget(timeout_s)
    try:
        with gevent.Timeout(timeout_s + _CHECK_SLACK_S, _CheckTimeout):
            answer = check.run(subject)
    except GreenletExit:
        raise
    except DeadlineExceeded as overrun:
        return done("error", str(overrun))
    except Failed as failure:
        return done("fail", failure.message, expected=failure.expected, actual=failure.actual)
    except Skipped as skipped:
        return done("skip", str(skipped))
    except CheckError as error:
        return done("error", str(error))
    except _CheckTimeout:
        return done("error", f"the check did not finish within {timeout_s:g} s (--timeout)")
    except BaseException as error:  # GeneratorExit, a library's own BaseException, SystemExit too
        # the connector raised where pyinfra expects an answer
        raised = format_traceback()
        log(f"[{host or target}] {check.id}: {raised}")
        return done("fail", f"the connector raised {describe_exception(error)}", raised)
    return done("pass", answer if isinstance(answer, str) else "")
