"""The daily workflow (issue 17): a negotiation kept with commands, never by hand.

init → add → check → compare → report, as the README's "A negotiation folder" shows it, and the
warnings and messages a user meets on the way.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import EXAMPLE, REPO, run_cli

from treatydiff.formats.negotiation import load_negotiation
from treatydiff.formats.register import insert_list_item
from treatydiff.formats.scaffold import _CONFIG

ROUNDS = EXAMPLE / "rounds"
DRAFT = """# Agreement

## Article 1 — Purpose

1. The Parties shall establish peace.

## Article 2 — Withdrawal

1. Armed forces shall withdraw within thirty (30) days.
"""


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- init --------------------------------------------------------------------------------


def test_init_creates_nothing_to_delete(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    result = run_cli("init", folder, "--parties", "AM,AZ")
    assert result.exit_code == 0, result.stderr
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == ["negotiation.yaml", "rounds"]
    negotiation = load_negotiation(folder)
    assert [p.code for p in negotiation.parties] == ["AM", "AZ"] and negotiation.rounds == ()
    check = run_cli("check", folder)
    assert check.exit_code == 0 and "0 rounds" in check.stdout and "treatydiff add" in check.stdout
    assert "treatydiff add" in result.stdout
    # No parties asked for: none written, the first `add --party` brings them.
    bare = tmp_path / "bare"
    assert run_cli("init", bare).exit_code == 0
    assert load_negotiation(bare).parties == ()
    assert run_cli("init", tmp_path / "bad", "--parties", "AM,A M").exit_code == 2


def test_init_comments_point_at_readme_sections_that_exist() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    headings = {line.lstrip("#").strip() for line in readme.splitlines() if line.startswith("#")}
    cited = re.findall(r'"([^"]+)"', "\n".join(line for line in _CONFIG.splitlines() if (line.startswith("#") and "README" in line)
                                                 or line.startswith("# \"")))
    assert cited, _CONFIG
    for section in cited:
        assert section in headings, f"init's comment cites README section {section!r}, which does not exist"


# --- add ---------------------------------------------------------------------------------


def test_add_imports_and_lists_rounds_in_date_order(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    run_cli("init", folder, "--parties", "AM,AZ")
    draft = tmp_path / "draft-az.md"
    draft.write_text(DRAFT, encoding="utf-8")
    first = run_cli("add", folder, draft, "--party", "AZ", "--date", "2024-05-02", "--title", "Counter-proposal")
    assert first.exit_code == 0, first.stderr
    assert "wrote " in first.stdout and "listed draft-az in negotiation.yaml as round 1 of 1" in first.stdout
    assert "import: read" in first.stderr
    # An earlier draft goes before it, by date; a later one after.
    assert run_cli("add", folder, ROUNDS / "r1-az.yaml", "--name", "r1-az", "--date", "2024-01-01").exit_code == 0
    later = run_cli("add", folder, ROUNDS / "r2-am.yaml", "--name", "r2-am", "--date", "2024-09-01")
    assert later.exit_code == 0, later.stderr
    assert "round 3 of 3 (after draft-az, by date)" in later.stdout
    negotiation = load_negotiation(folder)
    assert [r.name for r in negotiation.rounds] == ["r1-az", "draft-az", "r2-am"]
    added = negotiation.rounds[1]
    assert (added.info.party, added.info.date, added.info.title, added.info.label) == ("AZ", "2024-05-02", "Counter-proposal", "Round 1")
    # Told where: --after wins over the date.
    told = run_cli("add", folder, ROUNDS / "r3-az.yaml", "--name", "r3-az", "--after", "r1-az")
    assert told.exit_code == 0, told.stderr
    assert [r.name for r in load_negotiation(folder).rounds] == ["r1-az", "r3-az", "draft-az", "r2-am"]
    # Comments of the config are kept.
    assert "# Rounds in order." in (folder / "negotiation.yaml").read_text(encoding="utf-8")
    assert run_cli("check", folder).exit_code == 0


def test_add_refuses_a_duplicate_and_writes_nothing_on_error(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    run_cli("init", folder, "--parties", "AM,AZ")
    assert run_cli("add", folder, ROUNDS / "r1-az.yaml", "--name", "r1-az").exit_code == 0
    before = _snapshot(folder)
    for args, message in (
        ((ROUNDS / "r2-am.yaml", "--name", "r1-az"), "already has a round named 'r1-az'"),
        ((ROUNDS / "r2-am.yaml", "--name", "r2", "--label", "Round 1"), "already has a round labelled 'Round 1'"),
        ((ROUNDS / "r2-am.yaml", "--name", "r2", "--party", "EU"), "not one of the parties"),
        ((ROUNDS / "r2-am.yaml", "--name", "r2", "--after", "nope"), "no such round"),
        ((ROUNDS / "r2-am.yaml", "--name", "r2", "--date", "May 2024"), "is not YYYY-MM-DD"),
        ((tmp_path / "missing.md", "--name", "r2"), "no such file"),
        ((ROUNDS / "r2-am.yaml", "--name", "../evil"), "not a round name"),
    ):
        result = run_cli("add", folder, *args)
        assert result.exit_code == 2 and message in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
        assert _snapshot(folder) == before, args


def test_add_registers_parties_only_in_a_folder_made_without_them(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    run_cli("init", folder)
    assert run_cli("add", folder, ROUNDS / "r1-az.yaml", "--name", "r1-az").exit_code == 0
    second = run_cli("add", folder, ROUNDS / "r2-am.yaml", "--name", "r2-am")
    assert second.exit_code == 0 and "registered party AM" in second.stdout
    assert [p.code for p in load_negotiation(folder).parties] == ["AZ", "AM"]
    config = folder / "negotiation.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"parties:.*", "parties:", text), encoding="utf-8")  # the user closes the list
    refused = run_cli("add", folder, ROUNDS / "r3-az.yaml", "--name", "r3", "--party", "EU")
    assert refused.exit_code == 2 and "not one of the parties (AZ, AM)" in refused.stderr


def test_insert_list_item_keeps_the_file_and_handles_flow_lists() -> None:
    text = "title: x\nrounds:   # in order\n  - rounds/a.yaml   # first\n  - rounds/b.yaml\nlexicon: {}\n"
    assert insert_list_item(text, "rounds", 1, ["rounds/n.yaml"]) == (
        "title: x\nrounds:   # in order\n  - rounds/a.yaml   # first\n  - rounds/n.yaml\n  - rounds/b.yaml\nlexicon: {}\n")
    assert insert_list_item(text, "rounds", 2, ["rounds/n.yaml"]).endswith("  - rounds/b.yaml\n  - rounds/n.yaml\nlexicon: {}\n")
    assert insert_list_item("rounds: []  # in order\nx: 1\n", "rounds", 0, ["r.yaml"]) == "rounds:  # in order\n  - r.yaml\nx: 1\n"
    assert insert_list_item("rounds: [a.yaml, b.yaml]\n", "rounds", 1, ["n.yaml"]) == "rounds:\n  - a.yaml\n  - n.yaml\n  - b.yaml\n"


def test_check_warns_about_round_files_it_does_not_list(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    run_cli("init", folder, "--parties", "AM,AZ")
    run_cli("add", folder, ROUNDS / "r1-az.yaml", "--name", "r1-az")
    (folder / "rounds" / "r2-am.yaml").write_bytes((ROUNDS / "r2-am.yaml").read_bytes())  # imported by hand, never listed
    result = run_cli("check", folder)
    assert result.exit_code == 0
    assert "1 rounds" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "r2-am.yaml is not listed in negotiation.yaml" in warnings[0]


def test_readme_path_init_add_compare_report_without_hand_editing(tmp_path: Path) -> None:
    """The README's "A negotiation folder" commands, run as written (clause files for drafts)."""
    folder = tmp_path / "talks"
    assert run_cli("init", folder, "--title", "Peace treaty talks", "--parties", "AM,AZ").exit_code == 0
    for name, date in (("r3-az", "2023-07-12"), ("r1-az", "2023-03-01"), ("r2-am", "2023-04-28")):
        assert run_cli("add", folder, ROUNDS / f"{name}.yaml", "--name", name, "--date", date).exit_code == 0
    assert run_cli("check", folder).exit_code == 0
    compared = run_cli("compare", "--negotiation", folder, "r2-am", "r3-az", "-o", tmp_path / "r3.html")
    assert compared.exit_code == 0 and compared.stderr.strip() == f"wrote {tmp_path / 'r3.html'}", compared.stderr
    report = run_cli("report", folder, "-o", tmp_path / "talks-report")
    assert report.exit_code == 0, report.stderr
    assert (tmp_path / "talks-report" / "index.html").is_file()
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## A negotiation folder"):readme.index("### Clause file")]
    for command in ("treatydiff init", "treatydiff add", "treatydiff compare", "treatydiff report"):
        assert command in section


def test_commands_on_a_negotiation_without_rounds_say_add_one(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    run_cli("init", folder)
    for args in (("report", folder, "-o", tmp_path / "out"), ("history", folder, "Article 1"), ("synopsis", folder)):
        result = run_cli(*args)
        assert result.exit_code == 2 and "no rounds yet" in result.stderr and "treatydiff add" in result.stderr, args


# --- compare: order and identity ------------------------------------------------------------


def test_compare_warns_when_old_is_after_new() -> None:
    backwards = run_cli("compare", "--negotiation", EXAMPLE, "r8-am", "r7-az")
    assert backwards.exit_code == 0
    lines = [line for line in backwards.stderr.splitlines() if line.startswith("warning:")]
    assert len(lines) == 1 and "OLD r8-am comes after NEW r7-az" in lines[0]
    by_date = run_cli("compare", ROUNDS / "r7-az.yaml", ROUNDS / "r5-az.yaml")
    assert [line for line in by_date.stderr.splitlines() if "dated after NEW" in line]
    forwards = run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r8-am")
    assert "warning" not in forwards.stderr


def test_compare_says_identical() -> None:
    same = run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r7-az")
    assert same.exit_code == 0
    assert "identical" in same.stderr and len(same.stderr.strip().splitlines()) == 1
    assert "identical" in same.stdout


def test_compare_warns_when_the_drafts_are_in_two_languages(tmp_path: Path) -> None:
    # A French original against its English translation: no word can pair, so the redline and
    # the findings would be noise; the user is told once, and the comparison still runs.
    french = tmp_path / "accord.md"
    french.write_text("Article 1\n\nLes Parties prennent les mesures nécessaires pour la protection de "
                      "l'environnement dans le cadre du présent accord.\n", encoding="utf-8")
    english = tmp_path / "agreement.md"
    english.write_text("Article 1\n\nThe Parties shall take the necessary measures for the protection of "
                       "the environment under this agreement.\n", encoding="utf-8")
    result = run_cli("compare", french, english)
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(lines) == 1 and "in French and NEW agreement in English" in lines[0], result.stderr
    same_language = run_cli("compare", english, english)
    assert "across languages" not in same_language.stderr


# --- history, synopsis, report: messages ------------------------------------------------------


def test_history_of_a_label_only_older_rounds_have_names_them_and_suggests_round() -> None:
    result = run_cli("history", EXAMPLE, "Article 10(4)")
    assert result.exit_code == 2
    assert "rounds r2-am to r3-az have one" in result.stderr and "--round r3-az" in result.stderr
    assert "did you mean" not in result.stderr
    followed = run_cli("history", EXAMPLE, "Article 10(4)", "--round", "r3-az")
    assert followed.exit_code == 0, followed.stderr


def test_synopsis_prints_to_the_terminal_and_refuses_in_one_line(tmp_path: Path) -> None:
    result = run_cli("synopsis", EXAMPLE, "--no-color")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Synopsis: ") and "⟦-" in result.stdout
    bad = run_cli("synopsis", EXAMPLE, "-o", tmp_path / "x.pdf")
    assert bad.exit_code == 2 and bad.stderr.startswith("error: ") and len(bad.stderr.strip().splitlines()) == 1


def test_report_into_a_file_name_names_the_path(tmp_path: Path) -> None:
    page = tmp_path / "file.html"
    page.write_text("x", encoding="utf-8")
    for target in (page, tmp_path / "new.html"):
        result = run_cli("report", EXAMPLE, "-o", target)
        assert result.exit_code == 2 and str(target) in result.stderr.split(":", 1)[1], result.stderr
        assert "-o " in result.stderr
    assert not (tmp_path / "new.html").exists()


# --- the terminal -------------------------------------------------------------------------


def test_plain_marks_cannot_be_confused_with_treaty_brackets() -> None:
    text = run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r8-am", "--no-color").stdout
    assert "⟦-30-⟧⟦+90+⟧" in text
    assert "[-" not in text and "{+" not in text
    # The text's own brackets stay as written, inside or outside the marks.
    assert "⟦+[+⟧" in text
    for command in ("compare", "history", "blame", "synopsis"):
        assert "⟦-old-⟧" in run_cli(command, "--help").stdout, command


def test_whitespace_changes_are_not_changes_unless_asked() -> None:
    default = run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r8-am", "--no-color").stdout
    assert "Article 8 [modified]" not in default and "⟦- -⟧" not in default
    asked = run_cli("compare", "--negotiation", EXAMPLE, "r7-az", "r8-am", "--no-color", "--whitespace").stdout
    assert "Article 8 [modified]" in asked and "in⟦- -⟧⟦+  +⟧determining" in asked
    blamed = run_cli("blame", EXAMPLE, "Article 8(1)", "--deleted", "--no-color").stdout
    assert "[-" not in blamed
