"""Where a download lands and with which mode, as cp and scp decide it, and which remote paths a
transfer can take."""

from __future__ import annotations

import os
import posixpath

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
    """LOCAL itself, or LOCAL/<remote file name> when LOCAL is an existing directory."""
    if not os.path.isdir(local):
        return local
    name = posixpath.basename(remote.rstrip("/"))
    if name in ("", ".", ".."):
        raise usage(f"{local} is a directory and the remote path {remote!r} names no file to write into it")
    return os.path.join(local, name)


def new_file_mode(path: str) -> int:
    """The mode an existing destination keeps (as cp leaves it), else what the umask gives a new file."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
