"""run / put / get on hosts, the way pyinfra does it: its own State and Host objects, its
ConnectorArguments (defaults from config and host data), connect -> call -> disconnect, fanned out
on pyinfra's gevent pool (``Config.PARALLEL``, pyinfra's default when not given)."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import gevent
from gevent import GreenletExit
from pyinfra.api import Config, State, StringCommand
from pyinfra.api.arguments import CONNECTOR_ARGUMENT_KEYS, pop_global_arguments
from pyinfra.context import ctx_host, ctx_inventory, ctx_state

from . import host_keys, pyinfra_compat
from .deadlines import DeadlineExceeded, connector_call, mark_target
from .downloads import checked_download, checked_remote_path, destination, new_file_mode, remove_partial
from .errors import describe_exception, format_traceback, log, usage
from .inventory import LoadedInventory, build_inventory
from .jsonsafe import short_repr
from .masking import scrub
from .streaming import HostStream, Notify, attach
from .worker import track_file, untrack_file

# (success, stdout, stderr) of one host's call
Outcome = tuple[bool, str, str]
Work = Callable[[State, Any, dict, HostStream], Outcome]


def connector_arguments(state: State, host, options: dict) -> dict:
    """pyinfra's own argument resolution: what is given, else host data, else config defaults."""
    given: dict[str, Any] = {}
    if options.get("sudo") or options.get("sudoUser"):
        given["_sudo"] = True
    if options.get("sudoUser"):
        given["_sudo_user"] = options["sudoUser"]
    if options.get("env"):
        given["_env"] = dict(options["env"])
    if options.get("chdir"):
        given["_chdir"] = options["chdir"]
    if options.get("timeoutSec"):
        given["_timeout"] = int(options["timeoutSec"])
    arguments, _ = pop_global_arguments(state, host, given)
    return {key: arguments[key] for key in CONNECTOR_ARGUMENT_KEYS if key in arguments}  # type: ignore[literal-required]


def _select(selectors: list[dict], cwd: str, data: dict | None, sources: dict | None) -> tuple[LoadedInventory, list, list[dict]]:
    """The inventory of every selected target, the hosts to run on, and results for named hosts that do not exist."""
    wanted: dict[str, set[str] | None] = {}
    for selector in selectors:
        target = selector.get("target")
        if not isinstance(target, str):
            raise usage("Each host selector needs a target")
        hosts = selector.get("hosts")
        if target in wanted and wanted[target] is None:
            continue
        wanted[target] = None if hosts is None else (wanted.get(target) or set()) | set(hosts)
    loaded = build_inventory(list(wanted), cwd, data, sources)
    chosen, missing = [], []
    for target, names in wanted.items():
        if names is None:
            chosen.extend(host for host in loaded.inventory if loaded.origins.get(host.name) == target)
            continue
        for name in sorted(names):
            host = loaded.inventory.hosts.get(name)
            if host is None or loaded.origins.get(name) != target:
                missing.append({"host": name, "success": False, "stdout": "", "stderr": "", "durationMs": 0, "error": f"{target} has no host '{name}'"})
            else:
                chosen.append(host)
    return loaded, chosen, missing


@dataclass
class _Run:
    """One run/put/get: pyinfra's State over the chosen hosts, and what each host's call produced."""

    request_id: int
    notify: Notify
    options: dict
    loaded: LoadedInventory
    state: State
    hosts: list
    results: dict[str, dict] = field(default_factory=dict)


def _prepare(request_id: int, params: dict, notify: Notify, single_host: bool) -> tuple[_Run, list[dict]]:
    options = params.get("options") or {}
    loaded, hosts, missing = _select(params.get("selectors") or [], params["cwd"], options.get("data"), params.get("sources"))
    if single_host and len(hosts) + len(missing) != 1:
        raise usage(f"Download from one host at a time: the selection has {len(hosts) + len(missing)} hosts")
    pyinfra_compat.keep_only(loaded.inventory, hosts)
    config = Config()
    if options.get("parallel"):
        config.PARALLEL = int(options["parallel"])
    state = State(check_for_changes=False)
    state.print_output = True  # as `pyinfra ... exec`: connectors echo output lines as they come
    try:
        state.init(loaded.inventory, config, initial_limit=hosts)
    except BaseException as error:
        # pyinfra instantiates each host's connector here (its __init__, data_cls' checks of the host data): the error
        # names the target of the first host it did not get to the end of
        failed = next((host for host in loaded.inventory if getattr(host, "connector", None) is None), None)
        if failed is not None:
            mark_target(error, loaded.origins.get(failed.name, ""))
        raise
    # the client follows a run: which hosts it will run on, then each host's result as it ends
    notify("progress", {"id": request_id, "planned": [host.name for host in hosts] + [result["host"] for result in missing]})
    for result in missing:
        notify("progress", {"id": request_id, "finished": result})
    return _Run(request_id, notify, options, loaded, state, hosts), missing


def _run_host(run: _Run, host, work: Work) -> None:
    """connect -> work -> disconnect for one host, each a connector call under the kit's deadline;
    whatever the calls started and left running (a cancel, a timeout, an error) is stopped."""
    target = run.loaded.origins.get(host.name, "")
    stream = HostStream(run.request_id, host, run.notify, target)
    attach(stream)
    started = time.monotonic()
    result: dict[str, Any] = {"host": host.name, "success": False, "stdout": "", "stderr": ""}
    with ctx_host.use(host):
        try:
            host_keys.apply_policy(host, run.options.get("hostKeys"))
            pyinfra_compat.forget_exit_code(host)
            with connector_call(f"connect of {target} to {host.name}", target):
                host.connect(show_errors=False, raise_exceptions=True)
            run.state.activate_host(host)
            success, stdout, stderr = work(run.state, host, connector_arguments(run.state, host, run.options), stream)
            result.update(success=success, stdout=stdout, stderr=stderr)
            exit_code = pyinfra_compat.last_exit_code(host)
            if exit_code is not None:
                result["exitCode"] = exit_code
        except DeadlineExceeded as exceeded:
            result["error"] = str(exceeded)
        except GreenletExit:
            raise
        except BaseException as error:  # GeneratorExit and a library's own BaseException are this host's error too
            result["error"] = describe_exception(error)
            result.update(host_keys.refusal_fields(error, target))
            # the client finds the raising line of the author's code in it, as for make_names_data
            result["traceback"] = format_traceback()
            log(f"[{host.name}] {result['traceback']}")
        finally:
            stream.stop_started()
            _disconnect(host, target)
    result["durationMs"] = round((time.monotonic() - started) * 1000, 1)
    run.results[host.name] = result
    run.notify("progress", {"id": run.request_id, "finished": result})


def _disconnect(host, target: str) -> None:
    if not host.connected:
        return
    try:
        with connector_call(f"disconnect of {target} from {host.name}", target):
            host.disconnect()
    except (Exception, DeadlineExceeded):
        log(f"[{host.name}] disconnect failed: {format_traceback()}")


def _fan_out(request_id: int, params: dict, notify: Notify, work: Work, single_host: bool = False) -> list[dict]:
    """Every chosen host on pyinfra's own gevent pool; a cancel kills the pool, each host cleaning up."""
    run, missing = _prepare(request_id, params, notify, single_host)
    with ctx_state.use(run.state), ctx_inventory.use(run.loaded.inventory):
        greenlets = [run.state.pool.spawn(_run_host, run, host, work) for host in run.hosts]
        try:
            gevent.joinall(greenlets, raise_error=True)
        except GreenletExit:
            run.state.pool.kill()
            raise
    return [run.results[host.name] for host in run.hosts] + missing


def _call(name: str, stream: HostStream):
    """A call of the host's connector method ``name``, as the kit's deadline describes it."""
    return connector_call(f"{name} of {stream.target} on {stream.host.name}", stream.target)


def checked_output(name: str, returned: Any) -> tuple[bool, list]:
    if not isinstance(returned, tuple) or len(returned) != 2:
        raise TypeError(f"{name} returned {short_repr(returned)}; pyinfra expects (bool, CommandOutput)")
    status, output = returned
    lines = getattr(output, "combined_lines", None)
    if lines is None:
        raise TypeError(f"{name} returned ({short_repr(status)}, {short_repr(output)}); pyinfra expects a CommandOutput as the second item")
    lines = list(lines)
    for number, line in enumerate(lines, 1):
        if getattr(line, "buffer_name", None) not in ("stdout", "stderr") or not isinstance(getattr(line, "line", None), str):
            raise TypeError(
                f"{name} returned a CommandOutput whose line {number} is {short_repr(line)}; pyinfra expects OutputLine(buffer_name, line)"
                " with buffer_name 'stdout' or 'stderr' and line a str"
            )
    return bool(status), lines


def _text(lines: list, stream: str) -> str:
    return scrub("\n".join(line.line for line in lines if line.buffer_name == stream))


def run(request_id: int, params: dict, notify: Notify) -> list[dict]:
    command = params.get("command")
    if not isinstance(command, str) or not command.strip():
        raise usage("No command to run")

    def work(state, host, arguments, stream) -> Outcome:
        with _call("run_shell_command", stream):
            returned = host.run_shell_command(StringCommand(command.strip()), print_output=state.print_output, print_input=state.print_input, **arguments)
        success, lines = checked_output("run_shell_command", returned)
        stream.send_missing(lines)
        return success, _text(lines, "stdout"), _text(lines, "stderr")

    return _fan_out(request_id, params, notify, work)


def checked_bool(name: str, returned: Any) -> bool:
    if not isinstance(returned, bool):
        raise TypeError(f"{name} returned {short_repr(returned)}; pyinfra expects True or False")
    return returned


def temp_filename(state: State, host, remote: str) -> str:
    # pyinfra's files.put/get pass host.get_temp_filename(dest); the temp directory is taken from
    # config rather than the TmpDir fact, which would run an extra command through the connector
    return host.get_temp_filename(remote, temp_directory=state.config.TEMP_DIR or state.config.DEFAULT_TEMP_DIR)


def put(request_id: int, params: dict, notify: Notify) -> list[dict]:
    local, remote = params.get("local"), params.get("remote")
    if not isinstance(local, str) or not isinstance(remote, str):
        raise usage("put needs a local and a remote path")
    remote = checked_remote_path(remote)
    local = os.path.abspath(os.path.join(params["cwd"], local))
    if not os.path.isfile(local):
        raise usage(f"No such local file: {local}")

    def work(state, host, arguments, stream) -> Outcome:
        with _call("put_file", stream):
            returned = host.put_file(local, remote, remote_temp_filename=temp_filename(state, host, remote), print_output=False, print_input=False, **arguments)
        return checked_bool("put_file", returned), "", ""

    return _fan_out(request_id, {**params, "selectors": [params.get("selector")]}, notify, work)


def get(request_id: int, params: dict, notify: Notify) -> list[dict]:
    remote, local = params.get("remote"), params.get("local")
    if not isinstance(local, str) or not isinstance(remote, str):
        raise usage("get needs a remote and a local path")
    remote = checked_remote_path(remote)
    local = destination(os.path.join(params["cwd"], local) if local.strip() else "", remote)
    folder = os.path.dirname(local)
    if not os.path.isdir(folder):
        raise usage(f"No such local folder: {folder}")

    def work(state, host, arguments, stream) -> Outcome:
        # written beside the destination and renamed when complete: a failed download leaves no file
        handle, partial = tempfile.mkstemp(prefix=f".{os.path.basename(local)}.", suffix=".part", dir=folder)
        os.close(handle)
        track_file(partial)
        try:
            with _call("get_file", stream):
                returned = host.get_file(
                    remote, partial, remote_temp_filename=temp_filename(state, host, remote), print_output=False, print_input=False, **arguments
                )
            success = checked_bool("get_file", returned)
            if success:
                checked_download(partial)
                os.chmod(partial, new_file_mode(local))
                os.replace(partial, local)
            return success, "", ""
        finally:
            remove_partial(partial)
            untrack_file(partial)

    return _fan_out(request_id, {**params, "selectors": [params.get("selector")]}, notify, work, single_host=True)
