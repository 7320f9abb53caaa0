"""``treatydiff add``: import a draft into a negotiation folder and list it, in order.

All or nothing: the checks, the import, the edited ``negotiation.yaml`` (read back) and the
clause file (read back) are all done before the first byte is written, and the clause file is
removed again if the config cannot be written.  Prints nothing: :class:`AddedRound` says what
was done, for the CLI to print.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import Location, TreatydiffError, UsageError
from .formats.clausefile import dump_round, load_round, round_from_text
from .formats.negotiation import CONFIG_NAME, NegotiationConfig, read_config
from .formats.register import insert_list_item, scalar
from .formats.scaffold import OPEN_PARTIES, party_codes
from .formats.textio import atomic_write_text, read_text, refuse_inputs_as_output
from .importers import ImportOptions, import_draft
from .model import AUTHOR_ROLES, Negotiation, Round

_NAME = re.compile(r"[^a-z0-9]+")
_ROUND_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class AddedRound:
    """What ``treatydiff add`` did."""

    round: Round
    path: Path  # the clause file written
    position: int  # 0-based place in the listed order
    rounds: tuple[str, ...]  # every round name, in order, after the addition
    how: str  # "by date", "as --after said", "at the end: no --date"
    import_lines: tuple[str, ...]
    new_parties: tuple[str, ...] = ()
    new_authors: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        total = len(self.rounds)
        neighbours = []
        if self.position > 0:
            neighbours.append(f"after {self.rounds[self.position - 1]}")
        if self.position + 1 < total:
            neighbours.append(f"before {self.rounds[self.position + 1]}")
        where = f" ({', '.join(neighbours)}, {self.how})" if neighbours else ""
        out = [f"import: {line}" for line in self.import_lines]
        out.append(f"wrote {self.path}: {self.round.info.describe()}, {len(self.round.provisions)} top-level provisions")
        out.extend(f"registered party {code} in {CONFIG_NAME} (give it its full name there)" for code in self.new_parties)
        out.extend(f"registered author {code} in {CONFIG_NAME}: proposes rounds, bound by none (give it its full name there)"
                   for code in self.new_authors)
        out.append(f"listed {self.round.name} in {CONFIG_NAME} as round {self.position + 1} of {total}{where}")
        return out


def round_name_for(draft: Path) -> str:
    """``Draft 6 (AZ).docx`` → ``draft-6-az``: a round name from the draft's file name."""
    return _NAME.sub("-", draft.stem.casefold()).strip("-") or "round"


def _position(rounds: Sequence[Round], date: str | None, after: str | None, before: str | None) -> tuple[int, str]:
    """Where the new round goes: after/before the round named, else before the first round
    dated later, else at the end."""
    names = [r.name for r in rounds]
    for option, name, offset in (("--after", after, 1), ("--before", before, 0)):
        if name is None:
            continue
        found = next((n for n, r in enumerate(rounds) if name in (r.name, r.info.label)), None)
        if found is None:
            raise UsageError(f"{option} {name!r}: no such round", fix=f"use one of: {', '.join(names) or '(none yet)'}")
        return found + offset, f"as {option} said"
    if date is not None:
        later = next((n for n, r in enumerate(rounds) if r.info.date is not None and r.info.date > date), len(rounds))
        return later, "by date"
    return len(rounds), "at the end: no --date"


def _check_name(folder: Path, config: NegotiationConfig, rounds: Sequence[Round], name: str) -> Path:
    if not _ROUND_NAME.fullmatch(name) or name.endswith((".yaml", ".yml")):
        raise UsageError(f"--name {name!r} is not a round name", fix="use letters, digits, '-', '_' and '.', e.g. --name r3-az")
    target = folder / "rounds" / f"{name}.yaml"
    if any(r.name == name for r in rounds) or f"rounds/{name}.yaml" in config.round_names:
        raise UsageError(f"the negotiation already has a round named {name!r}", location=Location(folder / CONFIG_NAME),
                         fix="give this one another name with --name")
    if target.exists():
        raise UsageError("exists already (a round file not listed in negotiation.yaml?)", location=Location(target),
                         fix="list it with its own name, delete it, or give this round another name with --name")
    if not (folder / "rounds").is_dir():
        raise UsageError("the negotiation has no rounds/ folder", location=Location(folder), fix=f"create {folder / 'rounds'}")
    return target


def _party_to_register(folder: Path, negotiation: Negotiation, party: str | None, config_text: str) -> tuple[str, ...]:
    """The party to add to ``parties:``, if ``party`` is new and the list is open to it.

    A folder made by ``init`` without ``--parties`` says on its ``parties:`` line that ``add``
    registers them: then an unknown code is a new party; otherwise it is a typo."""
    codes = [p.code for p in negotiation.parties]
    if party is None or party in codes or any(a.code == party for a in negotiation.authors):
        return ()
    if negotiation.parties and OPEN_PARTIES not in config_text:
        raise UsageError(f"the round's party {party!r} is not one of the parties ({', '.join(codes)})",
                         location=Location(folder / CONFIG_NAME), fix="give --party one of their codes, or list the party in negotiation.yaml first")
    party_codes(party)  # a code negotiation.yaml accepts
    return (party,)


def _register_author(text: str, negotiation: Negotiation, author: str, role: str) -> str:
    """``text`` with ``author`` listed under ``authors:`` (the key added before ``rounds:``
    when the config has none yet)."""
    if author in {p.code for p in negotiation.parties}:
        raise UsageError(f"{author!r} is a party, not an author", fix=f"give it as --party {author}, or choose another code for the author")
    if role not in AUTHOR_ROLES:
        raise UsageError(f"unknown author role {role!r}", fix=f"use one of {', '.join(AUTHOR_ROLES)}")
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{0,15}", author):  # as negotiation.yaml's codes
        raise UsageError(f"--author: {author!r} is not a short code", fix="give letters, digits and '-', e.g. --author CO-CHAIRS")
    if not re.search(r"^authors\s*:", text, re.MULTILINE):
        rounds = re.search(r"^rounds\s*:", text, re.MULTILINE)
        at = rounds.start() if rounds else len(text)
        text = text[:at] + "# Who proposes rounds without being a party: never taken as obligated by the text.\nauthors: []\n" + text[at:]
    return insert_list_item(text, "authors", len(negotiation.authors), [f"code: {scalar(author)}", f"name: {scalar(author)}", f"role: {scalar(role)}"])


def _label(rounds: Sequence[Round], given: str | None, own: str | None, name: str, position: int, folder: Path) -> str:
    """--label, else the clause file's own label, else "Round N" when the round comes last;
    the round's name when that label is taken.  A --label already used is refused."""
    taken = {r.info.label for r in rounds}
    if given is not None:
        if given in taken:
            raise UsageError(f"the negotiation already has a round labelled {given!r}", location=Location(folder / CONFIG_NAME),
                             fix="give this one another --label")
        return given
    label = own or (f"Round {position + 1}" if position == len(rounds) else name)
    return name if label in taken else label


def _round_from(draft: Path, options: ImportOptions) -> tuple[Round, tuple[str, ...]]:
    """The draft imported (a ``.yaml`` clause file is taken as it is, with the options' metadata)."""
    if draft.suffix.lower() not in (".yaml", ".yml"):
        result = import_draft(draft, options)
        return result.round, tuple(result.report.lines())
    if options.date is not None and not _DATE.fullmatch(options.date):
        raise UsageError(f"--date {options.date!r} is not YYYY-MM-DD", fix="write e.g. --date 2023-05-02")
    source = load_round(draft)
    info = replace(source.info, label=options.label or source.info.label, party=options.party or source.info.party,
                   date=options.date or source.info.date)
    return replace(source, info=info), ()


def add_round(
    folder: Path,
    draft: Path,
    *,
    name: str | None = None,
    label: str | None = None,
    party: str | None = None,
    date: str | None = None,
    title: str | None = None,
    after: str | None = None,
    before: str | None = None,
    revisions: str = "current",
    author: str | None = None,
    role: str = "other",
) -> AddedRound:
    """Import ``draft`` into ``folder/rounds/NAME.yaml`` and list it in ``negotiation.yaml`` in
    order (by date unless ``after``/``before`` say where)."""
    if after is not None and before is not None:
        raise UsageError("--after and --before both given", fix="say where the round goes with one of them")
    if author is not None and party is not None:
        raise UsageError("--party and --author both given", fix="a round is proposed by a party (--party) or by a chair, co-chairs, presidency … (--author)")
    config = read_config(folder)
    negotiation = config.load()
    rounds = negotiation.rounds
    name = name if name is not None else round_name_for(draft)
    target = _check_name(folder, config, rounds, name)
    refuse_inputs_as_output(target, [draft])
    own = load_round(draft).info if draft.suffix.lower() in (".yaml", ".yml") else None
    position, how = _position(rounds, date or (own.date if own else None), after, before)
    label = _label(rounds, label, own.label if own else None, name, position, folder)
    imported, import_lines = _round_from(draft, ImportOptions(label=label, party=party or author, date=date, revisions=revisions))
    config_path = folder / CONFIG_NAME
    text = read_text(config_path)
    new_authors: tuple[str, ...] = ()
    if author is not None and not any(a.code == author for a in negotiation.authors):
        text = _register_author(text, negotiation, author, role)
        new_authors = (author,)
    new_parties = () if author is not None else _party_to_register(folder, negotiation, imported.info.party, text)
    info = imported.info if title is None else replace(imported.info, title=title)
    if info.number is None and position == len(rounds):
        info = replace(info, number=position + 1)
    round_ = replace(imported, info=info, name=name)
    clause_text = dump_round(round_)
    for code in new_parties:
        text = insert_list_item(text, "parties", len(negotiation.parties), [f"code: {scalar(code)}", f"name: {scalar(code)}"])
    listed = f"rounds/{name}.yaml"
    text = insert_list_item(text, "rounds", position, [scalar(listed)])
    expected = [*config.round_names[:position], listed, *config.round_names[position:]]
    _check_edited(text, config_path, expected)
    round_from_text(clause_text, target, name=name)  # what is written loads back
    atomic_write_text(target, clause_text)
    try:
        atomic_write_text(config_path, text)
    except BaseException:
        target.unlink(missing_ok=True)  # nothing half-done: no round file the config does not list
        raise
    return AddedRound(round_, target, position, tuple(Path(n).stem for n in expected), how, import_lines, new_parties, new_authors)


def _check_edited(text: str, path: Path, expected: list[str]) -> None:
    """The edited config reads back with exactly the expected round list (else nothing is written)."""
    from .formats.yamlio import YList, YMap, parse_yaml, to_plain

    root = parse_yaml(text, path)
    rounds = root.items.get("rounds") if isinstance(root, YMap) else None
    if rounds is None or not isinstance(rounds[1], YList) or to_plain(rounds[1]) != expected:  # pragma: no cover - a bug here
        raise TreatydiffError("could not edit negotiation.yaml safely; nothing was written", location=Location(path),
                              fix=f"list {expected[-1]!r} under `rounds:` by hand and report this")
