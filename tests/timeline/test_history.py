"""Clause histories: identity through renumbering, moves, splits and merges; naming; JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli
from history_factory import negotiation, timeline

from treatydiff.diff.worddiff import new_text, old_text
from treatydiff.errors import UsageError
from treatydiff.formats.negotiation import load_negotiation
from treatydiff.model import ChangeKind, Op
from treatydiff.render.history import history_json, history_text
from treatydiff.timeline import build as build_module
from treatydiff.timeline import history as history_module
from treatydiff.timeline.build import build_timeline
from treatydiff.timeline.history import clause_history
from treatydiff.timeline.names import lineage, resolve_provision, threads

needs_example = pytest.mark.skipif(not (EXAMPLE / "negotiation.yaml").exists(), reason="example negotiation absent")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs cache comparisons; keep them out of the developer's ~/.cache."""
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def test_follows_a_split_part_back_through_renumbering_to_its_source() -> None:
    h = clause_history(timeline(), "Article 3")  # Withdrawal, split off Borders in r4
    assert h.provision.id == "art-5w"
    assert [e.round_name for e in h.entries] == ["r1-az", "r2-am", "r3-az", "r4-am", "r5-az"]
    assert [tuple(v.id for v in e.versions) for e in h.entries] == [("art-2",)] * 3 + [("art-5w",)] * 2
    assert [e.label for e in h.entries] == ["Article 2", "Article 3", "Article 4", "Article 5", "Article 3"]
    assert ChangeKind.RENUMBERED in h.entries[1].kinds
    assert ChangeKind.SPLIT in h.entries[3].kinds
    assert h.entries[3].previous_label == "Article 4"


def test_follows_a_provision_forward_into_both_parts_of_its_split() -> None:
    h = clause_history(timeline(), "Article 3", round_name="r2-am")  # Borders as it stood in r2
    assert h.provision.id == "art-2"
    assert [v.id for v in h.entries[-1].versions] == ["art-2", "art-5w"]
    assert h.entries[-1].label == "Article 2 + Article 3"


def test_merge_gathers_both_sources() -> None:
    h = clause_history(timeline(), "art-def")
    last = h.entries[-1]
    assert ChangeKind.MERGED in last.kinds
    assert {p.id for p in last.previous} == {"art-1", "art-def"}
    assert h.entries[0].round_name == "r1-az" and [v.id for v in h.entries[0].versions] == ["art-1"]


def test_deleted_provision_ends_with_the_round_that_deleted_it() -> None:
    t = timeline()
    h = clause_history(t, "art-3", round_name="r4-am")
    assert h.entries[-1].round_name == "r5-az"
    assert h.entries[-1].kinds == (ChangeKind.DELETED,)
    assert not h.entries[-1].versions
    assert all(s.op == Op.DELETE for s in h.entries[-1].segments)


def test_every_redline_rebuilds_both_texts() -> None:
    t = timeline()
    for ref in threads(t):
        h = history_module.provision_history(t, ref)
        for before, entry in zip((None, *h.entries), h.entries, strict=False):
            previous_text = before.text if before is not None else ""
            assert old_text(entry.segments) == previous_text
            assert new_text(entry.segments) == entry.text


def test_lineage_is_keyed_by_round() -> None:
    t = timeline()
    ref = resolve_provision(t, "Article 2")
    assert lineage(t, ref) == {0: ("art-2",), 1: ("art-2",), 2: ("art-2",), 3: ("art-2",), 4: ("art-2",)}


@pytest.mark.parametrize(
    ("name", "expected"),
    [("art-5w", "art-5w"), ("Article 3", "art-5w"), ("3", "art-5w"), ("article 2", "art-2"), ("Article 2(1)", "art-2-1"), ("2.1", "art-2-1")],
)
def test_a_provision_is_named_by_id_or_label(name: str, expected: str) -> None:
    assert resolve_provision(timeline(), name).provision_id == expected


def test_unknown_names_say_where_to_look() -> None:
    t = timeline()
    with pytest.raises(UsageError, match="pass --round r4-am"):
        resolve_provision(t, "art-3")
    with pytest.raises(UsageError, match="did you mean"):
        resolve_provision(t, "art-5")
    with pytest.raises(UsageError, match="no round named"):
        resolve_provision(t, "art-2", round_name="r9")


def test_each_consecutive_comparison_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str]] = []
    real = build_module.compare

    def counting(old, new, **kwargs):  # type: ignore[no-untyped-def]
        calls.append((old.name, new.name))
        return real(old, new, **kwargs)

    monkeypatch.setattr(build_module, "compare", counting)
    progress: list[tuple[int, int]] = []
    t = build_timeline(negotiation(), on_progress=lambda done, total, what: progress.append((done, total)))
    for ref in threads(t):
        history_module.provision_history(t, ref)
    assert calls == [("r1-az", "r2-am"), ("r2-am", "r3-az"), ("r3-az", "r4-am"), ("r4-am", "r5-az")]
    assert progress == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_json_is_stable_and_documented() -> None:
    h = clause_history(timeline(), "Article 3")
    data = json.loads(history_json(h))
    assert history_json(h) == history_json(clause_history(timeline(), "Article 3"))
    assert list(data) == ["format_version", "kind", "negotiation", "provision", "rounds"]
    assert data["provision"] == {"id": "art-5w", "label": "Article 3", "round": "r5-az"}
    entry = data["rounds"][3]
    assert list(entry) == [
        "round", "round_label", "party", "date", "present", "label", "provisions", "previous", "previous_label",
        "kinds", "changed", "text", "segments", "heading_segments", "notes_segments", "findings", "status", "brackets",
    ]
    assert entry["kinds"] == ["split"] and entry["party"] == "AM" and entry["previous_label"] == "Article 4"
    assert {"op": "insert", "text": " under international monitoring"} in entry["segments"]


def test_text_names_each_round_and_the_change() -> None:
    text = history_text(clause_history(timeline(), "Article 3")).decode()
    assert "Round 2 [r2-am] (AM, 2024-02-01): Article 2 → Article 3 [modified, renumbered]" in text
    assert "⟦-thirty-⟧⟦+ninety+⟧" in text
    assert "Article 4 → Article 5 [split]" in text


def test_brackets_and_options_are_counted() -> None:
    tally = history_module.count_brackets("The Parties [shall][should] open [all] links. Option 1: x\nOption 2: y \\[literal\\]")
    assert (tally.brackets, tally.options) == (3, 4)
    assert history_module.count_brackets("[deleted]").brackets == 0


# --- the example negotiation -------------------------------------------------------------


@needs_example
def test_example_paragraph_followed_through_renumbering_move_and_split() -> None:
    """Article 10(1) of r8-am began as paragraph 3 of Article 11 (art-hate-3) in r1-az."""
    t = build_timeline(load_negotiation(EXAMPLE))
    h = clause_history(t, "Article 10(1)")
    assert h.provision.id == "art-rights-1"
    ids = [tuple(v.id for v in e.versions) for e in h.entries]
    assert ids[0] == ("art-hate-3",) and ids[-1] == ("art-rights-1",)
    assert len(h.entries) == len(t.rounds)
    labels = [e.label for e in h.entries]
    assert labels[:5] == ["Article 11(3)", "Article 11(3)", "Article 10(3)", "Article 11(1)", "Article 10(1)"]
    r4 = h.entries[3]
    assert ChangeKind.MOVED in r4.kinds  # left Article 10 for the new Article 11
    # Its article was split off "Prevention of hatred and protection of rights" in r4-am.
    article = clause_history(t, "Article 10")
    assert article.provision.id == "art-rights"
    assert ChangeKind.SPLIT in article.entries[3].kinds
    assert ChangeKind.RENUMBERED in article.entries[2].kinds  # Article 11 -> 10 in r3-az
    assert ChangeKind.RENUMBERED in article.entries[4].kinds  # Article 11 -> 10 in r5-az
    assert any(f.code == "obligation-weakened" for f in h.entries[4].findings)


@needs_example
def test_cli_history_text_json_html(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = run_cli("history", EXAMPLE, "Article 10")
    assert text.exit_code == 0, text.stderr
    assert "Article 10 → Article 11 [split]" in text.stdout
    data = json.loads(run_cli("history", EXAMPLE, "art-rights", "--format", "json").stdout)
    assert data["provision"]["id"] == "art-rights" and len(data["rounds"]) == 8
    out = tmp_path / "h.html"
    assert run_cli("history", EXAMPLE, "Article 10", "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<del>guarantee</del>" in html and "<ins>promote</ins>" in html


@needs_example
def test_cli_history_bad_names_exit_2() -> None:
    result = run_cli("history", EXAMPLE, "Article 99")
    assert result.exit_code == 2 and result.stderr.startswith("error: no provision 'Article 99' in round r8-am")
    result = run_cli("history", EXAMPLE, "art-constitution")
    assert result.exit_code == 2 and "--round" in result.stderr
    assert run_cli("history", EXAMPLE.parent / "nope", "x").exit_code == 2


class _MemoryStore:
    def __init__(self) -> None:
        self.entries: dict[str, object] = {}

    def get(self, key: str, old, new):  # type: ignore[no-untyped-def]
        return self.entries.get(key)

    def put(self, key: str, comparison) -> None:  # type: ignore[no-untyped-def]
        from treatydiff.timeline.timeline import EagerPairs

        self.entries[key] = EagerPairs(comparison)


def test_a_store_reuses_comparisons_across_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    store = _MemoryStore()
    first = build_timeline(negotiation(), store=store)
    assert len(store.entries) == 4
    monkeypatch.setattr(build_module, "compare", lambda *a, **k: pytest.fail("compared again"))
    second = build_timeline(negotiation(), store=store)
    assert second.comparisons == first.comparisons


def test_cached_history_equals_computed_history(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from treatydiff.timeline.cache import DiskComparisonStore

    store = DiskComparisonStore(tmp_path)
    fresh = build_timeline(negotiation(), store=store)
    cached = build_timeline(negotiation(), store=DiskComparisonStore(tmp_path))
    for ref in threads(fresh):
        assert history_module.provision_history(cached, ref) == history_module.provision_history(fresh, ref)
    assert cached.comparisons == fresh.comparisons


def test_disk_store_round_trips_and_survives_damage(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from treatydiff.timeline.cache import DiskComparisonStore

    store = DiskComparisonStore(tmp_path)
    for n, comparison in enumerate(timeline().comparisons):
        store.put(f"k{n}", comparison)
        cached = store.get(f"k{n}", comparison.old_round, comparison.new_round)
        assert cached is not None and cached.materialize() == comparison
    (store.folder / "k0.json").write_bytes(b"not an entry")
    assert store.get("k0", comparison.old_round, comparison.new_round) is None
    assert store.get("missing", comparison.old_round, comparison.new_round) is None


@needs_example
def test_compact_cache_form_rebuilds_every_example_comparison() -> None:
    from treatydiff.timeline.cache import CachedPairs, encode_comparison

    for comparison in build_timeline(load_negotiation(EXAMPLE)).comparisons:
        assert CachedPairs.load(encode_comparison(comparison), comparison.old_round, comparison.new_round).materialize() == comparison


def test_parallel_comparisons_give_the_same_timeline() -> None:
    sequential = build_timeline(negotiation())
    parallel = build_timeline(negotiation(), workers=2)
    assert parallel.comparisons == sequential.comparisons


def test_parallel_comparisons_fill_the_cache_as_sequential_ones_do(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from treatydiff.timeline.cache import DiskComparisonStore

    progress: list[int] = []
    parallel = build_timeline(negotiation(), workers=2, store=DiskComparisonStore(tmp_path / "p"), on_progress=lambda d, t, w: progress.append(d))
    assert sorted(progress) == [1, 2, 3, 4]
    sequential = build_timeline(negotiation(), store=DiskComparisonStore(tmp_path / "s"))
    cached = build_timeline(negotiation(), store=DiskComparisonStore(tmp_path / "p"))
    assert parallel.comparisons == sequential.comparisons == cached.comparisons
    folder = DiskComparisonStore(tmp_path / "p").folder
    assert sorted(f.read_bytes() for f in folder.iterdir()) == sorted(f.read_bytes() for f in DiskComparisonStore(tmp_path / "s").folder.iterdir())


def _die(*args: object) -> None:
    os._exit(3)  # a worker killed mid-way (out of memory, a signal)


def test_a_dead_worker_leaves_the_work_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from treatydiff.render import site
    from treatydiff.timeline import forked

    monkeypatch.setattr(forked, "_compare_chunk", _die)
    monkeypatch.setattr(site, "_page_chunk", _die)
    sequential = build_timeline(negotiation())
    assert build_timeline(negotiation(), workers=2).comparisons == sequential.comparisons
    assert site.site_pages(sequential, workers=2) == site.site_pages(sequential)


def _copy_example(tmp_path) -> object:  # type: ignore[no-untyped-def]
    import shutil

    folder = tmp_path / "neg"
    shutil.copytree(EXAMPLE, folder)
    return folder


@needs_example
def test_rounds_parsed_once_are_read_back_from_the_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from treatydiff import usecases as timeline_workflow
    from treatydiff.formats.negotiation import load_negotiation
    from treatydiff.timeline.cache import file_digest

    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path / "cache"))
    folder = _copy_example(tmp_path)
    first, digests = timeline_workflow.read_negotiation(folder)
    assert first == load_negotiation(folder)
    assert digests == [file_digest(Path(r.path), Path(r.path).read_bytes()) for r in first.rounds if r.path]
    monkeypatch.setattr(timeline_workflow, "round_from_text", lambda *a, **k: pytest.fail("parsed again"))
    again, again_digests = timeline_workflow.read_negotiation(folder)
    assert again == first and again_digests == digests
    # An edited round is parsed afresh (its bytes changed), the others still come from the cache.
    monkeypatch.undo()
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path / "cache"))
    edited = sorted((folder / "rounds").iterdir())[-1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("shall", "may", 1), encoding="utf-8")
    changed, changed_digests = timeline_workflow.read_negotiation(folder)
    assert changed == load_negotiation(folder) != first
    assert changed_digests[:-1] == digests[:-1] and changed_digests[-1] != digests[-1]


@needs_example
def test_a_broken_round_is_reported_as_without_the_cache(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from treatydiff import usecases as timeline_workflow
    from treatydiff.errors import TreatydiffError
    from treatydiff.formats.negotiation import load_negotiation

    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path / "cache"))
    folder = _copy_example(tmp_path)
    timeline_workflow.read_negotiation(folder)  # fill the cache
    broken = sorted((folder / "rounds").iterdir())[2]
    broken.write_text("treatydiff: 1\nround: [unclosed\n", encoding="utf-8")
    with pytest.raises(TreatydiffError) as plain:
        load_negotiation(folder)
    with pytest.raises(TreatydiffError) as cached:
        timeline_workflow.read_negotiation(folder)
    assert type(cached.value) is type(plain.value) and str(cached.value) == str(plain.value)


@needs_example
def test_cli_history_reads_the_same_with_and_without_caches(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path / "cache"))
    folder = _copy_example(tmp_path)
    fresh = run_cli("history", folder, "Article 3", "--format", "json", "--no-cache")
    first = run_cli("history", folder, "Article 3", "--format", "json")
    warm = run_cli("history", folder, "Article 3", "--format", "json")
    assert fresh.exit_code == first.exit_code == warm.exit_code == 0
    assert fresh.stdout == first.stdout == warm.stdout


def test_a_history_tells_reference_links_from_brackets_round_by_round() -> None:
    # The round's Markdown reference labels are read only for a text with a bracket in it:
    # "[the register][reg]" is a link where the round defines [reg], two stacked brackets (two
    # options) where it does not.
    from treatydiff.model import BracketTally, Negotiation, Party, Provision, Round, RoundInfo
    from treatydiff.settings import Settings

    keep = "The Parties shall keep [the register][reg] open to the public."
    defined = Provision("art-2", "Article 2", "[reg]: https://example.org/register")
    rounds = (
        Round(info=RoundInfo(label="Round 1", party="AM"), provisions=(Provision("art-1", "Article 1", keep), defined), name="r1"),
        Round(info=RoundInfo(label="Round 2", party="AZ"), provisions=(Provision("art-1", "Article 1", keep + " [Each year.]"), defined), name="r2"),
        Round(info=RoundInfo(label="Round 3", party="AM"), provisions=(Provision("art-1", "Article 1", keep + " [Each year.]"),), name="r3"),
        Round(info=RoundInfo(label="Round 4", party="AZ"), provisions=(Provision("art-1", "Article 1", "The Parties shall keep the register open."),), name="r4"),
    )
    talks = Negotiation(title="Register", parties=(Party("AM", "Armenia"), Party("AZ", "Azerbaijan")), rounds=rounds)
    history = clause_history(build_timeline(talks, settings=Settings.of(talks)), "art-1")
    assert [e.brackets for e in history.entries] == [BracketTally(), BracketTally(1, 0), BracketTally(3, 2), BracketTally()]
