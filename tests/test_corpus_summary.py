"""The end of a test run says loudly how many corpus tests were skipped, and why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import TESTS


def test_a_run_without_the_corpora_ends_with_one_loud_line(tmp_path: Path) -> None:
    (tmp_path / "test_some.py").write_text(
        "import pytest\n"
        "@pytest.mark.skipif(True, reason='../shared/corpora is absent')\n"
        "def test_a(): pass\n"
        "@pytest.mark.skipif(True, reason='../shared/corpora is absent')\n"
        "def test_b(): pass\n"
        "@pytest.mark.skipif(True, reason='no browser')\n"
        "def test_c(): pass\n"
        "def test_d(): pass\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "corpus_summary", "-p", "no:xdist",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    loud = [line for line in result.stdout.splitlines() if "corpus test(s) SKIPPED" in line]
    assert len(loud) == 1, result.stdout
    assert "2 corpus test(s) SKIPPED" in loud[0] and "../shared/corpora is absent" in loud[0]
    assert loud[0].startswith("!")


def test_a_run_with_no_corpus_skip_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "test_some.py").write_text("def test_d(): pass\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "corpus_summary", "-p", "no:xdist",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
    )
    assert result.returncode == 0 and "SKIPPED" not in result.stdout, result.stdout
