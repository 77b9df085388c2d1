"""Equality, repr and replace() for the core's record-like classes, from what their __init__ sets.

Why not @dataclass: on Python 3.11 it compiles each class's __init__, __repr__ and __eq__ when
the module is imported, 0.4-1.7 ms a class; the thirty classes of the core cost every command
~20 ms of start-up, a seventh of it (docs/PERFORMANCE.md). A class here writes its __init__ by
hand, which Python compiles once into the installed bytecode.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self


class Value:
    """A class compared, shown and copied by its attributes, like a dataclass."""

    not_compared: ClassVar[tuple[str, ...]] = ()  # attributes left out of == and repr

    def _compared(self) -> dict[str, Any]:
        fields = vars(self)
        if not self.not_compared:
            return fields
        return {name: value for name, value in fields.items() if name not in self.not_compared}

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self) or not isinstance(other, Value):
            return NotImplemented
        return self._compared() == other._compared()

    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass that is not frozen

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self._compared().items())
        return f"{type(self).__name__}({fields})"

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` made, as dataclasses.replace() would make it."""
        unknown = changes.keys() - vars(self).keys()
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        copy = object.__new__(type(self))
        vars(copy).update(vars(self), **changes)
        return copy
