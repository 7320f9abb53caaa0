"""The progress bar draws on a terminal and stays silent otherwise."""

from __future__ import annotations

import io

import pytest

from treatydiff.progress import ProgressBar


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """CLI runs cache comparisons; keep them out of the developer's ~/.cache."""
    monkeypatch.setenv("TREATYDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))



class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_not_a_terminal() -> None:
    stream = io.StringIO()
    with ProgressBar("comparing", stream=stream) as bar:
        bar.update(1, 2, "r2")
    assert stream.getvalue() == ""


def test_draws_and_clears_on_a_terminal() -> None:
    stream = _Terminal()
    with ProgressBar("comparing", stream=stream, width=10) as bar:
        bar.update(1, 2, "r2")
        bar.update(5, 2, "r3")  # clamped
    out = stream.getvalue()
    assert "\rcomparing [#####.....] 1/2 r2" in out
    assert "[##########] 2/2 r3" in out
    assert out.endswith("\r\x1b[K")


def test_cli_output_has_no_progress_when_piped(cli) -> None:  # type: ignore[no-untyped-def]
    from conftest import EXAMPLE

    if not (EXAMPLE / "negotiation.yaml").exists():
        return
    result = cli("history", EXAMPLE, "Article 1")
    assert "\r" not in result.stderr and "\r" not in result.stdout
