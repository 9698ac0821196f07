"""put.*: uploads from a path and from the file objects pyinfra's files.put/files.template pass."""

from __future__ import annotations

import io
import os
import tempfile

from .context import HostContext
from .registry import check
from .transfer import LARGE_BYTES, SPECIAL_CONTENT, SPECIAL_NAME, expect_put, sample


def _put_from_path(context: HostContext, remote: str, content: bytes, how: str) -> None:
    with tempfile.TemporaryDirectory(prefix="pyinfra-kit-put-") as folder:
        local = os.path.join(folder, "source")
        with open(local, "wb") as handle:
            handle.write(content)
        expect_put(context, local, remote, content, how)


@check("put.file", "a binary file uploads byte for byte from a path")
def put_file(context: HostContext) -> None:
    _put_from_path(context, context.path("put.bin"), sample(64 * 1024), "from a path")


@check("put.io", "uploads from BytesIO and StringIO, as files.put and files.template pass them")
def put_io(context: HostContext) -> None:
    content = sample(4096)
    expect_put(context, io.BytesIO(content), context.path("put-bytes.bin"), content, "from BytesIO")
    text = "rendered template ü\nsecond line\n"
    expect_put(context, io.StringIO(text), context.path("put-text.txt"), text.encode(), "from StringIO")


@check("put.empty", "an empty file uploads as an empty file")
def put_empty(context: HostContext) -> None:
    _put_from_path(context, context.path("put-empty"), b"", "an empty file")


@check("put.large", "50 MB upload byte for byte")
def put_large(context: HostContext) -> None:
    _put_from_path(context, context.path("put-large.bin"), sample(LARGE_BYTES), "50 MB")


@check("put.special-path", "a remote name with spaces, quotes, $ and unicode")
def put_special_path(context: HostContext) -> None:
    _put_from_path(context, context.path(SPECIAL_NAME), SPECIAL_CONTENT, "to a special path")
