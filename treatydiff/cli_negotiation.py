"""The command line, continued: the commands on a negotiation folder (``init``, ``add``,
``history``, ``blame``, ``synopsis``, ``report``, ``review``, ``positions``), registered on
:data:`treatydiff.cli.main`.  Like :mod:`treatydiff.cli`, a thin shell over the library: it
imports nothing of the pipeline until a command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import _AS, EXIT_CODES_HELP, _check_inputs, _check_output, _echo, _write_output, main


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
    from .usecases_timeline import history_output

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
    from .usecases_timeline import blame_output

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
    from .usecases_timeline import synopsis_output

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
    from .usecases_timeline import report_site

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
