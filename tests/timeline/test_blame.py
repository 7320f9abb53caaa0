"""Word-level blame: each word to the round and party that introduced it."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE, run_cli
from history_factory import timeline
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.diff.worddiff import tokenize
from treatydiff.formats.negotiation import load_negotiation
from treatydiff.model import Negotiation, Party, Provision, Round, RoundInfo
from treatydiff.render.history import blame_json, blame_text
from treatydiff.timeline.blame import blame
from treatydiff.timeline.build import build_timeline
from treatydiff.timeline.history import clause_history

needs_example = pytest.mark.skipif(not (EXAMPLE / "negotiation.yaml").exists(), reason="example negotiation absent")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs cache comparisons; keep them out of the developer's ~/.cache."""
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def _origins(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {w.word: w.origin.round_name for w in result.words}


def test_words_are_attributed_to_the_rounds_that_wrote_them() -> None:
    result = blame(clause_history(timeline(), "Article 3"))
    assert result.text == "Each Party shall withdraw its armed forces within ninety days under international monitoring."
    origins = _origins(result)
    assert origins["ninety"] == "r2-am"
    assert origins["monitoring"] == "r4-am" and origins["international"] == "r4-am"
    assert origins["withdraw"] == "r1-az" and origins["days"] == "r1-az"
    assert "".join(r.text for r in result.runs) == result.text
    assert [r.origin.round_name for r in result.runs] == ["r1-az", "r2-am", "r1-az", "r4-am", "r1-az"]


def test_deleted_words_name_who_wrote_and_who_removed_them() -> None:
    result = blame(clause_history(timeline(), "Article 3"))
    thirty = next(d for d in result.deleted if d.text.strip() == "thirty")
    assert (thirty.introduced.round_name, thirty.deleted.round_name, thirty.deleted.party) == ("r1-az", "r2-am", "AM")
    fully = next(d for d in result.deleted if d.text.strip() == "fully")
    assert fully.introduced.round_name == "r3-az" and fully.deleted.round_name == "r4-am" and fully.split_off


def test_blame_of_an_earlier_version_ignores_later_rounds() -> None:
    result = blame(clause_history(timeline(), "Article 3", round_name="r2-am"))
    assert "ninety" in result.text and "fully" not in result.text
    assert _origins(result)["ninety"] == "r2-am"


def test_json_and_text() -> None:
    result = blame(clause_history(timeline(), "Article 3"))
    data = json.loads(blame_json(result, deleted=True))
    assert list(data) == ["format_version", "kind", "negotiation", "provision", "text", "rounds", "runs", "words", "deleted"]
    assert data["rounds"] == [
        {"round": "r1-az", "round_label": "Round 1", "party": "AZ", "date": "2024-01-01", "words": 10},
        {"round": "r2-am", "round_label": "Round 2", "party": "AM", "date": "2024-02-01", "words": 1},
        {"round": "r4-am", "round_label": "Round 4", "party": "AM", "date": "2024-04-01", "words": 3},
    ]
    assert json.loads(blame_json(result))["deleted"] is None
    text = blame_text(result, deleted=True).decode()
    assert "r2-am          AM   2024-02-01 │ ninety" in text
    assert "⟦-thirty-⟧  written in r1-az (AZ), removed in r2-am (AM)" in text


_WORDS = st.sampled_from(["the", "Parties", "shall", "should", "may", "ensure", "promote", "all", "transport", "links", "within", "thirty", "ninety", "days", "[all]", "and"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_WORDS, min_size=1, max_size=12), min_size=1, max_size=6))
def test_blame_rebuilds_the_text_and_credits_words_that_existed(versions: list[list[str]]) -> None:
    """Invariants: runs rebuild the text; a word credited to round k is in round k's text; the
    deleted words with the kept ones account for every word ever written."""
    rounds = tuple(
        Round(info=RoundInfo(label=f"Round {n}", party="A" if n % 2 else "B"), name=f"r{n}", provisions=(Provision(id="p", label="Article 1", text=" ".join(words)),))
        for n, words in enumerate(versions, 1)
    )
    neg = Negotiation(title="t", parties=(Party("A", "A"), Party("B", "B")), rounds=rounds)
    result = blame(clause_history(build_timeline(neg), "p"))
    assert "".join(r.text for r in result.runs) == result.text == " ".join(versions[-1])
    for word in result.words:
        assert word.word in {t for t, _ in tokenize(" ".join(versions[word.origin.round_index]))}
        assert word.origin.round_index == 0 or word.origin.party == rounds[word.origin.round_index].info.party


@needs_example
def test_example_blame_credits_the_right_rounds() -> None:
    t = build_timeline(load_negotiation(EXAMPLE))
    result = blame(clause_history(t, "Article 10"))  # art-rights, split off in r4-am
    origins = _origins(result)
    assert origins["promote"] == "r5-az"  # "guarantee" → "promote" in the AZ draft of r5
    bracketed = [w for w in result.words if w.word in ("[", "shall", "should", "]") and w.origin.round_name == "r6-am"]
    assert {w.word for w in bracketed} >= {"shall", "should"}  # "[shall][should]" opened by AM in r6
    assert origins["minorities"] == "r1-az" and origins["interfere"] == "r1-az"
    removed = {d.text.strip(): d for d in result.deleted}
    assert removed["guarantee"].deleted.round_name == "r5-az"
    assert any(d.split_off and d.deleted.round_name == "r4-am" for d in result.deleted)


@needs_example
def test_cli_blame() -> None:
    result = run_cli("blame", EXAMPLE, "Article 10", "--deleted")
    assert result.exit_code == 0, result.stderr
    assert "r5-az" in result.stdout and "promote" in result.stdout and "Deleted along the way" in result.stdout
    data = json.loads(run_cli("blame", EXAMPLE, "art-rights-1", "--format", "json").stdout)
    assert {w["word"]: w["round"] for w in data["words"]}["promote"] == "r5-az"
