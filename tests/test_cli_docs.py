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
