"""The bridge protocol's messages as TypedDicts; protocol.schema.json states them once for both
sides, and the tests hold this module and src/core/bridge/protocol.ts to it."""

# no `from __future__ import annotations`: TypedDict must see NotRequired itself, not a string
from typing import Any, Dict, List, Optional

from typing_extensions import NotRequired, TypedDict


class HostEntry(TypedDict):
    name: str
    data: Dict[str, Any]
    groups: List[str]
    connector: str


class ConnectorInfo(TypedDict):
    name: str
    entryPoint: str
    handlesExecution: Optional[bool]
    error: NotRequired[str]


class HostSelector(TypedDict):
    target: str
    hosts: NotRequired[List[str]]


class AnswerLimits(TypedDict, total=False):
    hosts: int
    answerBytes: int


class OutputEvent(TypedDict):
    host: str
    stream: str
    line: str


class WireError(TypedDict):
    kind: str
    message: str
    detail: NotRequired[str]
    target: NotRequired[str]


class BridgeInfo(TypedDict):
    python: str
    pythonVersion: str
    pyinfraVersion: str
    pid: int
