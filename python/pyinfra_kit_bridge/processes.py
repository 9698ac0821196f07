"""Stopping what a cancelled or timed-out run started, locally and on the remote host.

pyinfra's local commands run as ``sh -c "sh -c '...'"`` through gevent's Popen: killing the Popen's
own pid would leave the inner shell running, so the whole tree below it is killed (found through
/proc on Linux; elsewhere just the pid). pyinfra's @ssh runs commands on paramiko channels without a
pty, so closing the channel leaves the remote command running (reparented to PID 1): the channel is
sent the SSH "signal" request (RFC 4254 6.9), on which OpenSSH's sshd kills the command's process
group, before it is closed.
"""

from __future__ import annotations

import os
import signal
from typing import Any, Callable


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().decode("utf-8", "replace")
        except OSError:
            continue
        # the command name (field 2) may hold spaces and parentheses: fields follow its last ")"
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def kill_tree(pid: int) -> None:
    tree = [pid]
    if os.path.isdir("/proc"):
        children = _children_by_parent()
        index = 0
        while index < len(tree):
            tree.extend(children.get(tree[index], []))
            index += 1
    for member in tree:
        try:
            os.kill(member, signal.SIGKILL)
        except OSError:
            pass


def kill_remote(channel: Any) -> None:
    """Ends the remote command of an SSH channel that is still running, then closes the channel."""
    from paramiko.common import cMSG_CHANNEL_REQUEST
    from paramiko.message import Message

    try:
        if not channel.closed and not channel.exit_status_ready():
            message = Message()
            message.add_byte(cMSG_CHANNEL_REQUEST)
            message.add_int(channel.remote_chanid)
            message.add_string("signal")
            message.add_boolean(False)
            message.add_string("KILL")
            channel.transport._send_user_message(message)
        channel.close()
    except Exception:  # the connection is already gone: so is the command's session
        pass


def stop_started(started: list) -> None:
    for item in started:
        if hasattr(item, "poll"):
            if item.poll() is None:
                kill_tree(item.pid)
        else:
            kill_remote(item)


def track_processes(record: Callable[[Any], None]) -> None:
    """Calls ``record`` with each local process (gevent Popen) and SSH channel a connector starts."""
    from gevent import subprocess

    popen_init = subprocess.Popen.__init__

    def tracked_popen(popen, *args, **kwargs) -> None:
        popen_init(popen, *args, **kwargs)
        record(popen)

    subprocess.Popen.__init__ = tracked_popen
    try:
        from paramiko import Channel
    except ImportError:
        return
    exec_command = Channel.exec_command

    def tracked_exec(channel, *args, **kwargs):
        record(channel)
        return exec_command(channel, *args, **kwargs)

    Channel.exec_command = tracked_exec
