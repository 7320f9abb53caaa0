"""Text and JSON for ``treatydiff history`` and ``treatydiff blame``.

JSON is built in a fixed key order from the typed results (no sorting needed, no wall clock),
so the same negotiation always gives byte-identical output.  ``format_version`` is bumped on
any incompatible change.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import Finding, Op, Party, Provision, Segment
from ..timeline.blame import Blame, Origin
from ..timeline.history import ClauseHistory, HistoryEntry
from ..views.bilateral import SideText, ThreeTexts
from ..views.perspective import perspective_of, perspective_words
from .json_report import finding_document, segments_document, tally_document
from .textstyle import Style, terminal_safe

FORMAT_VERSION = 1



def _provision(p: Provision) -> dict[str, Any]:
    return {
        "id": p.id,
        "label": p.label,
        "heading": p.heading,
        "status": p.status.value if p.status else None,
        "text": p.full_text,
        "notes": p.notes,
    }


def _finding_json(f: Finding, perspective: str | None, parties: Sequence[Party]) -> dict[str, Any]:
    document = finding_document(f)
    if perspective is not None:
        view = perspective_of(f, perspective, parties)
        document["perspective"] = {"party": view.party, "effect": view.effect, "reason": view.reason}
    return document


def entry_json(e: HistoryEntry, perspective: str | None = None, parties: Sequence[Party] = ()) -> dict[str, Any]:
    return {
        "round": e.round_name,
        "round_label": e.round.label,
        "party": e.round.party,
        "date": e.round.date,
        "present": bool(e.versions),
        "label": e.label if e.versions else None,
        "provisions": [_provision(v) for v in e.versions],
        "previous": [{"id": p.id, "label": p.label} for p in e.previous],
        "previous_label": e.previous_label or None,
        "kinds": [k.value for k in e.kinds],
        "changed": e.changed,
        "text": e.text,
        "segments": segments_document(e.segments),
        "heading_segments": segments_document(e.heading_segments),
        "notes_segments": segments_document(e.notes_segments),
        "findings": [_finding_json(f, perspective, parties) for f in e.findings],
        "status": e.status.value if e.status else None,
        "brackets": tally_document(e.brackets),
    }


def _dump(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _named(history: ClauseHistory) -> dict[str, Any]:
    entry = next(e for e in history.entries if e.round_index == history.start.round_index)
    return {"id": history.provision.id, "label": history.label, "round": entry.round_name}


def _negotiation(history: ClauseHistory) -> dict[str, Any]:
    info = history.negotiation
    return {"title": info.title, "illustrative": info.illustrative}


def _side_json(side: SideText | None) -> dict[str, Any] | None:
    return None if side is None else {"round": side.round, "party": side.party, "text": side.text}


def three_texts_json(view: ThreeTexts) -> dict[str, Any]:
    return {"party": view.party, "ours": _side_json(view.ours), "theirs": _side_json(view.theirs), "new": _side_json(view.new),
            "from_ours": segments_document(view.from_ours), "from_theirs": segments_document(view.from_theirs)}


def three_texts_text(view: ThreeTexts, color: bool = False) -> list[str]:
    """The three texts and the two redlines, as lines for the end of ``history --as``."""
    lines = ["", Style(color).bold(f"── As {view.party}: the three texts of the round {view.new.round}")]
    for name, side in (("our last text", view.ours), ("their last text", view.theirs)):
        if side is None:
            lines.append(_indent(f"{name}: none yet"))
            continue
        lines.append(_indent(terminal_safe(f"{name} ({side.round}, {side.party}):")))
        lines.append(_indent(terminal_safe(side.text) or "(deleted)", "      "))
    lines.append(_indent(terminal_safe(f"the new text ({view.new.round}, {view.new.party or 'no party'}):")))
    lines.append(_indent(terminal_safe(view.new.text) or "(deleted)", "      "))
    for name, side, segments in (("from our last text", view.ours, view.from_ours), ("from their last text", view.theirs, view.from_theirs)):
        if side is not None:
            lines.append(_indent(terminal_safe(f"redline {name} ({side.round} → {view.new.round}):")))
            same = all(s.op == Op.EQUAL for s in segments)
            lines.append(_indent("(the same words)" if same and segments else inline_redline(segments, color) or "(no text)", "      "))
    return lines


def history_json(history: ClauseHistory, perspective: str | None = None, three: ThreeTexts | None = None) -> bytes:
    parties = history.negotiation.parties
    document: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "kind": "history",
        "negotiation": _negotiation(history),
        "provision": _named(history),
    }
    if perspective is not None:  # only with --as: the document is otherwise as it always was
        document["perspective"] = perspective
    document["rounds"] = [entry_json(e, perspective, parties) for e in history.entries]
    if three is not None:  # only with --as
        document["three_texts"] = three_texts_json(three)
    return _dump(document)


def inline_redline(segments: Sequence[Segment], color: bool = False) -> str:
    """``[-deleted-]{+inserted+}`` in plain text; red and green when ``color``."""
    style = Style(color)  # its marks escape the text they mark; equal runs are escaped here
    return "".join(terminal_safe(s.text) if s.op == Op.EQUAL else style.deleted(s.text) if s.op == Op.DELETE else style.inserted(s.text) for s in segments)


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.split("\n"))


def _round_line(e: HistoryEntry) -> str:
    who = ", ".join(x for x in (e.round.party, e.round.date) if x)
    return f"{e.round.label} [{e.round_name}]" + (f" ({who})" if who else "")


def history_text(history: ClauseHistory, *, color: bool = False, perspective: str | None = None, three: ThreeTexts | None = None) -> bytes:
    # Text from the drafts is escaped where it enters a line, before any colour is added
    # (Style's marks and inline_redline escape their own).
    safe = terminal_safe
    bold = Style(color).bold
    lines: list[str] = []
    title = history.negotiation.title + (" — ILLUSTRATIVE" if history.negotiation.illustrative else "")
    lines.append(bold(f"History of {history.label} (id {history.provision.id}) — {title}"))
    lines.append(f"{len(history.entries)} round(s); identity followed through the alignment chain, not the number.")
    for e in history.entries:
        lines.append("")
        previous = e.previous_label
        label = e.label if e.versions else "deleted"
        move = f"{previous} → {label}" if previous and previous != label else label
        state = []
        if e.status:
            state.append(f"status: {e.status.value}")
        if e.versions:
            state.append(f"brackets: {e.brackets.brackets}, options: {e.brackets.options}")
        kinds = ", ".join(k.value for k in e.kinds) or "first proposed"
        lines.append(bold(f"── {_round_line(e)}: {move} [{kinds}]") + (f"  {safe('; '.join(state))}" if state else ""))
        if e.previous and any(s.op != Op.EQUAL for s in e.heading_segments):
            lines.append(_indent("heading: " + inline_redline(e.heading_segments, color)))
        elif e.heading and not e.previous:
            lines.append(_indent(f"heading: {safe(e.heading)}"))
        if e.previous and not e.changed and e.versions:
            lines.append(_indent("(text unchanged)"))
        else:
            body = inline_redline(e.segments, color) if e.previous else safe(e.text)
            if body:
                lines.append(_indent(body))
        if e.previous and any(s.op != Op.EQUAL for s in e.notes_segments):
            lines.append(_indent("notes: " + inline_redline(e.notes_segments, color)))
        elif e.notes and not e.previous:
            lines.append(_indent(f"notes: {e.notes}"))
        for f in e.findings:
            who = f" (obligation of {', '.join(f.obligated)})" if f.obligated else ""
            lines.append(_indent(safe(f"! {f.direction.value} {f.code}{who}: {f.explanation}")))
            if perspective is not None:
                lines.append(_indent(safe(perspective_words(perspective_of(f, perspective, history.negotiation.parties))), "      "))
    if three is not None:
        lines.extend(three_texts_text(three, color))
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- blame --------------------------------------------------------------------------------


def _origin(o: Origin) -> dict[str, Any]:
    return {"round": o.round_name, "round_label": o.round_label, "party": o.party, "date": o.date}


def blame_json(result: Blame, *, deleted: bool = False) -> bytes:
    counts: dict[str, int] = {}
    for word in result.words:
        counts[word.origin.round_name] = counts.get(word.origin.round_name, 0) + 1
    rounds = [
        {**_origin(o), "words": counts[o.round_name]}
        for o in sorted({w.origin for w in result.words}, key=lambda o: o.round_index)
    ]
    return _dump({
        "format_version": FORMAT_VERSION,
        "kind": "blame",
        "negotiation": _negotiation(result.history),
        "provision": _named(result.history),
        "text": result.text,
        "rounds": rounds,
        "runs": [{"text": r.text, "start": r.start, "end": r.end, **_origin(r.origin)} for r in result.runs],
        "words": [{"word": w.word, "start": w.start, "end": w.end, "round": w.origin.round_name} for w in result.words],
        "deleted": [
            {"text": d.text, "introduced": _origin(d.introduced), "deleted": _origin(d.deleted), "split_off": d.split_off} for d in result.deleted
        ]
        if deleted
        else None,
    })


def _who(o: Origin) -> str:
    return f"{o.round_name:<14.14} {(o.party or '-'):<4.4} {(o.date or ''):<10}"


def blame_text(result: Blame, *, deleted: bool = False, color: bool = False) -> bytes:
    """One line per run of words, ``git blame`` style: round, party, date │ words."""
    style = Style(color)
    safe = terminal_safe  # every piece of text below comes from the drafts
    lines = [safe(f"Blame of {result.history.label} (id {result.history.provision.id}), word by word")]
    for run in result.runs:
        pieces = run.text.split("\n")
        for n, piece in enumerate(pieces):
            if not piece.strip():
                continue
            prefix = _who(run.origin) if n == 0 else " " * len(_who(run.origin))
            lines.append(f"{style.dim(prefix)} │ {safe(piece.strip())}")
    if deleted:
        lines.append("")
        lines.append(f"Deleted along the way ({len(result.deleted)}):")
        for d in result.deleted:
            text = " ".join(d.text.split())
            shown = style.deleted(text)
            lines.append(
                f"  {shown}  "
                + safe(
                    f"written in {d.introduced.round_name} ({d.introduced.party or '-'}),"
                    f" {'split off' if d.split_off else 'removed'} in {d.deleted.round_name} ({d.deleted.party or '-'})"
                )
            )
    return ("\n".join(lines) + "\n").encode("utf-8")


def history_html(history: ClauseHistory, three: ThreeTexts | None = None) -> bytes:
    """A self-contained history page (CSS inlined), for ``treatydiff history --format html``;
    with ``three`` (``--as``), the three texts of the round and the two redlines after it."""
    from ..views.negotiation import fragments, history_view, plain
    from .templating import standalone_negotiation_page

    view = history_view(history)
    texts = None
    if three is not None:
        texts = [(name, side, plain(side.text) if side else (), fragments(segments) if side else ())
                 for name, side, segments in (("Our last text", three.ours, three.from_ours), ("Their last text", three.theirs, three.from_theirs))]
    return standalone_negotiation_page(
        "negotiation/provision.html.j2",
        page_title=view.title,
        negotiation_title=view.negotiation_title,
        illustrative=view.illustrative,
        history=view,
        three=three,
        three_texts=texts,
        new_text=plain(three.new.text) if three is not None else (),
    )
