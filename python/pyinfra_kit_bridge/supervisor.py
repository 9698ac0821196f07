"""The bridge's parent process: it never runs connector code, it routes requests to workers.

Each connector target (the set of targets one request names) gets a worker process forked from
this one, which has already imported gevent and pyinfra, so a fork is cheap. A worker leads its own
process group: on a deadline, a cancel that is not obeyed, or a crash, that group is killed alone
and the next request for the target forks a new worker. The parent is a plain poll loop without
greenlets, so a fork copies no running greenlet into the child.
"""

from __future__ import annotations

import json
import math
import os
import re
import select
import shutil
import signal
import time
from dataclasses import dataclass, field
from typing import Callable

from gevent import monkey

from .downloads import remove_partial
from .lines import LineBuffer
from .output_relay import OutputRelay
from .routing import worker_key

_fork = monkey.get_original("os", "fork")
_waitpid = monkey.get_original("os", "waitpid")
_poll = monkey.get_original("select", "poll")

# a cancelled request whose worker does not confirm within this long gets the worker stopped
CANCEL_GRACE_S = 2.0
# when the client goes, workers get this long to clean up before they are killed
SHUTDOWN_GRACE_S = 3.0
# idle workers kept warm; beyond this the least recently used one is stopped
MAX_WORKERS = 16
# stop reading from workers while this much waits to be written to the client
CLIENT_BACKLOG = 8 * 1024 * 1024
_POLL_IN, _POLL_OUT, _POLL_HUP, _POLL_ERR = select.POLLIN, select.POLLOUT, select.POLLHUP, select.POLLERR
_REPLY = re.compile(rb'^\{"id": (\d+)')


@dataclass
class Call:
    """A call into connector code that a worker reported, with its hard deadline."""

    request_id: int
    what: str
    seconds: float | None  # None: no deadline of its own (deadlines.holding_output)
    due: float
    holds_output: bool = False  # it may yield new secrets: the worker's output waits until it ends


@dataclass
class Worker:
    key: str
    pid: int
    fd: int
    output: OutputRelay
    lines: LineBuffer = field(default_factory=LineBuffer)
    outbox: bytearray = field(default_factory=bytearray)
    pending: dict[int, str] = field(default_factory=dict)  # request id -> method
    calls: dict[int, Call] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)  # removed if the worker dies before it does
    temp_dir: str = ""
    stopped_because: tuple[str, int | None, str] | None = None  # (kind, request id, message)
    replied: bool = False  # a reply was read: its request's unfinished output line is passed on (see _receive)
    last_used: float = field(default_factory=time.monotonic)


def _status_text(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
        crash = " (a crash in native code)" if number in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT, signal.SIGILL, signal.SIGFPE) else ""
        return f"its process was killed by {name}{crash}"
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
    return f"it ended its process with exit code {code} (os._exit or similar)"


def _kill_worker(pid: int) -> None:
    """The worker's process group, and the worker itself: connector code may have moved it out of its group."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _write_stderr(data: bytes) -> None:
    while data:
        data = data[os.write(2, data) :]


class Supervisor:
    def __init__(self, client_fd: int, start_worker: Callable[[int, str, list[int]], None]) -> None:
        self.client_fd = client_fd
        self.client_lines = LineBuffer()
        self.client_outbox = bytearray()
        self.start_worker = start_worker
        self.workers: dict[str, Worker] = {}
        self.by_fd: dict[int, Worker] = {}
        self.by_output_fd: dict[int, Worker] = {}
        self.owner: dict[int, Worker] = {}  # request id -> worker
        self.cancel_due: dict[int, float] = {}
        self.closing = False
        os.set_blocking(client_fd, False)

    # -- to the client ------------------------------------------------------------------------

    def to_client(self, data: bytes) -> None:
        self.client_outbox += data

    def reply_error(self, request_id: int, kind: str, message: str, target: str | None = None) -> None:
        error = {"kind": kind, "message": message, **({"target": target} if target else {})}
        self.to_client((json.dumps({"id": request_id, "error": error}, ensure_ascii=False) + "\n").encode())

    # -- workers ------------------------------------------------------------------------------

    def worker_for(self, key: str) -> Worker:
        worker = self.workers.get(key)
        if worker is None:
            self._evict_idle()
            worker = self._fork(key)
        worker.last_used = time.monotonic()
        return worker

    def _fork(self, key: str) -> Worker:
        import _socket

        ours, theirs = _socket.socketpair(_socket.AF_UNIX, _socket.SOCK_STREAM)
        keep_fd = theirs.detach()
        parent_fd = ours.detach()
        output_fd, worker_output_fd = os.pipe()
        pid = _fork()
        if pid == 0:
            os.close(parent_fd)
            os.close(output_fd)
            os.dup2(worker_output_fd, 1)
            os.dup2(worker_output_fd, 2)
            os.close(worker_output_fd)
            self.start_worker(keep_fd, key, [self.client_fd, *self.by_fd, *self.by_output_fd])  # never returns
        os.close(keep_fd)
        os.close(worker_output_fd)
        try:
            os.setpgid(pid, pid)  # also done by the child: whichever runs first, it leads its group before any kill
        except OSError:
            pass
        os.set_blocking(parent_fd, False)
        os.set_blocking(output_fd, False)
        worker = Worker(key, pid, parent_fd, OutputRelay(output_fd, key or "installed connectors", _write_stderr))
        self.workers[key] = worker
        self.by_fd[parent_fd] = worker
        self.by_output_fd[output_fd] = worker
        return worker

    def _evict_idle(self) -> None:
        idle = sorted((w for w in self.workers.values() if not w.pending), key=lambda w: w.last_used)
        for worker in idle[: max(0, len(self.workers) - MAX_WORKERS + 1)]:
            self.stop(worker, None)

    def stop(self, worker: Worker, because: tuple[str, int | None, str] | None) -> None:
        """Kills the worker's process group; its requests are answered when its channel closes."""
        if worker.stopped_because is None:
            worker.stopped_because = because or ("exited", None, "")
        _kill_worker(worker.pid)

    def _worker_gone(self, worker: Worker) -> None:
        self.by_fd.pop(worker.fd, None)
        if self.workers.get(worker.key) is worker:
            del self.workers[worker.key]
        os.close(worker.fd)
        _kill_worker(worker.pid)  # what it started goes with it
        _, status = _waitpid(worker.pid, 0)
        worker.output.drain()
        del self.by_output_fd[worker.output.fd]
        os.close(worker.output.fd)
        for path in worker.files:
            remove_partial(path)
        if worker.temp_dir:
            shutil.rmtree(worker.temp_dir, ignore_errors=True)
        self._answer_orphans(worker, status)

    def _answer_orphans(self, worker: Worker, status: int) -> None:
        kind, culprit, message = worker.stopped_because or ("exited", None, "")
        # a call into connector code, not the hold around an inventory's imports and make_names_data
        running = next((call for call in worker.calls.values() if call.seconds is not None), None)
        if not message:
            what = running.what if running else f"the worker for {worker.key or 'installed connectors'}"
            message = f"{what}: {_status_text(status)}"
        for request_id in list(worker.pending):
            self.owner.pop(request_id, None)
            self.cancel_due.pop(request_id, None)
            if request_id == culprit:
                self.reply_error(request_id, kind, message, worker.key or None)
            else:
                self.reply_error(request_id, "exited", message if culprit is None else f"Stopped: {message}", worker.key or None)
        worker.pending.clear()

    # -- messages -----------------------------------------------------------------------------

    def from_client(self, line: bytes) -> None:
        message = json.loads(line)
        params = dict(message.get("params") or {})
        if message.get("method") == "cancel":
            worker = self.owner.get(params.get("id"))
            if worker is not None:
                worker.outbox += line + b"\n"
                self.cancel_due[params["id"]] = time.monotonic() + CANCEL_GRACE_S
            return
        request_id = message.get("id")
        params.setdefault("cwd", os.getcwd())  # the parent's cwd: a worker's may have been changed by a connector
        worker = self.worker_for(worker_key(params))
        worker.pending[request_id] = str(message.get("method"))
        self.owner[request_id] = worker
        worker.outbox += (json.dumps({**message, "params": params}) + "\n").encode()

    def from_worker(self, worker: Worker, line: bytes) -> None:
        reply = _REPLY.match(line)
        if reply:
            request_id = int(reply.group(1))
            worker.pending.pop(request_id, None)
            self.owner.pop(request_id, None)
            self.cancel_due.pop(request_id, None)
            for call_id in [c for c, call in worker.calls.items() if call.request_id == request_id]:
                del worker.calls[call_id]
            self._hold_output(worker)
            worker.replied = True
            self.to_client(line + b"\n")
        elif line.startswith(b'{"method": "_'):
            self._note(worker, json.loads(line))
        else:
            self.to_client(line + b"\n")

    def _note(self, worker: Worker, note: dict) -> None:
        method, params = note["method"], note["params"]
        if method == "_call":
            due = math.inf if params["seconds"] is None else time.monotonic() + params["seconds"] + params.get("grace", 0)
            worker.calls[params["call"]] = Call(params["id"], params["what"], params["seconds"], due, bool(params.get("holdOutput")))
            self._hold_output(worker)
        elif method == "_done":
            worker.calls.pop(params["call"], None)
            self._hold_output(worker)
        elif method == "_extend" and params["call"] in worker.calls:
            worker.calls[params["call"]].due += params["seconds"]
        elif method == "_secrets":
            worker.output.scrubber.add(params["values"])
        elif method == "_files":
            worker.files.update(params.get("add", []))
            worker.files.difference_update(params.get("remove", []))
        elif method == "_temp":
            worker.temp_dir = params["dir"]

    def _end_output_line(self, worker: Worker) -> None:
        """A request ended: what the worker wrote before its reply (and after the messages read so far)
        is read now, and its unfinished line passed on, not only when the worker ends."""
        while not worker.output.ended:
            chunk = self._read(worker.output.fd)
            if chunk is None:
                break
            if not chunk:
                worker.output.ended = True
                break
            worker.output.push(chunk)
        worker.output.end_line()

    def _hold_output(self, worker: Worker) -> None:
        worker.output.hold(any(call.holds_output for call in worker.calls.values()))

    def _check_timers(self) -> None:
        now = time.monotonic()
        for worker in list(self.workers.values()):
            for call in list(worker.calls.values()):
                if now >= call.due and worker.stopped_because is None:
                    seconds = f"{call.seconds:g}"
                    self.stop(worker, ("timeout", call.request_id, f"{call.what} did not finish within {seconds} s; its worker process was stopped and starts again on the next call"))
        for request_id, due in list(self.cancel_due.items()):
            worker = self.owner.get(request_id)
            if now >= due and worker is not None and worker.stopped_because is None:
                self.stop(worker, ("cancelled", request_id, f"the {worker.pending.get(request_id, 'request')} on {worker.key} did not stop when cancelled; its worker process was stopped"))

    def _next_timeout_ms(self) -> int:
        dues = [call.due for w in self.workers.values() for call in w.calls.values() if call.due != math.inf] + list(self.cancel_due.values())
        if self.closing:
            return 100
        if not dues:
            return -1
        return max(0, int((min(dues) - time.monotonic()) * 1000) + 1)

    # -- the loop -----------------------------------------------------------------------------

    def _flush(self, fd: int, outbox: bytearray) -> None:
        try:
            written = os.write(fd, outbox)
            del outbox[:written]
        except BlockingIOError:
            pass
        except OSError:
            outbox.clear()  # the reader is gone; its end is noticed on the read side

    def _read(self, fd: int) -> bytes | None:
        """The bytes there are, None when there are none yet, b"" when the other end is gone."""
        try:
            return os.read(fd, 1 << 18)
        except BlockingIOError:
            return None
        except OSError:
            return b""

    def serve(self) -> None:
        shutdown_at: float | None = None
        while True:
            poller = _poll()
            if not self.closing:
                poller.register(self.client_fd, _POLL_IN | (_POLL_OUT if self.client_outbox else 0))
            elif self.client_outbox:
                poller.register(self.client_fd, _POLL_OUT)
            backlogged = len(self.client_outbox) > CLIENT_BACKLOG
            for fd, worker in self.by_fd.items():
                poller.register(fd, (0 if backlogged else _POLL_IN) | (_POLL_OUT if worker.outbox else 0))
            for fd, worker in self.by_output_fd.items():
                if not backlogged and not worker.output.ended:
                    poller.register(fd, _POLL_IN)
            if self.closing and not self.by_fd:
                return
            if self.closing and shutdown_at is not None and time.monotonic() > shutdown_at:
                for worker in list(self.by_fd.values()):
                    self.stop(worker, None)
            for fd, event in poller.poll(self._next_timeout_ms()):
                if fd == self.client_fd:
                    if event & _POLL_OUT:
                        self._flush(fd, self.client_outbox)
                    if event & (_POLL_IN | _POLL_HUP | _POLL_ERR) and not self.closing:
                        chunk = self._read(fd)
                        if chunk is None:
                            continue
                        if not chunk:
                            self.closing = True
                            shutdown_at = time.monotonic() + SHUTDOWN_GRACE_S
                            self._close_workers_channels()
                            continue
                        for line in self.client_lines.push(chunk):
                            self.from_client(line)
                    continue
                worker = self.by_fd.get(fd)
                if worker is not None:
                    if event & _POLL_OUT:
                        self._flush(fd, worker.outbox)
                    if event & (_POLL_IN | _POLL_HUP | _POLL_ERR):
                        self._receive(worker)
                    continue
                worker = self.by_output_fd.get(fd)
                # the messages the worker sent before this output first: they report the secrets it may quote
                if worker is not None and self._receive(worker, until_empty=True):
                    chunk = self._read(fd)
                    if chunk == b"":
                        worker.output.ended = True
                    elif chunk:
                        worker.output.push(chunk)
            self._check_timers()

    def _receive(self, worker: Worker, until_empty: bool = False) -> bool:
        """Handles what the worker sent; False when its channel has closed (the worker is gone). After a
        reply, every message already sent is handled (the secrets they report) before its output is read."""
        while True:
            chunk = self._read(worker.fd)
            if chunk is None:
                break
            if not chunk:
                self._worker_gone(worker)
                return False
            for line in worker.lines.push(chunk):
                self.from_worker(worker, line)
            if not until_empty and not worker.replied:
                return True
        if worker.replied:
            worker.replied = False
            self._end_output_line(worker)
        return True

    def _close_workers_channels(self) -> None:
        """The client went: each worker sees its channel end, stops its calls and cleans up."""
        import _socket

        for fd in list(self.by_fd):
            try:
                view = _socket.socket(fileno=os.dup(fd))
                view.shutdown(_socket.SHUT_WR)
                view.close()
            except OSError:
                pass


