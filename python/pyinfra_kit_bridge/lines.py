"""Splitting a byte stream into lines; the pieces of a long line are joined once, when it ends."""

from __future__ import annotations


class LineBuffer:
    def __init__(self) -> None:
        self._partial: list[bytes] = []

    def push(self, chunk: bytes) -> list[bytes]:
        lines: list[bytes] = []
        start = 0
        while True:
            newline = chunk.find(b"\n", start)
            if newline == -1:
                break
            self._partial.append(chunk[start:newline])
            line = b"".join(self._partial)
            self._partial = []
            if line.strip():
                lines.append(line)
            start = newline + 1
        if start < len(chunk):
            self._partial.append(chunk[start:])
        return lines
