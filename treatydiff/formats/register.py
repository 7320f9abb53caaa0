"""Edit ``negotiation.yaml`` in place: list a new round, register a first party.

The file is the user's: comments, order and layout are kept.  A block list gets one line
inserted at the right place; a flow list (``rounds: []``) becomes a block list under its key.
The text is only edited after :func:`treatydiff.formats.negotiation.read_config` accepted it
(no anchors, aliases or deep nesting), and the result is read back before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from ..errors import ConfigError, Location

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CONFIG = "negotiation.yaml"


def _value_node(text: str, key: str) -> tuple[yaml.Node, yaml.Node]:
    root = yaml.compose(text, Loader=_LOADER)
    if not isinstance(root, yaml.MappingNode):  # pragma: no cover - read_config checked it
        raise ConfigError("the config is not a mapping")
    for key_node, value_node in root.value:
        if key_node.value == key:
            return key_node, value_node
    raise ConfigError(f"the config has no `{key}:`", fix=f"add `{key}:` to negotiation.yaml")  # pragma: no cover


def _quoted(value: str) -> str:
    """A scalar YAML reads back as the same string (plain when it can be)."""
    plain = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000).strip()
    plain = plain.removesuffix("...").strip()
    return plain


def insert_list_item(text: str, key: str, index: int, entry_lines: Sequence[str]) -> str:
    """``text`` with one item inserted as item ``index`` of the top-level list ``key``:
    ``entry_lines`` are its first line (written after ``- ``) and its continuation lines
    (indented two more)."""
    key_node, node = _value_node(text, key)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    items = list(node.value) if isinstance(node, yaml.SequenceNode) else []

    def item(indent: int, entry: Sequence[str]) -> list[str]:
        first, *rest = entry
        return [" " * indent + "- " + first + "\n", *(" " * (indent + 2) + more + "\n" for more in rest)]

    if isinstance(node, yaml.SequenceNode) and not node.flow_style and items:
        first_line = lines[items[0].start_mark.line]
        dash = first_line.find("-")
        indent = dash if 0 <= dash < items[0].start_mark.column else key_node.start_mark.column + 2
        if index < len(items):
            position = items[index].start_mark.line
        else:
            end = items[-1].end_mark
            position = end.line if end.column == 0 else end.line + 1
        return "".join([*lines[:position], *item(indent, entry_lines), *lines[position:]])
    # A flow or empty list: the key's line keeps its comment, the list follows it as a block.
    existing: list[list[str]] = []
    for child in items:
        if not isinstance(child, yaml.ScalarNode):  # a flow list of mappings: rewrite it by hand
            raise ConfigError(
                f"cannot edit the `{key}:` list as written",
                location=Location(CONFIG, key_node.start_mark.line + 1),
                fix=f"write `{key}:` as a block list, one `- item` per line",
            )
        existing.append([_quoted(child.value)])
    row = key_node.start_mark.line
    line = lines[row].rstrip("\n")
    if node.start_mark.line != row or node.end_mark.line != row:
        if items:  # a flow list over several lines: rewrite it by hand
            raise ConfigError(
                f"cannot edit the `{key}:` list as written",
                location=Location(CONFIG, row + 1),
                fix=f"write `{key}:` as a block list, one `- item` per line",
            )
        start = end = len(line.split("#", 1)[0].rstrip()) if "#" in line else len(line)
        if isinstance(node, yaml.SequenceNode) or node.start_mark.line == row:
            start, end = node.start_mark.column, node.end_mark.column
    else:
        start, end = node.start_mark.column, node.end_mark.column
    comment = line[end:].strip()
    head = line[:start].rstrip() + (f"  {comment}" if comment else "")
    indent = key_node.start_mark.column + 2
    body: list[str] = []
    for entry in [*existing[:index], list(entry_lines), *existing[index:]]:
        body.extend(item(indent, entry))
    last_row = max(row, node.end_mark.line if node.end_mark.column else node.end_mark.line - 1) if items else row
    return "".join([*lines[:row], head + "\n", *body, *lines[last_row + 1 :]])


def scalar(value: str) -> str:
    """How ``value`` is written as a list item or a mapping value."""
    return _quoted(value)
