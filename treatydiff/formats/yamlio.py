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
from ..frozen import fast_init

# libyaml's composer is about ten times faster and keeps the same marks; fall back without it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YNode:
    line: int  # 1-based
    column: int  # 1-based


@fast_init  # hundreds of thousands per clause file
@dataclass(frozen=True)
class YScalar(YNode):
    value: str
    null: bool = False  # written as ~, null or nothing


@fast_init  # hundreds of thousands per clause file
@dataclass(frozen=True)
class YList(YNode):
    items: tuple[YNode, ...]


@fast_init  # hundreds of thousands per clause file
@dataclass(frozen=True)
class YMap(YNode):
    # key -> (key node, value node), in file order
    items: dict[str, tuple[YScalar, YNode]]


MAX_DEPTH = 64  # a clause file nests five levels; anything far deeper is not one


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


def _check_events(text: str, path: Path | str | None) -> list[yaml.Event]:
    """Refuse anchors, aliases and deep nesting from the parser's events, before composing.

    Clause files and configs never need anchors, and expanding aliases is how "billion laughs"
    files exhaust memory: a collection alias multiplies nodes, a scalar one multiplies text
    (1 MB with 200 aliases became 200 MB of output).  So every anchor and alias is refused,
    never expanded.  libyaml's composer also recurses in C: a document nested some 100,000
    levels deep crashes the process (a segmentation fault, not an exception), while the parser
    keeps an explicit stack, so depth is checked here too."""
    depth = 0
    events: list[yaml.Event] = []
    for event in yaml.parse(text, Loader=_LOADER):
        events.append(event)
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
    return events


_NULLS = ("", "~", "null", "Null", "NULL")
_NULL_TAG = "tag:yaml.org,2002:null"


class _Builder:
    """Located nodes straight from the parser's events, as composing the document and converting
    its nodes would give them (same nodes, same marks, same errors in the same order), without building
    the composer's node tree first: a third of the time of reading a clause file."""

    def __init__(self, events: list[yaml.Event], path: Path | str | None) -> None:
        self.events, self.path, self.at = events, path, 0

    def document(self) -> YNode | None:
        events = self.events
        self.at = 1  # past StreamStartEvent
        if isinstance(events[self.at], yaml.StreamEndEvent):
            return None
        start = events[self.at]
        self.at += 1  # DocumentStartEvent
        node = self.node(0)
        self.at += 1  # DocumentEndEvent
        if not isinstance(events[self.at], yaml.StreamEndEvent):
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                start.start_mark,  # type: ignore[arg-type]  # libyaml's marks are the same shape
                "but found another document",
                events[self.at].start_mark,  # type: ignore[arg-type]
            )
        return node

    def node(self, depth: int) -> YNode:
        event = self.events[self.at]
        self.at += 1
        mark = event.start_mark
        assert mark is not None  # the parser marks every node event
        line, column = mark.line + 1, mark.column + 1
        if depth > MAX_DEPTH:  # pragma: no cover - the event check refuses such depth first
            raise ClauseFileError(
                f"nested more than {MAX_DEPTH} levels deep",
                location=Location(self.path, line, column),
                fix="a clause file needs only a few levels: check the indentation and brackets",
            )
        if isinstance(event, yaml.ScalarEvent):
            if "\x00" in event.value:  # only a "\0" escape gets here (the file's bytes are checked)
                raise ClauseFileError(
                    "a NUL character (\\0) is not allowed in a clause file",
                    location=Location(self.path, line, column),
                    fix="remove the \\0 escape from the text",
                )
            # The resolver's null: a plain scalar spelled as null (untagged), or tagged !!null.
            plain = event.style is None
            null = plain and event.value in _NULLS and (event.tag == _NULL_TAG or (event.tag is None and event.implicit[0]))
            return YScalar(line, column, str(event.value), null=null)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[YNode] = []
            while not isinstance(self.events[self.at], yaml.SequenceEndEvent):
                items.append(self.node(depth + 1))
            self.at += 1
            return YList(line, column, tuple(items))
        if isinstance(event, yaml.MappingStartEvent):
            pairs: dict[str, tuple[YScalar, YNode]] = {}
            while not isinstance(self.events[self.at], yaml.MappingEndEvent):
                key = self.node(depth + 1)
                if not isinstance(key, YScalar):
                    raise ClauseFileError(
                        "a mapping key must be a plain word",
                        location=Location(self.path, key.line, key.column),
                        fix="write `key: value`",
                    )
                if key.value in pairs:
                    raise ClauseFileError(
                        f"key {key.value!r} appears twice in the same mapping",
                        location=Location(self.path, key.line, key.column),
                        fix="keep one of them",
                    )
                pairs[key.value] = (key, self.node(depth + 1))
            self.at += 1
            return YMap(line, column, pairs)
        raise _alias_error(self.path, line, column)  # pragma: no cover - the event check refuses aliases


class _Unusual(Exception):
    """Something :func:`_quick_document` leaves to the careful reading (which refuses it, or
    reads it the same)."""


_SCALAR, _MAP_START, _MAP_END = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
_LIST_START, _LIST_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _quick_document(text: str) -> YNode | None:
    """The located nodes of a document that holds nothing the careful reading refuses, built in
    one pass over the parser's events as they come (no event list, no recursion); raises
    :class:`_Unusual` at the first thing it would have to judge (an anchor or alias, deep
    nesting, a NUL, a key that is no scalar or repeats, another document, a parse error), so
    :func:`parse_yaml` reads the text again the careful way, which gives its error in its order.

    Every clause file ``treatydiff`` writes takes this path: reading 50 rounds of 300 articles
    is most of a cold ``report``'s reading, and two passes over half a million events (one to
    check, one to build, in recursive calls) cost twice what the parser itself does."""
    loader = _LOADER(text)
    try:
        get = loader.get_event
        get()  # StreamStartEvent
        event = get()
        if type(event) is yaml.StreamEndEvent:
            return None
        if type(event) is not yaml.DocumentStartEvent:
            raise _Unusual
        # Open collections: [is a mapping, line, column, items (dict or list), key awaiting its value].
        stack: list[list[Any]] = []
        while True:
            event = get()
            kind = type(event)
            if kind is _SCALAR:
                value = event.value
                if event.anchor is not None or "\x00" in value:
                    raise _Unusual
                mark = event.start_mark
                null = event.style is None and value in _NULLS and (event.tag == _NULL_TAG or (event.tag is None and event.implicit[0]))
                node: YNode = YScalar(mark.line + 1, mark.column + 1, str(value), null)
            elif kind is _MAP_START or kind is _LIST_START:
                if event.anchor is not None or len(stack) >= MAX_DEPTH:
                    raise _Unusual
                mark = event.start_mark
                stack.append([kind is _MAP_START, mark.line + 1, mark.column + 1, {} if kind is _MAP_START else [], None])
                continue
            elif kind is _MAP_END:
                _, line, column, pairs, _ = stack.pop()
                node = YMap(line, column, pairs)
            elif kind is _LIST_END:
                _, line, column, items, _ = stack.pop()
                node = YList(line, column, tuple(items))
            else:  # an alias
                raise _Unusual
            if not stack:
                break
            top = stack[-1]
            if not top[0]:
                top[3].append(node)
            elif top[4] is None:
                if type(node) is not YScalar or node.value in top[3]:
                    raise _Unusual
                top[4] = node
            else:
                top[3][top[4].value] = (top[4], node)
                top[4] = None
        if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
            raise _Unusual  # another document follows
        return node
    except _Unusual:
        raise
    except Exception:  # a parse error: the careful reading reports it where it stands
        raise _Unusual from None
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path | str | None = None) -> YNode | None:
    """Parse one YAML document into located nodes; ``None`` for an empty document."""
    try:
        return _quick_document(text)
    except _Unusual:
        pass
    try:
        return _Builder(_check_events(text, path), path).document()
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
