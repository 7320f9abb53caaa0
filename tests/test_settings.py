"""One settings object: frozen, keyed for caches, and a bad `lexicon:` caught when the
negotiation is loaded (so `check` names the file, the line and the key)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli

from treatydiff import load_negotiation
from treatydiff.errors import ConfigError
from treatydiff.model import CompareOptions
from treatydiff.settings import FrozenMap, Settings


def _with_lexicon(tmp_path: Path, lexicon: str) -> tuple[Path, int]:
    """The example negotiation with ``lexicon`` appended to its config; the line it starts on."""
    folder = tmp_path / "talks"
    shutil.copytree(EXAMPLE, folder)
    config = folder / "negotiation.yaml"
    text = config.read_text(encoding="utf-8").rstrip("\n") + "\n"
    first = text.count("\n") + 1
    config.write_text(text + lexicon, encoding="utf-8")
    return folder, first


@pytest.mark.parametrize(
    ("lexicon", "offset", "key"),
    [
        ("lexicon:\n  en:\n    colours: [red]\n", 2, "colours"),
        ("lexicon:\n  en:\n    markers:\n      nope: [x]\n", 3, "nope"),
        ("lexicon:\n  en:\n    markers:\n      qualifier: ['re:(unclosed']\n", 3, "qualifier"),
    ],
)
def test_check_reports_a_bad_lexicon_key_with_its_line(tmp_path: Path, lexicon: str, offset: int, key: str) -> None:
    folder, first = _with_lexicon(tmp_path, lexicon)
    result = run_cli("check", folder)
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert f"negotiation.yaml:{first + offset}:" in line and key in line, line


def test_compare_reports_the_same_line(tmp_path: Path) -> None:
    folder, first = _with_lexicon(tmp_path, "lexicon:\n  en:\n    colours: [red]\n")
    result = run_cli("compare", "r1-az", "r2-am", "--negotiation", folder)
    assert result.exit_code == 2
    assert f"negotiation.yaml:{first + 2}:" in result.stderr and "colours" in result.stderr


def test_a_good_lexicon_still_loads(tmp_path: Path) -> None:
    folder, _ = _with_lexicon(tmp_path, "lexicon:\n  en:\n    markers:\n      qualifier: [insofar as they agree]\n")
    negotiation = load_negotiation(folder)
    assert negotiation.lexicon == {"en": {"markers": {"qualifier": ["insofar as they agree"]}}}
    assert run_cli("check", folder).exit_code == 0


def test_load_negotiation_raises_a_located_config_error(tmp_path: Path) -> None:
    folder, first = _with_lexicon(tmp_path, "lexicon:\n  en:\n    colours: [red]\n")
    with pytest.raises(ConfigError) as caught:
        load_negotiation(folder)
    assert caught.value.location is not None and caught.value.location.line == first + 2


def test_settings_are_frozen_hashable_and_keyed() -> None:
    negotiation = load_negotiation(EXAMPLE)
    a = Settings.of(negotiation)
    b = Settings.of(negotiation)
    assert a == b and hash(a) == hash(b) and a.cache_key() == b.cache_key()
    assert Settings.of(negotiation, options=CompareOptions(ignore_case=True)).cache_key() != a.cache_key()
    extra = {"en": {"markers": {"qualifier": ["insofar as"]}}}
    with_terms = Settings.of(negotiation, lexicon=extra)
    assert with_terms.lexicon == FrozenMap.of(extra) and with_terms.lexicon_terms() == extra
    assert with_terms.cache_key() != a.cache_key()
    with pytest.raises(AttributeError):
        a.options = CompareOptions()  # type: ignore[misc]
