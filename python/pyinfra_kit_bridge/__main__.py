"""Start the bridge. Order matters: stdout is redirected and gevent patches before pyinfra loads."""

import os
import sys


def _protect_protocol_channel() -> None:
    # Connector code may print, write to sys.stdout or even os.write(1, ...): point fd 1 at
    # stderr at the OS level, so everything written there lands in the log, never in the protocol.
    os.dup2(2, 1)
    sys.stdout = sys.stderr


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
    from .channel import Channel
    from .startup import check_pyinfra

    channel = Channel(fd)
    problem = check_pyinfra()
    if problem is not None:
        channel.send({"method": "ready", "params": {"error": problem}})
        channel.close()
        sys.exit(3)

    from .server import serve

    serve(channel)


if __name__ == "__main__":
    main()
