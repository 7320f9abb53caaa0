"""fast_init: the faster constructor builds exactly what the dataclass's own would."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field
from typing import Any

import pytest

from treatydiff.analysis.hits import Hit
from treatydiff.frozen import fast_init
from treatydiff.importers.blocks import Block
from treatydiff.model import ClausePair, Finding, Provision, ProvisionKind, Segment, Span


def _generated(cls: type[Any]) -> type[Any]:
    """A frozen dataclass with ``cls``'s fields and defaults and the constructor dataclasses writes."""
    defaults = {f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING}
    built: type[Any] = dataclass(frozen=True)(type(cls.__name__, (), {"__annotations__": dict(cls.__annotations__), **defaults}))
    return built


@dataclass(frozen=True)
class _Draft:
    name: str
    kind: ProvisionKind = ProvisionKind.ARTICLE
    items: tuple[str, ...] = ()
    note: str | None = None


_Plain = _generated(_Draft)
_Fast = fast_init(_generated(_Draft))


def test_builds_what_the_generated_constructor_builds() -> None:
    assert str(inspect.signature(_Fast)) == str(inspect.signature(_Plain))
    fast, plain = _Fast("a", items=("x",)), _Plain("a", items=("x",))
    assert dataclasses.astuple(fast) == dataclasses.astuple(plain) == ("a", ProvisionKind.ARTICLE, ("x",), None)
    assert fast == _Fast("a", ProvisionKind.ARTICLE, ("x",), None) and hash(fast) == hash(_Fast("a", items=("x",)))
    assert dataclasses.replace(fast, note="n").note == "n"
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.name = "b"
    with pytest.raises(TypeError):
        _Fast()  # a required field stays required
    with pytest.raises(TypeError):
        _Fast("a", wrong=1)


def test_the_classes_built_fast_keep_their_signatures() -> None:
    for cls in (Provision, Segment, ClausePair, Span, Finding, Block, Hit):
        assert str(inspect.signature(cls)) == str(inspect.signature(_generated(cls))), cls


def test_refuses_a_class_whose_constructor_does_more_than_store() -> None:
    @dataclass(frozen=True)
    class Factory:
        items: list[str] = field(default_factory=list)

    @dataclass(frozen=True)
    class After:
        name: str

        def __post_init__(self) -> None:
            pass

    for cls in (Factory, After):
        with pytest.raises(TypeError):
            fast_init(cls)
