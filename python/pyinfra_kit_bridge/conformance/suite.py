"""The suite for one target: inventory checks on what make_names_data yields, then every host in
parallel on pyinfra's pool (connect, run, put, get, facts), then the deploy phase (operations) on
all hosts at once. What it writes lives in a scratch folder per host, removed at the end, also when
the request is cancelled."""

from __future__ import annotations

import secrets
from typing import Any

import gevent
from gevent import GreenletExit
from pyinfra.api import Config, State
from pyinfra.context import ctx_host, ctx_inventory, ctx_state

from ..errors import format_traceback, log
from ..execution import connector_arguments
from ..inventory import build_inventory, load_class
from ..limits import bounded_items
from ..pyinfra_compat import keep_only
from ..targets import parse_target
from . import op_checks
from .calls import connector, describe, start_budget
from .context import HostContext, TargetContext
from .inventory_checks import find_bad_data
from .registry import HOST, OPERATIONS, TARGET, Check, CheckError, selected
from .runner import result, run_check

DEFAULT_TIMEOUT_S = 60
# the folder's name is chosen here, so it can be removed even when a cancel lands while it is being made
SCRATCH = '"${TMPDIR:-/tmp}/pyinfra-kit-conformance.%s"'


def prepare_target(spec: str, cwd: str, data: dict | None, sources: dict | None, timeout_s: float) -> TargetContext:
    target = parse_target(spec)
    if target.kind == "host":
        from ..registry import registry

        cls = registry.load("ssh")
    else:
        with connector(f"loading {spec}", spec, timeout_s):
            cls = load_class(target, cwd, sources)

    def build() -> Any:
        with connector(f"make_names_data of {spec} (pyinfra's inventory)", spec, timeout_s):
            return build_inventory([spec], cwd, data, sources)

    context = TargetContext(spec, target, cls, build=build)
    try:
        context.loaded = context.build()
    except GreenletExit:
        raise
    except BaseException as error:
        context.build_error = describe(error)
    # after pyinfra's own call, which holds the output until the secrets in the hosts' data are known
    arg = target.arg if target.kind != "host" else target.name
    try:
        with connector(f"make_names_data({arg!r}) of {spec}", spec, timeout_s):
            context.items = bounded_items(cls.make_names_data(arg), f"{spec}: make_names_data({arg!r})")
    except GreenletExit:
        raise
    except BaseException as error:
        context.items_error = describe(error)
    context.bad_data = find_bad_data(context)
    return context


def _new_state(spec: str, inventory: Any, hosts: list, timeout_s: float) -> State:
    keep_only(inventory, hosts)
    state = State()
    # State.init instantiates each host's connector: its __init__ is connector code
    with connector(f"the connector's __init__ of {spec} (pyinfra's State.init)", spec, timeout_s):
        state.init(inventory, Config(), initial_limit=hosts)
    return state


def _make_scratch(context: HostContext) -> None:
    context.scratch_token = secrets.token_hex(8)
    folder = SCRATCH % context.scratch_token
    ran = context.run(f"mkdir -m 700 {folder} && cd {folder} && pwd")
    if ran.success and ran.stdout and ran.stdout[0].strip():
        context.scratch = ran.stdout[0].strip()


def _remove_scratch(context: HostContext | None, timeout_s: float) -> None:
    if context is None or not context.scratch_token:
        return
    start_budget(timeout_s)
    try:
        with ctx_host.use(context.host):
            context.connect()
            context.run(f"rm -rf {SCRATCH % context.scratch_token}")
            context.disconnect()
    except GreenletExit:
        raise
    except BaseException:
        log(f"[{context.host.name}] removing {context.scratch or 'its scratch folder'} failed: {format_traceback()}")


class Suite:
    def __init__(
        self, target: TargetContext, checks: list[Check], timeout_s: float, cwd: str, hosts: list[str] | None = None, host_keys: dict | None = None
    ) -> None:
        self.target = target
        self.host_keys = host_keys
        self.wanted = set(hosts) if hosts else None
        self.checks = checks
        self.timeout_s = timeout_s
        self.cwd = cwd
        self.results: list[dict] = []
        self.contexts: list[HostContext] = []

    def _of(self, scope: str) -> list[Check]:
        return [item for item in self.checks if item.scope == scope]

    def _skip_all(self, host: str | None, reason: str) -> None:
        for item in self._of(HOST) + self._of(OPERATIONS):
            self.results.append(result(self.target.spec, host, item, "skip", reason))

    def run(self) -> list[dict]:
        for item in self._of(TARGET):
            self.results.append(run_check(self.target.spec, None, item, self.target, self.timeout_s))
        if not self._of(HOST) + self._of(OPERATIONS):
            return self.results
        loaded = self.target.loaded
        if loaded is None:
            self._skip_all(None, f"pyinfra's inventory could not be built: {self.target.build_error}")
            return self.results
        chosen = [host for host in loaded.inventory if self.wanted is None or host.name in self.wanted]
        for name, message in self.target.bad_data.items():
            if self.wanted is None or name in self.wanted:
                self._skip_all(name, f"pyinfra cannot instantiate the connector for this host (inventory.data-types): {message}")
        hosts = [host for host in chosen if host.name not in self.target.bad_data]
        if hosts:
            self._run_hosts(hosts)
        return self.results

    def _run_hosts(self, hosts: list) -> None:
        state = _new_state(self.target.spec, self.target.loaded.inventory, hosts, self.timeout_s)
        per_host: dict[str, list[dict]] = {host.name: [] for host in hosts}
        reference = None
        try:
            start_budget(self.timeout_s)
            reference = self._reference()
            with ctx_host.use(reference.host):
                _make_scratch(reference)
            with ctx_state.use(state), ctx_inventory.use(self.target.loaded.inventory):
                self.contexts = [
                    HostContext(self.target.spec, state, host, connector_arguments(state, host, {}), reference, host_keys=self.host_keys) for host in hosts
                ]
                greenlets = [state.pool.spawn(self._host_phase, context, per_host[context.host.name]) for context in self.contexts]
                try:
                    gevent.joinall(greenlets, raise_error=True)
                except GreenletExit:
                    state.pool.kill()
                    raise
                self._deploy_phase(state, hosts, per_host)
        finally:
            for context in self.contexts + [reference]:
                _remove_scratch(context, self.timeout_s)
        for host in hosts:
            self.results.extend(per_host[host.name])

    def _reference(self) -> HostContext:
        """@local, where the expected value depends on the shell."""
        with connector("make_names_data of @local", "@local"):
            loaded = build_inventory(["@local"], self.cwd)
        host = next(iter(loaded.inventory))
        state = _new_state("@local", loaded.inventory, [host], self.timeout_s)
        reference = HostContext("@local", state, host, connector_arguments(state, host, {}), None)
        with ctx_host.use(host):
            reference.connect()
        return reference

    def _host_phase(self, context: HostContext, into: list[dict]) -> None:
        spec, host = self.target.spec, context.host
        checks = self._of(HOST)
        with ctx_host.use(host):
            for item in [item for item in checks if item.id == "connect.lifecycle"]:
                into.append(run_check(spec, host.name, item, context, self.timeout_s))
            start_budget(self.timeout_s)
            try:
                context.connect()
                _make_scratch(context)
            except GreenletExit:
                raise
            except BaseException as error:
                message = f"could not connect: {describe(error)}"
                into.extend(result(spec, host.name, item, "error", message) for item in checks + self._of(OPERATIONS) if item.id != "connect.lifecycle")
                context.notes["unreachable"] = True
                return
            for item in checks:
                if item.id != "connect.lifecycle":
                    into.append(run_check(spec, host.name, item, context, self.timeout_s))

    def _deploy_phase(self, state: State, hosts: list, per_host: dict[str, list[dict]]) -> None:
        checks = self._of(OPERATIONS)
        reachable = [context for context in self.contexts if not context.notes.get("unreachable")]
        if not checks or not reachable:
            return
        # each round: its set-up commands, then the operations of every host at once
        start_budget(self.timeout_s)
        op_checks.deploy(state, reachable, tuple(op_checks.OPERATION_NAMES), "first", self.timeout_s * 2)
        if any(item.id == "op.idempotent" for item in checks):
            # a new inventory, State and connectors, as a second `pyinfra` run of the deploy has
            start_budget(self.timeout_s)
            try:
                inventory = self.target.build().inventory
                for context in reachable:
                    with ctx_host.use(context.host):
                        context.disconnect()
                    context.host = inventory.hosts[context.host.name]
                second = _new_state(self.target.spec, inventory, [context.host for context in reachable], self.timeout_s)
                for context in reachable:
                    context.state = second
                    with ctx_host.use(context.host):
                        context.connect()
            except GreenletExit:
                raise
            except BaseException as error:
                for context in reachable:
                    context.notes["second"] = CheckError(f"the second run could not start: {describe(error)}")
            else:
                with ctx_state.use(second), ctx_inventory.use(inventory):
                    op_checks.deploy(second, reachable, op_checks.IDEMPOTENT, "second", self.timeout_s * 2)
        for context in reachable:
            with ctx_host.use(context.host):
                for item in checks:
                    per_host[context.host.name].append(run_check(self.target.spec, context.host.name, item, context, self.timeout_s))


def run_suite(params: dict) -> list[dict]:
    spec = params.get("target")
    if not isinstance(spec, str):
        from ..errors import usage

        raise usage("test needs a target")
    checks = selected(params.get("only"))
    timeout_s = float(params.get("timeoutSec") or DEFAULT_TIMEOUT_S)
    target = prepare_target(spec, params["cwd"], params.get("data"), params.get("sources"), timeout_s)
    return Suite(target, checks, timeout_s, params["cwd"], params.get("hosts"), params.get("hostKeys")).run()
