"""Read the easy edition's YAML data files with the line of every entry, for messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tools.errors import InputError

LINE = "__line__"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader that records the line where each mapping starts."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE] = node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load(path: Path) -> dict[str, Any]:
    """The top-level mapping of *path*; InputError (exit 2) names the file and line."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise InputError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from exc
    if data is None:
        return {LINE: 1}
    if not isinstance(data, dict):
        raise InputError(f"{path}:1: expected a mapping at the top level")
    return data


def entries(path: Path, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The list of mappings under *key* (empty when absent)."""
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InputError(f"{path}:{data.get(LINE, 1)}: {key!r} must be a list of mappings")
    return value


def text_list(path: Path, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    """A field that is one string or a list of strings, as a tuple."""
    value = entry.get(key)
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{path}:{entry[LINE]}: {key!r} must be a string or a list of strings")
    return tuple(value)


def required(path: Path, entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{path}:{entry[LINE]}: {key!r} is required (a non-empty string)")
    return value.strip()
