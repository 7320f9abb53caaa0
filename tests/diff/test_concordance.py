"""The concordance table: every provision of both drafts in exactly one row, splits and merges
as one row each, the published schema, and the command in every format."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from test_compare_properties import edited

from treatydiff.cli import main
from treatydiff.diff.concordance import Relation, concordance
from treatydiff.model import CompareOptions, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare

EXAMPLE = Path(__file__).resolve().parents[2] / "drafts" / "caucasus-peace"
SCHEMA = json.loads((files("treatydiff") / "schemas" / "concordance.schema.json").read_text(encoding="utf-8"))

SENTENCES = [
    "Each Party shall notify the Commission of every incident along the border within thirty days of its occurrence.",
    "The Commission shall publish an annual report on the implementation of the border regime and its costs.",
    "The Parties shall exchange liaison officers to support the work of the Commission on the ground.",
]


def _round(label: str, *provisions: Provision) -> Round:
    return Round(info=RoundInfo(label=label), provisions=provisions)


def _article(number: str, *texts: str) -> Provision:
    return Provision(id=f"a{number}", label=f"Article {number}", text="", heading="Border regime", paragraphs=tuple(
        Provision(id=f"a{number}-{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(texts, 1)))


def _citations(round_: Round) -> Counter[str]:
    out: Counter[str] = Counter()
    for article in round_.provisions:
        out[article.label] += 1
        for paragraph in article.paragraphs:
            out[f"{article.label}({paragraph.label.rstrip('.')})"] += 1
    return out


@given(edited())
@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_every_provision_of_both_drafts_stands_in_exactly_one_row(pair: tuple[Round, Round]) -> None:
    old, new = pair
    table = concordance(compare(old, new, options=CompareOptions(analyse=False)))
    assert Counter(c for row in table.rows for c in row.old) == _citations(old)
    assert Counter(c for row in table.rows for c in row.new) == _citations(new)


def test_a_paragraph_split_in_three_is_one_row() -> None:
    old = _round("old", _article("3", "The Parties shall cooperate.", " ".join(SENTENCES)))
    new = _round("new", _article("4", "The Parties shall cooperate.", *SENTENCES))
    table = concordance(compare(old, new))
    split = [r for r in table.rows if r.relation == Relation.SPLIT]
    assert [(r.old, r.new) for r in split] == [(("Article 3(2)",), ("Article 4(2)", "Article 4(3)", "Article 4(4)"))]


def test_two_paragraphs_merged_are_one_row_and_no_commitment_is_deleted() -> None:
    old = _round("old", _article("5", "The Parties shall cooperate.", SENTENCES[0], SENTENCES[1]))
    new = _round("new", _article("5", "The Parties shall cooperate.", SENTENCES[0] + " " + SENTENCES[1]))
    comparison = compare(old, new)
    merged = [r for r in concordance(comparison).rows if r.relation == Relation.MERGED]
    assert [(r.old, r.new) for r in merged] == [(("Article 5(2)", "Article 5(3)"), ("Article 5(2)",))]
    assert [f.code for f in comparison.findings if f.code.startswith("commitment")] == []


def test_a_split_paragraph_is_not_a_commitment_added() -> None:
    old = _round("old", _article("3", " ".join(SENTENCES)))
    new = _round("new", _article("3", *SENTENCES))
    assert [f.code for f in compare(old, new).findings] == []


def test_the_json_follows_the_published_schema() -> None:
    result = CliRunner().invoke(main, ["concordance", "--negotiation", str(EXAMPLE), "r7-az", "r8-am", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, SCHEMA)
    assert data["rows"] and {"old", "new", "relation", "similarity"} == set(data["rows"][0])


def test_every_format_writes_and_names_the_same_rows(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = {}
    for suffix in ("txt", "csv", "json", "html"):
        target = tmp_path / f"table.{suffix}"
        result = runner.invoke(main, ["concordance", "--negotiation", str(EXAMPLE), "r1-az", "r2-am", "-o", str(target)])
        assert result.exit_code == 0, result.output
        outputs[suffix] = target.read_text(encoding="utf-8")
    rows = json.loads(outputs["json"])["rows"]
    assert len(list(csv.reader(io.StringIO(outputs["csv"])))) == len(rows) + 1
    assert outputs["html"].count("<tr class=\"relation-") == len(rows)
    assert "Content-Security-Policy" not in outputs["txt"] and rows[0]["old"][0] in outputs["txt"]


def test_an_unknown_extension_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "table.pdf"
    result = CliRunner().invoke(main, ["concordance", "--negotiation", str(EXAMPLE), "r1-az", "r2-am", "-o", str(target)])
    assert result.exit_code == 2
    assert "table.pdf" in result.output and len(result.output.strip().splitlines()) == 1
    assert not target.exists()


@pytest.mark.parametrize("name", ["concordance"])
def test_the_schema_is_published(name: str) -> None:
    result = CliRunner().invoke(main, ["schema", name])
    assert result.exit_code == 0 and json.loads(result.output)["title"] == SCHEMA["title"]


def test_a_deleted_placeholder_is_the_deleted_side_of_its_own_paragraph() -> None:
    old = _round("old", _article("3", "The Parties shall cooperate.", SENTENCES[1], SENTENCES[2]))
    new = _round("new", _article("3", "The Parties shall cooperate.", "[deleted]", SENTENCES[2]))
    comparison = compare(old, new)
    rows = {r.old: (r.new, r.relation) for r in concordance(comparison).rows}
    assert rows[("Article 3(2)",)] == (("Article 3(2)",), Relation.DELETED)
    assert [f.code for f in comparison.findings] == ["commitment-deleted"]


def _unit(label: str, text: str, *paragraphs: str) -> Provision:
    key = label.lower().replace(" ", "-")
    return Provision(id=key, label=label, text=text, kind=ProvisionKind.ARTICLE, paragraphs=tuple(
        Provision(id=f"{key}-p{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(paragraphs, 1)))


LONG = "shall shall shall shall shall shall shall shall"


def test_a_whole_article_moved_into_a_paragraph_keeps_its_own_citation() -> None:
    # Found by the property test above: old Article 5 (text, no paragraphs) now stands as
    # Article 1(1); it was cited "Article 1, Article 5", under the article of its new place.
    old = _round("R1", _unit("Article 1", ""), _unit("Article 3", ""), _unit("Article 2", "", LONG), _unit("Article 4", "", "shall"),
                 _unit("Article 5", LONG))
    new = _round("R2", _unit("Article 1", "", LONG), _unit("Article 2", "", "shall"))
    rows = concordance(compare(old, new, options=CompareOptions(analyse=False))).rows
    assert [(row.old, row.new) for row in rows if row.new == ("Article 1(1)",)] == [(("Article 5",), ("Article 1(1)",))]
    assert Counter(c for row in rows for c in row.old) == _citations(old)


def test_the_paragraphs_of_an_article_moved_into_a_paragraph_stand_as_deleted() -> None:
    # Old Article 4 has text and a paragraph; its text now stands as Article 1(1) and its
    # paragraph nowhere: the paragraph is a deletion of its own row, not lost from the table.
    old = _round("R1", _unit("Article 1", ""), _unit("Article 3", ""), _unit("Article 2", "", LONG), _unit("Article 4", LONG, "shall"),
                 _unit("Article 5", ""))
    new = _round("R2", _unit("Article 1", "", LONG), _unit("Article 2", LONG, "shall"))
    rows = concordance(compare(old, new, options=CompareOptions(analyse=False))).rows
    assert (("Article 4(1)",), ()) in [(row.old, row.new) for row in rows]
    assert Counter(c for row in rows for c in row.old) == _citations(old)
    assert Counter(c for row in rows for c in row.new) == _citations(new)
