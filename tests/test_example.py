"""The bundled example negotiation: valid, illustrative, and rich enough to demo every feature."""

from __future__ import annotations

import itertools
import json
from importlib.resources import files

import jsonschema
import pytest
import yaml
from conftest import EXAMPLE, run_cli

from treatydiff import load_negotiation


def test_example_checks_clean() -> None:
    result = run_cli("check", EXAMPLE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("ok:")


def test_example_is_marked_illustrative_and_has_seven_alternating_rounds() -> None:
    negotiation = load_negotiation(EXAMPLE)
    assert negotiation.illustrative
    assert len(negotiation.rounds) >= 7
    parties = [r.info.party for r in negotiation.rounds]
    assert all(a != b for a, b in itertools.pairwise(parties)), parties
    assert {p.code for p in negotiation.parties} == set(parties)


def _schema(name: str) -> dict[str, object]:
    data = json.loads((files("treatydiff") / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("path", sorted((EXAMPLE / "rounds").glob("*.yaml")), ids=lambda p: p.name)
def test_round_files_match_the_published_schema(path) -> None:  # type: ignore[no-untyped-def]
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), _schema("clause-file"))


def test_config_matches_the_published_schema() -> None:
    config = yaml.safe_load((EXAMPLE / "negotiation.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(config, _schema("negotiation"))


def test_schema_rejects_unknown_keys() -> None:
    bad = {"treatydiff": 1, "round": {"label": "R1"}, "provisions": [{"id": "a", "label": "A", "text": "x", "colour": "red"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, _schema("clause-file"))
