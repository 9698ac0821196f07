"""Stopping what a cancelled run started. pyinfra's local commands run as ``sh -c "sh -c '...'"``
through gevent's Popen: killing the Popen's own pid would leave the inner shell running, so the
whole tree below it is killed (found through /proc on Linux; elsewhere just the pid)."""

from __future__ import annotations

import os
import signal


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                stat = handle.read().decode("utf-8", "replace")
        except OSError:
            continue
        # the command name (field 2) may hold spaces and parentheses: fields follow its last ")"
        fields = stat[stat.rfind(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def kill_tree(pid: int) -> None:
    tree = [pid]
    if os.path.isdir("/proc"):
        children = _children_by_parent()
        index = 0
        while index < len(tree):
            tree.extend(children.get(tree[index], []))
            index += 1
    for member in tree:
        try:
            os.kill(member, signal.SIGKILL)
        except OSError:
            pass
