"""Clause files and negotiation folders: valid input loads, every bad input says where and how."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from treatydiff.errors import ClauseFileError
from treatydiff.formats.clausefile import dump_round, load_round, round_from_text
from treatydiff.model import AgreementStatus, Provision, ProvisionKind, Round, RoundInfo

GOOD = """\
treatydiff: 1
round:
  label: Round 1
  party: AZ
  date: "2023-03-01"
provisions:
  - id: preamble-1
    label: Preamble, para 1
    kind: preamble
    text: Guided by the Charter of the United Nations,
  - id: art-borders
    label: Article 1
    heading: Borders
    status: agreed
    paragraphs:
      - id: art-borders-1
        label: "1."
        text: |-
          Each Party shall:
          (a) [respect][recognize] the border;
          (b) refrain from \\[sic\\] claims.
"""


def write(tmp_path: Path, text: str | bytes, name: str = "round.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_good_file_loads_with_its_structure(tmp_path: Path) -> None:
    round_ = load_round(write(tmp_path, GOOD))
    assert round_.info == RoundInfo(label="Round 1", party="AZ", date="2023-03-01")
    assert [p.id for p in round_.walk()] == ["preamble-1", "art-borders", "art-borders-1"]
    article = round_.provisions[1]
    assert article.status is AgreementStatus.AGREED
    assert article.paragraphs[0].kind is ProvisionKind.PARAGRAPH
    assert article.paragraphs[0].text.splitlines()[1] == "(a) [respect][recognize] the border;"
    assert round_.name == "round"


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + GOOD.encode())
    assert load_round(path).info.label == "Round 1"


def test_crlf_line_ends_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("\n", "\r\n").encode())
    assert "\r" not in load_round(path).provisions[1].paragraphs[0].text


BAD_CASES = [
    ("malformed", GOOD.replace("  label: Round 1", "  label: [Round 1"), "round.yaml:", "malformed YAML"),
    ("unknown-key", GOOD.replace("    status: agreed", "    staus: agreed"), "round.yaml:14:5", "unknown key 'staus'"),
    ("missing-label", GOOD.replace("    label: Article 1\n", ""), "round.yaml:11:5", "missing required key 'label'"),
    ("duplicate-id", GOOD.replace("id: art-borders-1", "id: preamble-1"), "provision 'preamble-1'", "id 'preamble-1' is used twice"),
    ("duplicate-label", GOOD.replace("label: Article 1", "label: Preamble, para 1"), "provision 'art-borders'", "label 'Preamble, para 1' is used twice"),
    ("bad-status", GOOD.replace("status: agreed", "status: done"), "round.yaml:14:13", "unknown agreement status 'done'"),
    ("bad-date", GOOD.replace('"2023-03-01"', '"1 March 2023"'), "round.yaml:5:9", "is not YYYY-MM-DD"),
    ("duplicate-key", GOOD.replace("  party: AZ\n", "  party: AZ\n  party: AM\n"), "round.yaml:5:3", "appears twice"),
    ("no-provisions", GOOD.split("provisions:")[0], "round.yaml", "missing required key 'provisions'"),
    ("wrong-version", GOOD.replace("treatydiff: 1", "treatydiff: 7"), "round.yaml:1:13", "unsupported clause file version"),
    ("no-text", GOOD.replace("    text: Guided by the Charter of the United Nations,\n", ""), "provision 'preamble-1'", "no text, heading or paragraphs"),
]


@pytest.mark.parametrize(("name", "text", "where", "what"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_clause_file_gives_one_line_with_location_and_fix(tmp_path: Path, name: str, text: str, where: str, what: str) -> None:
    path = write(tmp_path, text)
    result = run_cli("check", path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert where in lines[0] and what in lines[0]
    assert "(" in lines[0] and lines[0].endswith(")"), "a fix is suggested in parentheses"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        ("treatydiff: 1\nround:\n  label: R\u00e9\n".encode("latin-1") + b"provisions: []\n", "round.yaml:3:11: not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "this is a PNG image"),
        (b"\x00\x01\x02binary\x00", "binary file"),
        (b"%PDF-1.7\n", "this is a PDF"),
    ],
    ids=["empty", "blank", "latin-1", "png", "binary", "pdf"],
)
def test_unreadable_files(tmp_path: Path, content: bytes, what: str) -> None:
    result = run_cli("check", write(tmp_path, content))
    assert result.exit_code == 2
    assert what in result.stderr and result.stderr.count("\n") == 1


def test_missing_path(tmp_path: Path) -> None:
    result = run_cli("check", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml: no such file or folder (check the path and spelling)" in result.stderr


def test_error_messages_are_single_line_even_with_newlines_in_values(tmp_path: Path) -> None:
    text = GOOD.replace("status: agreed", 'status: "agreed\\nand more"')
    with pytest.raises(ClauseFileError) as info:
        round_from_text(text, "x.yaml")
    assert "\n" not in info.value.message


# --- negotiation folders -----------------------------------------------------------------

CONFIG = """\
treatydiff: 1
title: Test talks
illustrative: true
parties:
  - code: AM
    name: Republic of Armenia
    aliases: [Armenia]
  - code: AZ
    name: Republic of Azerbaijan
rounds:
  - rounds/r1.yaml
"""


def make_negotiation(tmp_path: Path, config: str = CONFIG, round_text: str = GOOD) -> Path:
    folder = tmp_path / "talks"
    (folder / "rounds").mkdir(parents=True)
    (folder / "negotiation.yaml").write_text(config, encoding="utf-8")
    (folder / "rounds" / "r1.yaml").write_text(round_text, encoding="utf-8")
    return folder


def test_check_good_negotiation(tmp_path: Path) -> None:
    result = run_cli("check", make_negotiation(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "ok:" in result.stdout and "1 rounds" in result.stdout


@pytest.mark.parametrize(
    ("config", "what"),
    [
        (CONFIG + "  - rounds/r2.yaml\n", "negotiation.yaml:12:5: round 'rounds/r2.yaml' is listed but"),
        (CONFIG.replace("title: Test talks\n", ""), "missing required key 'title'"),
        (CONFIG.replace("illustrative: true", "illustrative: maybe"), "`illustrative` must be true or false"),
        (CONFIG.replace("code: AZ", "code: AM"), "party code 'AM' is used twice"),
        (CONFIG + "colour: blue\n", "unknown key 'colour' in the negotiation config"),
    ],
    ids=["missing-round", "no-title", "bad-flag", "duplicate-party", "unknown-key"],
)
def test_bad_negotiation(tmp_path: Path, config: str, what: str) -> None:
    result = run_cli("check", make_negotiation(tmp_path, config))
    assert result.exit_code == 2
    assert what in result.stderr and result.stderr.count("\n") == 1


def test_round_party_must_be_known(tmp_path: Path) -> None:
    folder = make_negotiation(tmp_path, round_text=GOOD.replace("party: AZ", "party: XX"))
    result = run_cli("check", folder)
    assert result.exit_code == 2
    assert "r1.yaml: round party 'XX' is not one of the parties (AM, AZ)" in result.stderr


def test_folder_without_config(tmp_path: Path) -> None:
    result = run_cli("check", tmp_path)
    assert result.exit_code == 2
    assert "no negotiation.yaml in this folder" in result.stderr and "treatydiff init" in result.stderr


def test_init_creates_a_folder_that_checks(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    assert run_cli("init", folder, "--title", 'Talks "A"').exit_code == 0
    result = run_cli("check", folder)
    assert result.exit_code == 0, result.stderr
    assert "'Talks \"A\"'" in result.stdout
    again = run_cli("init", folder)
    assert again.exit_code == 2 and "not empty" in again.stderr


# --- round trip ----------------------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r\x85\u2028\u2029\ufeff") | st.sampled_from("\n[]\\ "),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip() == s and s.strip())
_label = st.from_regex(r"\A(Article [0-9]{1,3}(bis)?|[0-9]{1,2}\.|Preamble, para [0-9])\Z")


@st.composite
def rounds(draw: st.DrawFn) -> Round:
    count = draw(st.integers(1, 5))
    provisions = []
    for n in range(count):
        paragraphs = tuple(
            Provision(id=f"a{n}-p{k}", label=f"{k + 1}.", text=draw(_text), kind=ProvisionKind.PARAGRAPH)
            for k in range(draw(st.integers(0, 3)))
        )
        provisions.append(
            Provision(
                id=f"a{n}",
                label=f"{draw(_label)} #{n}",
                text=draw(_text) if not paragraphs or draw(st.booleans()) else "",
                kind=draw(st.sampled_from([ProvisionKind.ARTICLE, ProvisionKind.PREAMBLE, ProvisionKind.ANNEX])),
                heading=draw(st.none() | _text),
                status=draw(st.none() | st.sampled_from(list(AgreementStatus))),
                paragraphs=paragraphs,
                notes=draw(st.none() | _text),
            )
        )
    info = RoundInfo(
        label=draw(_text),
        party=draw(st.none() | st.sampled_from(["AM", "AZ"])),
        date=draw(st.none() | st.just("2024-02-29")),
        title=draw(st.none() | _text),
        number=draw(st.none() | st.integers(0, 99)),
        derived_ids=draw(st.booleans()),
    )
    return Round(info=info, provisions=tuple(provisions))


@settings(max_examples=150, deadline=None)
@given(rounds())
def test_load_dump_load_round_trips(round_: Round) -> None:
    text = dump_round(round_)
    again = round_from_text(text)
    assert again == round_
    assert dump_round(again) == text


def test_derived_ids_flag_round_trips_and_is_validated(tmp_path: Path) -> None:
    text = GOOD.replace('  date: "2023-03-01"\n', '  date: "2023-03-01"\n  ids: derived\n')
    round_ = round_from_text(text)
    assert round_.info.derived_ids
    assert "ids: derived" in dump_round(round_)
    assert not round_from_text(GOOD).info.derived_ids
    result = run_cli("check", write(tmp_path, text.replace("ids: derived", "ids: sometimes")))
    assert result.exit_code == 2 and "`ids` must be stable or derived" in result.stderr
