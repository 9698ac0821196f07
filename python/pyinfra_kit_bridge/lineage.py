"""Per-request state found from any greenlet the request's greenlet spawned (pyinfra's pool, its
output readers), as thread-locals would be found from one thread."""

from __future__ import annotations

import weakref
from typing import Generic, TypeVar

import gevent

T = TypeVar("T")


class Inherited(Generic[T]):
    def __init__(self) -> None:
        self._values: "weakref.WeakKeyDictionary[object, T]" = weakref.WeakKeyDictionary()

    def attach(self, value: T) -> None:
        """Sets the value for the current greenlet and every greenlet it spawns from now on."""
        self._values[gevent.getcurrent()] = value

    def current(self) -> T | None:
        greenlet = gevent.getcurrent()
        while greenlet is not None:
            value = self._values.get(greenlet)
            if value is not None:
                return value
            parent = getattr(greenlet, "spawning_greenlet", None)
            greenlet = parent() if parent is not None else None
        return None
