"""Starting local processes without copying the worker: gevent's Popen, spawned the stdlib's way.

pyinfra's @local (and any connector using ``subprocess`` after gevent's patching) starts each
command through gevent's Popen, which forks the whole worker (~50 MB) and runs Python in the child
until it execs: page tables copied and pages faulted on both sides, a few ms per command. CPython's
own ``_posixsubprocess.fork_exec`` does the same work in C with ``vfork`` (no copy). This module
gives gevent's Popen that start; everything else (pipes, the child watcher, ``wait``, the
exit status, ``kill``, gevent's ``os.waitpid`` on the child) stays gevent's. A Popen with
a ``preexec_fn`` (Python to run in the child) starts the gevent way.
"""

from __future__ import annotations

import builtins
import inspect
import os
import subprocess as stdlib_subprocess
import sys
import time
from collections import deque

import _posixsubprocess
from gevent import monkey
from gevent import os as gevent_os

# gevent's os.close defers the close to its loop: the error pipe's write end must be closed before
# the blocking read that waits for its end of file, and the child's pipe ends at once
_close = monkey.get_original("os", "close")

# the parameters of gevent's Popen._execute_child (gevent 26.x) this replacement was written against
_PARAMETERS = [
    "self", "args", "executable", "preexec_fn", "close_fds", "pass_fds", "cwd", "env", "universal_newlines",
    "startupinfo", "creationflags", "shell", "p2cread", "p2cwrite", "c2pread", "c2pwrite", "errread", "errwrite",
    "restore_signals", "gid", "gids", "uid", "umask", "start_new_session", "process_group",
]  # fmt: skip
# how the stdlib's own Popen (CPython 3.11-3.13) calls fork_exec; other versions order its arguments otherwise
_STDLIB_CALL = "errpipe_read, errpipe_write, restore_signals, start_new_session, process_group, gid, gids, uid, umask, preexec_fn, _USE_VFORK)"
_installed = False
# gevent's os.waitpid answers for the children listed here (gevent.os.fork_and_watch lists its own): the watcher
# while one runs, (pid, status, time) once it ended, forgotten ENDED_KEPT_S later as gevent forgets them. gevent
# scans them all at every child's end for that; the ends are kept in order here, so forgetting costs nothing
_WATCHED = getattr(gevent_os, "_watched_children", None)
ENDED_KEPT_S = 60
_ended: deque = deque()  # (time, pid), oldest first


def _fork_exec_is_known() -> bool:
    try:
        source = " ".join(inspect.getsource(stdlib_subprocess).split())  # the module's file: gevent may have patched its Popen
    except (OSError, TypeError):
        return False
    return _STDLIB_CALL in source


def _command_line(args, executable, shell: bool) -> tuple[list, str]:
    if isinstance(args, (str, bytes)):
        args = [args]
    elif isinstance(args, os.PathLike):
        if shell:
            raise TypeError("path-like args is not allowed when shell is true")
        args = [args]
    else:
        args = list(args)
    if shell:
        args = ["/bin/sh", "-c", *args]
        if executable:
            args[0] = executable
    return args, args[0] if executable is None else executable


def _environment(env) -> list[bytes] | None:
    if env is None:
        return None
    pairs = []
    for key, value in env.items():
        key = os.fsencode(key)
        if b"=" in key:
            raise ValueError("illegal environment variable name")
        pairs.append(key + b"=" + os.fsencode(value))
    return pairs


def _candidates(executable, env) -> tuple[bytes, ...]:
    executable = os.fsencode(executable)
    if os.path.dirname(executable):
        return (executable,)
    return tuple(os.path.join(os.fsencode(folder), executable) for folder in os.get_exec_path(env))


def _child_error(data: bytes, executable, cwd) -> BaseException:
    """The exception the stdlib raises for what a failed child wrote on its error pipe."""
    try:
        name, hex_errno, message = bytes(data).split(b":", 2)
        text = message.decode()
    except ValueError:
        return stdlib_subprocess.SubprocessError(f"Bad exception data from child: {bytes(data)!r}")
    kind = getattr(builtins, name.decode("ascii"), stdlib_subprocess.SubprocessError)
    if isinstance(kind, type) and issubclass(kind, OSError) and hex_errno:
        errno_number = int(hex_errno, 16)
        filename = cwd if text == "noexec" else executable
        return kind(errno_number, os.strerror(errno_number) if errno_number else "", filename)
    return kind(text) if isinstance(kind, type) and issubclass(kind, BaseException) else stdlib_subprocess.SubprocessError(text)


def _read_all(fd: int) -> bytearray:
    # fork_exec returns once the child has exec'd or failed (vfork), so this never waits long
    data = bytearray()
    while True:
        part = os.read(fd, 50000)
        data += part
        if not part or len(data) > 50000:
            return data


def install() -> None:
    """Replaces gevent's Popen._execute_child; left alone, saying so, if it is not the code this was written for."""
    global _installed
    if _installed:
        return
    _installed = True
    from gevent import subprocess as gevent_subprocess

    original = gevent_subprocess.Popen._execute_child
    if list(inspect.signature(original).parameters) != _PARAMETERS or not _fork_exec_is_known() or not isinstance(_WATCHED, dict):
        sys.stderr.write("pyinfra-kit: gevent's Popen._execute_child or this Python's fork_exec is not the code the spawning patch was written for; left as it is\n")
        return
    allow_vfork = bool(getattr(stdlib_subprocess, "_USE_VFORK", True))

    def _execute_child(self, args, executable, preexec_fn, close_fds, pass_fds, cwd, env, universal_newlines, startupinfo, creationflags, shell,
                       p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, restore_signals, gid, gids, uid, umask,
                       start_new_session, process_group):  # fmt: skip
        if preexec_fn is not None:
            return original(self, args, executable, preexec_fn, close_fds, pass_fds, cwd, env, universal_newlines, startupinfo, creationflags, shell,
                            p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, restore_signals, gid, gids, uid, umask,
                            start_new_session, process_group)  # fmt: skip
        args, executable = _command_line(args, executable, shell)
        sys.audit("subprocess.Popen", executable, args, cwd, env)
        self._loop.install_sigchld()
        errpipe_read, errpipe_write = os.pipe()
        low_fds = []
        while errpipe_write < 3:  # it must not land on the child's stdin, stdout or stderr
            low_fds.append(errpipe_write)
            errpipe_write = os.dup(errpipe_write)
        for fd in low_fds:
            _close(fd)
        try:
            try:
                pid = _posixsubprocess.fork_exec(
                    args, _candidates(executable, env), close_fds, tuple(sorted({*map(int, pass_fds), errpipe_write})),
                    cwd, _environment(env), p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write,
                    restore_signals, start_new_session, -1 if process_group is None else process_group, gid, gids, uid, umask,
                    None, allow_vfork,
                )  # fmt: skip
            finally:
                _close(errpipe_write)
            # the child watcher gevent's Popen itself reads: wait(), poll() and returncode work as before, and
            # gevent's os.waitpid finds it. Not through gevent.os.fork_and_watch, which scans every child ended
            # in the last 60 s at each child's end: quadratic over hundreds of commands
            self.pid = pid
            watcher = self._loop.child(pid, ref=True)
            _WATCHED[pid] = watcher
            watcher.start(_child_ended, self, watcher)
            self._child_created = True
            _close_child_ends(self, p2cread, p2cwrite, c2pwrite, c2pread, errwrite, errread)
            data = _read_all(errpipe_read)
        finally:
            _close(errpipe_read)
        if data:
            self.wait()
            for fd in (p2cwrite, c2pread, errread):
                if fd is not None and fd != -1:
                    _close(fd)
            raise _child_error(data, executable, cwd)

    gevent_subprocess.Popen._execute_child = _execute_child


def _child_ended(popen, watcher) -> None:
    """A child's end as gevent.os records it for os.waitpid, then as gevent's Popen takes it."""
    now = time.time()
    _WATCHED[watcher.pid] = (watcher.pid, watcher.rstatus, now)
    _ended.append((now, watcher.pid))
    while _ended and _ended[0][0] < now - ENDED_KEPT_S:
        _, pid = _ended.popleft()
        entry = _WATCHED.get(pid)
        if isinstance(entry, tuple) and entry[2] < now - ENDED_KEPT_S:  # not a newer child given the same pid
            del _WATCHED[pid]
    popen._on_child(watcher)


def _close_child_ends(popen, p2cread, p2cwrite, c2pwrite, c2pread, errwrite, errread) -> None:
    """The parent's copies of the child's ends of the pipes, as gevent's own start closes them."""
    devnull = getattr(popen, "_devnull", None)
    if p2cread != -1 and p2cwrite != -1 and p2cread != devnull:
        _close(p2cread)
    if c2pwrite != -1 and c2pread != -1 and c2pwrite != devnull:
        _close(c2pwrite)
    if errwrite != -1 and errread != -1 and errwrite != devnull:
        _close(errwrite)
    if devnull is not None:
        _close(devnull)
    popen._closed_child_pipe_fds = True
