"""get.*: downloads to a path and to a file object, and a missing file that must not succeed."""

from __future__ import annotations

import hashlib
import io
import os
import tempfile

from .context import HostContext
from .registry import Failed, check, expect_equal
from .transfer import LARGE_BYTES, SPECIAL_NAME, get, remote_sample


def _get_to_path(context: HostContext, name: str, size: int, how: str, text: bool = False) -> None:
    remote = context.path(name)
    expected = remote_sample(context, remote, size, text)
    with tempfile.TemporaryDirectory(prefix="pyinfra-kit-get-") as folder:
        local = os.path.join(folder, "downloaded")
        if not get(context, remote, local):
            raise Failed(f"get_file ({how}) returned False")
        with open(local, "rb") as handle:
            content = handle.read()
    expect_equal(f"size of the file downloaded ({how})", size, len(content))
    expect_equal(f"sha256 of the file downloaded ({how})", expected, hashlib.sha256(content).hexdigest())


@check("get.file", "a binary file downloads byte for byte to a path")
def get_file(context: HostContext) -> None:
    _get_to_path(context, "get.bin", 64 * 1024, "to a path")


@check("get.io", "a download into a BytesIO, as pyinfra's files.get can pass one")
def get_io(context: HostContext) -> None:
    remote = context.path("get-io.bin")
    expected = remote_sample(context, remote, 4096)
    buffer = io.BytesIO()
    if not get(context, remote, buffer):
        raise Failed("get_file into a BytesIO returned False")
    expect_equal("sha256 of what the BytesIO received", expected, hashlib.sha256(buffer.getvalue()).hexdigest())


@check("get.large", "50 MB download byte for byte")
def get_large(context: HostContext) -> None:
    _get_to_path(context, "get-large.bin", LARGE_BYTES, "50 MB")


@check("get.missing", "a missing remote file is a failure (False or an exception), never success")
def get_missing(context: HostContext) -> str:
    with tempfile.TemporaryDirectory(prefix="pyinfra-kit-get-") as folder:
        try:
            succeeded = get(context, context.path("no-such-file"), os.path.join(folder, "downloaded"))
        except Exception as error:
            return f"raised {type(error).__name__}"
    if succeeded:
        raise Failed("get_file of a missing file returned True", expected=False, actual=True)
    return "returned False"


@check("get.special-path", "a remote name with spaces, quotes, $ and unicode")
def get_special_path(context: HostContext) -> None:
    _get_to_path(context, SPECIAL_NAME, 1024, "from a special path", text=True)
