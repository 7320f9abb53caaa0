"""Clause files are read straight from the parser's events: the same located nodes, and the same
errors, as composing the document first and converting its nodes (the reader before)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.errors import ClauseFileError
from treatydiff.formats import yamlio
from treatydiff.formats.yamlio import MAX_DEPTH, YList, YMap, YNode, YScalar, parse_yaml

ROOT = Path(__file__).resolve().parent.parent.parent


def _composed(node: yaml.Node) -> YNode:
    """The reader before: compose, then convert each node (aliases and depth were refused by
    the event check, so they are not handled here)."""
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if isinstance(node, yaml.ScalarNode):
        if "\x00" in node.value:
            raise ClauseFileError("a NUL character (\\0) is not allowed in a clause file")
        null = node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~", "null", "Null", "NULL")
        return YScalar(line, column, str(node.value), null=null and node.style is None)
    if isinstance(node, yaml.SequenceNode):
        return YList(line, column, tuple(_composed(item) for item in node.value))
    assert isinstance(node, yaml.MappingNode)
    items: dict[str, tuple[YScalar, YNode]] = {}
    for key_node, value_node in node.value:
        key = _composed(key_node)
        if not isinstance(key, YScalar):
            raise ClauseFileError("a mapping key must be a plain word")
        if key.value in items:
            raise ClauseFileError(f"key {key.value!r} appears twice in the same mapping")
        items[key.value] = (key, _composed(value_node))
    return YMap(line, column, items)


def _before(text: str) -> YNode | str | None:
    try:
        yamlio._check_events(text, None)
        node = yaml.compose(text, Loader=yamlio._LOADER)
        return None if node is None else _composed(node)
    except ClauseFileError as exc:
        return exc.args[0].split(" (")[0]
    except yaml.YAMLError:
        return "malformed"


def _now(text: str) -> YNode | str | None:
    try:
        return parse_yaml(text)
    except ClauseFileError as exc:
        message = exc.args[0]
        return "malformed" if message.startswith("malformed YAML") else message.split(" (")[0]


SNIPPETS = [
    "", "a: 1", "a:", "a: ~", "a: null", "a: Null", "a: 'null'", 'a: "~"', "a: !!null null", "a: !!null ''", "a: ! null",
    "a: !!str null", "- null\n- ~\n-\n- ''", "a: |-\n  text\n  more\n", "a: >\n  folded\n", "? [x]\n: y", "{a: 1, a: 2}",
    "a: 1\n---\nb: 2", "a: [1, [2, {b: c}]]", "a: \"x\\0y\"", "a: b: c", "key: value\n  bad", "- a\n- b: c\n  d: e",
    "2023-05-02: yes", "? a\n? a", "x: &a 1", "x: *a", "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "--- x\n...\n",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_same_nodes_and_errors_as_composing_first(text: str) -> None:
    assert _now(text) == _before(text)


def test_every_clause_file_and_config_in_the_repository_reads_the_same() -> None:
    files = [p for p in ROOT.rglob("*.y*ml") if ".git" not in p.parts and p.suffix in (".yaml", ".yml")]
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _now(text) == _before(text), path


_KEY = st.sampled_from(["id", "label", "text", "a", "b", "null", "~", "x y"])
_SCALAR = st.sampled_from(["", "~", "null", "'null'", '"x"', "!!null null", "! null", "[a]", "1", "text with: colon", "|-\n    block"])


@st.composite
def _yaml(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.sampled_from(["scalar", "map", "list", "flow"] if depth < 3 else ["scalar"]))
    if kind == "scalar":
        return draw(_SCALAR)
    pad = "  " * (depth + 1)
    if kind == "flow":
        return "[" + ", ".join(draw(st.lists(st.sampled_from(["a", "b", "null", "~", "{k: v}"]), max_size=3))) + "]"
    if kind == "list":
        items = draw(st.lists(_yaml(depth + 1), min_size=1, max_size=3))
        return "\n" + "\n".join(f"{pad}- {item}" for item in items)
    keys = draw(st.lists(_KEY, min_size=1, max_size=3))
    return "\n" + "\n".join(f"{pad}{k}: {draw(_yaml(depth + 1))}" for k in keys)


@settings(max_examples=300, deadline=None)
@given(_yaml())
def test_generated_documents_read_the_same(body: str) -> None:
    text = "root:" + body if body.startswith("\n") else f"root: {body}"
    assert _now(text) == _before(text)


def _careful(text: str) -> YNode | None:
    return yamlio._Builder(yamlio._check_events(text, None), None).document()


def _quick(text: str) -> YNode | str | None:
    try:
        return yamlio._quick_document(text)
    except yamlio._Unusual:
        return "handed over"


@pytest.mark.parametrize("text", SNIPPETS)
def test_the_one_pass_reading_gives_the_careful_nodes_or_hands_over(text: str) -> None:
    quick = _quick(text)
    if quick != "handed over":
        assert quick == _careful(text)


@pytest.mark.parametrize(
    "text",
    ["x: &a 1", "x: &a [1]", "x: *a", "a: \"x\\0y\"", "{a: 1, a: 2}", "? [x]\n: y", "a: 1\n---\nb: 2", "a: [1\nb: 2",
     "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "a: b: c"],
)
def test_what_the_careful_reading_refuses_is_handed_over_to_it(text: str) -> None:
    assert _quick(text) == "handed over"
    with pytest.raises(ClauseFileError):
        parse_yaml(text)


def test_nesting_up_to_the_limit_is_read_in_one_pass() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert _quick(text) == _careful(text) != "handed over"


def test_every_file_the_repository_holds_is_read_in_one_pass_as_carefully() -> None:
    files = [p for p in ROOT.rglob("*.y*ml") if ".git" not in p.parts and p.suffix in (".yaml", ".yml")]
    quick = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = _quick(text)
        if found != "handed over":
            quick += 1
            assert found == _careful(text), path
    assert quick > 10


@settings(max_examples=300, deadline=None)
@given(_yaml())
def test_generated_documents_read_in_one_pass_as_carefully(body: str) -> None:
    text = "root:" + body if body.startswith("\n") else f"root: {body}"
    found = _quick(text)
    if found != "handed over":
        assert found == _careful(text)
