"""Entry points whose import raises what is hard to show: `connectors` and `doctor` name each with its error and go on
(GeneratorExit failed the whole connector list; an exception whose str() raises was "the import ended the interpreter"
in the doctor), and a password in a URL is masked in the doctor's report as everywhere else (it went out whole)."""

import json
import os
import subprocess
import sys

from conftest import FIXTURES, PYTHON_DIR, BridgeDriver
from test_bridge_inventory import result

SITE = FIXTURES / "site-hostile"
EXPECTED = {
    "kitunprintable": "Unprintable: <str() failed: RuntimeError: str() of the error raised too>",
    "kitgeneratorexit": "GeneratorExit",
    "kiturlsecret": "RuntimeError: could not read https://deploy:********@vault.example/config",
}


def test_the_connector_list_names_each_broken_entry_point_with_its_error():
    driver = BridgeDriver(FIXTURES, env={"PYTHONPATH": str(SITE)})
    try:
        listed = {entry["name"]: entry for entry in result(driver.call("connectors"))}
    finally:
        driver.close()
    assert {name: listed[name].get("error") for name in EXPECTED} == EXPECTED
    assert listed["local"]["handlesExecution"] is True


def test_the_doctor_names_each_broken_entry_point_with_its_error_and_masks_url_passwords():
    code = "import sys; sys.path[0] = sys.argv[1]; from pyinfra_kit_bridge.doctor import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code, str(PYTHON_DIR)], capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(SITE)}
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    listed = {entry["name"]: entry for entry in report["connectors"]}
    assert {name: listed[name].get("error") for name in EXPECTED} == EXPECTED
    assert "url-pw-entry-point" not in done.stdout
    assert len(report["problems"]) == 3
