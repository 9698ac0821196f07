"""Local commands start without a Python fork of the worker, and behave as gevent's Popen did.

Each case runs in a child interpreter patched as a worker is (gevent first, then spawning.install()),
so the pytest process keeps gevent's own Popen."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PYTHON_DIR

PRELUDE = """
from gevent import monkey; monkey.patch_all()
import json, os, sys
sys.path.insert(0, sys.argv[1])
from pyinfra_kit_bridge import spawning
spawning.install()
from gevent import subprocess
python_forks = []
os.register_at_fork(before=lambda: python_forks.append(1))
def report(**values):
    print(json.dumps({**values, "python_forks": len(python_forks)}))
"""


def run_patched(body: str) -> dict:
    done = subprocess.run([sys.executable, "-c", PRELUDE + body, str(PYTHON_DIR)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_shell_command_gives_its_output_exit_code_and_stdin_without_a_python_fork():
    result = run_patched("""
p = subprocess.Popen("read line; echo out:$line; echo err >&2; exit 3", shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
p.stdin.write(b"given\\n"); p.stdin.close()
report(out=p.stdout.read().decode(), err=p.stderr.read().decode(), code=p.wait(), returncode=p.returncode)
""")
    assert result == {"out": "out:given\n", "err": "err\n", "code": 3, "returncode": 3, "python_forks": 0}


def test_cwd_env_and_many_commands_at_once_work_as_with_gevents_popen():
    result = run_patched("""
import gevent
p = subprocess.Popen(["sh", "-c", "pwd; echo $KIT_VALUE"], cwd="/tmp", env={"KIT_VALUE": "v", "PATH": os.environ["PATH"]}, stdout=subprocess.PIPE)
first = p.communicate()[0].decode()
def one(index):
    q = subprocess.Popen(f"exit {index % 7}", shell=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    q.communicate()
    return q.returncode
greenlets = [gevent.spawn(one, i) for i in range(50)]
gevent.joinall(greenlets)  # it returns them in the order they ended: the codes are read in the order started
codes = [g.value for g in greenlets]
report(first=first, codes=codes)
""")
    assert result == {"first": "/tmp\nv\n", "codes": [i % 7 for i in range(50)], "python_forks": 0}


def test_os_waitpid_on_a_started_command_answers_as_with_gevents_popen_and_wait_still_does():
    # pyinfra's CLI starts commands with gevent's Popen, whose children gevent's os.waitpid knows: a connector
    # calling os.waitpid on one must not hang its wait() (the kit's start once let the real waitpid reap it first)
    result = run_patched("""
import gevent
running = subprocess.Popen(["sh", "-c", "sleep 0.2; exit 5"])
blocking = os.waitpid(running.pid, 0)
ended = subprocess.Popen(["sh", "-c", "exit 3"])
gevent.sleep(0.5)
after_end = os.waitpid(ended.pid, os.WNOHANG)
with gevent.Timeout(20):
    report(blocking=[blocking[0] == running.pid, os.waitstatus_to_exitcode(blocking[1])], running=running.wait(),
           after_end=[after_end[0] == ended.pid, os.waitstatus_to_exitcode(after_end[1])], ended=ended.wait())
""")
    assert result == {"blocking": [True, 5], "running": 5, "after_end": [True, 3], "ended": 3, "python_forks": 0}


def test_ended_commands_nobody_waited_for_with_os_waitpid_are_forgotten_as_gevent_forgets_them():
    result = run_patched("""
from gevent import os as gevent_os
spawning.ENDED_KEPT_S = 0  # gevent keeps them 60 s
pids = []
for _ in range(30):
    p = subprocess.Popen(["true"])
    p.wait()
    pids.append(p.pid)
report(codes_kept=len([pid for pid in pids if pid in gevent_os._watched_children]))
""")
    assert result["codes_kept"] <= 1  # the last one's end forgets the others, not itself


def test_a_program_that_cannot_start_raises_what_the_stdlib_raises():
    result = run_patched("""
subprocess.Popen(["true"]).wait()  # gevent's loop opens its own descriptors on first use
errors = []
fds_before = len(os.listdir("/proc/self/fd"))
for kwargs in ({"args": ["/no/such/program"]}, {"args": ["true"], "cwd": "/no/such/folder"}):
    try:
        subprocess.Popen(**kwargs)
    except OSError as error:
        errors.append([type(error).__name__, error.errno, error.filename])
report(errors=errors, fds_left_open=len(os.listdir("/proc/self/fd")) - fds_before)
""")
    assert result == {
        "errors": [["FileNotFoundError", 2, "/no/such/program"], ["FileNotFoundError", 2, "/no/such/folder"]],
        "fds_left_open": 0,
        "python_forks": 0,
    }


def test_a_preexec_fn_still_runs_in_the_child():
    result = run_patched("""
p = subprocess.Popen(["sh", "-c", "echo $KIT_SET_IN_CHILD"], preexec_fn=lambda: os.environ.__setitem__("KIT_SET_IN_CHILD", "yes"), stdout=subprocess.PIPE)
report(out=p.communicate()[0].decode())
""")
    assert result == {"out": "yes\n", "python_forks": 1}  # gevent's own start: the one Python fork


def test_a_python_whose_fork_exec_is_not_the_known_one_keeps_gevents_start():
    script = """
from gevent import monkey; monkey.patch_all()
import json, os, sys
sys.path.insert(0, sys.argv[1])
from pyinfra_kit_bridge import spawning
spawning._STDLIB_CALL = "fork_exec(as another Python version orders its arguments)"
spawning.install()
from gevent import subprocess
python_forks = []
os.register_at_fork(before=lambda: python_forks.append(1))
p = subprocess.Popen(["echo", "still runs"], stdout=subprocess.PIPE)
print(json.dumps({"out": p.communicate()[0].decode(), "python_forks": len(python_forks)}))
"""
    done = subprocess.run([sys.executable, "-c", script, str(PYTHON_DIR)], capture_output=True, text=True, timeout=60)
    assert json.loads(done.stdout) == {"out": "still runs\n", "python_forks": 1}
    assert "fork_exec is not the code the spawning patch was written for; left as it is" in done.stderr
