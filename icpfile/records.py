"""Plain value classes: what `dataclasses` gave, without its cost at start-up (#23).

A dataclass writes its methods as source text and compiles them when its module is imported:
0.3–1.5 ms a class, and the check path had 22 of them, plus the import of `inspect` that
`dataclasses` makes. Each class here declares its `__slots__` (the fields, in order) and a
hand-written `__init__`; the methods a dataclass adds, worded once, come from these bases:

- `Record`: `==` on the fields of the same class, the dataclass repr, unhashable (mutable);
- `Frozen`: the same, read-only after `__init__` (its fields are set with `object.__setattr__`),
  hashed on its fields, and pickled as a call with its fields in order (a frozen class cannot be
  unpickled by setting its attributes).

`replace(obj, **changes)` is `dataclasses.replace` for both.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T", bound="Record")


class FrozenError(AttributeError):
    """Assigning to or deleting a field of a `Frozen` instance (dataclasses' FrozenInstanceError)."""


class Record:
    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A class's annotated fields are its `__slots__`, in order: a field added to one and not the
        other (a merge added `dated: bool = False` beside the slots, and the value was silently
        dropped) is a TypeError when the module is imported, not a wrong answer later."""
        super().__init_subclass__(**kwargs)
        # not inspect.get_annotations: importing inspect is what these classes avoid (~5 ms)
        declared = [name for name, kind in cls.__dict__.get("__annotations__", {}).items()  # noqa: RUF063
                    if not str(kind).startswith(("ClassVar", "typing.ClassVar"))]
        if declared and tuple(declared) != tuple(cls.__dict__.get("__slots__", ())):
            raise TypeError(f"{cls.__qualname__}: fields {declared} are not its __slots__ "
                            f"{list(cls.__dict__.get('__slots__', ()))}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()  # type: ignore[attr-defined]
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__qualname__}({shown})"


class Frozen(Record):
    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return self.__class__, self._values()


def replace(obj: T, **changes: Any) -> T:
    """A copy of `obj` with `changes` (field name → new value), as `dataclasses.replace`."""
    for name in changes:
        if name not in obj.__slots__:
            raise TypeError(f"{obj.__class__.__qualname__} has no field {name!r}")
    return obj.__class__(**{name: changes[name] if name in changes else getattr(obj, name)
                            for name in obj.__slots__})
