"""Where schemas come from: built-ins, installed plugins, and ``register_schema``.

Plugins announce schemas through the entry point group
``strategiaseuranta.schemas``; each entry point loads a :class:`Schema` (or a
callable returning one). Entry points are read once, on first use.
"""

from __future__ import annotations

import importlib.metadata
import types
import warnings
from collections.abc import Mapping
from pathlib import Path

from strategiaseuranta.exceptions import LoadError, SchemaError
from strategiaseuranta.schema import Schema

__all__ = ["available_schemas", "get_schema", "register_schema"]

ENTRY_POINT_GROUP = "strategiaseuranta.schemas"

_registered: dict[str, tuple[Schema, str]] = {}
_plugins_loaded = False


def _load_builtins() -> None:
    from strategiaseuranta.builtin_schemas import BUILTIN  # noqa: PLC0415

    for name, schema in BUILTIN.items():
        _registered.setdefault(name, (schema, "built-in"))


def _load_plugins() -> None:
    global _plugins_loaded  # noqa: PLW0603
    if _plugins_loaded:
        return
    _plugins_loaded = True
    _load_builtins()
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            schema = obj() if callable(obj) and not isinstance(obj, Schema) else obj
            if not isinstance(schema, Schema):
                raise TypeError(f"expected a Schema, got {type(schema).__name__}")
        except Exception as error:  # noqa: BLE001 - a broken plugin must not break the rest
            warnings.warn(
                f"strategiaseuranta: schema plugin {ep.name!r} ({ep.value}) failed to load "
                f"and is skipped: {error}",
                RuntimeWarning,
                stacklevel=2,
            )
            continue
        dist = getattr(ep, "dist", None)
        origin = f"plugin {dist.name} {dist.version}" if dist else f"plugin {ep.value}"
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
        return Schema.from_dict(data)
    raise SchemaError(f"unknown schema {name!r}; available: {', '.join(sorted(_registered)) or 'none'}")


def available_schemas() -> Mapping[str, str]:
    """A read-only view: schema name → where it comes from.

    Example:
        >>> available_schemas()["joensuu"]
        'built-in'
    """
    _load_plugins()
    return types.MappingProxyType({k: v[1] for k, v in sorted(_registered.items())})
