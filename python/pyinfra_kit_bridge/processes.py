"""Stopping what a cancelled or timed-out run started, locally and on the remote host.

pyinfra's local commands run as ``sh -c "sh -c '...'"`` through gevent's Popen: killing the Popen's
own pid would leave the inner shell running, so the whole tree below it is killed (found through
/proc on Linux; elsewhere just the pid). pyinfra's @ssh runs commands on paramiko channels without a
pty, so closing the channel leaves the remote command running (reparented to PID 1): the channel is
sent the SSH "signal" request (RFC 4254 6.9), on which OpenSSH's sshd kills the command's process
group; sshd ignores that request for root logins, so the group is also killed from a second channel,
by the pid the command's shell wrote down when it started.
"""

from __future__ import annotations

import os
import secrets
import signal
import time
from typing import Any, Callable

from gevent import monkey

_sleep = monkey.get_original("time", "sleep")  # a real pause, also in a patched worker: no other greenlet runs meanwhile
# how long the members of a tree being killed are waited for to stop (one in an uninterruptible wait may not)
_STOP_WAIT_S = 1.0


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


def _tree(pid: int) -> list[int]:
    tree = [pid]
    children = _children_by_parent()
    index = 0
    while index < len(tree):
        tree.extend(children.get(tree[index], []))
        index += 1
    return tree


def _running(pid: int) -> bool:
    """Whether the process may still run code (not stopped, a zombie or gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read().decode("utf-8", "replace")
    except OSError:
        return False
    return stat[stat.rfind(")") + 2 :][:1] not in ("T", "t", "Z", "X", "x")


def kill_tree(pid: int) -> None:
    """Kills the process and everything below it. Each member is stopped first, and the tree read
    again, until every member has stopped and none is new: killed as first found, a shell forking
    its next command meanwhile (``echo started; sleep 60``, cancelled on "started") left that
    command running."""
    if not os.path.isdir("/proc"):
        members = [pid]
    else:
        members = []
        found: set[int] = set()
        while new := [member for member in _tree(pid) if member not in found]:
            stopping = []
            for member in new:
                found.add(member)
                members.append(member)
                try:
                    os.kill(member, signal.SIGSTOP)
                    stopping.append(member)
                except OSError:  # gone, or another user's (what sudo runs): not ours to stop
                    pass
            # a stop takes effect when the process is next scheduled: until then it may fork
            give_up = time.monotonic() + _STOP_WAIT_S
            while any(_running(member) for member in stopping) and time.monotonic() < give_up:
                _sleep(0.001)
    for member in members:
        try:
            os.kill(member, signal.SIGKILL)
        except OSError:
            pass


class RemoteCommand:
    """A command pyinfra's @ssh started on a paramiko channel, and where its shell wrote its pid."""

    def __init__(self, channel: Any, pid_file: str) -> None:
        self.channel = channel
        self.pid_file = pid_file

    def marked(self, command: str | bytes) -> str:
        # sshd runs each command in a session of its own (setsid): the login shell's $$ is the
        # process group of everything the command starts, sudo included
        text = command.decode() if isinstance(command, bytes) else command
        return f"printf %s $$ >{self.pid_file} 2>/dev/null; {text}\nstatus=$?; rm -f {self.pid_file}; exit $status"

    def stop(self) -> None:
        """Ends the command's process group on the host if it still runs, then closes the channel.

        OpenSSH honours the SSH "signal" request (RFC 4254 6.9) only under privilege separation,
        which it drops for root logins; so the group is also killed from a second channel."""
        channel = self.channel
        try:
            if not channel.closed and not channel.exit_status_ready():
                _send_signal(channel, "KILL")
                group = f"-$(cat {self.pid_file} 2>/dev/null || echo 0)"
                killer = channel.transport.open_session(timeout=_REMOTE_KILL_S)
                killer.settimeout(_REMOTE_KILL_S)
                killer.exec_command(f"kill -TERM -- {group}; sleep 0.2; kill -KILL -- {group}; rm -f {self.pid_file}")
                killer.recv_exit_status()
                killer.close()
            channel.close()
        except Exception:  # the connection is gone: so is the command's session
            pass


# how long stopping a remote command may take before it is given up
_REMOTE_KILL_S = 5.0


def _send_signal(channel: Any, name: str) -> None:
    from paramiko.common import cMSG_CHANNEL_REQUEST
    from paramiko.message import Message

    message = Message()
    message.add_byte(cMSG_CHANNEL_REQUEST)
    message.add_int(channel.remote_chanid)
    message.add_string("signal")
    message.add_boolean(False)
    message.add_string(name)
    channel.transport._send_user_message(message)


def stop_started(started: list) -> None:
    for item in started:
        if isinstance(item, RemoteCommand):
            item.stop()
        elif item.poll() is None:
            kill_tree(item.pid)


def track_processes(record: Callable[[Any], bool]) -> None:
    """Calls ``record`` with each local process (gevent Popen) and each command pyinfra's @ssh
    starts (a RemoteCommand; its command is marked only when ``record`` says it is kept)."""
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

    def tracked_exec(channel, command, *args, **kwargs):
        remote = RemoteCommand(channel, f"/tmp/.pyinfra-kit-{secrets.token_hex(8)}.pid")
        if record(remote):
            command = remote.marked(command)
        return exec_command(channel, command, *args, **kwargs)

    Channel.exec_command = tracked_exec
