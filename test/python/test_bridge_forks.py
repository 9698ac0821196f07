"""Connector code that forks, and whose child goes on into the kit instead of exec'ing or exiting: the child is
ended when it reaches the worker's channel, so the worker's own answer is the request's (the child's came first:
a sys.exit in the child failed the request, a child's hosts or output replaced the worker's)."""

from test_bridge_inventory import result


def test_a_forked_child_that_calls_sys_exit_does_not_fail_the_request(fresh_bridge):
    driver = fresh_bridge()
    for _ in range(2):
        assert [h["name"] for h in result(driver.call("inventory", {"targets": ["forks.py:ForkExitsConnector"]}))] == ["parent"]


def test_a_forked_child_that_returns_into_the_kit_neither_answers_nor_reads_the_next_request(fresh_bridge):
    driver = fresh_bridge()
    assert [h["name"] for h in result(driver.call("inventory", {"targets": ["forks.py:ForkReturnsConnector"]}))] == ["parent"]
    (ran,) = result(driver.call("run", {"selectors": [{"target": "forks.py:ForkReturnsConnector"}], "command": "true"}))
    assert (ran["host"], ran["success"], ran["stdout"]) == ("parent", True, "parent")
    for _ in range(3):  # the same worker, still the only one reading its channel
        assert [h["name"] for h in result(driver.call("inventory", {"targets": ["forks.py:ForkReturnsConnector"]}))] == ["parent"]
    code, _, stderr = driver.close()
    assert "which connector code forked from the worker, went on into the kit" in stderr
