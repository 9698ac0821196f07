"""Which worker process serves a request: the one of the connector targets the request names.

Requests naming the same targets share a worker (kept warm between requests); any other set of
targets gets its own, so one connector's state, crashes and hangs never reach another's.
"""

from __future__ import annotations


def request_targets(params: dict) -> list[str]:
    """The target specs of a request, whatever its shape (inventory, run, put/get, test)."""
    targets = list(params.get("targets") or [])
    targets += [selector.get("target") for selector in params.get("selectors") or [] if isinstance(selector, dict)]
    if isinstance(params.get("selector"), dict):
        targets.append(params["selector"].get("target"))
    if params.get("target"):
        targets.append(params["target"])
    return [str(target) for target in targets if target]


def worker_key(params: dict) -> str:
    """One worker per set of targets; requests without one (listing installed connectors) share one."""
    return ", ".join(sorted(set(request_targets(params))))
