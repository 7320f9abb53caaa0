"""What a finding is called and what it means for one party: its stable id, and its effect
(cost, gain or neutral) from a party's side, with the reason in words.

An id is made from the provision's identity (its id in the drafts, not the pair's place in the
list), the finding's code and its words, so it survives re-runs, new rounds and other findings
coming or going; a finding whose words change again is a new finding with a new id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..model import Comparison, Direction, Finding, Party, Review

COST, GAIN, NEUTRAL = "cost", "gain", "neutral"
_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.casefold()).strip("-")[:40] or "provision"


def provision_identity(comparison: Comparison) -> dict[str, str]:
    """Each pair key ("p12.3", a place in this comparison) → the provision's own id."""
    identity: dict[str, str] = {}
    for pair in comparison.walk():
        provision = pair.new or pair.old
        identity[pair.key] = provision.id if provision is not None else pair.key
    return identity


def finding_id(provision: str, finding: Finding, occurrence: int = 0) -> str:
    """``art-7-3.qualifier-removed.5d1c09a2``: provision, code, and a digest of the words."""
    material = "\x1f".join((provision, finding.code, finding.old_words, finding.new_words))
    digest = hashlib.sha256(material.encode("utf-8")).hexdigest()[:8]
    return f"{_slug(provision)}.{finding.code}.{digest}" + (f".{occurrence + 1}" if occurrence else "")


def finding_ids(comparison: Comparison, findings: Sequence[Finding] | None = None) -> list[str]:
    """The id of each of ``findings`` (default: the comparison's), in their order.

    Two findings of the same provision, code and words (the same "shall" → "should" twice in
    one paragraph) are told apart by their order among themselves only, so an unrelated finding
    never shifts an id."""
    identity = provision_identity(comparison)
    seen: dict[str, int] = {}
    ids: list[str] = []
    for finding in comparison.findings if findings is None else findings:
        base = finding_id(identity.get(finding.pair_key, finding.pair_key), finding)
        n = seen.get(base, 0)
        seen[base] = n + 1
        ids.append(base if n == 0 else finding_id(identity.get(finding.pair_key, finding.pair_key), finding, n))
    return ids


def _is_group(code: str, parties: Sequence[Party]) -> bool:
    return any(p.code == code and p.members for p in parties)


@dataclass(frozen=True)
class Perspective:
    party: str
    effect: str  # cost | gain | neutral
    reason: str


def _names(codes: Sequence[str], parties: Sequence[Party]) -> str:
    by_code = {p.code: p.name for p in parties}
    names = [by_code.get(c, c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def perspective_of(finding: Finding, party: str, parties: Sequence[Party]) -> Perspective:
    """What ``finding`` means for ``party``: whom the analysis says it favours decides.

    Weakening X's obligation favours X; strengthening it favours the others.  A change of an
    obligation of all the parties favours no one, neutral for each, unless the text says whom
    it protects (the analysis then says whom it favours); one of no party named is neutral."""
    me = _names([party], parties)
    codes = [p.code for p in parties]
    shared = len(codes) > 1 and set(finding.obligated) >= set(codes)
    if finding.direction == Direction.REVIEW:
        return Perspective(party, NEUTRAL, f"{finding.code} is for review: its direction cannot be judged from the words")
    verb = "weakens" if finding.direction == Direction.REGRESSION else "strengthens"
    if shared and finding.favours:
        # The analysis read whom the duty protects: strengthening it favours them, weakening
        # it the others, so the protected are the favoured or the rest.
        strengthened = finding.direction == Direction.PROGRESS
        protected = [c for c in codes if (c in finding.favours) == strengthened and not _is_group(c, parties)]
        effect = GAIN if party in finding.favours else COST
        return Perspective(party, effect, f"{verb} an obligation of all the Parties that the text says protects {_names(protected, parties)}")
    if shared:
        return Perspective(party, NEUTRAL, f"{verb} an obligation of all the Parties, {me} included; the text does not say whom it protects")
    if not finding.obligated or not finding.favours:
        return Perspective(party, NEUTRAL, f"{finding.code} moves no obligation of a named party")
    bound = _names(finding.obligated, parties)
    own = party in finding.obligated
    whose = f"{me}'s own obligation" if own and len(finding.obligated) == 1 else f"the obligation of {bound}"
    effect = GAIN if party in finding.favours else COST
    if not own:  # another party's obligation: ours to benefit from
        return Perspective(party, effect, f"{verb} {whose}, which {me} benefits from")
    if effect == GAIN:
        return Perspective(party, GAIN, f"{verb} {whose}")
    return Perspective(party, COST, f"{verb} {whose}, which {_names(finding.favours, parties)} benefits from")


def perspective_words(view: Perspective) -> str:
    """``for AM: cost — weakens …``: the line every output shows under a finding."""
    return f"for {view.party}: {view.effect} — {view.reason}"


@dataclass(frozen=True)
class Reviewed:
    """A comparison with its dismissed findings set apart: ``kept`` is what every count reads."""

    kept: Comparison
    ids: tuple[str, ...]  # of kept.findings, in order
    reviews: tuple[tuple[str, Review], ...]
    dismissed: tuple[tuple[str, Finding], ...]


def apply_reviews(comparison: Comparison, reviews: Mapping[str, Review]) -> Reviewed:
    """The comparison without its dismissed findings (``kept``, what every count reads), and
    what the renderers need to show the decisions."""
    ids = finding_ids(comparison)
    kept: list[Finding] = []
    kept_ids: list[str] = []
    dismissed: list[tuple[str, Finding]] = []
    for finding_id, finding in zip(ids, comparison.findings, strict=True):
        review = reviews.get(finding_id)
        if review is not None and review.decision == "dismissed":
            dismissed.append((finding_id, finding))
        else:
            kept.append(finding)
            kept_ids.append(finding_id)
    known = set(ids)
    used = tuple((k, r) for k, r in sorted(reviews.items()) if k in known)
    return Reviewed(replace(comparison, findings=tuple(kept)), tuple(kept_ids), used, tuple(dismissed))
