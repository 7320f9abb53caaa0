"""The side-by-side figures the README quotes: the alternative and the floor are timed on the
files given, and a real pair is compared whole as the command does it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench import bench_versus, bench_worddiff


def _drafts(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text("# Article 1\n\nThe Parties shall cooperate.\n\n# Article 2\n\nEach Party may report.\n", encoding="utf-8")
    new.write_text("# Article 1\n\nThe Parties shall cooperate closely.\n\n# Article 2\n\nEach Party shall report.\n", encoding="utf-8")
    return old, new


def test_floor_reads_and_splits_both_files(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    found = bench_versus._run_floor(old, new)
    assert found["words"] == [len(old.read_text().split()), len(new.read_text().split())]
    assert found["cpu"] >= 0 and found["s"] > 0


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_word_diff_is_timed_as_a_process(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    found = bench_versus._run_git(old, new)
    assert found["s"] > 0 and found["cpu"] >= 0


def test_whole_pair_compares_to_json(tmp_path: Path) -> None:
    old, new = _drafts(tmp_path)
    assert bench_worddiff._whole_pair(old, new, 1) > 0
    pairs = bench_worddiff._provision_pairs(old, new)
    assert ("2", "Each Party may report.", "Each Party shall report.") in [(label.split()[-1], o, n) for label, o, n in pairs]
