"""Hostile inputs of issue 18: each case was a hole, each test failed before its fix.

Every refusal keeps the bad-input contract of tests/test_qa_bad_input.py: exit status 2, one
``error:`` line naming the file and a fix, no traceback, nothing written.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import run_cli
from test_qa_bad_input import CONFIG, DRAFT, ROUND, expect_error

# --- item 5: YAML aliases and anchors, scalar ones included ----------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "treatydiff: 1\nround:\n  label: &l Round 1\n  title: *l\nprovisions: []\n",
        "treatydiff: 1\nround: &r\n  label: Round 1\nprovisions: []\n",
        "treatydiff: &v 1\nround:\n  label: Round 1\nprovisions: []\n",
    ],
    ids=["scalar-alias", "anchor-only", "anchor-on-version"],
)
def test_every_yaml_anchor_and_alias_is_refused(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    expect_error(tmp_path, ["check", bad], "bad.yaml:", "anchors and aliases")


def test_scalar_alias_amplification_is_refused_fast(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    big = "word " * 200_000
    aliases = "".join(f"    - id: p{n}\n      label: P{n}\n      text: *t\n" for n in range(200))
    bad.write_text(f"treatydiff: 1\nround:\n  label: &t {big}\nprovisions:\n{aliases}", encoding="utf-8")
    started = time.monotonic()
    expect_error(tmp_path, ["compare", bad, bad, "-o", tmp_path / "out.json"], "bad.yaml:", "anchors and aliases", output=tmp_path / "out.json")
    assert time.monotonic() - started < 10


def test_alias_in_negotiation_config_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    (folder / "rounds").mkdir(parents=True)
    (folder / "rounds" / "r1.yaml").write_text(ROUND, encoding="utf-8")
    config = CONFIG.replace("title: Test talks", "title: &t Test talks\ndescription: *t").replace("  - rounds/r2.yaml\n", "")
    (folder / "negotiation.yaml").write_text(config, encoding="utf-8")
    expect_error(tmp_path, ["check", folder], "negotiation.yaml:", "anchors and aliases")


# --- item 6: only regular files, of a stated size -------------------------------------------


def test_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    expect_error(tmp_path, ["import", link, "-o", tmp_path / "out.yaml"], "zero.md", "not a regular file", output=tmp_path / "out.yaml")
    expect_error(tmp_path, ["compare", link, link], "zero.md", "not a regular file")


def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "draft.md"
    os.mkfifo(fifo)
    outcome: list[str] = []
    # A hang would block the test run: run it in a thread and fail if it does not return.
    worker = threading.Thread(target=lambda: outcome.append(expect_error(tmp_path, ["import", fifo], "draft.md", "not a regular file")), daemon=True)
    worker.start()
    worker.join(20)
    if not outcome:
        with open(fifo, "wb"):  # release the reader so the thread can end
            pass
        pytest.fail("reading a FIFO hung")


def test_fifo_round_in_a_negotiation_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "talks"
    (folder / "rounds").mkdir(parents=True)
    (folder / "negotiation.yaml").write_text(CONFIG, encoding="utf-8")
    (folder / "rounds" / "r1.yaml").write_text(ROUND, encoding="utf-8")
    os.mkfifo(folder / "rounds" / "r2.yaml")
    expect_error(tmp_path, ["history", folder, "art-1"], "r2.yaml", "not a regular file")


def test_oversized_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    huge = tmp_path / "huge.md"
    with open(huge, "wb") as handle:  # sparse: costs no disk, and is never read
        handle.truncate(300 * 1024 * 1024)
    line = expect_error(tmp_path, ["import", huge, "-o", tmp_path / "out.yaml"], "huge.md", "limit 256 MB", output=tmp_path / "out.yaml")
    assert "300 MB" in line


# --- item 7: NUL bytes anywhere --------------------------------------------------------------


def test_nul_after_the_first_8_kb_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "late.md"
    padding = "".join(f"## Article {n}\n\n{n}. The Parties shall cooperate in good faith.\n\n" for n in range(1, 200))
    assert len(padding) > 8192
    draft.write_bytes((padding + "## Article 999\n\nHidden \x00 text.\n").encode())
    out = tmp_path / "out.yaml"
    line = expect_error(tmp_path, ["import", draft, "-o", out], "late.md:", "NUL", output=out)
    assert f"late.md:{padding.count(chr(10)) + 3}:8" in line
    expect_error(tmp_path, ["compare", draft, draft, "-o", tmp_path / "out.html"], "late.md:", "NUL", output=tmp_path / "out.html")


def test_nul_escape_in_a_clause_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(ROUND.replace("text: The Parties shall respect the border.", 'text: "The Parties\\0 shall"'), encoding="utf-8")
    expect_error(tmp_path, ["check", bad], "bad.yaml:", "NUL")


def test_draft_still_imports(tmp_path: Path) -> None:
    draft = tmp_path / "ok.md"
    draft.write_text(DRAFT, encoding="utf-8")
    assert run_cli("import", draft, "-o", tmp_path / "ok.yaml").exit_code == 0


# --- item 1: the cache holds data, never code, and only in a folder of the user's own ----------


class _Payload:
    """What an attacker plants: unpickling it creates ``marker`` (a stand-in for a shell command)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def _talks(tmp: Path) -> Path:
    folder = tmp / "talks"
    (folder / "rounds").mkdir(parents=True)
    (folder / "negotiation.yaml").write_text(CONFIG, encoding="utf-8")
    (folder / "rounds" / "r1.yaml").write_text(ROUND, encoding="utf-8")
    (folder / "rounds" / "r2.yaml").write_text(ROUND.replace("respect the border", "respect and protect the border"), encoding="utf-8")
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file())


def test_planted_pickles_are_never_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    cache = tmp_path / "cache"
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(cache))
    folder = _talks(tmp_path)
    first = run_cli("history", folder, "art-1")
    assert first.exit_code == 0, first.stderr
    entries = _entries(cache)
    assert entries, "history filled the cache"
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Payload(marker))
    for entry in entries:  # whatever an entry is named, a pickle in its place
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)
    again = run_cli("history", folder, "art-1")
    assert not marker.exists(), "a planted pickle ran"
    assert again.exit_code == 0 and again.stdout == first.stdout


def _flip_segments(value: object, change: Callable[[list[int]], list[int]]) -> object:
    """Apply ``change`` to every stored segment list (flat [code, length, …] integers)."""
    if isinstance(value, list):
        if value and len(value) % 2 == 0 and all(type(v) is int for v in value):
            return change(value)
        return [_flip_segments(v, change) for v in value]
    return value


@pytest.mark.parametrize(
    "change",
    [
        lambda s: [{1: 2, 2: 1}.get(v, v) if n % 2 == 0 else v for n, v in enumerate(s)],  # insertions shown as deletions
        lambda s: [*s[:-1], s[-1] + 3],  # a run longer than the text
        lambda s: [0, sum(s[1::2])],  # everything "unchanged"
    ],
    ids=["swap-insert-delete", "wrong-length", "all-equal"],
)
def test_a_tampered_comparison_is_discarded_and_recomputed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[list[int]], list[int]]) -> None:
    import json

    cache = tmp_path / "cache"
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(cache))
    folder = _talks(tmp_path)
    truth = run_cli("history", folder, "art-1", "--no-cache").stdout
    assert run_cli("history", folder, "art-1").stdout == truth
    (entry,) = [p for p in _entries(cache) if p.parent.name.startswith("comparisons-")]
    header, _, body = entry.read_bytes().partition(b"\n")
    tampered = json.dumps(_flip_segments(json.loads(body), change)).encode()
    assert tampered != body
    entry.write_bytes(header + b"\n" + tampered)
    shown = run_cli("history", folder, "art-1")
    assert shown.exit_code == 0 and shown.stdout == truth


@pytest.mark.parametrize("kind", ["comparisons-", "rounds-"])
def test_an_entry_for_other_inputs_is_discarded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(cache))
    folder = _talks(tmp_path)
    truth = run_cli("history", folder, "art-1", "--no-cache").stdout
    run_cli("history", folder, "art-1")
    other = tmp_path / "other"
    other.mkdir()
    (other / "talks").mkdir()
    # Another negotiation's entries copied over this one's names: bound to other digests.
    other_folder = _talks(other / "talks")
    (other_folder / "rounds" / "r2.yaml").write_text(ROUND.replace("respect the border", "forget the border"), encoding="utf-8")
    (other_folder / "rounds" / "r1.yaml").write_text(ROUND.replace("Borders", "Frontiers"), encoding="utf-8")
    mine = sorted(p for p in _entries(cache) if p.parent.name.startswith(kind))
    run_cli("history", other_folder, "art-1")
    theirs = sorted(p for p in _entries(cache) if p.parent.name.startswith(kind) and p not in mine)
    assert theirs
    for target in mine:
        target.write_bytes(theirs[0].read_bytes())
    shown = run_cli("history", folder, "art-1")
    assert shown.exit_code == 0 and shown.stdout == truth


def test_a_damaged_round_entry_is_reparsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(cache))
    folder = _talks(tmp_path)
    truth = run_cli("history", folder, "art-1", "--no-cache").stdout
    run_cli("history", folder, "art-1")
    for entry in _entries(cache):
        header, _, body = entry.read_bytes().partition(b"\n")
        entry.write_bytes(header + b"\n" + body.replace(b'"article"', b'"weapon"').replace(b"[", b"{", 1))
    assert run_cli("history", folder, "art-1").stdout == truth


def test_a_cache_folder_others_may_write_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(cache))
    folder = _talks(tmp_path)
    out = tmp_path / "site"
    for args in (["history", folder, "art-1"], ["blame", folder, "art-1"], ["report", folder, "-o", out]):
        expect_error(tmp_path, args, str(cache), "writable by other users", "--no-cache", output=out)
    assert run_cli("history", folder, "art-1", "--no-cache").exit_code == 0
    cache.chmod(0o700)
    leaf = cache / "nested"
    leaf.mkdir(mode=0o700)
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(leaf))
    assert run_cli("history", folder, "art-1").exit_code == 0
    for sub in leaf.iterdir():  # the folders inside are checked too
        sub.chmod(0o775)
    expect_error(tmp_path, ["history", folder, "art-1"], "writable by other users")


def test_a_cache_folder_of_another_user_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(cache))
    monkeypatch.setattr(os, "getuid", lambda: cache.stat().st_uid + 1)
    folder = _talks(tmp_path)
    expect_error(tmp_path, ["history", folder, "art-1"], str(cache), "belongs to another user")


# --- item 2: rounds must stay inside the negotiation folder ----------------------------------


@pytest.mark.parametrize("how", ["dotdot", "absolute", "file-link", "folder-link"])
def test_rounds_outside_the_folder_are_refused(tmp_path: Path, how: str) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "private.yaml").write_text(ROUND.replace("respect the border", "SECRET WORDS"), encoding="utf-8")
    folder = _talks(tmp_path)
    listed = {"dotdot": "../secret/private.yaml", "absolute": str(secret / "private.yaml"), "file-link": "rounds/link.yaml", "folder-link": "linked/private.yaml"}[how]
    if how == "file-link":
        (folder / "rounds" / "link.yaml").symlink_to(secret / "private.yaml")
    if how == "folder-link":
        (folder / "linked").symlink_to(secret)
    config = folder / "negotiation.yaml"
    config.write_text(CONFIG.replace("  - rounds/r2.yaml", f"  - {listed}"), encoding="utf-8")
    what = ("negotiation.yaml:8:5", "outside the negotiation folder")
    expect_error(tmp_path, ["check", folder], *what)
    out = tmp_path / "site"
    expect_error(tmp_path, ["report", folder, "-o", out], *what, output=out)
    expect_error(tmp_path, ["history", folder, "art-1"], *what)


def test_a_link_inside_the_folder_is_accepted(tmp_path: Path) -> None:
    folder = _talks(tmp_path)
    (folder / "rounds" / "again.yaml").symlink_to(folder / "rounds" / "r2.yaml")
    (folder / "negotiation.yaml").write_text(CONFIG.replace("  - rounds/r2.yaml", "  - rounds/again.yaml"), encoding="utf-8")
    assert run_cli("check", folder).exit_code == 0


# --- item 8: -o never names an input ---------------------------------------------------------


def _unchanged(paths: list[Path]) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


def test_import_over_its_own_draft_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "a.md"
    draft.write_text(DRAFT, encoding="utf-8")
    before = _unchanged([draft])
    expect_error(tmp_path, ["import", draft, "-o", draft], "a.md", "overwrite the input")
    link = tmp_path / "link.yaml"
    link.symlink_to(draft)
    expect_error(tmp_path, ["import", draft, "-o", link], "link.yaml", "overwrite the input")
    hard = tmp_path / "hard.md"
    os.link(draft, hard)
    expect_error(tmp_path, ["import", draft, "-o", hard], "hard.md", "overwrite the input")
    assert _unchanged([draft]) == before


@pytest.mark.parametrize(
    ("old_name", "new_name", "target", "extra"),
    [
        ("o.yaml", "n.yaml", "n.yaml", ["-f", "json"]),
        ("old.txt", "new.txt", "old.txt", []),
        ("o.yaml", "n.yaml", "./sub/../o.yaml", ["-f", "html"]),
    ],
    ids=["json-over-new", "text-over-old", "dotted-path"],
)
def test_compare_over_an_input_is_refused(tmp_path: Path, old_name: str, new_name: str, target: str, extra: list[str]) -> None:
    (tmp_path / "sub").mkdir()
    old, new = tmp_path / old_name, tmp_path / new_name
    content = ROUND if old_name.endswith(".yaml") else "Article 1\n\nThe Parties shall respect the border.\n"
    old.write_text(content, encoding="utf-8")
    new.write_text(content.replace("respect", "honour"), encoding="utf-8")
    before = _unchanged([old, new])
    out = Path(str(tmp_path / target))
    expect_error(tmp_path, ["compare", old, new, *extra, "-o", out], "overwrite the input")
    assert _unchanged([old, new]) == before


def test_negotiation_commands_never_write_over_the_negotiation(tmp_path: Path) -> None:
    folder = _talks(tmp_path)
    files = [folder / "negotiation.yaml", folder / "rounds" / "r1.yaml", folder / "rounds" / "r2.yaml"]
    before = _unchanged(files)
    round_file = folder / "rounds" / "r2.yaml"
    expect_error(tmp_path, ["compare", "--negotiation", folder, "r1", "r2", "-f", "json", "-o", round_file], "overwrite the input")
    expect_error(tmp_path, ["concordance", "--negotiation", folder, "r1", "r2", "-f", "json", "-o", round_file], "overwrite the input")
    expect_error(tmp_path, ["history", folder, "art-1", "-f", "json", "-o", folder / "negotiation.yaml"], "overwrite the input")
    expect_error(tmp_path, ["synopsis", folder, "-o", folder / "rounds" / "r1.yaml"], "overwrite the input")
    # report -o replaces the folder it names: neither the negotiation nor a folder holding it.
    expect_error(tmp_path, ["report", folder, "-o", folder], "holds the input")
    expect_error(tmp_path, ["report", folder, "-o", tmp_path], "holds the input")
    assert _unchanged(files) == before
    assert run_cli("report", folder, "-o", folder / "site").exit_code == 0


# --- item 11: page names are injective ---------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from treatydiff.views.negotiation import provision_page_slug, slug  # noqa: E402

_NAMES = st.text(alphabet=st.sampled_from("aA_-.:~ 1é/\\-"), max_size=12) | st.text(max_size=150)


def _safe_file_name(name: str) -> bool:
    return bool(name) and not name.startswith(".") and len(name.encode()) < 240 and all(c in "abcdefghijklmnopqrstuvwxyz0123456789-._~" for c in name)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAMES, min_size=2, max_size=8, unique=True))
def test_slugs_are_injective_and_safe(texts: list[str]) -> None:
    slugs = [slug(t) for t in texts]
    assert len(set(slugs)) == len(slugs), dict(zip(texts, slugs, strict=True))
    # Case-insensitive file systems (macOS, Windows) must not merge two pages either.
    assert len({s.lower() for s in slugs}) == len(slugs)
    assert all(_safe_file_name(s) and "--" not in s for s in slugs)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_NAMES, min_size=1, max_size=4, unique=True),
    st.lists(st.tuples(st.integers(0, 4), _NAMES), min_size=2, max_size=10, unique=True),
)
def test_provision_page_names_are_injective(rounds: list[str], refs: list[tuple[int, str]]) -> None:
    """A provision of the latest round (None) and one of an earlier round never share a page."""
    last = len(rounds) - 1
    keyed = {(min(index, last), provision_id) for index, provision_id in refs}
    names = {key: provision_page_slug(None if key[0] == last else slug(rounds[key[0]]), key[1]) for key in keyed}
    assert len(set(names.values())) == len(names), names
    assert all(_safe_file_name(n) for n in names.values())


def _round_file(label: str, provisions: list[tuple[str, str]]) -> str:
    body = "".join(f'  - id: "{pid}"\n    label: Article {n}\n    text: {text}\n' for n, (pid, text) in enumerate(provisions, 1))
    return f"treatydiff: 1\nround:\n  label: {label}\n  party: A\nprovisions:\n{body}"


@pytest.mark.parametrize(
    ("earlier", "latest"),
    [
        ([("p", "Fisheries are shared.")], [("a:b", "The Parties shall respect the border."), ("a_b", "Trade shall be free.")]),
        # Round r1's provision x (deleted in r2) had the page r1--x, as r2's provision r1--x did.
        ([("x", "Fisheries are shared by both coasts.")], [("r1--x", "The Parties shall respect the border.")]),
    ],
    ids=["punctuation", "round-prefix"],
)
def test_colliding_ids_get_their_own_pages(tmp_path: Path, earlier: list[tuple[str, str]], latest: list[tuple[str, str]]) -> None:
    from treatydiff.timeline.names import threads
    from treatydiff.usecases import load_timeline

    folder = _talks(tmp_path)
    (folder / "rounds" / "r1.yaml").write_text(_round_file("Round 1", earlier), encoding="utf-8")
    (folder / "rounds" / "r2.yaml").write_text(_round_file("Round 2", latest), encoding="utf-8")
    out = tmp_path / "site"
    result = run_cli("report", folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    expected = len(threads(load_timeline(folder, use_cache=False)))
    assert expected == len(earlier) + len(latest)
    assert len(list((out / "provisions").iterdir())) == expected


def test_round_files_that_slug_alike_get_their_own_pages(tmp_path: Path) -> None:
    folder = _talks(tmp_path)
    (folder / "rounds" / "r 1.yaml").write_text(ROUND.replace("Round 1", "Round 1a"), encoding="utf-8")
    (folder / "rounds" / "r_1.yaml").write_text(ROUND.replace("Round 1", "Round 1b").replace("respect", "honour"), encoding="utf-8")
    (folder / "negotiation.yaml").write_text(CONFIG.replace("  - rounds/r2.yaml", '  - "rounds/r 1.yaml"\n  - rounds/r_1.yaml'), encoding="utf-8")
    out = tmp_path / "site"
    result = run_cli("report", folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert len(list((out / "rounds").iterdir())) == 3


# --- item 3: treaty text never drives the terminal ------------------------------------------

# An OSC title change ended by BEL, a clear-screen CSI, a one-character C1 CSI, a carriage
# return that would overwrite the line, and a right-to-left override: YAML escapes put them in.
_EVIL = "\\e]0;pwned\\a\\e[2J\\x9b31m\\r\\u202e"
_OURS = re.compile(r"\x1b\[(?:31;9|32;4|31|32|1|2|0)m")  # the colours treatydiff itself writes
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _evil_talks(tmp: Path) -> Path:
    folder = _talks(tmp)
    config = folder / "negotiation.yaml"
    config.write_text(CONFIG.replace("title: Test talks", f'title: "Talks{_EVIL}"').replace("name: Party A", f'name: "Party{_EVIL}"'), encoding="utf-8")
    for name, verb in (("r1", "respect"), ("r2", "honour")):
        text = ROUND.replace("label: Round 1", f'label: "Round{_EVIL}"').replace("heading: Borders", f'heading: "Borders{_EVIL}"')
        text = text.replace('label: "1."', f'label: "1.{_EVIL}"').replace(
            "text: The Parties shall respect the border.", f'text: "The Parties shall {verb}{_EVIL} the border. They shall{_EVIL} meet."'
        )
        (folder / "rounds" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _assert_inert(output: str, color: bool) -> None:
    if not color:
        assert "\x1b" not in output
    left = _OURS.sub("", output) if color else output
    assert not _CONTROLS.search(left), repr(_CONTROLS.findall(left))
    assert "\\x1b]0;pwned\\x07" in output, "the escapes are shown, written out"


@pytest.mark.parametrize("color", [False, True], ids=["no-color", "color"])
def test_terminal_output_escapes_control_characters(tmp_path: Path, color: bool) -> None:
    folder = _evil_talks(tmp_path)
    flag = "--color" if color else "--no-color"
    runs = {
        "compare": run_cli("compare", "--negotiation", folder, "r1", "r2", flag),
        "history": run_cli("history", folder, "art-1-1", flag),
        "blame": run_cli("blame", folder, "art-1-1", "--deleted", flag),
    }
    if not color:  # the concordance table has no colours
        runs["concordance"] = run_cli("concordance", "--negotiation", folder, "r1", "r2")
    for name, result in runs.items():
        assert result.exit_code == 0, (name, result.stderr)
        _assert_inert(result.stdout, color)
    check = run_cli("check", folder)
    assert check.exit_code == 0
    _assert_inert(check.stdout, False)


def test_a_raw_escape_in_a_draft_is_escaped(tmp_path: Path) -> None:
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_bytes(b"## Article 1\n\n1. The Parties shall meet.\n")
    new.write_bytes(b"## Article 1\n\n1. The Parties shall \x1b]0;pwned\x07\x1b[2J meet.\n")
    result = run_cli("compare", old, new, "--no-color")
    assert result.exit_code == 0
    _assert_inert(result.stdout, False)


def test_error_messages_escape_control_characters(tmp_path: Path) -> None:
    bad = tmp_path / "bad\x1b]0;pwned\x07.yaml"
    bad.write_text("treatydiff: 1\nround: [\n", encoding="utf-8")
    result = run_cli("check", bad)
    assert result.exit_code == 2
    _assert_inert(result.stderr, False)


def test_progress_bar_escapes_what_it_names() -> None:
    import io

    from treatydiff.progress import ProgressBar

    stream = io.StringIO()
    ProgressBar("comparing", stream=stream, enabled=True).update(1, 2, "compared r2\x1b]0;pwned\x07")
    drawn = stream.getvalue()
    # The bar's own \r and erase-line are its own; the name is written out.
    assert "\\x1b]0;pwned\\x07" in drawn and "\x07" not in drawn


# --- item 10: report -o DIR is swapped in whole ---------------------------------------------


def _site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _failing_writes(monkeypatch: pytest.MonkeyPatch, after: int, fail: Callable[[], None]) -> None:
    """Page writes into the report's temporary folder fail (``fail()``) from the ``after``-th on."""
    real = Path.write_bytes
    count = [0]

    def write_bytes(self: Path, data: bytes) -> int:  # type: ignore[override]
        if any(part.startswith(".site.") for part in self.parts):
            count[0] += 1
            if count[0] >= after:
                fail()
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def _disk_full() -> None:
    import errno

    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _interrupt() -> None:
    raise KeyboardInterrupt


def _terminate() -> None:
    import signal

    os.kill(os.getpid(), signal.SIGTERM)


@pytest.mark.parametrize("fail", [_disk_full, _interrupt, _terminate], ids=["disk-full", "ctrl-c", "sigterm"])
def test_a_failed_report_leaves_the_previous_one_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: Callable[[], None]) -> None:
    folder = _talks(tmp_path)
    out = tmp_path / "site"
    assert run_cli("report", folder, "-o", out).exit_code == 0
    before = _site_files(out)
    (folder / "rounds" / "r2.yaml").write_text(ROUND.replace("respect the border", "guard the border"), encoding="utf-8")
    _failing_writes(monkeypatch, 3, fail)
    result = run_cli("report", folder, "-o", out)
    if fail is _disk_full:
        line = _error_line_of(result)
        assert "site" in line and "No space left on device" in line
    else:
        assert result.exit_code == 130 and "interrupted" in result.stderr
    assert _site_files(out) == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")], "a temporary folder was left"


def _error_line_of(result: object) -> str:
    from conftest import CliResult

    assert isinstance(result, CliResult)
    assert result.exit_code == 2 and "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_a_new_report_replaces_the_old_one_whole(tmp_path: Path) -> None:
    folder = _talks(tmp_path)
    out = tmp_path / "site"
    assert run_cli("report", folder, "-o", out).exit_code == 0
    (out / "provisions" / "from-an-older-run.html").write_text("old", encoding="utf-8")
    out.chmod(0o750)
    assert run_cli("report", folder, "-o", out).exit_code == 0
    assert not (out / "provisions" / "from-an-older-run.html").exists(), "no mixed site"
    assert out.stat().st_mode & 0o777 == 0o750
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_folder_of_other_files_is_not_replaced(tmp_path: Path) -> None:
    folder = _talks(tmp_path)
    out = tmp_path / "documents"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    expect_error(tmp_path, ["report", folder, "-o", out], "documents", "'notes.txt'", "not part of a treatydiff report")
    other = tmp_path / "other-site"
    other.mkdir()
    (other / "index.html").write_text("<html>someone else's</html>", encoding="utf-8")
    expect_error(tmp_path, ["report", folder, "-o", other], "other-site", "did not write")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_temporary_folders_of_killed_runs_are_removed(tmp_path: Path) -> None:
    folder = _talks(tmp_path)
    stale = tmp_path / ".site.abc123.tmp"
    (stale / "rounds").mkdir(parents=True)
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    live = tmp_path / ".site.def456.tmp"  # another run, writing now: left alone
    live.mkdir()
    assert run_cli("report", folder, "-o", tmp_path / "site").exit_code == 0
    assert not stale.exists() and live.exists()


# --- issue 18, item 4: no regular-expression denial of service from a user lexicon ---------


def test_a_user_pattern_that_repeats_a_group_is_refused_at_once(tmp_path: Path) -> None:
    import time

    from treatydiff.analysis.lexicon import load_lexicon
    from treatydiff.errors import ConfigError

    start = time.perf_counter()
    with pytest.raises(ConfigError, match="repeats a group"):
        load_lexicon("en", {"en": {"markers": {"qualifier": ["re:(a|aa)+b"]}}})
    assert time.perf_counter() - start < 5


def test_user_terms_are_plain_phrases_unless_marked_as_patterns() -> None:
    from treatydiff.analysis.hits import find_hits
    from treatydiff.analysis.lexicon import load_lexicon

    text = "Each Party shall act (a|aa)+b, insofar as it agrees, and as (so) agreed."
    plain = load_lexicon("en", {"en": {"markers": {"qualifier": ["(a|aa)+b", "as (so) agreed"]}}})
    found = {h.text for h in find_hits(plain, text) if h.family == "qualifier"}
    assert {"(a|aa)+b", "as (so) agreed"} <= found
    pattern = load_lexicon("en", {"en": {"markers": {"qualifier": ["re: insofar as (?:it|they) agrees?"]}}})
    assert "insofar as it agrees" in {h.text for h in find_hits(pattern, text)}
