"""QGIS desktop runs under Xvfb with a throw-away profile, this checkout its only plugin."""
import json
import os
import signal
import subprocess

from .pkgroot import REPO

DESKTOP_SCRIPTS = REPO / "testkit" / "desktop_scripts"


def run_desktop(tmp_path, script, *options, prelude=""):
    """QGIS under Xvfb (``options`` added to its command line) running ``script`` (text)
    after ``prelude`` and the definitions OUT (the JSON file the script writes) and
    SAMPLE (a cache folder); what the script wrote."""
    profiles = tmp_path / "profiles-root"
    ini = profiles / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text("[PythonPlugins]\ntile_package_tools=true\n")
    out = tmp_path / "facts.json"
    code = tmp_path / "report.py"
    sample = REPO / "sample_data" / "esri-sample-cache-v2"
    code.write_text(f"OUT = {str(out)!r}\nSAMPLE = {str(sample)!r}\n{prelude}\n" + script)
    env = dict(os.environ)
    for name in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    site = next((REPO / ".venv" / "lib").glob("python3*/site-packages"))
    env["PYTHONPATH"] = str(site)
    env["QGIS_PLUGINPATH"] = str(REPO / "build" / "pkgroot")
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    env["PROJ_DATA"] = "/usr/share/proj"
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "/usr/bin/qgis", "--nologo",
               "--noversioncheck", *options, "--profiles-path", str(profiles), "--code", str(code)]
    # Its own process group: a hung QGIS is killed with xvfb-run and Xvfb, not left behind.
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, start_new_session=True)
    try:
        _, stderr = child.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        _, stderr = child.communicate()
    assert out.exists(), "QGIS did not run the check script (or died): " + stderr[-3000:]
    return json.loads(out.read_text())
