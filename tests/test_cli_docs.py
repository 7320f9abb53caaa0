"""The README documents every command, and every command has help text."""

from __future__ import annotations

import click
from conftest import REPO, run_cli

import treatydiff
from treatydiff.cli import main


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f"treatydiff {name}" in readme, f"README has no `treatydiff {name}`"
        assert command.help, f"`{name}` has no help text"
        assert run_cli(name, "--help").exit_code == 0


def test_help_documents_exit_codes() -> None:
    out = run_cli("--help").stdout
    assert "1  a --fail-on policy tripped" in out and "2  usage or input error" in out


def test_public_api_is_pinned() -> None:
    assert sorted(treatydiff.__all__) == treatydiff.__all__
    for name in treatydiff.__all__:
        assert hasattr(treatydiff, name), name
    assert {"compare", "load_negotiation", "load_round", "dump_round", "Comparison", "Finding"} <= set(treatydiff.__all__)


def test_python_dash_m_runs() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "treatydiff", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "treatydiff" in done.stdout


PUBLIC_API = [
    "AgreementStatus", "Blame", "ChangeKind", "ClauseFileError", "ClauseHistory", "ClausePair",
    "CompareOptions", "Comparison", "ConfigError", "Direction", "DraftImportError", "FileFormatError",
    "Finding", "ImportOptions", "ImportResult", "InputError", "Negotiation", "NegotiationInfo",
    "NegotiationTimeline", "Op", "OutputError", "Party", "PolicyTripped", "Provision", "ProvisionKind",
    "RenderOptions", "Round", "RoundInfo", "Segment", "Settings", "Span", "SynopsisView", "TreatydiffError",
    "UnsafeInputError", "UsageError", "__version__", "blame", "build_site", "build_timeline",
    "clause_history", "compare", "dump_round", "import_draft", "load_negotiation", "load_round",
    "round_from_text", "synopsis_view",
]


def test_public_api_is_exactly_this() -> None:
    from treatydiff import render as render_package

    assert treatydiff.__all__ == PUBLIC_API
    assert render_package.__all__ == ["FORMATS", "RenderOptions", "format_for_path", "render"]
    assert callable(treatydiff.compare) and callable(render_package.render)


def test_importing_the_cli_does_not_load_the_pipeline() -> None:
    import subprocess
    import sys

    script = "import sys, treatydiff.cli; print(' '.join(sorted(m for m in sys.modules if m.startswith('treatydiff'))))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["treatydiff", "treatydiff.cli", "treatydiff.cli_negotiation", "treatydiff.errors"]


def test_the_readme_library_example_runs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import re
    import subprocess
    import sys

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```python\n(from pathlib import Path\nfrom treatydiff import .*?)```", readme, re.S)
    assert example is not None
    code = example.group(1).replace('Path("drafts/', f'Path({str(REPO)!r}) / Path("drafts/')
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=os.environ, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "r8.html").stat().st_size > 10_000
