"""connect.lifecycle: the connector pyinfra instantiated connects, disconnects and connects again."""

from __future__ import annotations

from .context import HostContext
from .registry import Failed, check


@check("connect.lifecycle", "instantiate, connect, run, disconnect, connect again and run")
def lifecycle(context: HostContext) -> None:
    context.disconnect()
    context.connect()
    if not context.host.connected:
        raise Failed("host.connect() returned without connecting")
    first = context.run("echo kit-connected")
    context.disconnect()
    context.connect()
    again = context.run("echo kit-again")
    if (first.stdout, again.stdout) != (["kit-connected"], ["kit-again"]):
        raise Failed("a command before and after reconnecting did not answer", expected=[["kit-connected"], ["kit-again"]], actual=[first.stdout, again.stdout])
