"""The connector conformance kit: checks that a connector behaves as pyinfra needs, run through
pyinfra's own State, Host, facts and operations. One bridge method, ``test``."""

from __future__ import annotations


def test(_request_id: int, params: dict, _notify) -> list[dict]:
    """``{"list": true}``: the checks there are; else the results of the suite on ``target``.
    Imported on first use: pyinfra's operations and facts are not needed to start the bridge."""
    if params.get("list"):
        from .registry import catalogue

        return catalogue()
    from .suite import run_suite

    return run_suite(params)
