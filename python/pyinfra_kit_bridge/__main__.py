"""Start the bridge. Order matters: stdout is redirected and gevent patches before pyinfra loads.

This process is the supervisor: it imports pyinfra and the bridge once and never imports connector
code; each connector target is served by a worker forked from it (see supervisor.py)."""

import json
import os
import sys


def _protect_protocol_channel() -> None:
    # Connector code may print, write to sys.stdout or even os.write(1, ...): point fd 1 at
    # stderr at the OS level, so everything written there lands in the log, never in the protocol.
    os.dup2(2, 1)
    sys.stdout = sys.stderr


def _say(fd: int, message: dict) -> None:
    os.write(fd, (json.dumps(message) + "\n").encode())


def main(argv=None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    fd = int(argv[0]) if argv else 3
    _protect_protocol_channel()
    # pyinfra's CLI patches first; the bridge must too, before pyinfra (or anything using
    # sockets and threads) is imported.
    try:
        from gevent import monkey

        monkey.patch_all()
    except ImportError:
        pass  # reported below as "pyinfra missing": gevent comes with pyinfra
    from .startup import check_pyinfra, describe

    problem = check_pyinfra()
    if problem is not None:
        _say(fd, {"method": "ready", "params": {"error": problem}})
        os.close(fd)
        sys.exit(3)

    # everything a worker needs, imported once here so that each fork starts warm
    from . import server  # noqa: F401
    from .supervisor import Supervisor
    from .worker import start_worker

    supervisor = Supervisor(fd, start_worker)
    _say(fd, {"method": "ready", "params": describe()})
    supervisor.serve()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
