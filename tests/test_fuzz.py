"""Property tests: no input makes the pipeline raise, and no rule crashes on an odd draft shape."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icpfile import engine
from icpfile.data.catalog import read_data
from icpfile.options import Options

from conftest import dump

OPTIONS = Options(today=dt.date(2026, 11, 29))
BASES = read_data("example_bases.yaml")
TOKENS = ["version: 1\n", "filing:\n", "  type: ", "first_filing", "subject:\n", "  - ", "- ", ": ", "[", "]",
          "{", "}", ",", "&a ", "*a", "!!str ", "---\n", "\n", "  ", "'", '"', "#", "中文", "13800138000",
          "websites:\n", "principal: ", "same_as_subject", "~", "null", "yes", "0571", "12:30", "\t", "\ufeff"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(data: bytes) -> None:
    result = engine.check_bytes(data, "fuzz.yaml", OPTIONS)
    assert not result.internal


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_yaml_like_text_never_raises(parts: list[str]) -> None:
    result = engine.check_bytes("".join(parts).encode("utf-8"), "fuzz.yaml", OPTIONS)
    assert not result.internal


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=12),
                   st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                              st.text(max_size=5), max_size=3))


def _paths(value, prefix=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield (*prefix, i)
            yield from _paths(item, (*prefix, i))


PATHS = {name: list(_paths(base)) for name, base in BASES.items()}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(BASES)), st.data())
def test_rules_survive_any_value_anywhere(base: str, data: st.DataObject) -> None:
    """Replace a few values of a clean draft with values of any kind: findings, never a crash."""
    draft = copy.deepcopy(BASES[base])
    for _ in range(data.draw(st.integers(1, 4))):
        path = data.draw(st.sampled_from(PATHS[base]))
        node = draft
        for token in path[:-1]:
            try:
                node = node[token]
            except (KeyError, IndexError, TypeError):
                break
        else:
            if isinstance(node, (dict, list)):
                with contextlib.suppress(IndexError, TypeError):
                    node[path[-1]] = data.draw(VALUES)
    result = engine.check_bytes(dump(draft).encode("utf-8"), "fuzz.yaml", OPTIONS)
    assert not result.internal, result.internal
