"""Where schemas come from: built-ins, installed plugins, and ``register_schema``.

Plugins announce schemas through the entry point group
``strategiaseuranta.schemas``; each entry point loads a :class:`Schema` (or a
callable returning one). Entry points are read once, on first use.
"""

from __future__ import annotations

import types
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from strategiaseuranta.exceptions import LoadError, SchemaError
from strategiaseuranta.schema import Schema

__all__ = [
    "available_rules",
    "available_schemas",
    "get_rule",
    "get_schema",
    "register_rule",
    "register_schema",
]

ENTRY_POINT_GROUP = "strategiaseuranta.schemas"
RULES_GROUP = "strategiaseuranta.rules"

_registered: dict[str, tuple[Schema, str]] = {}
_plugins_loaded = False
_rules: dict[str, tuple[Callable[..., Iterable[Any]], str]] = {}
_rule_plugins_loaded = False


def _load_builtins() -> None:
    from strategiaseuranta.builtin_schemas import BUILTIN  # noqa: PLC0415

    for name, schema in BUILTIN.items():
        _registered.setdefault(name, (schema, "built-in"))


def _entry_points(group: str, kind: str) -> Iterable[tuple[str, Any, str]]:
    """Load every entry point of a group; a broken plugin gives a warning naming it, not an error."""
    import importlib.metadata  # noqa: PLC0415 - only when plugins are first looked up

    for ep in importlib.metadata.entry_points(group=group):
        try:
            obj = ep.load()
        except Exception as error:  # noqa: BLE001 - a broken plugin must not break the rest
            warnings.warn(
                f"strategiaseuranta: {kind} plugin {ep.name!r} ({ep.value}) failed to load and is skipped: "
                f"{type(error).__name__}: {error}",
                RuntimeWarning,
                stacklevel=3,
            )
            continue
        dist = getattr(ep, "dist", None)
        yield ep.name, obj, (f"plugin {dist.name} {dist.version}" if dist else f"plugin {ep.value}")


def _load_plugins() -> None:
    global _plugins_loaded  # noqa: PLW0603
    if _plugins_loaded:
        return
    _plugins_loaded = True
    _load_builtins()
    for name, obj, origin in _entry_points(ENTRY_POINT_GROUP, "schema"):
        schema = obj() if callable(obj) and not isinstance(obj, Schema) else obj
        if not isinstance(schema, Schema):
            warnings.warn(
                f"strategiaseuranta: schema plugin {name!r} gave {type(schema).__name__}, "
                "not a Schema; skipped",
                RuntimeWarning,
                stacklevel=2,
            )
            continue
        _registered.setdefault(schema.name, (schema, origin))


def register_schema(schema: Schema, *, replace: bool = False) -> None:
    """Make a schema available by name (for notebooks and tests).

    Raises:
        SchemaError: A schema of that name exists and ``replace`` is false.

    Example:
        >>> from strategiaseuranta import get_schema, register_schema
        >>> import attrs
        >>> register_schema(attrs.evolve(get_schema("joensuu"), name="kokeilu"))
        >>> get_schema("kokeilu").name
        'kokeilu'
    """
    _load_plugins()
    if schema.name in _registered and not replace:
        raise SchemaError(
            f"a schema named {schema.name!r} is already registered "
            f"({_registered[schema.name][1]}); pass replace=True to replace it"
        )
    _registered[schema.name] = (schema, "registered")


def get_schema(name: str) -> Schema:
    """The schema registered under ``name``, or loaded from a YAML file path.

    Raises:
        SchemaError: No such schema; the message lists the available ones.

    Example:
        >>> get_schema("joensuu").title
        'Joensuun kaupunki: strategian toteutumisen seuranta'
    """
    _load_plugins()
    found = _registered.get(name)
    if found is not None:
        return found[0]
    if name.endswith((".yaml", ".yml")) and Path(name).is_file():
        from strategiaseuranta.formats.yaml import read_plain  # noqa: PLC0415

        try:
            data = read_plain(name)
        except LoadError as error:
            raise SchemaError(f"schema file {error}") from None
        if not isinstance(data, Mapping):
            raise SchemaError(f"{name}: a schema file must hold a mapping")
        schema = Schema.from_dict(data)
        origin = f"file {name}"
        known = _registered.get(schema.name)
        if known is not None and known[0] != schema and known[1] != origin:  # an edited file may be re-read
            raise SchemaError(
                f"{name}: the schema file names {schema.name!r}, which is already taken ({known[1]}); "
                "give the schema another name"
            )
        # Registered under its own name too, so reports that name it by file can be looked up by name.
        _registered[schema.name] = (schema, known[1] if known else origin)
        return schema
    raise SchemaError(f"unknown schema {name!r}; available: {', '.join(sorted(_registered)) or 'none'}")


def available_schemas() -> Mapping[str, str]:
    """A read-only view: schema name → where it comes from.

    Example:
        >>> available_schemas()["joensuu"]
        'built-in'
    """
    _load_plugins()
    return types.MappingProxyType({k: v[1] for k, v in sorted(_registered.items())})


def _load_rule_plugins() -> None:
    global _rule_plugins_loaded  # noqa: PLW0603
    if _rule_plugins_loaded:
        return
    _rule_plugins_loaded = True
    for name, obj, origin in _entry_points(RULES_GROUP, "rule"):
        if not callable(obj):
            warnings.warn(
                f"strategiaseuranta: rule plugin {name!r} is not callable; skipped",
                RuntimeWarning,
                stacklevel=2,
            )
            continue
        _rules.setdefault(name, (obj, origin))


def register_rule(name: str, rule: Callable[..., Iterable[Any]], *, replace: bool = False) -> None:
    """Make a validation rule available by name, for schemas to list under ``rules``.

    A rule takes a :class:`~strategiaseuranta.validate.Context` and yields issues.

    Raises:
        SchemaError: A rule of that name exists and ``replace`` is false.

    Example:
        >>> def no_rule(ctx):
        ...     return []
        >>> register_rule("ei-mitaan", no_rule, replace=True)
        >>> get_rule("ei-mitaan") is no_rule
        True
    """
    _load_rule_plugins()
    if name in _rules and not replace:
        raise SchemaError(
            f"a rule named {name!r} is already registered ({_rules[name][1]}); pass replace=True"
        )
    _rules[name] = (rule, "registered")


def get_rule(name: str) -> Callable[..., Iterable[Any]]:
    """The rule registered under ``name``.

    Raises:
        SchemaError: No such rule; the message lists the available ones.
    """
    _load_rule_plugins()
    found = _rules.get(name)
    if found is None:
        raise SchemaError(f"unknown rule {name!r}; available: {', '.join(sorted(_rules)) or 'none'}")
    return found[0]


def available_rules() -> Mapping[str, str]:
    """A read-only view: rule name → where it comes from."""
    _load_rule_plugins()
    return types.MappingProxyType({k: v[1] for k, v in sorted(_rules.items())})
