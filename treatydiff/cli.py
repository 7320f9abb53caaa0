"""The command line: a thin shell over the library (with :mod:`treatydiff.cli_negotiation`, the
only modules that import click).

Each command parses its options, makes one library call and writes the result.  Errors
become one line on stderr and the exit status from :func:`treatydiff.errors.exit_code_for`.
"""

from __future__ import annotations

import gc
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
@click.argument("path", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Validate a negotiation folder or a single clause file and say exactly what is wrong."""
    from .usecases import check_path

    for line in check_path(path):
        _echo(line, err=line.startswith("warning:"))


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
@click.argument("new", required=False)
@_compare_options
@_AS
@click.option("--baseline", metavar="ROUND", help="Measure the draft against this earlier round of --negotiation (what was agreed), "
              "not the previous one: give the draft alone, e.g. --baseline r4-am r7-az.")
def compare(
    old: str,
    new: str | None,
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
    baseline: str | None,
) -> None:
    """Compare two rounds: OLD is the earlier draft, NEW the later one (with --baseline ROUND,
    the draft alone: it is measured against ROUND).

    Each may be a clause file (.yaml), a draft (.md, .txt, .docx) imported on the fly, or,
    with --negotiation, a round name such as r6-am.  A warning says when OLD comes after NEW
    (round order or date) and when the two are identical.

    \b
    Without colour (piped, or --no-color) deletions read ⟦-old-⟧ and insertions
    ⟦+new+⟧: white square brackets, never the [ ] of unagreed text.
    """
    from .errors import UsageError
    from .model import CompareOptions
    from .render import RenderOptions
    from .usecases import baseline_pair, compare_output

    if baseline is not None:
        if new is not None:
            raise UsageError("--baseline takes the place of OLD: give the draft alone", fix=f"treatydiff compare --negotiation FOLDER --baseline {baseline} {new}")
        old, new = baseline_pair(baseline, old, negotiation_dir)
        _echo(f"baseline: measuring {new} against {old}, not against the previous round", err=True)
    elif new is None:
        raise UsageError("missing NEW: compare takes OLD and NEW", fix="e.g. treatydiff compare r6-am.yaml r7-az.yaml, or --baseline ROUND with one draft")
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


def run() -> None:  # pragma: no cover - console entry for `python -m treatydiff`
    # A command builds one large structure of acyclic objects (provisions, pairs, segments,
    # hits) and exits: the cyclic collector's passes over it free nothing and cost a twelfth of
    # a cold compare.  Reference counting still frees everything that is dropped.
    gc.disable()
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:
        _echo(f"error: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
        sys.exit(EXIT_INPUT)


# The negotiation folder's commands live beside this module and register themselves on `main`
# (imported last: they need `main` and the helpers above).
from . import cli_negotiation  # noqa: E402,F401
