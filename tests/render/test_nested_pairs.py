"""An article moved into a paragraph's place carries its own old paragraphs one level down, as
deletions (``diff/restructure.py``): every output shows their text, none drops it."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from treatydiff.model import Comparison, Provision, ProvisionKind, Round, RoundInfo
from treatydiff.pipeline import compare
from treatydiff.render import render

LONG = "shall shall shall shall shall shall shall shall"
LONELY = "Zanzibar quokka clause."


def _unit(label: str, text: str, *paragraphs: str) -> Provision:
    key = label.lower().replace(" ", "-")
    return Provision(id=key, label=label, text=text, kind=ProvisionKind.ARTICLE, paragraphs=tuple(
        Provision(id=f"{key}-p{k}", label=f"{k}.", text=t, kind=ProvisionKind.PARAGRAPH) for k, t in enumerate(paragraphs, 1)))


def _comparison() -> Comparison:
    old = Round(info=RoundInfo(label="R1"), provisions=(
        _unit("Article 1", ""), _unit("Article 3", ""), _unit("Article 2", "", LONG), _unit("Article 4", LONG, LONELY), _unit("Article 5", "")))
    new = Round(info=RoundInfo(label="R2"), provisions=(_unit("Article 1", "", LONG), _unit("Article 2", LONG, "shall")))
    return compare(old, new)


def test_the_nested_deletion_is_in_the_comparison() -> None:
    comparison = _comparison()
    nested = [pair for pair in comparison.walk() if pair.old is not None and pair.old.text == LONELY]
    assert len(nested) == 1 and nested[0].new is None


@pytest.mark.parametrize("fmt", ["json", "html", "text"])
def test_every_text_output_shows_it(fmt: str) -> None:
    data = render(_comparison(), fmt).decode("utf-8")
    if fmt == "json":
        data = json.dumps(json.loads(data), ensure_ascii=False)
    assert LONELY in data


def test_the_word_redline_shows_it_deleted() -> None:
    with zipfile.ZipFile(io.BytesIO(render(_comparison(), "docx"))) as package:
        body = package.read("word/document.xml").decode("utf-8")
    deleted = "".join(re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", body))
    assert LONELY in deleted


def test_reports_cite_the_moved_article_as_its_own_draft_does() -> None:
    # Old Article 4 now stands as Article 1(1): cited "Article 4 → Article 1(1)", not under the
    # article of its new place ("Article 1, Article 4"); its paragraph, deleted, as "Article 4(1)".
    from treatydiff.views.citations import citations

    comparison = _comparison()
    cited = set(citations(comparison).values())
    assert {"Article 4 → Article 1(1)", "Article 4(1)"} <= cited
    assert not any("Article 1, " in citation for citation in cited)
