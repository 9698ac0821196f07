"""Patches of pyinfra's internals live in pyinfra_compat.py, each written against known versions."""

import pyinfra
import pyinfra.api.inventory as pyinfra_inventory

from pyinfra_kit_bridge import inventory, pyinfra_compat


def test_the_installed_pyinfra_is_a_version_the_patches_were_checked_against():
    assert pyinfra_compat.is_checked(str(pyinfra.__version__)), (
        f"pyinfra {pyinfra.__version__} is outside {pyinfra_compat.CHECKED_MINORS}: read the code each patch in "
        "pyinfra_compat.py replaces (in .venv/lib/python3.11/site-packages/pyinfra), then widen CHECKED_MINORS"
    )


def test_an_unchecked_minor_is_refused():
    assert pyinfra_compat.is_checked("3.0.0") and pyinfra_compat.is_checked("3.10.2")
    assert not pyinfra_compat.is_checked("3.11.0") and not pyinfra_compat.is_checked("4.0") and not pyinfra_compat.is_checked("2.9")
    assert not pyinfra_compat.is_checked("unknown")


def test_the_connector_lookup_is_the_bridges_own():
    assert pyinfra_inventory.get_all_connectors is inventory._all_connectors
    assert pyinfra_inventory.get_execution_connectors is inventory._execution_connectors


def test_every_patch_was_checked_against_the_installed_pyinfra():
    unchecked = [what for what, (checked, _apply) in pyinfra_compat.PATCHES.items() if not pyinfra_compat.is_checked(str(pyinfra.__version__), checked)]
    assert unchecked == [], f"read pyinfra {pyinfra.__version__}'s code for {unchecked}, then widen their ranges in pyinfra_compat.PATCHES"


def test_the_inventory_is_pyinfras_own_with_identity_group_lists():
    # pyinfra_compat falls back to pyinfra's own Inventory when make_hosts_and_groups is not the code it was written for
    assert pyinfra_compat.inventory_class() is not pyinfra_inventory.Inventory
    assert issubclass(pyinfra_compat.inventory_class(), pyinfra_inventory.Inventory)


def test_argument_types_are_evaluated_once_and_stay_pyinfras():
    import subprocess
    import sys

    from conftest import PYTHON_DIR

    script = """
import json, sys, typing
sys.path.insert(0, sys.argv[1])
from pyinfra.api import arguments
expected = list(typing.get_type_hints(arguments.AllArguments).items())
from pyinfra_kit_bridge import pyinfra_compat
pyinfra_compat.install()
evaluations = []
real = arguments.get_type_hints
arguments.get_type_hints = lambda *a, **k: evaluations.append(1) or real(*a, **k)
first = arguments.all_global_arguments()
first.clear()  # a caller changing its copy changes nothing for the next
print(json.dumps({"same": arguments.all_global_arguments() == expected, "evaluations": len(evaluations)}))
"""
    done = subprocess.run([sys.executable, "-c", script, str(PYTHON_DIR)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == '{"same": true, "evaluations": 0}'
