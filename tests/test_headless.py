"""The core runs without Qt: importing it, and running the CLI, never loads PySide6."""

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import annotator


def run_python(code: str, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter that imports the very ``annotator`` this test
    imported. It starts in ``cwd`` (not the checkout: there ``python -c`` would put the source
    folder first on sys.path, where resources/ is not yet ``annotator.resources``)."""
    env = dict(os.environ, PYTHONPATH=str(Path(annotator.__file__).resolve().parent.parent))
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, env=env)


def core_modules():
    for info in pkgutil.walk_packages(annotator.__path__, "annotator."):
        # __main__ runs the CLI when imported; the CLI test below covers it.
        if not info.name.startswith("annotator.gui") and info.name != "annotator.__main__":
            yield info.name


def test_no_core_module_imports_pyside6(tmp_path):
    modules = sorted(core_modules())
    assert "annotator.cli" in modules and "annotator.store.project" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(loaded)\n"
    )
    out = run_python(code, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_cli_commands_run_without_pyside6(tmp_path, sample_jsonl):
    project = tmp_path / "p.db"
    code = (
        "import sys\n"
        "from annotator.cli import cli\n"
        "for args in sys.argv[1:]:\n"
        "    try:\n"
        "        cli.main(args.split('|'), standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'PySide6 was imported'\n"
        "print('headless ok')\n"
    )
    commands = [f"init|{project}", f"import|{project}|{sample_jsonl}", f"export|{project}|-o|{tmp_path / 'o.jsonl'}",
                f"list|{project}", f"stats|{project}", f"show|{project}|ar-02-budget|--annotator|amal"]
    out = run_python(code, *commands, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "headless ok" in out.stdout


@pytest.mark.parametrize("module, attribute", [("pandas", "pd"), ("numpy", "np")])
def test_the_command_line_starts_without_pandas_or_numpy_and_they_still_import(tmp_path, module, attribute):
    """sqlite-utils would import pandas (0.2 s, 100 MB) and numpy (0.05–0.1 s) at every
    command's start; the store hides them for that one import, and anyone who needs them
    afterwards still gets them."""
    import importlib.util

    code = (
        "import sys, importlib.util\n"
        "import annotator.cli, sqlite_utils.db\n"
        f"print({module!r} in sys.modules, sqlite_utils.db.{attribute} is None)\n"
        f"if importlib.util.find_spec({module!r}):\n"
        f"    import {module}\n"
        f"    print({module}.__name__ == {module!r})\n"
    )
    out = run_python(code, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split()
    assert lines[:2] == ["False", "True"]
    if importlib.util.find_spec(module):
        assert lines[2] == "True"
