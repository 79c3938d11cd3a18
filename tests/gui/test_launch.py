"""`annotator gui --screenshot` and `annotator demo` as a user runs them (a new process)."""

import os
import subprocess
import sys

from PySide6.QtGui import QImage


def run_cli(*args, env_extra=None, cwd=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)


def test_gui_screenshot_of_a_document(tmp_path, sample_jsonl):
    project = tmp_path / "p.db"
    assert run_cli("init", str(project)).returncode == 0
    assert run_cli("import", str(project), str(sample_jsonl)).returncode == 0
    shot = tmp_path / "shot.png"
    result = run_cli("gui", str(project), "--doc", "ar-03-climate", "--lang", "ar", "--screenshot", str(shot),
                     env_extra={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert result.returncode == 0, result.stderr
    image = QImage(str(shot))
    assert image.width() >= 1000 and image.height() >= 700
    # Not a blank window: many distinct colours (text, tints, panels).
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50


def test_demo_creates_the_sample_project_in_the_user_data_folder(tmp_path):
    data = tmp_path / "data"
    env = {"XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "HOME": str(tmp_path)}  # platformdirs: XDG on Linux; HOME elsewhere
    shot = tmp_path / "demo.png"
    result = run_cli("demo", "--screenshot", str(shot), env_extra=env)
    assert result.returncode == 0, result.stderr
    assert "Sample project:" in result.stderr
    created = result.stderr.split("Sample project:")[1].split("\n")[0].strip()
    assert created.startswith(str(tmp_path)) and os.path.exists(created)
    assert shot.exists()
    # A second start keeps the project (and the user's work in it).
    mtime = os.path.getmtime(created)
    assert run_cli("demo", "--screenshot", str(shot), env_extra=env).returncode == 0
    assert os.path.getmtime(created) == mtime
