"""One settings object for every comparison: the options, the negotiation's facts, its lexicon.

:func:`treatydiff.compare` and the timeline take a :class:`Settings`; it is frozen (hashable,
safe to hand to worker processes) and :meth:`Settings.cache_key` names everything a comparison
depends on besides the two drafts.  A negotiation's ``lexicon:`` is validated when
``negotiation.yaml`` is loaded (:func:`treatydiff.formats.negotiation.load_negotiation`), so a
:class:`Settings` built from a loaded negotiation holds user terms the analysis accepts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import CompareOptions, Negotiation, NegotiationInfo


@dataclass(frozen=True)
class FrozenMap:
    """A mapping as a tuple of ``(key, value)`` pairs, values frozen too (lists become tuples)."""

    items: tuple[tuple[Any, Any], ...] = ()

    @staticmethod
    def of(value: Mapping[Any, Any]) -> FrozenMap:
        return FrozenMap(tuple((k, _freeze(v)) for k, v in value.items()))

    def thaw(self) -> dict[Any, Any]:
        """The plain data again (dicts and lists), in the original order."""
        return {k: _thaw(v) for k, v in self.items}


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return FrozenMap.of(value)
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


def _thaw(value: Any) -> Any:
    if isinstance(value, FrozenMap):
        return value.thaw()
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def negotiation_info(negotiation: Negotiation) -> NegotiationInfo:
    """What a report needs to know about the negotiation (its title, parties, languages)."""
    return NegotiationInfo(
        title=negotiation.title,
        parties=negotiation.parties,
        illustrative=negotiation.illustrative,
        languages=negotiation.languages,
        authors=negotiation.authors,
    )


@dataclass(frozen=True)
class Settings:
    """How to compare: ``options``, the ``negotiation`` the rounds belong to (parties,
    languages), and the user's extra analysis terms per language (``lexicon:``)."""

    options: CompareOptions = field(default_factory=CompareOptions)
    negotiation: NegotiationInfo | None = None
    lexicon: FrozenMap = field(default_factory=FrozenMap)

    @staticmethod
    def of(
        negotiation: Negotiation | None = None,
        *,
        options: CompareOptions | None = None,
        lexicon: Mapping[str, Any] | None = None,
    ) -> Settings:
        """The settings for comparing rounds of ``negotiation`` (its lexicon unless ``lexicon``)."""
        terms = lexicon if lexicon is not None else negotiation.lexicon if negotiation is not None else {}
        return Settings(
            options=options or CompareOptions(),
            negotiation=negotiation_info(negotiation) if negotiation is not None else None,
            lexicon=FrozenMap.of(terms),
        )

    def lexicon_terms(self) -> dict[str, Any]:
        """The user's extra terms as the analysis reads them: ``{language: {key: terms}}``."""
        return self.lexicon.thaw()

    def cache_key(self) -> str:
        """A hash of everything here (options, negotiation facts, lexicon)."""
        lexicon = json.dumps(self.lexicon_terms(), sort_keys=True, ensure_ascii=False, default=str)
        material = repr((self.options, self.negotiation, lexicon))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()
