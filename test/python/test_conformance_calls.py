"""How the conformance suite calls into connector code: only through the bridge's public helpers."""

from __future__ import annotations

import ast

from conftest import PYTHON_DIR

CONFORMANCE = PYTHON_DIR / "pyinfra_kit_bridge" / "conformance"


def test_the_suite_imports_no_private_name_from_the_rest_of_the_bridge():
    private = []
    for source in sorted(CONFORMANCE.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(), str(source))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2:  # from ..module import name
                private += [f"{source.name}: {node.module}.{alias.name}" for alias in node.names if alias.name.startswith("_")]
    assert private == []
