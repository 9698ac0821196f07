"""The request loop: one greenlet per request, so a slow connector never holds up the others."""

from __future__ import annotations

import os
import signal
import sys
import traceback
from typing import Any, Callable

import gevent
from gevent import GreenletExit

from . import execution, streaming
from .channel import Channel
from .errors import BridgeFault, describe_exception
from .inventory import build_inventory, describe_hosts
from .registry import registry
from .startup import describe

Handler = Callable[[int, dict, Callable[[str, dict], None]], Any]


def _inventory(_request_id: int, params: dict, _notify) -> list[dict]:
    targets = params.get("targets") or []
    loaded = build_inventory(list(targets), params["cwd"], params.get("data"), params.get("sources"))
    return describe_hosts(loaded, bool(params.get("showSecrets")))


def _connectors(_request_id: int, _params: dict, _notify) -> list[dict]:
    return registry.describe_all()


def _info(_request_id: int, _params: dict, _notify) -> dict:
    return describe()


HANDLERS: dict[str, Handler] = {
    "info": _info,
    "connectors": _connectors,
    "inventory": _inventory,
    "run": execution.run,
    "put": execution.put,
    "get": execution.get,
}


def _error(kind: str, message: str, detail: str | None = None) -> dict:
    return {"kind": kind, "message": message, **({"detail": detail} if detail else {})}


def _handle(channel: Channel, message: dict, running: dict) -> None:
    request_id = message.get("id")
    method = message.get("method")
    params = dict(message.get("params") or {})
    params.setdefault("cwd", os.getcwd())

    def notify(name: str, payload: dict) -> None:
        channel.send({"method": name, "params": payload})

    try:
        handler = HANDLERS.get(str(method))
        if handler is None:
            raise BridgeFault("usage", f"Unknown bridge method: {method}")
        channel.send({"id": request_id, "result": handler(request_id, params, notify)})
    except GreenletExit:
        channel.send({"id": request_id, "error": _error("cancelled", "Cancelled")})
    except BridgeFault as fault:
        channel.send({"id": request_id, "error": _error(fault.kind, fault.message, fault.detail)})
    except (Exception, SystemExit) as error:
        detail = traceback.format_exc()
        sys.stderr.write(detail)
        channel.send({"id": request_id, "error": _error("connector", describe_exception(error), detail)})
    finally:
        running.pop(request_id, None)


def serve(channel: Channel) -> None:
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    streaming.install()
    sys.path.append(os.getcwd())  # as pyinfra's CLI does (sys.path.append(".")): workspace modules import
    channel.send({"method": "ready", "params": describe()})
    running: dict[Any, gevent.Greenlet] = {}
    for message in channel.messages():
        if message.get("method") == "cancel":
            greenlet = running.get((message.get("params") or {}).get("id"))
            if greenlet is not None:
                greenlet.kill(block=False)
            continue
        running[message.get("id")] = gevent.spawn(_handle, channel, message, running)
    # the client closed the channel: it is gone, and so is the reason to live. When the bridge leads
    # its own process group (the Node client starts it so), commands connectors started go too.
    sys.stderr.flush()
    if os.getpgid(0) == os.getpid():
        os.killpg(os.getpid(), signal.SIGKILL)
    os._exit(0)
