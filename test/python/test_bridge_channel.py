"""The worker's channel: messages sent "soon" wait for the next write or the next turn of gevent's
loop, never overtake or fall behind the others, and come after the secrets they may quote."""

from __future__ import annotations

import json
import socket

import gevent
from pyinfra_kit_bridge import deadlines
from pyinfra_kit_bridge.channel import Channel


def channel_pair(prelude=list) -> tuple[Channel, socket.socket]:
    ours, theirs = socket.socketpair()
    theirs.setblocking(False)
    return Channel(ours.detach(), prelude), theirs


def received(sock: socket.socket) -> list[dict]:
    try:
        data = sock.recv(1 << 16)
    except BlockingIOError:
        return []
    return [json.loads(line) for line in data.decode().splitlines()]


def test_messages_sent_soon_go_with_the_next_message_in_their_order():
    channel, peer = channel_pair()
    channel.send_soon({"n": 1})
    channel.send_soon({"n": 2})
    assert received(peer) == []  # nothing written yet: they wait to share a write
    channel.send({"n": 3})
    assert received(peer) == [{"n": 1}, {"n": 2}, {"n": 3}]
    gevent.sleep(0)  # the pending flush finds nothing left to write
    assert received(peer) == []
    channel.close()


def test_a_message_sent_soon_is_written_when_the_loop_next_runs():
    channel, peer = channel_pair()
    channel.send_soon({"n": 1})
    gevent.sleep(0)
    assert received(peer) == [{"n": 1}]
    channel.close()


def test_the_prelude_goes_before_messages_that_waited():
    notes = [[{"method": "_secrets", "params": {"values": ["PW"]}}]]
    channel, peer = channel_pair(lambda: notes.pop() if notes else [])
    channel.send_soon({"n": 1})
    gevent.sleep(0)
    assert received(peer) == [{"method": "_secrets", "params": {"values": ["PW"]}}, {"n": 1}]
    channel.close()


def test_only_the_end_of_a_cooperative_call_may_wait():
    now: list[str] = []
    soon: list[str] = []
    deadlines.attach(deadlines.RequestDeadline(7, 5.0, lambda method, _params: now.append(method), lambda method, _params: soon.append(method)))
    try:
        with deadlines.connector_call("run_shell_command of t on h", "t"):
            pass
        assert (now, soon) == (["_call"], ["_done"])
        with deadlines.connector_call("make_names_data of t", "t", cooperative=False):
            pass
        assert (now, soon) == (["_call", "_call", "_done"], ["_done"])
    finally:
        deadlines.attach(None)  # other tests in this process call helpers outside any request
