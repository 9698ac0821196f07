"""Mutation testing of the bridge's Python side with cosmic-ray, one group of guarded code at a time.

Run by scripts/mutation/run.js with the project's .venv Python. cosmic-ray writes each mutant into the
file on disk, so every group works in its own copy of python/ and test/ under out/mutation/python/.
A group's session (sqlite) is named by a hash of its module and the tests that cover it: an unchanged group
reuses its finished results, an interrupted one goes on where it stopped (incremental).
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from cosmic_ray.work_db import WorkDB, use_db
from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out" / "mutation" / "python"
PYTHON = str(ROOT / ".venv" / "bin" / "python")

SPECS = "test/python/test_exit_codes_and_specs.py::test_a_spec"
PURE_TESTS = ["test/python/test_pure_parts.py", f"{SPECS}_is_read_without_the_spaces_around_it", f"{SPECS}_whose_module_or_class_is_no_python_name_is_refused",
              "test/python/test_mutation_survivors.py", "-k", "not get_without"]  # that one starts a bridge
# test_secrets.py's cases that start no bridge (the shared rule table, URLs, non-string values, the scrubber) and
# test_mutation_survivors.py's
SECRETS = "test/python/test_secrets.py::test_"
MASKING_TESTS = ["test/python/test_pure_parts.py", *(f"{SECRETS}{name}" for name in (
    "secret_keys_of_the_shared_table", "plain_keys_of_the_shared_table", "passwords_inside_urls_are_masked_and_scrubbed",
    "non_string_secrets_are_masked_and_scrubbed_as_text", "the_longest_secret_is_replaced_whole_and_one_character_is_left")),
    "test/python/test_mutation_survivors.py", "-k", "not get_without"]
# group: (module, the top-level function or class mutated or None for the whole module, pytest arguments that cover it)
GROUPS = {
    "masking": ("pyinfra_kit_bridge/masking.py", None, MASKING_TESTS),
    "targets": ("pyinfra_kit_bridge/targets.py", None, PURE_TESTS),
    "jsonsafe": ("pyinfra_kit_bridge/jsonsafe.py", None, PURE_TESTS),
    "host-keys": ("pyinfra_kit_bridge/host_keys.py", None, ["test/python/test_host_keys.py"]),
    # the bridge's get: the partial file written beside the destination and renamed when complete, and
    # where it lands (a folder, the mode it keeps, remote paths that name no file)
    "partial-file": ("pyinfra_kit_bridge/execution.py", "get", ["test/python/test_bridge_execution.py", "test/python/test_mutation_survivors.py", "-k", "get"]),
    "downloads": ("pyinfra_kit_bridge/downloads.py", None, ["test/python/test_output_and_transfers.py", "-k", "get or remote_paths"]),
    # the debug entry's descriptors 1 and 2: relayed to the debug console scrubbed, held while a call can yield secrets
    "debug-output": ("pyinfra_kit_bridge/debug_entry.py", "_ScrubbedDescriptors", ["test/python/test_debug_entry.py"]),
}
# cosmic-ray replaces each arithmetic operator by every other one; the bitwise, shift, modulo, floor
# division and power replacements add minutes, not findings, for code that does no such arithmetic
SKIPPED_OPERATORS = re.compile(r"ReplaceBinaryOperator_\w+_(BitOr|BitAnd|BitXor|LShift|RShift|FloorDiv|Mod|Pow)$")


def _digest(paths: list[Path], extra: str) -> str:
    digest = hashlib.sha256(extra.encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _copy_tree(group_dir: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    shutil.rmtree(group_dir / "python", ignore_errors=True)
    shutil.rmtree(group_dir / "test", ignore_errors=True)
    shutil.copytree(ROOT / "python", group_dir / "python", ignore=ignore)
    shutil.copytree(ROOT / "test" / "python", group_dir / "test" / "python", ignore=ignore)
    shutil.copytree(ROOT / "test" / "fixtures", group_dir / "test" / "fixtures", ignore=ignore, symlinks=True)


def _cosmic_ray(*args: str, cwd: Path) -> None:
    subprocess.run([str(ROOT / ".venv" / "bin" / "cosmic-ray"), *args], cwd=cwd, check=True)


def _lines_of(path: Path, function: str | None) -> tuple[int, int] | None:
    """The lines of a top-level function or class (all its methods), or None for the whole module."""
    if function is None:
        return None
    (found,) = [node for node in ast.parse(path.read_text()).body if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == function]
    return found.lineno, found.end_lineno or found.lineno


def run_group(name: str) -> dict:
    module, function, pytest_args = GROUPS[name]
    lines = _lines_of(ROOT / "python" / module, function)
    # the module, the test files that cover it and their fixtures name the session
    tests = {ROOT / arg.split("::")[0] for arg in pytest_args if arg.startswith("test/")}
    sources = [ROOT / "python" / module, ROOT / "test" / "python" / "conftest.py", *tests]
    session_name = f"{name}-{_digest(sources, json.dumps([lines, pytest_args, SKIPPED_OPERATORS.pattern]))}.sqlite"
    group_dir = OUT / name
    session = group_dir / session_name
    if not session.exists():
        shutil.rmtree(group_dir, ignore_errors=True)
        group_dir.mkdir(parents=True)
        _copy_tree(group_dir)
        test_command = shlex.join([PYTHON, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *pytest_args])
        (group_dir / "cosmic-ray.toml").write_text(
            "[cosmic-ray]\n"
            f'module-path = "python/{module}"\n'
            "timeout = 60.0\n"
            "excluded-modules = []\n"
            f"test-command = {json.dumps(test_command)}\n"
            '[cosmic-ray.distributor]\nname = "local"\n'
        )
        _cosmic_ray("init", "cosmic-ray.toml", session_name, cwd=group_dir)
        _skip(session, lines, _annotations(ROOT / "python" / module))
        _cosmic_ray("baseline", "cosmic-ray.toml", cwd=group_dir)
    else:
        _copy_tree(group_dir)  # an interrupted run may have left a mutant written into the copy
    _cosmic_ray("exec", "cosmic-ray.toml", session_name, cwd=group_dir)
    return _score(name, session)


def _annotations(path: Path) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The spans of a module's type annotations when `from __future__ import annotations` leaves them
    unevaluated: a mutant there (`dict | None` -> `dict + None`) changes nothing that runs."""
    tree = ast.parse(path.read_text())
    postponed = any(isinstance(node, ast.ImportFrom) and node.module == "__future__" and any(a.name == "annotations" for a in node.names) for node in tree.body)
    if not postponed:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg | ast.AnnAssign):
            found.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append(node.returns)
    return [((n.lineno, n.col_offset), (n.end_lineno or n.lineno, n.end_col_offset or 0)) for n in found if n is not None]


def _uncounted(mutation, lines: tuple[int, int] | None, annotations) -> bool:
    """Outside the group's lines, of SKIPPED_OPERATORS, or inside an unevaluated annotation."""
    start = tuple(mutation.start_pos)
    outside = lines is not None and not lines[0] <= start[0] <= lines[1]
    annotation = any(first <= start < last for first, last in annotations)
    return outside or annotation or bool(SKIPPED_OPERATORS.search(mutation.operator_name))


def _skip(session: Path, lines: tuple[int, int] | None, annotations) -> None:
    """Marks done, uncounted, the mutants _uncounted names."""
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in list(db.pending_work_items):
            if _uncounted(item.mutations[0], lines, annotations):
                db.set_result(item.job_id, WorkResult(worker_outcome=WorkerOutcome.SKIPPED))


def _score(name: str, session: Path) -> dict:
    killed, survived, pending = 0, [], 0
    module, function, _ = GROUPS[name]
    path = ROOT / "python" / module
    lines, annotations = _lines_of(path, function), _annotations(path)
    with use_db(str(session), WorkDB.Mode.open) as db:
        pending = sum(1 for _ in db.pending_work_items)
        for item, result in db.completed_work_items:
            if result.worker_outcome == WorkerOutcome.SKIPPED or _uncounted(item.mutations[0], lines, annotations):
                continue
            if result.test_outcome == TestOutcome.SURVIVED:
                survived.append({"line": item.mutations[0].start_pos[0], "operator": item.mutations[0].operator_name, "diff": result.diff})
            else:  # killed, incompetent (the mutant broke the module) or abnormal (a timeout)
                killed += 1
    tested = killed + len(survived)
    return {
        "group": name,
        "module": f"python/{GROUPS[name][0]}",
        "killed": killed,
        "survived": survived,
        "pending": pending,
        "score": round(100 * killed / tested, 1) if tested else None,
    }


def main(names: list[str]) -> None:
    unknown = [name for name in names if name not in GROUPS]
    if unknown:
        sys.exit(f"unknown Python group(s) {', '.join(unknown)}; Python groups: {', '.join(GROUPS)}")
    results = [run_group(name) for name in (names or list(GROUPS))]
    scores = OUT / "scores.json"
    earlier = json.loads(scores.read_text()) if scores.exists() else []
    ran = {result["group"] for result in results}
    scores.write_text(json.dumps([r for r in earlier if r["group"] not in ran and r["group"] in GROUPS] + results, indent=2))
    for result in results:
        for mutant in result["survived"]:
            print(f"survived: {result['module']}:{mutant['line']} {mutant['operator']}\n{mutant['diff']}")


if __name__ == "__main__":
    main(sys.argv[1:])
