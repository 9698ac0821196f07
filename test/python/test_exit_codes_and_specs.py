"""Exit codes as pyinfra decides them, and target specs as typed by a person (spaces around them)."""

import pytest
from pyinfra_kit_bridge.errors import BridgeFault
from pyinfra_kit_bridge.targets import parse_target
from test_bridge_inventory import result


def _run(bridge, command: str, data: dict | None = None) -> dict:
    options = {"data": data} if data else {}
    (ran,) = result(bridge.call("run", {"selectors": [{"target": "@local"}], "command": command, "options": options}))
    return ran


def test_success_is_exit_0_unless_host_data_sets_success_exit_codes(bridge):
    # pyinfra's LocalConnector: status = return_code in _success_exit_codes, whose default is [0] and
    # which pop_global_arguments takes from host data when it is there
    assert [_run(bridge, f"exit {code}")["success"] for code in (0, 1, 3)] == [True, False, False]
    codes = {"_success_exit_codes": [0, 3]}
    assert [_run(bridge, f"exit {code}", codes)["success"] for code in (0, 1, 3)] == [True, False, True]


@pytest.mark.parametrize(
    "typed, kind, name, cls, arg",
    [
        ("  @local  ", "entry-point", "local", None, None),
        ("\t@docker/web 1\n", "entry-point", "docker", None, "web 1"),
        (" src/x.py:Conn/a ", "file", "src/x.py", "Conn", "a"),
        ("\npkg.mod:Conn\n", "module", "pkg.mod", "Conn", None),
        ("  web1.example.com ", "host", "web1.example.com", None, None),
    ],
)
def test_a_spec_is_read_without_the_spaces_around_it(typed, kind, name, cls, arg):
    target = parse_target(typed)
    assert (target.spec, target.kind, target.name, target.cls, target.arg) == (typed.strip(), kind, name, cls, arg)


@pytest.mark.parametrize("spec", ["pkg.mod:", "1pkg.mod:Conn", "pkg..mod:Conn", "pkg.mod:Co-nn", "  \t "])
def test_a_spec_whose_module_or_class_is_no_python_name_is_refused(spec):
    with pytest.raises(BridgeFault) as raised:
        parse_target(spec)
    assert raised.value.kind == "usage"
