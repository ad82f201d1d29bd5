"""Check a taxonomy YAML file and report every problem with its line (from yaml's node marks)."""
from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import LABEL_KEYS, STRING_LISTS, SUB_KEYS, TOP_KEYS, Problem
from ..settings.narratives import OTHER_LABEL

YAML_TYPES = {str: "a string", list: "a list", bool: "true or false"}


def validate_taxonomy(path: str | Path) -> list[Problem]:
    """Every problem in the file, in line order; an empty list means the file is valid."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(0, f"cannot read {path}: {exc}")]
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(mark.line + 1 if mark else 0, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    problems: list[Problem] = []
    check_root(root, problems)
    return sorted(problems, key=lambda p: p.line)


def line(node: Node) -> int:
    return node.start_mark.line + 1


def mapping_items(node: MappingNode, allowed: dict, where: str, problems: list[Problem]) -> dict[str, Node]:
    items: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key in items:
            problems.append(Problem(line(key_node), f"{where}: key {key!r} appears twice"))
        elif key not in allowed:
            problems.append(Problem(line(key_node), f"{where}: unknown key {key!r} (allowed: {', '.join(allowed)})"))
        else:
            items[key] = value_node
            check_type(value_node, allowed[key], f"{where}: {key!r}", problems)
    return items


def check_type(node: Node, kind: type, where: str, problems: list[Problem]) -> None:
    ok = {
        str: isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:str",
        list: isinstance(node, SequenceNode),
        bool: isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool",
    }[kind]
    if not ok:
        problems.append(Problem(line(node), f"{where} must be {YAML_TYPES[kind]}"))
    elif kind is str and not node.value.strip():
        problems.append(Problem(line(node), f"{where} must not be empty"))


def check_root(root: Node | None, problems: list[Problem]) -> None:
    if not isinstance(root, MappingNode):
        problems.append(Problem(line(root) if root else 1, "the file must be a mapping with 'name' and 'narratives'"))
        return
    items = mapping_items(root, TOP_KEYS, "taxonomy", problems)
    for key in ("name", "narratives"):
        if key not in items and not any(k.value == key for k, _ in root.value):
            problems.append(Problem(line(root), f"taxonomy: missing required key {key!r}"))
    narratives = items.get("narratives")
    if isinstance(narratives, SequenceNode):
        if not narratives.value:
            problems.append(Problem(line(narratives), "taxonomy: 'narratives' is empty"))
        check_narratives(narratives, problems)


def check_narratives(narratives: SequenceNode, problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    counters: list[tuple[str, Node]] = []
    for node in narratives.value:
        items = check_label(node, LABEL_KEYS, "narrative", seen, problems)
        if items is None:
            continue
        if "counter" in items and isinstance(items["counter"], ScalarNode):
            counters.append((items.get("name").value if "name" in items else "?", items["counter"]))
        subs = items.get("subnarratives")
        if isinstance(subs, SequenceNode):
            sub_seen: dict[str, int] = {}
            for sub in subs.value:
                check_label(sub, SUB_KEYS, "subnarrative", sub_seen, problems)
    for name, node in counters:
        if node.value not in seen:
            problems.append(Problem(line(node), f"narrative {name!r}: counter {node.value!r} is not a narrative of this file"))
        elif node.value == name:
            problems.append(Problem(line(node), f"narrative {name!r}: counter names the narrative itself"))


def check_label(node: Node, allowed: dict, kind: str, seen: dict[str, int], problems: list[Problem]) -> dict | None:
    if not isinstance(node, MappingNode):
        problems.append(Problem(line(node), f"each {kind} must be a mapping with 'name' and 'description'"))
        return None
    name_node = next((v for k, v in node.value if k.value == "name"), None)
    name = name_node.value if isinstance(name_node, ScalarNode) else "?"
    where = f"{kind} {name!r}"
    items = mapping_items(node, allowed, where, problems)
    for key in ("name", "description"):
        if not any(k.value == key for k, _ in node.value):
            problems.append(Problem(line(node), f"{where}: missing required key {key!r}"))
    if isinstance(name_node, ScalarNode) and name != "?":
        if name in seen:
            problems.append(Problem(line(name_node), f"{where}: duplicate name (first on line {seen[name]})"))
        else:
            seen[name] = line(name_node)
        if kind == "narrative" and name == OTHER_LABEL:
            problems.append(Problem(line(name_node), f"{where}: {OTHER_LABEL!r} is reserved for 'no label applies'"))
        if ":" in name and kind == "narrative":
            problems.append(Problem(line(name_node), f"{where}: a name must not contain ':' (it separates levels in label ids)"))
    for key in STRING_LISTS:
        value = items.get(key)
        if isinstance(value, SequenceNode):
            for item in value.value:
                check_type(item, str, f"{where}: each item of {key!r}", problems)
    return items
