"""A worker's stdout and stderr, relayed by the parent to the bridge's stderr with secrets scrubbed.

Everything a worker writes there (print()s, logging, tracebacks, and writes straight to file
descriptors 1 and 2, which no Python-level wrapper sees) passes through the parent, which scrubs it
with the secret values the worker reported ("_secrets" notes, sent before any other message). A
connector may write a secret before it yields the host data holding it: while a call that can
yield new secrets runs (make_names_data, loading a connector), the worker's lines are held and
scrubbed once the call has ended, and with it the worker has reported all it yielded.
"""

from __future__ import annotations

import os
from typing import Callable

from .masking import Scrubber

# held lines beyond this are dropped (and counted): a connector printing in an endless loop must
# not grow the parent, and held text cannot be shown before its secrets are known
HELD_MAX_BYTES = 8 << 20
# a line that never ends is passed on in pieces of this size; the last characters of each (as many as the longest
# secret, and at least CUT_OVERLAP for a URL's password) wait for the next, so a secret a cut splits is scrubbed whole
LONG_LINE_BYTES = 1 << 20
CUT_OVERLAP = 4096


class OutputRelay:
    def __init__(self, fd: int, name: str, write: Callable[[bytes], None], scrubber: Scrubber | None = None) -> None:
        self.fd = fd
        # a worker's parent learns the secrets from the worker's notes; in-process (debug_entry.py) it shares the process's
        self.scrubber = scrubber or Scrubber()
        self._name = name
        self._write = write
        self._partial = bytearray()
        self._line_open = False  # pieces of a long line were passed on, not its end
        self._cut_end = b""  # the end of a long line's last piece, passed on with the next
        self._held: list[bytes] = []
        self._held_bytes = 0
        self._dropped = 0
        self._holding = False
        self.ended = False  # every writer closed it (the worker and whatever it started are gone)

    def push(self, chunk: bytes) -> None:
        self._partial += chunk
        end = self._partial.rfind(b"\n") + 1
        if end == 0 and len(self._partial) >= LONG_LINE_BYTES:
            end = len(self._partial)
        if end:
            self._pass_on(bytes(self._partial[:end]))
            del self._partial[:end]

    def end_line(self) -> None:
        """A request ended: what its calls wrote without a newline is passed on as a line now, not when the worker ends."""
        if self._partial or self._line_open:
            self._pass_on(bytes(self._partial) + b"\n")
            self._partial.clear()

    def hold(self, holding: bool) -> None:
        if self._holding and not holding:
            held, self._held, self._held_bytes = self._held, [], 0
            for text in held:
                self._emit(text)
            if self._dropped:
                self._write(f"[{self._dropped:,} bytes of output from {self._name} were dropped: more than {HELD_MAX_BYTES >> 20} MB while make_names_data or a connector import ran]\n".encode())
                self._dropped = 0
        self._holding = holding

    def drain(self) -> None:
        """Reads what is left (the worker is gone), passes on its last partial line and all held text."""
        while True:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except BlockingIOError:
                break
            except OSError:
                break
            if not chunk:
                break
            self.push(chunk)
        self.end_line()
        self.hold(False)

    def _pass_on(self, text: bytes) -> None:
        self._line_open = not text.endswith(b"\n")
        if not self._holding:
            self._emit(text)
        elif self._held_bytes + len(text) <= HELD_MAX_BYTES:
            self._held.append(text)
            self._held_bytes += len(text)
        else:
            self._dropped += len(text)

    def _emit(self, text: bytes) -> None:
        shown = self.scrubber.scrub((self._cut_end + text).decode("utf-8", "surrogateescape"))
        self._cut_end = b""
        if not text.endswith(b"\n"):  # a piece of a long line: its end may begin a secret the next piece ends
            cut = max(0, len(shown) - max(CUT_OVERLAP, self.scrubber.longest))
            shown, self._cut_end = shown[:cut], shown[cut:].encode("utf-8", "surrogateescape")
        if shown:
            self._write(shown.encode("utf-8", "surrogateescape"))
