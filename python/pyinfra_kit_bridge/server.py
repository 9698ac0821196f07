"""A worker's request loop: one greenlet per request, so a slow call never holds up the others.

HANDLERS is the table of what a worker can do; each entry runs inside the worker of the targets its
request names (see routing.py). A new request kind is one line here.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Callable

import gevent
from gevent import GreenletExit

from . import conformance, deadlines, execution, limits, pyinfra_compat, spawning, streaming
from .channel import Channel
from .deadlines import DEFAULT_SECONDS, DeadlineExceeded
from .errors import BridgeFault, describe_exception, error_reply, format_traceback, log
from .hosts_stream import HostsStream
from .inventory import build_inventory, cli_data, describe_hosts
from .registry import registry
from .worker import end_group, remove_leftovers

Handler = Callable[[int, dict, Callable[[str, dict], None]], Any]
# how long running requests get to clean up (remove partial files, stop commands) when the parent goes
_CLEANUP_S = 3.0


def _inventory(request_id: int, params: dict, notify) -> list[dict] | dict:
    """The hosts as one list, or with ``chunked`` as notifications while they are yielded, then their count."""
    targets = list(params.get("targets") or [])
    show_secrets = bool(params.get("showSecrets"))
    if not params.get("chunked"):
        loaded = build_inventory(targets, params["cwd"], params.get("data"), params.get("sources"))
        hosts = describe_hosts(loaded, show_secrets)
        loaded.release()
        return hosts
    stream = HostsStream(request_id, notify.send_line, show_secrets, cli_data(params.get("data")))
    try:
        loaded = build_inventory(targets, params["cwd"], params.get("data"), params.get("sources"), stream.yielded)
        count = stream.finish(loaded.inventory, loaded.origins)
        loaded.release()
    finally:
        stream.close()
    return {"count": count}


def _connectors(_request_id: int, _params: dict, _notify) -> list[dict]:
    return registry.describe_all()


HANDLERS: dict[str, Handler] = {
    "connectors": _connectors,
    "inventory": _inventory,
    "run": execution.run,
    "put": execution.put,
    "get": execution.get,
    "test": conformance.test,
}


class Notifier:
    """How a handler talks while it works: ``notify(name, payload)``, or a line of JSON it encoded itself."""

    def __init__(self, channel: Channel) -> None:
        self._channel = channel

    def __call__(self, name: str, payload: dict) -> None:
        self._channel.send({"method": name, "params": payload})

    def send_line(self, text: str) -> None:
        self._channel.send_line(text)


def _handle(channel: Channel, message: dict, running: dict) -> None:
    request_id = message.get("id")
    method = message.get("method")
    params = dict(message.get("params") or {})

    notify = Notifier(channel)
    limits.attach(limits.Limits.of(params))
    deadlines.attach(deadlines.RequestDeadline(request_id, float(params.get("deadlineSec") or DEFAULT_SECONDS), notify))
    try:
        handler = HANDLERS.get(str(method))
        if handler is None:
            raise BridgeFault("usage", f"Unknown bridge method: {method}")
        channel.send({"id": request_id, "result": handler(request_id, params, notify)})
    except GreenletExit:
        channel.send({"id": request_id, "error": error_reply("cancelled", "Cancelled")})
    except BridgeFault as fault:
        channel.send({"id": request_id, "error": error_reply(fault.kind, fault.message, fault.detail, getattr(fault, "kit_target", None))})
    except DeadlineExceeded as exceeded:
        channel.send({"id": request_id, "error": error_reply("timeout", str(exceeded), None, getattr(exceeded, "kit_target", None))})
    except BaseException as error:  # GeneratorExit and a library's own BaseException too: every request is answered
        detail = format_traceback()
        log(detail)
        channel.send({"id": request_id, "error": error_reply("connector", describe_exception(error), detail, getattr(error, "kit_target", None))})
    finally:
        running.pop(request_id, None)


def prepare() -> None:
    """Everything a process sets up before it handles requests; the bridge's workers and the debug entry
    both call it, so a debugged request meets pyinfra as a normal one does."""
    import logging

    pyinfra_compat.install()
    spawning.install()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    streaming.install()
    sys.path.append(os.getcwd())  # as pyinfra's CLI does (sys.path.append(".")): workspace modules import


def serve(channel: Channel, key: str = "") -> None:
    prepare()
    running: dict[Any, gevent.Greenlet] = {}
    for message in channel.messages():
        if message.get("method") == "cancel":
            greenlet = running.get((message.get("params") or {}).get("id"))
            if greenlet is not None:
                greenlet.kill(block=False)
            continue
        running[message.get("id")] = gevent.spawn(_handle, channel, message, running)
    # the parent closed the channel (the client is gone): stop every call, letting each clean up
    # (partial downloads, remote commands), then everything this worker's process group started
    gevent.killall(list(running.values()), timeout=_CLEANUP_S)
    remove_leftovers()
    sys.stderr.flush()
    end_group()
