"""What the bridge reports when it starts: the interpreter, and whether pyinfra 3.x is there."""

from __future__ import annotations

import os
import platform
import sys


def install_hint() -> str:
    return f"{sys.executable} -m pip install 'pyinfra>=3,<4'"


def check_pyinfra() -> dict | None:
    """None when pyinfra 3.x imports; otherwise an error the client shows as is."""
    try:
        import pyinfra
    except ImportError as error:
        return {
            "kind": "pyinfra-missing",
            "message": f"pyinfra is not installed for {sys.executable} ({error}). Install it with: {install_hint()}",
        }
    version = getattr(pyinfra, "__version__", "unknown")
    if not str(version).startswith("3."):
        return {
            "kind": "pyinfra-missing",
            "message": f"{sys.executable} has pyinfra {version}; pyinfra Connector Kit needs pyinfra 3.x. Install it with: {install_hint()}",
        }
    return None


def describe() -> dict:
    import pyinfra

    return {
        "python": sys.executable,
        "pythonVersion": platform.python_version(),
        "pyinfraVersion": str(pyinfra.__version__),
        "pid": os.getpid(),
    }
