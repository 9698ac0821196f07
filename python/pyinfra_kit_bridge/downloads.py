"""Where a download lands and with which mode, as cp and scp decide it, and which remote paths a
transfer can take."""

from __future__ import annotations

import os
import posixpath
import shutil
import stat

from .errors import usage


def checked_remote_path(remote: str) -> str:
    """A path the connector receives as one file name: a leading "-" made relative ("./-x", the same
    file) so no command reads it as an option; a NUL byte, which no file name holds, refused."""
    if not remote.strip():
        raise usage("The remote path is empty")
    if "\0" in remote:
        raise usage(f"The remote path {remote!r} holds a NUL byte, which no file name can")
    return f"./{remote}" if remote.startswith("-") else remote


def destination(local: str, remote: str) -> str:
    """LOCAL itself, or LOCAL/<remote file name> when LOCAL is an existing directory. LOCAL written with a trailing
    slash names a directory, as cp reads it: one that does not exist is refused, not made a file of that name."""
    if not local.strip():
        raise usage("The local path is empty")
    if local.endswith(("/", os.sep)) and not os.path.isdir(local):
        raise usage(f"No such local folder: {os.path.abspath(local)}")
    local = os.path.abspath(local)
    if not os.path.isdir(local):
        return local
    name = posixpath.basename(remote.rstrip("/"))
    if name in ("", ".", ".."):
        raise usage(f"{local} is a directory and the remote path {remote!r} names no file to write into it")
    return os.path.join(local, name)


_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


def checked_download(path: str) -> None:
    """What get_file left at the download's path when it returned True must be a regular file: a symbolic link would be
    put in place of the destination (and the file it points to chmod-ed), a directory or a pipe "downloaded"."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISREG(mode):
        return
    kind = "nothing" if mode is None else next((name for test, name in _KINDS if test(mode)), "a special file")
    raise ValueError(f"get_file returned True but left {kind} at the download's path {path}, not a file")


def remove_partial(path: str) -> None:
    """Whatever is at a download's path: a file, a link (not what it points to), a directory the connector made there."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.remove(path)
    except OSError:
        pass


def new_file_mode(path: str) -> int:
    """The mode an existing destination keeps (as cp leaves it), else what the umask gives a new file."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
