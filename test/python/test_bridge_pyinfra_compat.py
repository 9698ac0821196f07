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
