"""put_file and get_file as pyinfra's files.put/files.get call them, and the files the checks move."""

from __future__ import annotations

import hashlib
import os
import shlex
from typing import Any

from ..execution import checked_bool, temp_filename
from .context import HostContext
from .registry import Failed, expect_equal

LARGE_BYTES = 50 * 1024 * 1024
# spaces, quotes, a shell metacharacter and unicode: what a quoting slip breaks
SPECIAL_NAME = "kit sp ace 'single' \"double\" $HOME; ü.txt"
# text: the special-path checks are about the path, so a binary-unsafe copy does not fail them too
SPECIAL_CONTENT = "special path ü\n".encode() * 64


def sample(size: int) -> bytes:
    """Bytes a text-mode or line-based copy would damage: NUL, CR LF, invalid UTF-8, no final newline."""
    head = b"\x00\r\n\xff\xfe kit \xc3\x28\n"
    return (head + os.urandom(max(0, size - len(head))))[:size]


def put(context: HostContext, source: Any, remote: str) -> bool:
    with context.calling("put_file"):
        returned = context.host.put_file(
            source, remote, remote_temp_filename=temp_filename(context.state, context.host, remote), print_output=False, print_input=False, **context.arguments
        )
    return checked_bool("put_file", returned)


def get(context: HostContext, remote: str, destination: Any) -> bool:
    with context.calling("get_file"):
        returned = context.host.get_file(
            remote, destination, remote_temp_filename=temp_filename(context.state, context.host, remote), print_output=False, print_input=False, **context.arguments
        )
    return checked_bool("get_file", returned)


def expect_put(context: HostContext, source: Any, remote: str, content: bytes, how: str) -> None:
    if not put(context, source, remote):
        raise Failed(f"put_file ({how}) returned False")
    size = context.must(f"wc -c < {shlex.quote(remote)}", f"measure {remote}").stdout
    expect_equal(f"size of the file put ({how})", str(len(content)), size[0].strip() if size else "")
    expect_equal(f"sha256 of the file put ({how})", hashlib.sha256(content).hexdigest(), context.sha256(remote))


def remote_sample(context: HostContext, remote: str, size: int, text: bool = False) -> str:
    """A file of random bytes (or of text: where the path is what is checked) made on the host; its sha256."""
    source = f"head -c {size} /dev/urandom" if not text else f"yes 'special ü' | head -c {size}"
    context.must(f"{source} > {shlex.quote(remote)}", f"make {remote}")
    return context.sha256(remote)
