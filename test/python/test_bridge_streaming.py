"""Hosts stream to the client in chunks as the bridge has them; limits stop a runaway connector."""

from test_bridge_inventory import error, result


def _chunked(driver, params):
    notes = []
    reply = driver.call("inventory", {**params, "chunked": True}, notes)
    return reply, [note["params"]["hosts"] for note in notes if note.get("method") == "hosts"]


def test_hosts_arrive_in_chunks_the_first_one_small(bridge):
    reply, chunks = _chunked(bridge, {"targets": ["runaway.py:ManyHosts/5000"]})
    assert result(reply) == {"count": 5000}
    # at most 100 first, then 2000 (fewer when the generator takes more than 50 ms for them)
    assert len(chunks[0]) <= 100 and all(len(chunk) <= 2000 for chunk in chunks) and len(chunks) >= 3
    hosts = [host for chunk in chunks for host in chunk]
    assert [host["name"] for host in hosts] == [f"host-{i}" for i in range(5000)]
    assert hosts[3] == {"name": "host-3", "data": {"index": 3}, "groups": ["odd"], "connector": "runaway.py:ManyHosts/5000"}


def test_without_chunked_the_answer_is_one_list_as_before(bridge):
    assert len(result(bridge.call("inventory", {"targets": ["runaway.py:ManyHosts/3"]}))) == 3


def test_an_endless_generator_ends_at_the_host_limit_naming_the_connector(bridge):
    reply, _ = _chunked(bridge, {"targets": ["runaway.py:Endless"], "limits": {"hosts": 50_000}})
    failure = error(reply, "limit")
    assert failure["message"] == "runaway.py:Endless: make_names_data yielded more than 50,000 hosts, the limit (--max-hosts; setting pyinfraConnectors.maxHosts)"


def test_the_answer_limit_ends_a_connector_whose_hosts_are_too_much(bridge):
    reply, _ = _chunked(bridge, {"targets": ["runaway.py:ManyHosts/5000"], "limits": {"answerBytes": 100_000}})
    assert error(reply, "limit")["message"] == "runaway.py:ManyHosts/5000: the answer exceeds 0 MB, the limit (--max-answer-mb; setting pyinfraConnectors.maxAnswerMB)"


def test_a_600_mb_value_is_a_clear_error(bridge):
    reply, chunks = _chunked(bridge, {"targets": ["runaway.py:HugeValue"]})
    assert error(reply, "limit")["message"] == "runaway.py:HugeValue: host 'huge' has 600 MB of data; a host may have at most 64 MB"
    assert chunks == []
