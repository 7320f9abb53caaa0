"""The command line: a thin shell over the library (the only module that imports click).

Each command parses its options, makes one library call and writes the result.  Errors
become one line on stderr and the exit status from :func:`treatydiff.errors.exit_code_for`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import EXIT_INPUT, PolicyTripped, TreatydiffError, exit_code_for

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CODES_HELP = """
\b
Exit status:
  0  success
  1  a --fail-on policy tripped (the report is still written)
  2  usage or input error (one line on stderr says what, where and how to fix it)
"""


def _echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Every line the CLI prints itself: names, labels and messages quote the drafts, so their
    control characters are written out, never sent to the terminal."""
    from .render.textstyle import terminal_safe

    click.echo(terminal_safe(text), err=err, nl=nl)


def _fail(error: BaseException) -> None:
    message = error.message if isinstance(error, TreatydiffError | PolicyTripped) else str(error)
    prefix = "policy" if isinstance(error, PolicyTripped) else "error"
    _echo(f"{prefix}: {message}", err=True)
    sys.exit(exit_code_for(error))


class _Group(click.Group):
    """Turns treatydiff errors into one line and an exit code; click's own usage errors keep 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (TreatydiffError, PolicyTripped) as error:
            _fail(error)
        except KeyboardInterrupt:  # pragma: no cover - interactive only
            _echo("interrupted", err=True)
            sys.exit(130)


@click.group(cls=_Group, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="treatydiff")
def main() -> None:
    """Compare negotiated treaty drafts round by round: which provision became which, what
    changed word by word, and where a position regressed or progressed."""


def _check_output(output: Path | None) -> None:
    """Refuse an impossible -o before any work is done (the write re-checks it)."""
    from .errors import Location, OutputError

    if output is None:
        return
    if output.is_dir():
        raise OutputError("is a folder, not a file", location=Location(output), fix="name a file inside it, e.g. DIR/report.json")
    if not (output.parent if str(output.parent) else Path(".")).is_dir():
        raise OutputError("the output folder does not exist", location=Location(output.parent), fix="create it first or choose another path")


def _check_inputs(output: Path | None, inputs: list[Path | str], *, negotiation: Path | None = None, folder: bool = False) -> None:
    """Refuse an -o that names an input (a negotiation's config and rounds count)."""
    from .formats.textio import refuse_inputs_as_output
    from .usecases import negotiation_files

    if output is None:
        return
    files = [*inputs, *(negotiation_files(negotiation) if negotiation is not None else ())]
    if not folder and negotiation is not None:
        files.remove(negotiation)  # a file written into the folder is fine, the folder is no file
    refuse_inputs_as_output(output, files, folder=folder)


def _write_output(data: bytes, output: Path | None) -> None:
    from .formats.textio import atomic_write_bytes

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write_bytes(output, data)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--title", default="Untitled negotiation", show_default=True, help="The negotiation's title.")
@click.option("--parties", help="Comma-separated party codes, e.g. AM,AZ (else the first `add --party` registers them).")
@click.option("--force", is_flag=True, help="Write into a folder that already has files.")
def init(folder: Path, title: str, parties: str | None, force: bool) -> None:
    """Create a negotiation folder FOLDER: a config with no rounds yet and an empty rounds/
    folder.  Nothing in it is a sample to delete: `treatydiff add` brings each round."""
    from .formats.scaffold import create_negotiation, party_codes

    created = create_negotiation(folder, title=title, force=force, parties=party_codes(parties))
    for path in created:
        _echo(f"created {path}")
    _echo(f"next: `treatydiff add {folder} DRAFT --party CODE --date YYYY-MM-DD` for each round, in any order")


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Validate a negotiation folder or a single clause file and say exactly what is wrong."""
    from .usecases import check_path

    for line in check_path(path):
        _echo(line, err=line.startswith("warning:"))


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("negotiation_dir", metavar="NEGOTIATION", type=click.Path(path_type=Path))
@click.argument("draft", type=click.Path(path_type=Path))
@click.option("--party", help="Code of the party that proposed this draft.")
@click.option("--author", help="Code of who proposed it without being a party (chair, co-chairs, presidency …): listed under `authors:`, never obligated.")
@click.option("--role", default="other", show_default=True, help="The new author's role: chair, co-chairs, presidency, facilitator, secretariat or other.")
@click.option("--date", help="Date of the draft, YYYY-MM-DD: the round is listed in date order.")
@click.option("--label", help="Round label, e.g. 'Round 3' (default: 'Round N' when it comes last).")
@click.option("--title", help="Round title, e.g. 'Azerbaijani counter-proposal'.")
@click.option("--name", help="Round name and file name (default: from DRAFT's file name).")
@click.option("--after", help="List the round right after this one instead of by date.")
@click.option("--before", help="List the round right before this one instead of by date.")
@click.option("--revisions", type=click.Choice(["current", "original"]), default="current", show_default=True,
              help="Word drafts with tracked changes: with them accepted (current) or before them (original).")
def add(negotiation_dir: Path, draft: Path, party: str | None, date: str | None, label: str | None, title: str | None,
        name: str | None, after: str | None, before: str | None, revisions: str, author: str | None, role: str) -> None:
    """Add a round: import DRAFT (.docx, .md, .txt, a US bill .xml or a .yaml clause file) into
    NEGOTIATION/rounds/NAME.yaml and list it in negotiation.yaml in order (by --date unless
    --after or --before say where).  Refuses a name already used; writes nothing on error."""
    from .adding import add_round

    added = add_round(negotiation_dir, draft, name=name, label=label, party=party, date=date, title=title,
                      after=after, before=before, revisions=revisions, author=author, role=role)
    for line in added.lines():
        _echo(line, err=line.startswith("import:"))


@main.command(name="import")
@click.argument("draft", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Clause file to write (default: print it).")
@click.option("--label", help="Round label, e.g. 'Round 3'.")
@click.option("--party", help="Code of the party that proposed this draft.")
@click.option("--date", help="Date of the draft, YYYY-MM-DD.")
@click.option(
    "--revisions",
    type=click.Choice(["current", "original"]),
    default="current",
    show_default=True,
    help="Word drafts with tracked changes: import the text with them accepted (current) or before them (original).",
)
def import_(draft: Path, output: Path | None, label: str | None, party: str | None, date: str | None, revisions: str) -> None:
    """Import a draft (.docx, .md, .txt, a US bill .xml) into a clause file, reporting anything skipped."""
    from .formats.clausefile import dump_round
    from .importers import ImportOptions, import_draft

    _check_output(output)
    _check_inputs(output, [draft])
    result = import_draft(draft, ImportOptions(label=label, party=party, date=date, revisions=revisions))
    _write_output(dump_round(result.round).encode("utf-8"), output)
    for line in result.report.lines():
        _echo(f"import: {line}", err=True)


def _compare_options(f: F) -> F:
    options = [
        click.option("--negotiation", "negotiation_dir", type=click.Path(path_type=Path), help="Negotiation folder; OLD and NEW may then be round names."),
        click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "html", "docx"]), help="Output format (default: from -o's extension, else text)."),
        click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the report to this file (.html, .docx, .json, .txt)."),
        click.option("--fail-on", type=click.Choice(["regression", "review", "any-change"]), help="Exit 1 when the comparison finds this (the report is still written)."),
        click.option("--ignore-case", is_flag=True, help="Do not count changes of capitalisation."),
        click.option("--ignore-whitespace", is_flag=True, hidden=True, help="Do not count changes of spacing (the default)."),
        click.option("--whitespace", "count_whitespace", is_flag=True, help="Count and mark changes of spacing alone (default: not changes; the new text is shown)."),
        click.option("--ignore-punctuation", is_flag=True, help="Do not count changes of punctuation only."),
        click.option("--strict-numbers", is_flag=True, help="Count 'thirty (30)' → '30' as a change."),
        click.option("--no-comments", is_flag=True, help="DOCX: leave out the Word comments that explain findings."),
        click.option("--author", help="DOCX: author of the tracked changes (default: the newer round's party)."),
        click.option("--static", "static_redline", is_flag=True, help="DOCX: coloured underline/strike instead of tracked changes."),
        click.option("--findings-appendix", is_flag=True, help="DOCX of a Word draft: the findings as a table at the end, for print and PDF."),
        click.option("--revisions", type=click.Choice(["current", "original"]), default="current", show_default=True,
                     help="Word drafts holding tracked changes: compare their current text or the text before them."),
        click.option("--color/--no-color", default=None, help="Colour the terminal summary (default: when on a terminal)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


_AS = click.option("--as", "as_party", metavar="PARTY", help="Say what each finding means for this party: cost, gain or neutral, and why "
                   "(default: `perspective:` in negotiation.yaml).")


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("old")
@click.argument("new")
@_compare_options
@_AS
def compare(
    old: str,
    new: str,
    negotiation_dir: Path | None,
    fmt: str | None,
    output: Path | None,
    fail_on: str | None,
    ignore_case: bool,
    ignore_whitespace: bool,
    count_whitespace: bool,
    ignore_punctuation: bool,
    strict_numbers: bool,
    no_comments: bool,
    author: str | None,
    static_redline: bool,
    findings_appendix: bool,
    revisions: str,
    color: bool | None,
    as_party: str | None,
) -> None:
    """Compare two rounds: OLD is the earlier draft, NEW the later one.

    Each may be a clause file (.yaml), a draft (.md, .txt, .docx) imported on the fly, or,
    with --negotiation, a round name such as r6-am.  A warning says when OLD comes after NEW
    (round order or date) and when the two are identical.

    \b
    Without colour (piped, or --no-color) deletions read ⟦-old-⟧ and insertions
    ⟦+new+⟧: white square brackets, never the [ ] of unagreed text.
    """
    from .model import CompareOptions
    from .render import RenderOptions
    from .usecases import compare_output

    _check_output(output)
    _check_inputs(output, [s for s in (old, new) if Path(s).exists()], negotiation=negotiation_dir)
    options = CompareOptions(
        ignore_case=ignore_case,
        ignore_whitespace=ignore_whitespace or not count_whitespace,
        ignore_punctuation=ignore_punctuation,
        numbers_as_words=not strict_numbers,
    )
    use_color = sys.stdout.isatty() if color is None else color
    render_options = RenderOptions(color=use_color and output is None, comments=not no_comments, author=author, static=static_redline,
                                   findings_appendix=findings_appendix, revisions=revisions)
    result = compare_output(
        old, new, negotiation_dir=negotiation_dir, fmt=fmt, output=output, options=options, render_options=render_options,
        fail_on=fail_on, on_warning=lambda warning: _echo(f"warning: {warning}", err=True), as_party=as_party,
    )
    _write_output(result.data, output)
    if output is not None:
        _echo(f"wrote {output}", err=True)
    if result.tripped is not None:
        raise result.tripped


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("old")
@click.argument("new")
@click.option("--negotiation", "negotiation_dir", type=click.Path(path_type=Path), help="Negotiation folder; OLD and NEW may then be round names.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "csv", "json", "html"]), help="Output format (default: from -o's extension, else text).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the table to this file (.txt, .csv, .json, .html).")
def concordance(old: str, new: str, negotiation_dir: Path | None, fmt: str | None, output: Path | None) -> None:
    """Which provision of NEW carries which provision of OLD: the concordance table.

    One row per correspondence, articles and paragraphs alike: old citation(s), new
    citation(s), the relation (same, renumbered, moved, split, merged, rewritten, added,
    deleted) and the similarity.  Every provision of both drafts stands in exactly one row.
    """
    from .usecases import concordance_output

    _check_output(output)
    _check_inputs(output, [s for s in (old, new) if Path(s).exists()], negotiation=negotiation_dir)
    data = concordance_output(old, new, negotiation_dir=negotiation_dir, fmt=fmt, output=output,
                              on_warning=lambda warning: _echo(f"warning: {warning}", err=True))
    _write_output(data, output)
    if output is not None:
        _echo(f"wrote {output}", err=True)


@main.command()
@click.argument("name", type=click.Choice(["clause-file", "negotiation", "comparison", "concordance"]))
def schema(name: str) -> None:
    """Print a published JSON Schema: clause-file, negotiation, comparison or concordance."""
    from importlib.resources import files

    _echo((files("treatydiff") / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"), nl=False)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("negotiation_dir", metavar="NEGOTIATION", type=click.Path(path_type=Path))
@click.argument("clause")
@click.option("--round", "round_name", help="Find CLAUSE's label in this round instead of the latest.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "html"]), help="Output format (default: from -o's extension, else text).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (.txt, .json, .html).")
@click.option("--color/--no-color", default=None, help="Colour the terminal output (default: when on a terminal).")
@click.option("--no-cache", is_flag=True, help="Recompute every comparison instead of reusing cached ones.")
@_AS
def history(negotiation_dir: Path, clause: str, round_name: str | None, fmt: str | None, output: Path | None, color: bool | None, no_cache: bool,
            as_party: str | None) -> None:
    """Every round's version of one provision: who proposed it, what changed, findings, status, brackets.

    CLAUSE is a provision id or its label in the latest round ("Article 4", "4.2"); the
    provision is followed through renumbering, moves, splits and merges.

    \b
    Without colour (piped, or --no-color) deletions read ⟦-old-⟧ and insertions
    ⟦+new+⟧: white square brackets, never the [ ] of unagreed text.
    """
    from .progress import ProgressBar
    from .render import format_for_path
    from .usecases import history_output

    _check_inputs(output, [], negotiation=negotiation_dir)
    if fmt is None:
        fmt = format_for_path(output) if output is not None else "text"
    use_color = (sys.stdout.isatty() if color is None else color) and output is None
    with ProgressBar("comparing rounds") as bar:
        data = history_output(negotiation_dir, clause, round_name=round_name, fmt=fmt, color=use_color, on_progress=bar.update, use_cache=not no_cache,
                              as_party=as_party)
    _write_output(data, output)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("negotiation_dir", metavar="NEGOTIATION", type=click.Path(path_type=Path))
@click.argument("clause")
@click.option("--round", "round_name", help="Blame CLAUSE as it stood in this round (default: the latest).")
@click.option("--deleted", is_flag=True, help="Also list the words removed along the way, and who removed them.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--color/--no-color", default=None, help="Colour the terminal output (default: when on a terminal).")
@click.option("--no-cache", is_flag=True, help="Recompute every comparison instead of reusing cached ones.")
def blame(negotiation_dir: Path, clause: str, round_name: str | None, deleted: bool, fmt: str, color: bool | None, no_cache: bool) -> None:
    """Attribute each word of a provision to the round and party that introduced it (like git blame).

    \b
    Without colour (piped, or --no-color) removed words read ⟦-old-⟧: white square
    brackets, never the [ ] of unagreed text.
    """
    from .progress import ProgressBar
    from .usecases import blame_output

    use_color = sys.stdout.isatty() if color is None else color
    with ProgressBar("comparing rounds") as bar:
        data = blame_output(negotiation_dir, clause, round_name=round_name, deleted=deleted, fmt=fmt, color=use_color, on_progress=bar.update, use_cache=not no_cache)
    _write_output(data, None)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("negotiation_dir", metavar="NEGOTIATION", type=click.Path(path_type=Path))
@click.option("--rounds", help="Comma-separated round names for the columns (default: first, each party's last, current).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write: .html, .docx or .txt (default: print it).")
@click.option("--color/--no-color", default=None, help="Colour the terminal output (default: when on a terminal).")
@click.option("--no-cache", is_flag=True, help="Recompute every comparison instead of reusing cached ones.")
@_AS
def synopsis(negotiation_dir: Path, rounds: str | None, output: Path | None, color: bool | None, no_cache: bool, as_party: str | None) -> None:
    """The synopsis table ("four-column document"): provisions as rows, chosen rounds as columns,
    each cell redlined against the column to its left.

    \b
    Without colour (piped, or --no-color) deletions read ⟦-old-⟧ and insertions
    ⟦+new+⟧: white square brackets, never the [ ] of unagreed text.
    """
    from .progress import ProgressBar
    from .usecases import synopsis_output

    _check_output(output)
    _check_inputs(output, [], negotiation=negotiation_dir)
    names = [r.strip() for r in rounds.split(",") if r.strip()] if rounds else None
    use_color = (sys.stdout.isatty() if color is None else color) and output is None
    with ProgressBar("comparing rounds") as bar:
        data = synopsis_output(negotiation_dir, output, rounds=names, on_progress=bar.update, use_cache=not no_cache, color=use_color, as_party=as_party)
    _write_output(data, output)
    if output is not None:
        _echo(f"wrote {output}", err=True)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("negotiation_dir", metavar="NEGOTIATION", type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), required=True, help="Folder to write the report into (created if missing).")
@click.option("--synopsis-rounds", help="Comma-separated round names for the synopsis page's columns.")
@click.option("--no-cache", is_flag=True, help="Recompute every comparison instead of reusing cached ones.")
@_AS
def report(negotiation_dir: Path, out_dir: Path, synopsis_rounds: str | None, no_cache: bool, as_party: str | None) -> None:
    """The negotiation report: a static site (open index.html from disk) with the timeline of
    rounds, charts, a page per round (its redline) and a page per provision (its history)."""
    from .progress import ProgressBar
    from .usecases import report_site

    _check_inputs(out_dir, [], negotiation=negotiation_dir, folder=True)
    names = [r.strip() for r in synopsis_rounds.split(",") if r.strip()] if synopsis_rounds else None
    with ProgressBar("building report") as bar:
        index = report_site(negotiation_dir, out_dir, synopsis_rounds=names, on_progress=bar.update, use_cache=not no_cache, as_party=as_party)
    _echo(f"wrote {index}", err=True)


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("negotiation_dir", metavar="NEGOTIATION", type=click.Path(path_type=Path))
@click.argument("finding")
@click.option("--confirm", metavar="WHY", help="The finding is right: say why.")
@click.option("--dismiss", metavar="WHY", help="The finding is wrong: say why (reports then show it apart and count it nowhere).")
def review(negotiation_dir: Path, finding: str, confirm: str | None, dismiss: str | None) -> None:
    """Record a decision on FINDING (its `id`, or the start of it) in NEGOTIATION/reviews.yaml."""
    from .errors import UsageError
    from .review import review_finding

    if (confirm is None) == (dismiss is None):
        raise UsageError("give one of --confirm WHY or --dismiss WHY", fix='e.g. --dismiss "the qualifier moved to Article 7(4)"')
    decision, note = ("confirmed", confirm) if confirm is not None else ("dismissed", dismiss or "")
    _echo(review_finding(negotiation_dir, finding, decision, note))


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("negotiation_dir", metavar="NEGOTIATION", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "html"]), help="Output format (default: from -o's extension, else text).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (.txt, .json, .html).")
@click.option("--no-cache", is_flag=True, help="Recompute every comparison instead of reusing cached ones.")
@_AS
def positions(negotiation_dir: Path, fmt: str | None, output: Path | None, no_cache: bool, as_party: str | None) -> None:
    """Provisions × rounds: the distance between the sides' positions, agreed / converged /
    open, and where a round walked back, conceded or made a new demand; then the key issues."""
    from .positions import positions_output
    from .progress import ProgressBar
    from .render import format_for_path

    _check_output(output)
    _check_inputs(output, [], negotiation=negotiation_dir)
    fmt = fmt or (format_for_path(output) if output is not None else "text")
    with ProgressBar("comparing rounds") as bar:
        data = positions_output(negotiation_dir, fmt=fmt, as_party=as_party, on_progress=bar.update, use_cache=not no_cache)
    _write_output(data, output)


def run() -> None:  # pragma: no cover - console entry for `python -m treatydiff`
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        _echo(f"error: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(EXIT_INPUT)
