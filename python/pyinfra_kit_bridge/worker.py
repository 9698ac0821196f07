"""A worker process: forked by the supervisor for one set of connector targets, it runs the request
loop (server.serve) for them. It leads its own process group, keeps temporary files in a folder of
its own, and tells the parent which files to remove should it die before it can."""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import sys
import tempfile

from .downloads import remove_partial
from .masking import scrubber

_channel = None
_files: set[str] = set()
_temp_dir = ""
_group = 0  # the process group this worker leads: its pid, set when it starts
# bound once: connector code may replace them in its worker
_killpg, _exit = os.killpg, os._exit


def track_file(path: str) -> None:
    """A file this worker is writing and removes itself unless it completes; the parent removes it if the worker dies."""
    _files.add(path)
    if _channel is not None:
        _channel.send({"method": "_files", "params": {"add": [path]}})


def untrack_file(path: str) -> None:
    _files.discard(path)
    if _channel is not None:
        _channel.send({"method": "_files", "params": {"remove": [path]}})


def remove_leftovers() -> None:
    for path in list(_files):
        remove_partial(path)
    if _temp_dir:
        shutil.rmtree(_temp_dir, ignore_errors=True)


def end_group() -> None:
    """Kills this worker and everything in its process group. By the group's id, not 0: connector code may have moved
    the worker into another group (its parent's), whose processes are not its own to kill."""
    try:
        _killpg(_group, signal.SIGKILL)
    except OSError:
        pass
    _exit(0)  # still here: the worker had left its group


def _die_now(_signal=None, _frame=None) -> None:
    """SIGTERM (sent when the parent dies): no time for greenlets, clean what is local and go."""
    remove_leftovers()
    end_group()


def _secrets_notes() -> list[dict]:
    """The secret values learnt since the last message: the parent scrubs this worker's output with them."""
    values = scrubber.take_unreported()
    return [{"method": "_secrets", "params": {"values": values}}] if values else []


def _end_with_parent() -> None:
    if sys.platform.startswith("linux"):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_worker(fd: int, key: str, inherited_fds: list[int]) -> None:
    """Runs in the freshly forked child; never returns."""
    global _channel, _temp_dir, _group
    try:
        os.setpgid(0, 0)
        _group = os.getpid()
        for other in inherited_fds:
            os.close(other)
        signal.signal(signal.SIGTERM, _die_now)
        _end_with_parent()
        import gevent

        gevent.reinit()
        from .channel import Channel
        from .server import serve

        scrubber.report_new()
        _channel = Channel(fd, _secrets_notes)
        _temp_dir = tempfile.mkdtemp(prefix="pyinfra-kit-worker-")
        tempfile.tempdir = _temp_dir  # pyinfra's @local put/get copy through mkstemp(): into this folder
        _channel.send({"method": "_temp", "params": {"dir": _temp_dir}})
        serve(_channel, key)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        remove_leftovers()
        sys.stderr.flush()
        os._exit(0)
