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


class HostKeyAccepted(TypedDict):
    fingerprint: str
    remember: bool


class HostKeyAcceptance(TypedDict, total=False):
    acceptNew: bool
    accept: List[HostKeyAccepted]


class UnknownHostKey(TypedDict):
    host: str
    keyType: str
    fingerprint: str
    target: str


class HostRunResult(TypedDict):
    host: str
    success: bool
    stdout: str
    stderr: str
    durationMs: float
    error: NotRequired[str]
    traceback: NotRequired[str]
    exitCode: NotRequired[int]
    hostKey: NotRequired[UnknownHostKey]


class CheckResult(TypedDict):
    target: str
    host: Optional[str]
    check: str
    status: str
    message: str
    expected: NotRequired[Any]
    actual: NotRequired[Any]
    traceback: NotRequired[str]
    durationMs: float


class CheckInfo(TypedDict):
    id: str
    group: str
    scope: str
    summary: str


# requests: what the client sends (the supervisor adds "cwd" before a worker sees it)


class CallDeadline(TypedDict, total=False):
    deadlineSec: float


class InventoryParams(TypedDict):
    targets: List[str]
    data: NotRequired[Dict[str, str]]
    showSecrets: NotRequired[bool]
    sources: NotRequired[Dict[str, str]]
    chunked: NotRequired[bool]
    limits: NotRequired[AnswerLimits]


class RunArguments(TypedDict, total=False):
    sudo: bool
    sudoUser: str
    env: Dict[str, str]
    chdir: str
    timeoutSec: float
    parallel: int
    data: Dict[str, str]
    hostKeys: HostKeyAcceptance


class RunParams(TypedDict):
    selectors: List[HostSelector]
    command: str
    options: NotRequired[RunArguments]
    sources: NotRequired[Dict[str, str]]


class TransferArguments(TypedDict, total=False):
    data: Dict[str, str]
    hostKeys: HostKeyAcceptance


class TransferParams(TypedDict):
    selector: HostSelector
    local: str
    remote: str
    options: NotRequired[TransferArguments]


class TestParams(TypedDict, total=False):
    target: str
    list: bool
    only: List[str]
    timeoutSec: float
    data: Dict[str, str]
    hosts: List[str]
    sources: Dict[str, str]
    hostKeys: HostKeyAcceptance


class CancelParams(TypedDict):
    id: int


# answers and notifications


class InventoryCount(TypedDict):
    count: int


class HostsNotification(TypedDict):
    id: int
    hosts: List[HostEntry]


class OutputNotification(TypedDict):
    id: int
    host: str
    stream: str
    line: str


class ProgressNotification(TypedDict):
    id: int
    planned: NotRequired[List[str]]
    finished: NotRequired[HostRunResult]
