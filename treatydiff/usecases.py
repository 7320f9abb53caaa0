"""The use cases: one function per CLI command (``compare``, ``check``, ``concordance``), and
the reading of a negotiation folder's timeline that the commands on many rounds share (theirs are
in :mod:`treatydiff.usecases_timeline`): load, compare once, render.

This is the only place that reads a negotiation folder for a command, so these functions are not
pure, but they print nothing and return bytes (or the written path) for the CLI to place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, Location, PolicyTripped, TreatydiffError, UsageError
from .formats.clausefile import load_round, round_from_text
from .formats.negotiation import CONFIG_NAME, load_negotiation, read_config
from .formats.textio import decode_text, read_bytes
from .importers import DRAFT_SUFFIXES, ImportOptions, import_draft
from .importers.sources import check_same_kind, load_source
from .model import (
    ChangeKind,
    CompareOptions,
    Comparison,
    Direction,
    Negotiation,
    Round,
)
from .pipeline import compare
from .settings import Settings

# The timeline commands' modules are imported by the functions that use them: `compare`, the
# command most run, then starts without them (an eighth of a second of a cold start).
if TYPE_CHECKING:
    from .render import RenderOptions
    from .timeline.cache import DiskRoundStore
    from .timeline.timeline import NegotiationTimeline, ProgressCallback

# What the commands compare with unless told otherwise: a change of spacing alone is no change
# (`compare --whitespace` counts it).  The library's own default, CompareOptions(), counts it.
COMMAND_OPTIONS = CompareOptions(ignore_whitespace=True)


def compare_sources(
    old: str,
    new: str,
    *,
    negotiation_dir: Path | None = None,
    options: CompareOptions | None = None,
    warnings: list[str] | None = None,
    revisions: str = "current",
) -> Comparison:
    """Load OLD and NEW however they are given and compare them (import warnings into
    ``warnings``); ``revisions`` says which text of a Word draft's own tracked changes to read."""
    check_same_kind(old, new)
    negotiation = load_negotiation(negotiation_dir) if negotiation_dir is not None else None
    for spec in (old, new):
        _refuse_unknown_kind(spec, negotiation)
    imported = ImportOptions(revisions=revisions)
    old_round = load_source(old, negotiation, imported, warnings=warnings)
    new_round = load_source(new, negotiation, imported, warnings=warnings)
    if warnings is not None:
        warnings.extend(order_warnings(old_round, new_round, negotiation))
    return compare(old_round, new_round, Settings.of(negotiation, options=options if options is not None else COMMAND_OPTIONS))


def _refuse_unknown_kind(spec: str, negotiation: Negotiation | None) -> None:
    """A .pdf, .doc, .odt or .rtf gets the importer's own advice (how to convert it), as
    `treatydiff import` gives it, not a bare "cannot tell what kind of draft"."""
    if negotiation is not None and (negotiation.round_named(spec) or negotiation.round_named(Path(spec).stem)):
        return
    path = Path(spec)
    if path.is_file() and path.suffix.lower() not in (*DRAFT_SUFFIXES, ".yaml", ".yml"):
        import_draft(path)  # raises the one-line refusal with the conversion advice


def _round_order(round_: Round, negotiation: Negotiation | None) -> int | None:
    if negotiation is None:
        return None
    for n, listed in enumerate(negotiation.rounds):
        if listed is round_ or (round_.name and listed.name == round_.name and listed.path == round_.path):
            return n
    return None


def order_warnings(old: Round, new: Round, negotiation: Negotiation | None = None) -> list[str]:
    """One line when OLD comes after NEW (by the negotiation's order, else by date), and one
    when the two are identical: both make a comparison say something else than it seems to."""
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


def concordance_output(
    old: str,
    new: str,
    *,
    negotiation_dir: Path | None = None,
    fmt: str | None = None,
    output: Path | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> bytes:
    """``treatydiff concordance``: which new provision carries which old one, in ``fmt``
    (default: from ``output``'s extension, else text)."""
    from .diff.concordance import concordance
    from .render.concordance import FORMATS, render_concordance

    if fmt is None:
        suffix = output.suffix.casefold().lstrip(".") if output is not None else "text"
        fmt = {"txt": "text", "htm": "html"}.get(suffix, suffix)
        if fmt not in FORMATS:
            raise UsageError(f"cannot tell the format of {output}", fix="name the file .txt, .csv, .json or .html, or give -f")
    warnings: list[str] = []
    # Alignment only: the concordance needs no analysis.
    comparison = compare_sources(old, new, negotiation_dir=negotiation_dir, options=CompareOptions(ignore_whitespace=True, analyse=False), warnings=warnings)
    for warning in warnings:
        if on_warning is not None:
            on_warning(warning)
    info = comparison.negotiation
    title = info.title if info is not None else f"{comparison.old.describe()} → {comparison.new.describe()}"
    return render_concordance(concordance(comparison), fmt, title=title, illustrative=bool(info and info.illustrative))


def baseline_pair(baseline: str, draft: str, negotiation_dir: Path | None) -> tuple[str, str]:
    """``compare --baseline ROUND DRAFT``: (OLD, NEW) with OLD the baseline, once it is known to
    be a round of the negotiation that comes before DRAFT (when DRAFT is a round too)."""
    if negotiation_dir is None:
        raise UsageError("--baseline names a round of a negotiation folder", fix=f"add --negotiation FOLDER, the folder that lists {baseline}")
    config = read_config(negotiation_dir)
    names = [Path(n).stem for n in config.round_names]
    if baseline not in names:
        raise UsageError(f"--baseline {baseline!r} is not a round of the negotiation", location=Location(negotiation_dir / CONFIG_NAME),
                         fix=f"use one of {', '.join(names) or '(no rounds yet)'}")
    if draft in names and names.index(draft) <= names.index(baseline):
        raise UsageError(f"the baseline {baseline} does not come before {draft} in the negotiation's round order",
                         fix="name an earlier round as the baseline: the text the draft is measured against")
    return baseline, draft


def check_policy(comparison: Comparison, fail_on: str | None) -> None:
    """Raise :class:`PolicyTripped` when the comparison shows what ``fail_on`` names."""
    if fail_on == "regression":
        count = sum(1 for f in comparison.findings if f.direction == Direction.REGRESSION)
        if count:
            raise PolicyTripped(f"{count} regression(s) found between {comparison.old.describe()} and {comparison.new.describe()}")
    elif fail_on == "review":
        count = sum(1 for f in comparison.findings if f.direction in (Direction.REGRESSION, Direction.REVIEW))
        if count:
            raise PolicyTripped(f"{count} regression or review finding(s) found")
    elif fail_on == "any-change":
        changed = sum(1 for p in comparison.pairs if ChangeKind.UNCHANGED not in p.kinds)
        if changed:
            raise PolicyTripped(f"{changed} provision(s) changed")


@dataclass(frozen=True)
class CompareOutput:
    """What ``treatydiff compare`` writes, and the ``--fail-on`` policy it tripped, if any
    (raised by the CLI once the report is written)."""

    data: bytes
    comparison: Comparison
    tripped: PolicyTripped | None = None


def compare_output(
    old: str,
    new: str,
    *,
    negotiation_dir: Path | None = None,
    fmt: str | None = None,
    output: Path | None = None,
    options: CompareOptions | None = None,
    render_options: RenderOptions | None = None,
    fail_on: str | None = None,
    on_warning: Callable[[str], None] | None = None,
    as_party: str | None = None,
) -> CompareOutput:
    """``treatydiff compare``: load, compare, render in ``fmt`` (default: from ``output``'s
    extension, else text), check the policy.  Import warnings go to ``on_warning`` as soon as
    both sources are read."""
    from .render import format_for_path, render
    from .review import resolve_perspective, reviewed_comparison

    if fmt is None:
        fmt = format_for_path(output) if output is not None else "text"
    if fmt == "docx" and output is None:
        raise UsageError("a DOCX report needs a file", fix="add -o redline.docx")
    perspective = resolve_perspective(negotiation_dir, as_party)
    warnings: list[str] = []
    revisions = render_options.revisions if render_options is not None else "current"
    comparison = compare_sources(old, new, negotiation_dir=negotiation_dir, options=options, warnings=warnings, revisions=revisions)
    for warning in warnings:
        if on_warning is not None:
            on_warning(warning)
    comparison, render_options = reviewed_comparison(comparison, negotiation_dir, perspective, render_options)
    draft = Path(comparison.new_round.path or "")
    # A Word draft in, its own document out, with tracked changes where the words changed (never a
    # .docm's macros: that one gets the rebuilt redline).
    if fmt == "docx" and draft.suffix.lower() == ".docx" and not (render_options and render_options.static):
        from .render import RenderOptions
        from .render.docx_redline import render_source

        data, said = render_source(comparison, render_options or RenderOptions(), draft)
        for line in said:
            if on_warning is not None:
                on_warning(line)
    else:
        data = render(comparison, fmt, render_options)
    try:
        check_policy(comparison, fail_on)
    except PolicyTripped as tripped:
        return CompareOutput(data, comparison, tripped)
    return CompareOutput(data, comparison)


def check_path(path: Path) -> list[str]:
    """Lines describing what was checked; raises the first problem found."""
    if not path.exists():
        raise InputError("no such file or folder", location=Location(path), fix="check the path and spelling")
    if path.is_dir() or path.name == CONFIG_NAME:
        folder = path if path.is_dir() else path.parent
        negotiation = load_negotiation(folder)
        provisions = sum(len(r.provisions) for r in negotiation.rounds)
        groups = sum(1 for p in negotiation.parties if p.members)
        who = f"{len(negotiation.parties)} parties" + (f" ({groups} of them groups)" if groups else "")
        if negotiation.authors:
            who += f", {len(negotiation.authors)} authors who are not parties ({', '.join(a.code for a in negotiation.authors)})"
        lines = [f"ok: {folder}: {negotiation.title!r}, {who}, {len(negotiation.rounds)} rounds, {provisions} provisions"]
        lines.extend(f"ok: {r.path}: {r.info.describe()}, {len(r.provisions)} provisions" for r in negotiation.rounds)
        if not negotiation.rounds:
            lines.append(f"note: no rounds yet: add the first with `treatydiff add {folder} DRAFT --party CODE --date YYYY-MM-DD`")
        for path in unlisted_round_files(folder):
            lines.append(f"warning: {path} is not listed in {CONFIG_NAME}, so no command reads it "
                         f"(list it under `rounds:`, or delete it; `treatydiff add` lists the rounds it writes)")
        return lines
    if path.suffix.lower() in DRAFT_SUFFIXES:
        # A raw draft is valid input too (compare imports it on the fly): say what it holds.
        result = import_draft(path)
        round_ = result.round
        count = sum(1 for _ in round_.walk())
        lines = [f"ok: {path}: a draft, {len(round_.provisions)} top-level provisions, {count} in all (make it a clause file with `treatydiff import {path} -o FILE.yaml`)"]
        return lines + [f"warning: {w}" for w in result.report.warnings]
    _refuse_unknown_kind(str(path), None)  # a .pdf or .doc: the importer's conversion advice
    round_ = load_round(path)
    count = sum(1 for _ in round_.walk())
    return [f"ok: {path}: {round_.info.describe()}, {len(round_.provisions)} top-level provisions, {count} in all"]


def load_timeline(
    folder: Path,
    *,
    options: CompareOptions | None = None,
    on_progress: ProgressCallback | None = None,
    use_cache: bool = True,
) -> NegotiationTimeline:
    """Load the folder and compare its consecutive rounds once, reusing cached comparisons and
    spreading the missing ones over the machine's cores."""
    from .parallel import worker_count
    from .timeline.build import build_timeline
    from .timeline.cache import DiskComparisonStore

    negotiation, digests = read_negotiation(folder, use_cache=use_cache)
    store = DiskComparisonStore() if use_cache else None
    workers = worker_count(len(negotiation.rounds))
    settings = Settings.of(negotiation, options=options if options is not None else COMMAND_OPTIONS)
    return build_timeline(negotiation, settings=settings, on_progress=on_progress, workers=workers, store=store, digests=digests)


def negotiation_files(folder: Path) -> list[Path]:
    """The folder, its config and the rounds it lists: what a command on ``folder`` reads (no
    rounds when the config cannot be read; the command then says why)."""
    try:
        rounds = list(read_config(folder).round_paths)
    except TreatydiffError:
        rounds = []
    return [folder, folder / CONFIG_NAME, *rounds]


def read_negotiation(folder: Path, *, use_cache: bool = True) -> tuple[Negotiation, list[str]]:
    """:func:`load_negotiation`, with rounds parsed by an earlier run reused and the others
    parsed in parallel first (parsing YAML is most of what a warm ``history`` costs).

    Also returns each round's :func:`file_digest`, of the very bytes it was parsed from:
    hashing a file costs a fraction of hashing its parsed provisions, so comparisons are cached
    under these."""
    from .timeline.cache import DiskRoundStore

    config = read_config(folder)  # a bad negotiation.yaml is reported here, with its line
    rounds = DiskRoundStore() if use_cache else None
    if not config.round_names:
        raise UsageError("the negotiation has no rounds yet", location=Location(folder / CONFIG_NAME),
                         fix=f"add the first with `treatydiff add {folder} DRAFT --party CODE --date YYYY-MM-DD`")
    parsed = _parse_ahead(list(config.round_paths), rounds)
    digests: list[str] = []

    def read(path: Path) -> Round:
        found = parsed.get(path)
        if found is None:
            found = _read_round(path, rounds)  # errors are raised here, in load_negotiation's order
        digests.append(found[1])
        return found[0]

    return config.load(read_round=read), digests


def _read_round(path: Path, rounds: DiskRoundStore | None) -> tuple[Round, str]:
    """One round and the digest of the bytes it came from: from the cache, else parsed."""
    from .timeline.cache import file_digest

    data = read_bytes(path)
    digest = file_digest(path, data)
    cached = rounds.get(digest) if rounds is not None else None
    if cached is not None:
        return cached, digest
    text = decode_text(data, path)
    # load_round's own parse, of the bytes just hashed (an empty file: its error, from it).
    round_ = round_from_text(text, path, name=path.stem) if text.strip() else load_round(path)
    if rounds is not None:
        rounds.put(digest, round_)
    return round_, digest


def _parse_one(rounds: DiskRoundStore | None, path: Path) -> tuple[Round, str] | None:
    try:
        return _read_round(path, rounds)  # a worker also keeps what it parses
    except (TreatydiffError, OSError):  # reported when the config's load reads it, in order
        return None


def _parse_chunk(rounds: DiskRoundStore | None, paths: tuple[Path, ...]) -> list[tuple[Round, str] | None]:
    return [_parse_one(rounds, path) for path in paths]


def _parse_later(paths: tuple[Path, ...]) -> list[tuple[Round, str] | None]:
    return [None] * len(paths)


def _parse_ahead(paths: list[Path], rounds: DiskRoundStore | None) -> dict[Path, tuple[Round, str]]:
    """Every listed round parsed (or read from the cache) now, on several cores when many are
    not cached; what fails here is read again, in order, by the config's load, which reports it."""
    from .parallel import map_chunks, worker_count
    from .timeline.cache import file_digest

    found: dict[Path, tuple[Round, str]] = {}
    missing: list[Path] = []
    for path in paths:
        try:
            data = read_bytes(path)
        except (TreatydiffError, OSError):  # reported when the config's load reads it, in order
            continue
        digest = file_digest(path, data)
        cached = rounds.get(digest) if rounds is not None else None
        if cached is not None:
            found[path] = (cached, digest)
        else:
            missing.append(path)
    workers = worker_count(len(missing))
    if workers > 1:
        size = max(1, len(missing) // (workers * 4))
        chunks = [tuple(missing[n : n + size]) for n in range(0, len(missing), size)]
        # Only in workers: in one process, the config's load parses them in order anyway.
        for n, results in map_chunks(partial(_parse_chunk, rounds), chunks, workers, here=_parse_later):
            for path, result in zip(chunks[n], results, strict=True):
                if result is not None:
                    found[path] = result
    return found


def unlisted_round_files(folder: Path) -> list[Path]:
    """Clause files in ``rounds/`` that ``negotiation.yaml`` does not list."""
    try:
        listed = {p.resolve() for p in read_config(folder).round_paths}
    except TreatydiffError:
        return []
    rounds = folder / "rounds"
    if not rounds.is_dir():
        return []
    return sorted(p for p in rounds.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file() and p.resolve() not in listed)
