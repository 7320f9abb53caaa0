"""The one module that speaks YAML.

Parsing keeps every value's line and column so validation errors can point at them; every
scalar stays a string (YAML 1.1 would turn ``2023-05-02`` into a date and ``no`` into
``False``, which is not what a drafter means).  Dumping writes multi-line text as literal
blocks so clause files read like the draft and diff well in git.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import ClauseFileError, InputError, Location

# libyaml's composer is about ten times faster and keeps the same marks; fall back without it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YNode:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class YScalar(YNode):
    value: str
    null: bool = False  # written as ~, null or nothing


@dataclass(frozen=True)
class YList(YNode):
    items: tuple[YNode, ...]


@dataclass(frozen=True)
class YMap(YNode):
    # key -> (key node, value node), in file order
    items: dict[str, tuple[YScalar, YNode]]


MAX_DEPTH = 64  # a clause file nests five levels; anything far deeper is not one


def _convert(node: yaml.Node, path: Path | str | None, seen: set[int], depth: int = 0) -> YNode:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    # The composer hands an alias back as the node it names, so a node met twice is an alias.
    # _check_events refuses every anchor and alias before composing; this is the backstop.
    if id(node) in seen:
        raise _alias_error(path, line, column)
    seen.add(id(node))
    if depth > MAX_DEPTH:
        raise ClauseFileError(
            f"nested more than {MAX_DEPTH} levels deep",
            location=Location(path, line, column),
            fix="a clause file needs only a few levels: check the indentation and brackets",
        )
    if isinstance(node, yaml.ScalarNode):
        if "\x00" in node.value:  # only a "\0" escape gets here (the file's bytes are checked)
            raise ClauseFileError(
                "a NUL character (\\0) is not allowed in a clause file",
                location=Location(path, line, column),
                fix="remove the \\0 escape from the text",
            )
        null = node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~", "null", "Null", "NULL")
        return YScalar(line, column, str(node.value), null=null and node.style is None)
    if isinstance(node, yaml.SequenceNode):
        return YList(line, column, tuple(_convert(item, path, seen, depth + 1) for item in node.value))
    if isinstance(node, yaml.MappingNode):
        items: dict[str, tuple[YScalar, YNode]] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path, seen, depth + 1)
            if not isinstance(key, YScalar):
                raise ClauseFileError(
                    "a mapping key must be a plain word",
                    location=Location(path, key.line, key.column),
                    fix="write `key: value`",
                )
            if key.value in items:
                raise ClauseFileError(
                    f"key {key.value!r} appears twice in the same mapping",
                    location=Location(path, key.line, key.column),
                    fix="keep one of them",
                )
            items[key.value] = (key, _convert(value_node, path, seen, depth + 1))
        return YMap(line, column, items)
    raise ClauseFileError(  # pragma: no cover - composer yields only the three kinds above
        f"unsupported YAML node {type(node).__name__}", location=Location(path, line, column)
    )


def to_plain(node: YNode) -> Any:
    """Drop locations: nested dicts, lists and strings (``None`` for nulls)."""
    if isinstance(node, YScalar):
        return None if node.null else node.value
    if isinstance(node, YList):
        return [to_plain(item) for item in node.items]
    if isinstance(node, YMap):
        return {key: to_plain(value) for key, (_, value) in node.items.items()}
    raise TypeError(type(node).__name__)  # pragma: no cover


def _alias_error(path: Path | str | None, line: int | None, column: int | None) -> ClauseFileError:
    return ClauseFileError(
        "YAML anchors and aliases (&name, *name) are not allowed",
        location=Location(path, line, column),
        fix="write the text out in full instead of referring to it",
    )


def _check_events(text: str, path: Path | str | None) -> None:
    """Refuse anchors, aliases and deep nesting from the parser's events, before composing.

    Clause files and configs never need anchors, and expanding aliases is how "billion laughs"
    files exhaust memory: a collection alias multiplies nodes, a scalar one multiplies text
    (1 MB with 200 aliases became 200 MB of output).  So every anchor and alias is refused,
    never expanded.  libyaml's composer also recurses in C: a document nested some 100,000
    levels deep crashes the process (a segmentation fault, not an exception), while the parser
    keeps an explicit stack, so depth is checked here too."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            raise _alias_error(path, mark.line + 1 if mark else None, mark.column + 1 if mark else None)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise ClauseFileError(
                    f"nested more than {MAX_DEPTH} levels deep",
                    location=Location(path, mark.line + 1, mark.column + 1) if mark else Location(path),
                    fix="a clause file needs only a few levels: check the indentation and brackets",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def parse_yaml(text: str, path: Path | str | None = None) -> YNode | None:
    """Parse one YAML document into located nodes; ``None`` for an empty document."""
    try:
        _check_events(text, path)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise ClauseFileError(
            f"malformed YAML: {problem}",
            location=Location(path, line, column),
            fix="check indentation and quote text that starts with a special character",
        ) from None
    except yaml.YAMLError as exc:
        raise ClauseFileError(
            f"malformed YAML: {exc}", location=Location(path), fix="check the file's syntax"
        ) from None
    except RecursionError:
        raise ClauseFileError(
            "nested too deeply to be a clause file",
            location=Location(path),
            fix="check the indentation and brackets",
        ) from None
    if node is None:
        return None
    return _convert(node, path, set())


class NodeReader:
    """Validation helpers bound to one file, so every error carries its path and line."""

    def __init__(self, path: Path | str | None, error: type[InputError]) -> None:
        self.path = path
        self.error = error

    def fail(self, node: YNode | None, problem: str, fix: str, provision: str | None = None) -> InputError:
        line = node.line if node else None
        column = node.column if node else None
        return self.error(problem, location=Location(self.path, line, column, provision), fix=fix)

    def mapping(self, node: YNode, what: str, allowed: Iterable[str], provision: str | None = None) -> YMap:
        if not isinstance(node, YMap):
            raise self.fail(node, f"{what} must be a mapping of `key: value` lines", "indent its keys under it", provision)
        allowed = tuple(allowed)
        for key, (key_node, _) in node.items.items():
            if key not in allowed:
                raise self.fail(
                    key_node,
                    f"unknown key {key!r} in {what}",
                    f"allowed keys: {', '.join(allowed)}",
                    provision,
                )
        return node

    def string(self, node: YNode, what: str, provision: str | None = None) -> str:
        if not isinstance(node, YScalar) or node.null:
            raise self.fail(node, f"{what} must be text", f"write `{what}: ...` with a value", provision)
        return node.value

    def optional(self, mapping: YMap, key: str, what: str, provision: str | None = None) -> str | None:
        if key not in mapping.items:
            return None
        node = mapping.items[key][1]
        if isinstance(node, YScalar) and node.null:
            return None
        return self.string(node, what, provision)

    def required(self, mapping: YMap, key: str, what: str, provision: str | None = None) -> str:
        if key not in mapping.items:
            raise self.fail(mapping, f"missing required key {key!r} in {what}", f"add `{key}: ...`", provision)
        value = self.string(mapping.items[key][1], f"{key}", provision)
        if not value.strip():
            raise self.fail(mapping.items[key][1], f"{key!r} is empty in {what}", f"give `{key}` a value", provision)
        return value


class _BlockDumper(yaml.SafeDumper):
    """Literal blocks for multi-line text, no aliases, wide lines."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_BlockDumper.add_representer(str, _str_representer)


def dump_yaml(document: Any) -> str:
    """Dump plain dicts/lists/strings as readable, deterministic YAML (key order kept)."""
    return yaml.dump(
        document,
        Dumper=_BlockDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
