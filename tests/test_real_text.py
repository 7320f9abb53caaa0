"""Real drafts, labelled by someone else: the accuracy of the findings and of the alignment
must not fall below what `bench/accuracy_real.py` and `bench/alignment_real.py` measured when
these floors were set (see the README).  A change that loses ground on real text fails here.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
pytestmark = [pytest.mark.corpora, pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is absent")]
sys.path.insert(0, str(ROOT))

from bench import accuracy_real, alignment_real  # noqa: E402  (bench is a folder beside tests)

# Floors hold for the population they were measured on, one population per labelling pass.  The
# first four populations are the development set since the sixth pass (rules fixed on them), the
# fifth and sixth since the seventh; the seventh is held out (bench/data/real/held_out.yaml: their
# totals only are read).  Each floor is what the pass that set it measured at its end.
# On the seventh pass the benchmark got stricter (a finding quoting one word identifies a labelled
# change of more than three words only with the label's code): every floor below was measured
# again then, on the same findings (df3a3bb), and the comments give both counts.
# A pair added to the labels joins no set until its own floors are measured.
FIRST_PAIRS = ("apache-11-20", "eupl-11-12", "github-v01-v02", "github-v08-v09", "github-v10-v11", "gpl-2-3",
               "mpl-11-20", "paris-04dec-09dec", "paris-09dec-12dec", "paris-12dec-29jan")
LATER_PAIRS = ("cddl-10-11", "epl-10-20", "github-v06-v07", "osl-21-30")
# Labelled on 1 December 2026 (third pass), held out from the start: GitHub Terms, CeCILL, CC BY
# and two US bill versions, a genre the rules were never fixed on.
FRESH_PAIRS = ("ccby-25-30", "cecill-20-21", "github-v07-v08", "github-v09-v10", "github-v11-v12", "hjres37-rh-rfs", "hr2157-ih-enr")
# Labelled at the start of the fourth pass (1 December 2026), held out from the start.
FOURTH_PAIRS = ("ccbysa-30-40", "hr8752-rh-eh")
# Labelled at the start of the fifth pass (1 December 2026), held out from the start: the first
# Paris draft of the negotiation (23 October → 4 December 2015, complete), LGPL, GitHub Terms,
# OSL and three US bill versions whose text did not change (the tool must stay silent there).
FIFTH_PAIRS = ("paris-23oct-04dec", "lgpl-21-30", "github-v04-v05", "osl-20-21", "sconres13-es-rfh", "hr1037-eh-rfs", "hr1058-rds-enr")
# Labelled at the start of the sixth pass (1 December 2026, evening), held out from the start:
# licences of every family, GitHub Terms, and four texts that did not change at all.  (The pairs
# held out on the first four passes joined the development set then: see held_out.yaml.)
SIXTH_PAIRS = ("github-v05-v06", "mpl-10-11", "eupl-10-11", "sc13-ats-es", "hc105-rds-eh", "cecill-11-20", "ccby-30-40",
               "github-v02-v03", "github-v03-v04", "osl-11-20", "apache-10-11", "ccby-20-25", "hj107-rds-eh")
# Pairs whose text is word for word the same (only metadata, layout or a non-binding summary moved).
UNCHANGED_PAIRS = ("sconres13-es-rfh", "hr1037-eh-rfs", "hr1058-rds-enr", "sc13-ats-es", "hc105-rds-eh", "hj107-rds-eh",
                   "github-v02-v03", "hj107-eh-enr", "hc105-eh-enr")
# Labelled at the start of the seventh pass (2 December 2026), held out from the start: the Paris
# co-chairs' non-paper of 5 October 2015 against the draft of 23 October (complete, from the PDFs'
# text), AGPL, Artistic, OSL, CeCILL 1.0 (French) against 1.1 (English: a translation, where the
# tool can only warn), and two enrolled prints whose text did not change.
SEVENTH_PAIRS = ("paris-05oct-23oct", "agpl-10-30", "artistic-10-20", "osl-10-11", "cecill-10-11", "hj107-eh-enr", "hc105-eh-enr")


@cache
def _findings() -> dict[str, Any]:
    results = [accuracy_real.evaluate(path, CORPORA) for path in sorted(accuracy_real.LABELS.glob("*.yaml"))]
    return accuracy_real.summarise(results)


def _total(names: tuple[str, ...]) -> dict[str, int]:
    pairs = _findings()["pairs"]
    assert set(names) <= set(pairs), f"labels missing for {sorted(set(names) - set(pairs))}"
    total: dict[str, int] = {}
    for name in names:
        for key, value in pairs[name].items():
            total[key] = total.get(key, 0) + value
    return total


def _share(counts: dict[str, int], right: str, total: str) -> float:
    return counts.get(right, 0) / counts[total] if counts.get(total) else 1.0


def test_findings_on_real_drafts_keep_their_precision() -> None:
    total = _total(FIRST_PAIRS)
    # Measured after construction and saving clauses and notice templates stopped counting as
    # commitments (1 Dec 2026): 114/154, 218/297, noise 5/20; after indirect questions, changes
    # of voice and whole bracketed commitments stopped counting (findings branch): 115/148, 217/295.
    # Sixth pass (recitals' inner brackets, outer and spanning brackets, disclaimers, frames,
    # definitions' clauses …): 124/158, 220/285, noise 5/18; 124/154, 223/288 at its end.
    # Stricter benchmark (seventh pass): 119/154, 220/288; 123/159, 225/289 at its end.
    assert _share(total, "regression_right", "regression_findings") >= 0.77
    assert _share(total, "progress_right", "progress_findings") >= 0.77
    assert 1 - _share(total, "review_right", "review_findings") <= 0.30


def test_findings_on_real_drafts_keep_their_recall() -> None:
    total = _total(FIRST_PAIRS)
    # 115/236 and 217/328 ("are to" read as a duty below "shall"); 116/236 when a chosen
    # alternative's edited duty word was read.
    # 125/236 and 220/328 on the sixth pass; 125/236 and 224/328 at its end; stricter benchmark:
    # 123/236 and 222/328; 127/236 and 236/328 at the seventh pass's end.
    assert _share(total, "regression_found", "regression_labelled") >= 0.53
    assert _share(total, "progress_found", "progress_labelled") >= 0.71


def test_findings_on_the_whole_development_set() -> None:
    # The 23 pairs the rules are fixed on since the sixth pass (the four populations before).
    total = _total(FIRST_PAIRS + LATER_PAIRS + FRESH_PAIRS + FOURTH_PAIRS)
    # 171/231, 274/362, recall 169/308 and 275/412, noise 9/31 at the end of the sixth pass;
    # stricter benchmark: 160/231, 269/362, recall 161/308 and 272/412, noise 10/31; at the
    # seventh pass's end 169/234, 273/354, recall 167/308 and 286/412, noise 9/32.
    assert _share(total, "regression_right", "regression_findings") >= 0.72
    assert _share(total, "progress_right", "progress_findings") >= 0.77
    assert _share(total, "regression_found", "regression_labelled") >= 0.54
    assert _share(total, "progress_found", "progress_labelled") >= 0.69
    assert 1 - _share(total, "review_right", "review_findings") <= 0.29


def test_findings_on_the_43_development_pairs() -> None:
    # Every pass up to the sixth, the set the rules are fixed on since the seventh pass.
    total = _total(FIRST_PAIRS + LATER_PAIRS + FRESH_PAIRS + FOURTH_PAIRS + FIFTH_PAIRS + SIXTH_PAIRS)
    # At the start of the seventh pass (stricter benchmark): 229/442, 344/567, recall 228/487
    # and 345/591, noise 22/47; at its end 264/458, 376/590, recall 258/487 and 386/591, noise 21/50.
    assert _share(total, "regression_right", "regression_findings") >= 0.57
    assert _share(total, "progress_right", "progress_findings") >= 0.63
    assert _share(total, "regression_found", "regression_labelled") >= 0.52
    assert _share(total, "progress_found", "progress_labelled") >= 0.65
    assert 1 - _share(total, "review_right", "review_findings") <= 0.43


def test_findings_on_the_four_pairs_labelled_later() -> None:
    total = _total(LATER_PAIRS)
    # Development pairs since the sixth pass: 13/15, 27/34, recall 15/28 and 30/43; 15/16 and
    # recall 18/28 at its end ("all other Contributors", "subject to Section …"); stricter
    # benchmark: 11/16, 27/34, recall 14/28 and 30/43; 13/17, 27/33, recall 16/28 at its end.
    assert _share(total, "regression_right", "regression_findings") >= 0.76
    assert _share(total, "progress_right", "progress_findings") >= 0.81
    assert _share(total, "regression_found", "regression_labelled") >= 0.57
    assert _share(total, "progress_found", "progress_labelled") >= 0.69


def test_findings_on_the_third_pass_pairs() -> None:
    total = _total(FRESH_PAIRS)
    # Development pairs since the sixth pass: 14/30, 17/22, recall 14/27 and 14/29, noise 2/6;
    # 14/24 and 17/21 at its end; stricter benchmark: 12/24, 15/21, recall 12/27 and 13/29;
    # 12/22 and 15/20 at the seventh pass's end.
    assert _share(total, "regression_right", "regression_findings") >= 0.54
    assert _share(total, "progress_right", "progress_findings") >= 0.75
    assert _share(total, "regression_found", "regression_labelled") >= 0.44
    assert _share(total, "progress_found", "progress_labelled") >= 0.44
    assert 1 - _share(total, "review_right", "review_findings") <= 0.35


def test_findings_on_the_fourth_pass_pairs() -> None:
    total = _total(FOURTH_PAIRS)
    # Measured when CC BY-SA 4.0 got its Sections (labels re-cited, judgments unchanged):
    # 15/38, 7/22, recall 10/17 and 7/12, noise 1/3; 15/37 when "will not have … terminated"
    # stopped counting as a prohibition.
    # Sixth pass (disclaimers read the other way round, frames): 18/37, 7/19, recall 12/17, 7/12.
    # Seventh pass (CC BY-SA's re-cut articles aligned, chapeaux and their items): 21/36, 6/12.
    assert _share(total, "regression_right", "regression_findings") >= 0.58
    assert _share(total, "progress_right", "progress_findings") >= 0.50
    assert _share(total, "regression_found", "regression_labelled") >= 0.70
    assert _share(total, "progress_found", "progress_labelled") >= 0.58


def test_findings_on_the_fifth_pass_pairs() -> None:
    total = _total(FIFTH_PAIRS)
    # Measured when they were labelled, nothing fitted to them: 52/153, 58/171, recall 45/121
    # and 51/130, noise 7/11 (the first Paris draft is most of it).
    # Still held out; after the sixth pass's fixes (totals only read): 59/149, 64/163, recall
    # 51/121 and 58/130; stricter benchmark: 59/149, 63/163, recall 50/121 and 58/130.
    # Development pairs since the seventh pass: 83/182, 89/204, recall 74/121 and 83/130 at its end.
    assert _share(total, "regression_right", "regression_findings") >= 0.45
    assert _share(total, "progress_right", "progress_findings") >= 0.43
    assert _share(total, "regression_found", "regression_labelled") >= 0.61
    assert _share(total, "progress_found", "progress_labelled") >= 0.63


def test_findings_on_the_sixth_pass_pairs() -> None:
    total = _total(SIXTH_PAIRS)
    # Measured when they were labelled, nothing fitted to them: 10/68, 12/46, recall 17/58 and
    # 15/49, noise 5/5; after the pass's fixes (totals only read) 13/62, 12/42, recall 20/58 and
    # 15/49.  The floor records where fresh text stands, not where it should.  Stricter
    # benchmark: 10/62, 12/42, recall 17/58 and 15/49.  Development pairs since the seventh pass:
    # 12/42, 14/32, recall 17/58 and 17/49 at its end.
    assert _share(total, "regression_right", "regression_findings") >= 0.28
    assert _share(total, "progress_right", "progress_findings") >= 0.43
    assert _share(total, "regression_found", "regression_labelled") >= 0.29
    assert _share(total, "progress_found", "progress_labelled") >= 0.34


def test_findings_on_the_seventh_pass_pairs() -> None:
    total = _total(SEVENTH_PAIRS)
    # Measured when they were labelled, nothing fitted to them: 261/513, 91/243, recall 169/223
    # and 87/252, noise 28/48 (the Paris non-paper → draft step is most of it); after the pass's
    # fixes (totals only read) 279/535, 134/316, recall 175/223 and 127/252.  The floor records
    # where fresh text stands, not where it should.
    assert _share(total, "regression_right", "regression_findings") >= 0.52
    assert _share(total, "progress_right", "progress_findings") >= 0.42
    assert _share(total, "regression_found", "regression_labelled") >= 0.78
    assert _share(total, "progress_found", "progress_labelled") >= 0.50


def test_unchanged_text_gives_no_finding() -> None:
    pairs = _findings()["pairs"]
    for name in UNCHANGED_PAIRS:
        counts = pairs[name]
        assert sum(counts.get(f"{d}_findings", 0) for d in ("regression", "progress", "review")) == 0, name
        assert counts.get("unjudged", 0) == 0, name


def test_an_editorial_correction_has_no_regression_or_progress() -> None:
    counts = _findings()["pairs"]["paris-12dec-29jan"]
    assert counts.get("regression_findings", 0) == 0 and counts.get("progress_findings", 0) == 0


def test_markup_is_never_counted_as_brackets() -> None:
    from treatydiff.analysis import analyse
    from treatydiff.importers import import_draft
    from treatydiff.model import Comparison

    drafts = [CORPORA / "paris_agreement_2015" / "markdown" / "v4_2015-12-12_FCCC-CP-2015-L9-Rev1_agreement.md",
              *sorted((CORPORA / "github_terms_of_service").glob("v*.md"))]
    for path in drafts:
        draft = import_draft(path).round
        tally = analyse(Comparison(old_round=draft, new_round=draft, pairs=())).new_brackets
        assert (tally.brackets, tally.options) == (0, 0), path.name


@pytest.mark.parametrize(("pair", "floor"), [
    ("paris-09dec-12dec", 0.93), ("paris-04dec-09dec", 0.91), ("github-v01-v02", 0.99), ("github-v08-v09", 0.99),
    ("gpl-2-3", 0.96), ("mpl-11-20", 0.90), ("apache-11-20", 0.58),
    # Truth tables written later and held out while the aligner was fixed.
    ("epl-10-20", 0.99), ("github-v06-v07", 0.99), ("osl-21-30", 0.99),
    # Written on the third pass, held out from the start.
    ("ccby-25-30", 0.92), ("cecill-20-21", 0.99), ("github-v07-v08", 0.99), ("github-v09-v10", 0.99),
    ("github-v11-v12", 0.99), ("hjres37-rh-rfs", 0.99), ("hr2157-ih-enr", 0.97),
    # Written on the fourth pass, held out from the start.
    ("ccbysa-30-40", 0.70), ("hr8752-rh-eh", 0.99),
    # Written on the fifth pass, held out from the start.
    ("paris-23oct-04dec", 0.92), ("lgpl-21-30", 0.73), ("github-v04-v05", 0.99), ("osl-20-21", 0.99),
    ("sconres13-es-rfh", 0.99), ("hr1037-eh-rfs", 0.99), ("hr1058-rds-enr", 0.99),
    # Written on the sixth pass, held out from the start.
    ("github-v05-v06", 0.98), ("mpl-10-11", 0.99), ("eupl-10-11", 0.99), ("sc13-ats-es", 0.99), ("hc105-rds-eh", 0.99),
    ("cecill-11-20", 0.86), ("ccby-30-40", 0.71), ("github-v02-v03", 0.99), ("github-v03-v04", 0.99),
    ("osl-11-20", 0.99), ("apache-10-11", 0.85), ("ccby-20-25", 0.99), ("hj107-rds-eh", 0.99),
    # Written on the seventh pass, held out from the start (CeCILL 1.0 → 1.1 is a French text
    # against its English translation: no word pairs, the tool warns).
    ("paris-05oct-23oct", 0.79), ("agpl-10-30", 0.90), ("artistic-10-20", 0.61), ("osl-10-11", 0.94),
    ("cecill-10-11", 0.03), ("hj107-eh-enr", 0.99), ("hc105-eh-enr", 0.99),
])
def test_alignment_of_real_drafts_keeps_its_f1(pair: str, floor: float) -> None:
    score = alignment_real.evaluate(alignment_real.TRUTH / f"{pair}.yaml", CORPORA)
    right = len(score.truth & score.made)
    precision, recall = right / len(score.made), right / len(score.truth)
    assert 2 * precision * recall / (precision + recall) >= floor
