"""Cases that mutation testing (npm run test:mutation) found untested in the bridge: JavaScript's
integer limit, the depth limit on every kind of container, long reprs cut short, sets that cannot be
sorted, a download asked for without one of its paths, secrets in cyclic or deep raw data, the
shortest secret scrubbed, secrets a worker learns passed to its parent."""

import enum

import pytest
from pyinfra_kit_bridge.jsonsafe import json_safe
from pyinfra_kit_bridge.masking import MASK, Scrubber, secret_values
from test_bridge_inventory import error


def _nested(inner, levels: int):
    for _ in range(levels):
        inner = [inner]
    return inner


def _innermost(value, levels: int):
    for _ in range(levels):
        (value,) = value
    return value


def test_integers_stay_numbers_only_while_javascript_holds_them_exactly():
    assert json_safe([2**53 - 1, -(2**53 - 1), 0]) == [2**53 - 1, -(2**53 - 1), 0]
    assert json_safe([2**53, -(2**53), 2**63 - 1, -(2**63)]) == [str(2**53), str(-(2**53)), str(2**63 - 1), str(-(2**63))]


class _Empty(enum.Enum):
    TUPLE = ()


def test_every_container_counts_one_level_and_is_cut_at_depth_32():
    # the value at depth 32 is shown as its repr; one level less and it is still converted
    assert _innermost(json_safe(_nested((), 31)), 31) == []
    assert _innermost(json_safe(_nested((), 32)), 32) == "()"
    assert _innermost(json_safe(_nested({"v": ()}, 31)), 31) == {"v": "()"}
    assert _innermost(json_safe(_nested({(): 1}, 31)), 31) == {"()": 1}
    assert _innermost(json_safe(_nested({(): 1}, 30)), 30) == {"[]": 1}
    assert _innermost(json_safe(_nested({"v": ()}, 30)), 30) == {"v": []}
    assert _innermost(json_safe(_nested(frozenset({()}), 31)), 31) == ["()"]
    assert _innermost(json_safe(_nested(frozenset({()}), 30)), 30) == [[]]
    assert _innermost(json_safe(_nested(_Empty.TUPLE, 31)), 31) == "()"
    assert _innermost(json_safe(_nested(_Empty.TUPLE, 30)), 30) == []


def test_a_long_repr_is_cut_to_500_characters():
    class Long:
        def __repr__(self):
            return "x" * 600

    class Exact:
        def __repr__(self):
            return "y" * 500

    class OneMore:
        def __repr__(self):
            return "z" * 501

    assert json_safe(Long()) == "x" * 497 + "..."
    assert json_safe(Exact()) == "y" * 500
    assert json_safe(OneMore()) == "z" * 497 + "..."


def test_a_set_of_values_that_cannot_be_compared_is_sorted_by_repr():
    assert json_safe({1, "a", None}) == ["a", 1, None]


def test_secrets_in_raw_data_with_a_cycle_are_found_once():
    data = {"api_token": "t0ken", "hosts": []}
    data["hosts"].append(data)
    data["self"] = data
    assert list(secret_values(data)) == ["t0ken"]


def test_a_secret_in_the_64th_nested_container_is_still_found():
    assert list(secret_values(_nested({"ssh_password": "deep-pw"}, 63))) == ["deep-pw"]


def test_a_secret_of_the_shortest_scrubbed_length_is_scrubbed_and_a_shorter_one_is_not():
    scrubber = Scrubber()
    scrubber.remember({"a_password": "ab", "b_password": "c"})
    assert scrubber.scrub("ab c") == f"{MASK} c"


def test_a_worker_hands_on_each_secret_it_learns_once_and_only_after_it_was_asked():
    scrubber = Scrubber()
    scrubber.remember({"api_token": "before"})
    assert scrubber.take_unreported() == []
    scrubber.report_new()
    assert scrubber.take_unreported() == []
    scrubber.remember({"api_token": "after", "other_token": "before"})
    assert scrubber.take_unreported() == ["after"]
    assert scrubber.take_unreported() == []
    assert scrubber.scrub("before after") == f"{MASK} {MASK}"


@pytest.mark.parametrize("paths", [{"local": "copy.bin"}, {"remote": "/etc/hostname"}, {"remote": 1, "local": "copy.bin"}])
def test_get_without_a_remote_or_a_local_path_is_bad_usage(bridge, paths):
    refused = error(bridge.call("get", {"selector": {"target": "@local"}, **paths}), "usage")
    assert refused["message"] == "get needs a remote and a local path"
