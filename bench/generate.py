"""Deterministic treaty-like drafts for benchmarks, with the truth about what changed.

``generate_case(articles, seed)`` builds an old round of ``articles`` articles (1–4 numbered
paragraphs of about 60 words each, with cross-references such as "paragraph 2 of Article 7")
and a next round with realistic edits: about 10% of articles edited, 2% deleted, 2% inserted,
3% moved; every article is then renumbered in its new order and the cross-references follow.
Ids are derived from labels ("art-12", "art-12-p3") the way an importer derives them from a
raw draft, so ids do *not* survive renumbering and alignment has to earn its result.

The same seed always gives the same rounds, byte for byte.  Other benchmarks reuse it::

    from bench.generate import generate_pair, write_markdown
    old, new = generate_pair(2000)
    write_markdown(old, Path("old.md"))

Run as a script to write the drafts: ``python bench/generate.py 200 --out /tmp/gen`` writes
``old.md``, ``new.md``, ``old.txt``, ``new.txt``, ``old.yaml`` and ``new.yaml``.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from treatydiff.model import Provision, ProvisionKind, Round, RoundInfo

_SUBJECTS = (
    "Each Party", "The Parties", "The Conference of the Parties", "The secretariat",
    "Developed country Parties", "Developing country Parties", "The Committee",
    "The subsidiary body", "The Party concerned", "All Parties", "The Joint Commission",
)
_MODALS = ("shall", "should", "may", "shall, as appropriate,", "are encouraged to", "will")
_VERBS = (
    "take measures to", "cooperate in order to", "report on efforts to", "promote action to",
    "communicate information necessary to", "establish arrangements to", "endeavour to",
    "provide support to", "strengthen capacity to", "facilitate efforts to", "ensure that it can",
)
_OBJECTS = (
    "enhance the implementation of", "reduce emissions from", "protect the rights of",
    "monitor the withdrawal of", "demarcate the boundary along", "restore transport links across",
    "exchange information concerning", "review the progress of", "mobilise finance for",
    "settle disputes arising from", "coordinate the return of", "verify compliance with",
)
_THINGS = (
    "the border commission", "displaced persons", "cultural heritage sites", "water resources",
    "the transit corridor", "national adaptation plans", "forest sinks and reservoirs",
    "technology transfer", "capacity-building programmes", "the transparency framework",
    "peacekeeping observers", "landmine clearance", "customs procedures", "railway infrastructure",
    "minority languages", "humanitarian access", "the global stocktake", "loss and damage",
    "maritime delimitation", "prisoner exchanges", "energy interconnection", "public participation",
)
_QUALIFIERS = (
    "in accordance with national circumstances", "within {n} days of the entry into force of this Agreement",
    "taking into account the principle of equity", "on the basis of the best available science",
    "subject to the availability of resources", "in a manner consistent with international law",
    "at least once every {n} years", "no later than {n} months after its adoption",
    "in consultation with the relevant international organizations",
    "without prejudice to the sovereign rights of each Party", "as referred to in {ref}",
    "pursuant to the procedures set out in {ref}",
)
_HEADINGS = (
    "Purpose", "Definitions", "Mitigation", "Adaptation", "Finance", "Transparency", "Compliance",
    "Withdrawal of forces", "Border delimitation", "Transport links", "Displaced persons",
    "Cultural heritage", "Water resources", "Dispute settlement", "Institutional arrangements",
    "Capacity-building", "Technology", "Monitoring", "Entry into force", "Reservations",
)
_EDIT_WORDS = (
    "effective", "timely", "progressive", "nationally determined", "appropriate", "full",
    "enhanced", "transparent", "voluntary", "binding", "regular", "comprehensive",
)
_SOFTER = {"shall": "should", "will": "may", "should": "may"}
_REF = re.compile(r"\bArticle (\d+)\b")


@dataclass(frozen=True)
class GeneratedCase:
    """Two rounds and the truth about which old article became which new one."""

    old: Round
    new: Round
    # old article id -> new article id, or None when deleted; inserted new ids are in `inserted`.
    truth: dict[str, str | None] = field(default_factory=dict)
    edited: frozenset[str] = frozenset()  # old ids whose text was edited
    moved: frozenset[str] = frozenset()  # old ids moved out of order
    deleted: frozenset[str] = frozenset()
    inserted: frozenset[str] = frozenset()  # new ids with no predecessor


@dataclass
class _Article:
    """A mutable article while the next round is being edited; references are by key."""

    key: int  # identity across rounds (never displayed)
    heading: str
    paragraphs: list[str]  # text with "{ref:KEY}" placeholders for cross-references


def _sentence(rng: random.Random, keys: list[int]) -> str:
    text = f"{rng.choice(_SUBJECTS)} {rng.choice(_MODALS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_THINGS)}"
    for _ in range(rng.randint(1, 2)):
        qualifier = rng.choice(_QUALIFIERS)
        ref = f"paragraph {rng.randint(1, 3)} of {{ref:{rng.choice(keys)}}}" if keys else "this Agreement"
        text += ", " + qualifier.format(n=rng.choice((30, 60, 90, 5, 2, 12)), ref=ref)
    if rng.random() < 0.5:
        text += f" and {rng.choice(_OBJECTS)} {rng.choice(_THINGS)}"
    return text + "."


def _paragraph(rng: random.Random, keys: list[int]) -> str:
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < 50:
        sentences.append(_sentence(rng, keys))
    return " ".join(sentences)


def _new_article(rng: random.Random, key: int, keys: list[int]) -> _Article:
    count = rng.choice((1, 2, 2, 3, 3, 4))
    return _Article(key, rng.choice(_HEADINGS), [_paragraph(rng, keys) for _ in range(count)])


def _edit_paragraph(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    choice = rng.random()
    if choice < 0.3:
        at = rng.randrange(len(words))
        words.insert(at, rng.choice(_EDIT_WORDS))
    elif choice < 0.5:
        for i, word in enumerate(words):
            if word in _SOFTER:
                words[i] = _SOFTER[word]
                break
        else:
            words.insert(0, "Where possible,")
    elif choice < 0.7:
        at = rng.randrange(max(1, len(words) - 6))
        del words[at : at + rng.randint(1, 5)]
    elif choice < 0.85:
        for i, word in enumerate(words):
            if word.isdigit():
                words[i] = str(int(word) * 2)
                break
        else:
            words.append("Each Party shall report annually.")
    else:
        words.append(f"This obligation applies to {rng.choice(_THINGS)} {rng.choice(_QUALIFIERS).format(n=90, ref='this Agreement')}.")
    return " ".join(words)


def _render(articles: list[_Article], info: RoundInfo, name: str) -> Round:
    numbers = {a.key: n for n, a in enumerate(articles, 1)}

    def resolve(text: str) -> str:
        def sub(match: re.Match[str]) -> str:
            target = int(match.group(1))
            return f"Article {numbers[target]}" if target in numbers else "this Agreement"

        return re.sub(r"\{ref:(\d+)\}", sub, text)

    provisions: list[Provision] = []
    for number, article in enumerate(articles, 1):
        paragraphs = tuple(
            Provision(
                id=f"art-{number}-p{p}",
                label=f"{p}.",
                text=resolve(text),
                kind=ProvisionKind.PARAGRAPH,
            )
            for p, text in enumerate(article.paragraphs, 1)
        )
        provisions.append(
            Provision(id=f"art-{number}", label=f"Article {number}", heading=article.heading, paragraphs=paragraphs)
        )
    return Round(info=info, provisions=tuple(provisions), name=name)


def generate_case(articles: int, seed: int = 1) -> GeneratedCase:
    """An old round of ``articles`` articles, its next round and the truth between them."""
    rng = random.Random(seed * 1_000_003 + articles)
    keys = list(range(articles))
    old_articles = [_new_article(rng, key, keys) for key in keys]
    old = _render(old_articles, RoundInfo(label="Round 1", party="AM", date="2024-03-01", number=1, derived_ids=True), "r1")

    count = max(1, articles)
    edited = set(rng.sample(keys, max(1, round(count * 0.10))))
    rest = [k for k in keys if k not in edited]
    deleted = set(rng.sample(rest, round(count * 0.02)))
    rest = [k for k in rest if k not in deleted]
    moved = set(rng.sample(rest, min(len(rest), round(count * 0.03))))

    new_articles: list[_Article] = []
    for article in old_articles:
        if article.key in deleted or article.key in moved:
            continue
        paragraphs = list(article.paragraphs)
        if article.key in edited:
            for _ in range(rng.randint(1, 2)):
                at = rng.randrange(len(paragraphs))
                paragraphs[at] = _edit_paragraph(rng, paragraphs[at])
        new_articles.append(_Article(article.key, article.heading, paragraphs))
    for article in old_articles:
        if article.key in moved:
            new_articles.insert(rng.randrange(len(new_articles) + 1), _Article(article.key, article.heading, list(article.paragraphs)))
    live = [a.key for a in new_articles]
    inserted_keys = list(range(articles, articles + round(count * 0.02)))
    for key in inserted_keys:
        new_articles.insert(rng.randrange(len(new_articles) + 1), _new_article(rng, key, live))
    new = _render(new_articles, RoundInfo(label="Round 2", party="AZ", date="2024-04-15", number=2, derived_ids=True), "r2")

    new_number = {a.key: n for n, a in enumerate(new_articles, 1)}
    truth: dict[str, str | None] = {
        f"art-{k + 1}": (f"art-{new_number[k]}" if k in new_number else None) for k in keys
    }
    return GeneratedCase(
        old=old,
        new=new,
        truth=truth,
        edited=frozenset(f"art-{k + 1}" for k in edited),
        moved=frozenset(f"art-{k + 1}" for k in moved),
        deleted=frozenset(f"art-{k + 1}" for k in deleted),
        inserted=frozenset(f"art-{new_number[k]}" for k in inserted_keys),
    )


def generate_pair(articles: int, seed: int = 1) -> tuple[Round, Round]:
    """Old and new round of a generated negotiation (see :func:`generate_case`)."""
    case = generate_case(articles, seed)
    return case.old, case.new


def generate_round(articles: int, seed: int = 1) -> Round:
    """Just the old round, e.g. to benchmark an importer or a renderer."""
    return generate_case(articles, seed).old


def markdown_text(round_: Round) -> str:
    """The round as a Markdown draft: `## Article 3 — Heading`, then numbered paragraphs."""
    lines = [f"# {round_.info.title or 'Agreement'} ({round_.info.label})", ""]
    for provision in round_.provisions:
        title = f" — {provision.heading}" if provision.heading else ""
        lines += [f"## {provision.label}{title}", ""]
        if provision.text:
            lines += [provision.text, ""]
        for paragraph in provision.paragraphs:
            lines += [f"{paragraph.label} {paragraph.text}", ""]
    return "\n".join(lines)


def plain_text(round_: Round) -> str:
    """The round as a plain-text draft: `Article 3` and its heading on their own lines."""
    lines = [f"AGREEMENT ({round_.info.label})", ""]
    for provision in round_.provisions:
        lines += [provision.label, provision.heading or "", ""] if provision.heading else [provision.label, ""]
        if provision.text:
            lines += [provision.text, ""]
        for paragraph in provision.paragraphs:
            lines += [f"{paragraph.label} {paragraph.text}", ""]
    return "\n".join(lines)


def write_markdown(round_: Round, path: Path) -> Path:
    path.write_text(markdown_text(round_), encoding="utf-8")
    return path


def write_plain_text(round_: Round, path: Path) -> Path:
    path.write_text(plain_text(round_), encoding="utf-8")
    return path


def write_clause_file(round_: Round, path: Path) -> Path:
    from treatydiff.formats.clausefile import dump_round

    path.write_text(dump_round(round_), encoding="utf-8")
    return path


def write_case(case: GeneratedCase, folder: Path) -> dict[str, Path]:
    """Write both rounds as .md, .txt and .yaml into ``folder``; return the paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for side, round_ in (("old", case.old), ("new", case.new)):
        paths[f"{side}.md"] = write_markdown(round_, folder / f"{side}.md")
        paths[f"{side}.txt"] = write_plain_text(round_, folder / f"{side}.txt")
        paths[f"{side}.yaml"] = write_clause_file(replace(round_, name=side), folder / f"{side}.yaml")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    case = generate_case(args.articles, args.seed)
    for name, path in write_case(case, args.out).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
