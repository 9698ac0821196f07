"""The oracle tier: pyinfra itself, run on every lint fixture (lint_oracle.py), agrees with `pyinfra-kit lint`.

Every error-severity finding must match a pyinfra failure of the kind its rule claims, and every pyinfra
failure a rule covers must have a finding of that rule. A new rule is added to CLAIMS, or this test fails.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "test" / "fixtures" / "lint"
CLI = ROOT / "dist" / "cli.js"
ORACLE = Path(__file__).with_name("lint_oracle.py")

# the failure kinds (lint_oracle.py) each error rule says pyinfra will show
CLAIMS = {
    "PCK001": {"names-none"},
    "PCK002": {"abstract"},
    "PCK003": {"names-self"},
    "PCK005": {"call", "swapped"},
    "PCK006": {"names-call"},
    "PCK009": {"data-keyerror"},
    "PCK011": {"data-type"},
}
COVERED_BY = {kind: {code for code, kinds in CLAIMS.items() if kind in kinds} for kinds in CLAIMS.values() for kind in kinds}

# fixtures pyinfra cannot import, each on purpose; what the import raises
NOT_IMPORTABLE = {
    "single/half_written.py": "SyntaxError",  # half-typed code the linter must tolerate
    "single/unresolved_mixin.py": "ModuleNotFoundError",  # a base from a package that exists nowhere: the linter stays silent
    "single/legacy.py": "ImportError",  # pyinfra 2.x names, which PCK008 flags
}
if sys.version_info < (3, 12):
    NOT_IMPORTABLE["single/modern_syntax.py"] = "SyntaxError"  # PEP 695 generics; the judged classes are elsewhere


def lint(fixture: Path) -> list[dict]:
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: build first (node esbuild.js)")
    run = subprocess.run(["node", str(CLI), "lint", "--format", "json", "."], cwd=fixture, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def oracle(fixture: Path, tmp_path: Path) -> dict:
    output = tmp_path / "oracle.json"
    run = subprocess.run([sys.executable, str(ORACLE), str(fixture), str(output)], capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(output.read_text())


def test_every_error_rule_has_a_claim():
    sarif = subprocess.run(["node", str(CLI), "lint", "--format", "sarif", str(FIXTURES / "single" / "good_inventory.py")],
                           capture_output=True, text=True, timeout=120, check=False)
    rules = json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]["rules"]
    errors = {rule["id"] for rule in rules if rule["defaultConfiguration"]["level"] == "error"}
    # PCK007 is judged on pyproject.toml entries below, not on classes; warnings may claim failures too (PCK009)
    assert errors - {"PCK007"} <= set(CLAIMS) <= {rule["id"] for rule in rules}


@pytest.mark.parametrize("name", ["single", "project"])
def test_linter_agrees_with_pyinfra(name, tmp_path):
    fixture = FIXTURES / name
    findings = lint(fixture)
    judged = oracle(fixture, tmp_path)

    import_errors = {f"{name}/{file}": error.split(":")[0] for file, error in judged["importErrors"].items()}
    expected = {file: error for file, error in NOT_IMPORTABLE.items() if file.startswith(f"{name}/")}
    assert import_errors == expected
    assert any(f["code"] == "PCK008" for f in findings if f["file"] == "legacy.py") or name != "single"

    problems = []
    claimed = set()
    for cls in judged["classes"]:
        # on the class, or (PCK009 on a data_cls key) elsewhere in its file naming it
        mine = [f for f in findings if f["file"] == cls["file"]
                and (cls["line"] <= f["line"] <= cls["endLine"] or re.search(rf"\b{cls['name']}\b", f["message"]))]
        kinds = {failure["kind"] for failure in cls["failures"]}
        where = f"{cls['file']}:{cls['line']} {cls['name']}"
        for finding in mine:
            claimed.add(id(finding))
            if finding["severity"] == "error" and not CLAIMS.get(finding["code"], set()) & kinds:
                problems.append(f"{where}: lint says {finding['code']} ({finding['message']}) but pyinfra shows {sorted(kinds) or 'no failure'}")
        for kind in kinds & set(COVERED_BY):
            if not any(f["code"] in COVERED_BY[kind] for f in mine):
                messages = [f["message"] for f in cls["failures"] if f["kind"] == kind]
                problems.append(f"{where}: pyinfra fails ({kind}: {messages[0]}) but lint reports none of {sorted(COVERED_BY[kind])}")

    entries = {entry["line"]: entry for entry in judged["entryPoints"]}
    for finding in findings:
        if finding["file"] == "pyproject.toml":
            entry = entries.get(finding["line"])
            if finding["code"] == "PCK007" and not (entry and entry["failure"]):
                problems.append(f"pyproject.toml:{finding['line']}: lint says PCK007 but pyinfra loads the entry point")
        elif id(finding) not in claimed and finding["severity"] == "error" and f"{name}/{finding['file']}" not in NOT_IMPORTABLE:
            problems.append(f"{finding['file']}:{finding['line']}: {finding['code']} outside any class pyinfra was run on")
    for entry in judged["entryPoints"]:
        codes = {f["code"] for f in findings if f["file"] == "pyproject.toml" and f["line"] == entry["line"]}
        if entry["failure"] and not codes & {"PCK007", "PCK008"}:
            problems.append(f"pyproject.toml:{entry['line']}: pyinfra fails to load '{entry['name']}' ({entry['failure']}) but lint is silent")

    assert not problems, "\n".join(problems)
    # the comparison is not vacuous: pyinfra failed somewhere, and the linter found it
    assert any(cls["failures"] for cls in judged["classes"])
