"""What makes a comparison say something else than it seems to: OLD after NEW, the same round
twice, or a draft against its translation.  Each is one warning line; the comparison still runs."""

from __future__ import annotations

from .model import Negotiation, Round


def _round_order(round_: Round, negotiation: Negotiation | None) -> int | None:
    if negotiation is None:
        return None
    for n, listed in enumerate(negotiation.rounds):
        if listed is round_ or (round_.name and listed.name == round_.name and listed.path == round_.path):
            return n
    return None


def comparison_caveats(old: Round, new: Round, negotiation: Negotiation | None = None) -> list[str]:
    """One line when OLD comes after NEW (by the negotiation's order, else by date), one when
    the two are identical, and one when they are in two languages."""
    old_name, new_name = old.name or old.info.label, new.name or new.info.label
    old_at, new_at = _round_order(old, negotiation), _round_order(new, negotiation)
    if old.provisions == new.provisions and old.info.label == new.info.label and old_at == new_at:
        return [f"{old_name} and {new_name} are the same round: identical, nothing to compare"]
    lines: list[str] = []
    if old_at is not None and new_at is not None and old_at > new_at:
        lines.append(f"OLD {old_name} comes after NEW {new_name} in the negotiation's round order: every verdict reads backwards "
                     f"(swap them: compare {new_name} {old_name})")
    elif old.info.date and new.info.date and old.info.date > new.info.date:
        lines.append(f"OLD {old_name} ({old.info.date}) is dated after NEW {new_name} ({new.info.date}): every verdict reads backwards "
                     f"(swap them to compare the earlier draft with the later)")
    if old.provisions == new.provisions:
        lines.append(f"{old_name} and {new_name} are identical: the same text, nothing changed")
    lines.extend(_language_warnings(old, new, old_name, new_name))
    return lines


_LANGUAGE_NAMES = {"en": "English", "fr": "French", "ru": "Russian"}


def _language_warnings(old: Round, new: Round, old_name: str, new_name: str) -> list[str]:
    # A translation is not a later draft: compared across languages no word pairs with its
    # counterpart, so every provision reads as rewritten and every verdict is noise.
    from .analysis import round_language

    old_language, new_language = round_language(old), round_language(new)
    if old_language is None or new_language is None or old_language == new_language:
        return []
    names = (_LANGUAGE_NAMES.get(old_language, old_language), _LANGUAGE_NAMES.get(new_language, new_language))
    return [f"OLD {old_name} is in {names[0]} and NEW {new_name} in {names[1]}: a comparison across languages pairs no words, "
            f"so its redline and findings are noise (compare two versions in one language; set `language:` in a clause file "
            f"if the guess is wrong)"]
