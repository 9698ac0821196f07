"""run.*: run_shell_command as pyinfra calls it, with its connector arguments."""

from __future__ import annotations

import shlex
import time

import gevent

from .context import HostContext
from .registry import Failed, Skipped, check, expect_equal

LARGE_LINE = "kit-large-output " + "0123456789" * 9  # 107 characters and a newline
LARGE_LINES = 10 * 1024 * 1024 // (len(LARGE_LINE) + 1) + 1  # just over 10 MB


@check("run.stdout", "stdout lines come back as stdout, in order")
def stdout(context: HostContext) -> None:
    ran = context.run("printf 'one\\ntwo\\n'")
    expect_equal("stdout", ["one", "two"], ran.stdout)
    expect_equal("stderr", [], ran.stderr)


@check("run.stderr", "stderr lines come back as stderr, not as stdout")
def stderr(context: HostContext) -> None:
    ran = context.run("echo to-stderr >&2; echo to-stdout")
    expect_equal("stderr", ["to-stderr"], ran.stderr)
    expect_equal("stdout", ["to-stdout"], ran.stdout)


@check("run.exit-status", "a non-zero exit is a failure, zero a success")
def exit_status(context: HostContext) -> None:
    expect_equal("success of `exit 3`", False, context.run("exit 3").success)
    expect_equal("success of `true`", True, context.run("true").success)


@check("run.success-exit-codes", "_success_exit_codes decides success")
def success_exit_codes(context: HostContext) -> None:
    expect_equal("success of `exit 3` with _success_exit_codes=[0, 3]", True, context.run("exit 3", _success_exit_codes=[0, 3]).success)
    expect_equal("success of `exit 0` with _success_exit_codes=[3]", False, context.run("exit 0", _success_exit_codes=[3]).success)


ENV = {"KIT_PLAIN": "plain", "KIT_TRICKY": "a b 'single' \"double\" $HOME ü;"}


@check("run.env", "_env reaches the command as @local's does")
def env(context: HostContext) -> None:
    command = 'printf "%s|%s\\n" "$KIT_PLAIN" "$KIT_TRICKY"'
    expected = context.reference.run(command, _env=ENV).stdout
    expect_equal("output with _env (expected: what @local prints)", expected, context.run(command, _env=ENV).stdout)


def _chdir_output(context: HostContext) -> tuple[str, list[str]]:
    folder = context.path("chdir here")
    context.must(f"mkdir -p {shlex.quote(folder)} && touch {shlex.quote(folder)}/kit-marker", "make a folder")
    return folder, context.run("pwd; ls", _chdir=folder).stdout


@check("run.chdir", "_chdir runs the command in that folder, as on @local")
def chdir(context: HostContext) -> None:
    local_folder, local_output = _chdir_output(context.reference)
    expected = [line.replace(local_folder, "{folder}") for line in local_output]
    folder, output = _chdir_output(context)
    expect_equal("output of `pwd; ls` with _chdir (expected: what @local prints)", expected, [line.replace(folder, "{folder}") for line in output])


@check("run.stdin", "_stdin is written to the command's standard input")
def stdin(context: HostContext) -> None:
    expect_equal("what `cat` read", ["first line", "second ü"], context.run("cat", _stdin="first line\nsecond ü").stdout)


TIMEOUT_S = 1


@check("run.timeout", "_timeout stops a command within about twice its value")
def timeout(context: HostContext) -> None:
    started = time.monotonic()
    limit = 2 * TIMEOUT_S + 1
    try:
        with gevent.Timeout(limit):
            ran = context.run("sleep 5", _timeout=TIMEOUT_S)
    except gevent.Timeout:
        raise Failed(f"`sleep 5` with _timeout={TIMEOUT_S} was still running after {limit} s", expected=f"<= {limit} s", actual=f"> {limit} s") from None
    except Exception:  # pyinfra's own connectors raise TimeoutError
        return
    took = time.monotonic() - started
    if ran.success:
        raise Failed(f"`sleep 5` with _timeout={TIMEOUT_S} succeeded after {took:.1f} s; a timeout must fail or raise")


@check("run.shell-syntax", "pipes, &&, quotes, $VAR and unicode survive the trip")
def shell_syntax(context: HostContext) -> None:
    command = "echo 'a b' | tr a-z A-Z && X='q \"u\" ü' && echo \"$X\" && echo 'no $EXPANSION' || echo never; printf '%s\\n' ünï"
    expect_equal("output", ["A B", 'q "u" ü', "no $EXPANSION", "ünï"], context.run(command).stdout)


@check("run.large-output", "10 MB of output comes back whole")
def large_output(context: HostContext) -> None:
    ran = context.run(f"yes '{LARGE_LINE}' | head -n {LARGE_LINES}")
    wrong = sum(1 for line in ran.stdout if line != LARGE_LINE)
    expect_equal("lines of output", LARGE_LINES, len(ran.stdout))
    expect_equal("lines that differ from what was printed", 0, wrong)


@check("run.sudo", "_sudo runs the command as root")
def sudo(context: HostContext) -> None:
    probe = context.run("command -v sudo >/dev/null && sudo -n true && echo kit-sudo")
    if probe.stdout != ["kit-sudo"]:
        raise Skipped(f"the host has no password-less sudo (`sudo -n true` failed: {' '.join(probe.stderr)[:120] or 'no sudo'})")
    expect_equal("`id -u` with _sudo", ["0"], context.run("id -u", _sudo=True).stdout)


@check("run.shell-executable", "_shell_executable picks the shell, as on @local")
def shell_executable(context: HostContext) -> None:
    for who in (context, context.reference):
        if not who.run("command -v bash").success:
            raise Skipped(f"{'@local' if who is context.reference else 'the host'} has no bash")
    command = '[ -n "$BASH_VERSION" ] && echo bash || echo "not bash"'
    expected = context.reference.run(command, _shell_executable="bash").stdout
    expect_equal("output with _shell_executable='bash' (expected: what @local prints)", expected, context.run(command, _shell_executable="bash").stdout)
