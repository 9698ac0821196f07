"""Drives the real bridge (python/pyinfra_kit_bridge) over a socketpair, as the Node client does."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON_DIR = ROOT / "python"
FIXTURES = ROOT / "test" / "fixtures" / "connectors"
LAUNCH = "import sys; sys.path[0] = sys.argv[1]; from pyinfra_kit_bridge.__main__ import main; main(sys.argv[2:])"

sys.path.insert(0, str(PYTHON_DIR))


class BridgeDriver:
    def __init__(self, cwd: Path, python: str = sys.executable, env: dict | None = None, new_session: bool = False) -> None:
        self.cwd = cwd
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [python, "-u", "-c", LAUNCH, str(PYTHON_DIR), str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(FIXTURES / "site"), **(env or {})},
            start_new_session=new_session,  # as the Node client starts it: leading its own process group
        )
        theirs.close()
        self.sock = ours
        self.sock.settimeout(60)
        self.reader = ours.makefile("rb")
        self.next_id = 0
        self.ready = self.receive()

    def receive(self) -> dict:
        line = self.reader.readline()
        if not line:
            raise EOFError("the bridge closed the channel")
        return json.loads(line)

    def receive_output(self) -> dict:
        """The next output notification, passing over progress ones."""
        while (message := self.receive()).get("method") != "output":
            pass
        return message

    def call(self, method: str, params: dict | None = None, notifications: list | None = None) -> dict:
        """The reply (with "result" or "error"); notifications received meanwhile are appended."""
        self.next_id += 1
        self.sock.sendall((json.dumps({"id": self.next_id, "method": method, "params": params or {}}) + "\n").encode())
        while True:
            message = self.receive()
            if message.get("id") == self.next_id:
                return message
            if notifications is not None:
                notifications.append(message)

    def close(self) -> tuple[int, str, str]:
        self.reader.close()
        self.sock.close()
        stdout, stderr = self.process.communicate(timeout=20)
        return self.process.returncode, stdout.decode(), stderr.decode()


@pytest.fixture(scope="module")
def bridge():
    driver = BridgeDriver(FIXTURES)
    assert "error" not in driver.ready["params"], driver.ready
    yield driver
    driver.close()


@pytest.fixture
def fresh_bridge():
    """A bridge of its own, for tests that end it."""
    drivers = []

    def start(**kwargs) -> BridgeDriver:
        driver = BridgeDriver(kwargs.pop("cwd", FIXTURES), **kwargs)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        if driver.process.poll() is None:
            driver.process.kill()
        driver.close()
