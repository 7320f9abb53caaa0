"""Same inputs, same bytes: `treatydiff compare` run in fresh processes under different hash
seeds (set and dict iteration order change with PYTHONHASHSEED) writes identical reports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE

OLD = """# Agreement

## Article 1 — Borders

1. The Parties shall respect the border [within thirty (30) days][promptly].

2. Each Party shall refrain from claims.

## Article 2 — Forces

The Parties shall withdraw all forces within 30 days.

## Article 3 — Transport

1. The Parties shall unblock all transport links.
"""
NEW = """# Agreement

## Article 1 — Borders

1. The Parties should respect the border within 60 days.

## Article 2 — Transport

1. The Parties shall unblock transport links, in accordance with national legislation.

2. Each Party shall refrain from claims.

## Article 3 — Forces

The Parties shall withdraw forces.
"""


def _compare(seed: str, *args: str | Path) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "treatydiff", "compare", *map(str, args)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_drafts_compare_identically_under_any_hash_seed(tmp_path: Path, fmt: str) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    outputs = {seed: _compare(seed, old, new, "-f", fmt, "--no-color") for seed in ("0", "1", "4242")}
    assert len(set(outputs.values())) == 1
    assert outputs["0"]


@pytest.mark.skipif(not (EXAMPLE / "negotiation.yaml").exists(), reason="example negotiation absent")
def test_example_rounds_compare_identically_under_any_hash_seed(tmp_path: Path) -> None:
    files = []
    for seed in ("0", "77"):
        target = tmp_path / f"seed{seed}.json"
        _compare(seed, "--negotiation", EXAMPLE, "r2-am", "r3-az", "-o", target)
        files.append(target.read_bytes())
    assert files[0] == files[1]
