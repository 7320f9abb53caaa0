"""Cached comparisons as the views read them: links without decoding, segments checked when a
pair is first decoded, and a damaged pair found late still costs only time (issue 16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli
from history_factory import timeline

from treatydiff.timeline.cache import CachedPairs, DiskComparisonStore, encode_comparison
from treatydiff.timeline.codec import DamagedEntry
from treatydiff.timeline.names import lineage, threads
from treatydiff.timeline.timeline import EagerPairs, make_timeline

needs_example = pytest.mark.skipif(not (EXAMPLE / "negotiation.yaml").exists(), reason="example negotiation absent")


def _lengthen_last_run(value: object) -> object:
    """Every stored segment list with its last run made three characters too long."""
    if isinstance(value, list):
        if value and len(value) % 2 == 0 and all(type(v) is int for v in value):
            return [*value[:-1], value[-1] + 3]
        return [_lengthen_last_run(v) for v in value]
    return value


def test_links_are_read_without_decoding_a_pair() -> None:
    built = timeline()
    cached = tuple(CachedPairs.load(encode_comparison(c), c.old_round, c.new_round) for c in built.comparisons)
    read = make_timeline(built.negotiation, cached, built.options)
    indexed = [set(source._decoded) for source in cached]  # split parts and merges, to index their links
    assert [lineage(read, ref) for ref in threads(read)] == [lineage(built, ref) for ref in threads(built)]
    assert [set(source._decoded) for source in cached] == indexed, "a lineage walk decoded pairs"
    assert sum(len(source._pairs) for source in cached) > sum(map(len, indexed))
    for n, comparison in enumerate(built.comparisons):
        eager = EagerPairs(comparison)
        for provision in comparison.old_round.walk():
            assert cached[n].link_of_old(provision.id) == eager.link_of_old(provision.id)
        for provision in comparison.new_round.walk():
            assert cached[n].link_of_new(provision.id) == eager.link_of_new(provision.id)


def test_damaged_segments_are_found_when_the_pair_is_decoded(tmp_path: Path) -> None:
    comparison = next(c for c in timeline().comparisons if any(p.changed for p in c.pairs))
    store = DiskComparisonStore(tmp_path)
    store.put("k", comparison)
    entry = store.folder / "k.json"
    header, _, body = entry.read_bytes().partition(b"\n")
    entry.write_bytes(header + b"\n" + json.dumps(_lengthen_last_run(json.loads(body))).encode())
    cached = store.get("k", comparison.old_round, comparison.new_round)
    assert cached is not None  # shape and ids are sound: the entry is read
    with pytest.raises(DamagedEntry):
        cached.materialize()
    assert not entry.exists(), "the damaged entry was kept"


@needs_example
@pytest.mark.parametrize("command", [["positions", "-f", "json"], ["synopsis", "-o", "out.html"], ["report", "-o", "site"]])
def test_views_of_a_damaged_cache_are_the_no_cache_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)

    def output() -> bytes:
        if command[0] == "report":
            return b"".join(p.read_bytes() for p in sorted((tmp_path / "site").rglob("*.html")))
        return (tmp_path / "out.html").read_bytes() if command[0] == "synopsis" else b""

    truth = run_cli(command[0], EXAMPLE, *command[1:], "--no-cache")
    assert truth.exit_code == 0, truth.stderr
    expected = (truth.stdout, output())
    assert run_cli(command[0], EXAMPLE, *command[1:]).exit_code == 0  # fills the cache
    entries = sorted((tmp_path / "cache").glob("comparisons-*/*.json"))
    assert entries
    for entry in entries:
        header, _, body = entry.read_bytes().partition(b"\n")
        entry.write_bytes(header + b"\n" + json.dumps(_lengthen_last_run(json.loads(body))).encode())
    again = run_cli(command[0], EXAMPLE, *command[1:])
    assert again.exit_code == 0, again.stderr
    assert (again.stdout, output()) == expected


@needs_example
@pytest.mark.parametrize("damaged", ["one", "all"])
def test_a_damaged_entry_is_compared_again_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: str) -> None:
    """The sound entries and the parsed rounds are kept: only the damaged comparisons are
    computed again, all in one pass, and the report is still the no-cache bytes."""
    from treatydiff.timeline import build

    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path / "cache"))

    def site() -> bytes:
        return b"".join(p.read_bytes() for p in sorted((tmp_path / "site").rglob("*.html")))

    assert run_cli("report", EXAMPLE, "-o", tmp_path / "site", "--no-cache").exit_code == 0
    expected = site()
    assert run_cli("report", EXAMPLE, "-o", tmp_path / "site").exit_code == 0  # fills the cache
    entries = sorted((tmp_path / "cache").glob("comparisons-*/*.json"))
    assert len(entries) > 2
    spoilt = [entry for entry in entries if b"[0," in entry.read_bytes()]  # entries with a stored redline
    spoilt = spoilt[:1] if damaged == "one" else spoilt
    assert spoilt
    for entry in spoilt:
        header, _, body = entry.read_bytes().partition(b"\n")
        entry.write_bytes(header + b"\n" + json.dumps(_lengthen_last_run(json.loads(body))).encode())
    compared: list[str] = []
    real_compare = build.compare
    monkeypatch.setattr(build, "compare", lambda old, new, **kw: compared.append(new.name) or real_compare(old, new, **kw))
    views: list[int] = []
    real_site_pages = __import__("treatydiff.render.site", fromlist=["site_pages"]).site_pages
    monkeypatch.setattr("treatydiff.render.site.site_pages", lambda *a, **kw: views.append(1) or real_site_pages(*a, **kw))
    assert run_cli("report", EXAMPLE, "-o", tmp_path / "site").exit_code == 0
    assert site() == expected
    assert len(compared) == len(spoilt), "sound entries were compared again"
    assert len(views) == 2, "the report was computed more than once again"
    compared.clear()
    assert run_cli("report", EXAMPLE, "-o", tmp_path / "site").exit_code == 0
    assert site() == expected
    assert not compared, "the damaged entries were not stored again"


def _without_last_row(columns: list[list[object]]) -> None:
    for column in columns:
        column.pop()


def _new_id_twice(columns: list[list[object]]) -> None:
    ids = columns[3]
    first = next(n for n, i in enumerate(ids) if i is not None)
    ids[next(n for n, i in enumerate(ids) if i is not None and n != first)] = ids[first]


def _short_column(columns: list[list[object]]) -> None:
    columns[5].pop()


def _paragraph_first(columns: list[list[object]]) -> None:
    columns[0][0] = False


def _unknown_kind(columns: list[list[object]]) -> None:
    columns[4][0] = ["renamed"]


@pytest.mark.parametrize("spoil", [_without_last_row, _new_id_twice, _short_column, _paragraph_first, _unknown_kind])
def test_pair_columns_that_do_not_fit_the_rounds_are_refused(tmp_path: Path, spoil: object) -> None:
    """Rows are checked as columns on load: a missing, repeated or misshapen row refuses the
    entry (it is recomputed) before any view reads a link from it."""
    comparison = next(c for c in timeline().comparisons if len(c.pairs) > 2)
    store = DiskComparisonStore(tmp_path)
    store.put("k", comparison)
    entry = store.folder / "k.json"
    assert store.get("k", comparison.old_round, comparison.new_round) is not None
    header, _, body = entry.read_bytes().partition(b"\n")
    columns, rest = json.loads(body)
    assert callable(spoil)
    spoil(columns)
    entry.write_bytes(header + b"\n" + json.dumps([columns, rest]).encode())
    assert store.get("k", comparison.old_round, comparison.new_round) is None


def test_rounds_read_back_from_their_columns_are_the_rounds() -> None:
    from treatydiff.timeline.codec import decode_round, encode_round

    for round_ in timeline().rounds:
        assert decode_round(encode_round(round_)) == round_


@pytest.mark.parametrize("depths", [lambda d: [1, *d[1:]], lambda d: [*d[:-1], d[-2] + 2], lambda d: [0, *d[1:-1], 9]],
                         ids=["paragraph-first", "skips-a-level", "too-deep"])
def test_provisions_nested_out_of_order_are_refused(depths: object) -> None:
    from treatydiff.timeline.codec import Invalid, decode_round, encode_round

    round_ = next(r for r in timeline().rounds if any(p.paragraphs for p in r.provisions))
    info, columns, name, path = json.loads(encode_round(round_))
    assert callable(depths)
    columns[7] = depths(columns[7])
    with pytest.raises(Invalid):
        decode_round(json.dumps([info, columns, name, path]).encode())
