"""Rendering the world map into tiles: createmaptilepackage (a project's layers) against
QGIS's own "Generate XYZ tiles (Directory)" (qgis:tilesxyzdirectory, metatile 4).

Both run through qgis_process on the same project (world_map.gpkg: countries
labelled, provinces, disputed borders), levels 0-7, latitudes -85 to 85
(about 22,000 tile slots), in the same run, start-up included. Peak memory is
each child's maximum resident set (os.wait4), so the two do not mix.
"""
import os
import subprocess
import time

from common import BUILD

REPO = BUILD.parent.parent
QGIS_PROCESS = str(REPO / "scripts" / "qgis-process")
GOAL = 2.0
LEVELS = "0-7"


def run_qgis_process(args):
    """Wall seconds and peak RSS (KiB) of one qgis_process run; raises on failure."""
    started = time.perf_counter()
    child = subprocess.Popen([QGIS_PROCESS, *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read()
    child.stderr.close()
    if child.returncode:
        raise RuntimeError(f"qgis_process {args[1]} failed: {stderr[-800:]}")
    return seconds, usage.ru_maxrss


def world_project(work):
    """The world map project, written by a child (the bench process has no QGIS app)."""
    path = os.path.join(work, "world.qgz")
    script = ("import sys; sys.path.insert(0, %r)\n"
              "from qgis.core import QgsApplication\n"
              "app = QgsApplication([], False); app.initQgis()\n"
              "from tile_package_tools.testkit.world_map import write_project\n"
              "write_project(%r)\n" % (str(REPO / "build" / "pkgroot"), path))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([os.path.join(REPO, ".venv", "bin", "python"), "-c", script], check=True,
                   env=env, capture_output=True)
    return path


def _count_files(folder, suffix):
    return sum(1 for _root, _dirs, files in os.walk(folder) for name in files
               if name.endswith(suffix))


def measure_render(work):
    from measures import Row
    from tile_package_tools.testkit import world_map
    from tile_package_tools.tilecache import open_cache
    if not world_map.available():
        return [Row("(f) render the world map, levels 0-7", "skipped: no world_map.gpkg", "-",
                    None, f">= {GOAL}x faster", None)]
    project = world_project(work)
    ours_out, xyz_out = os.path.join(work, "rendered.tpkx"), os.path.join(work, "xyz")
    low, high = LEVELS.split("-")
    ours = run_qgis_process([
        "run", "tilepackage:createmaptilepackage", f"--PROJECT_PATH={project}", "--",
        f"min_level_of_detail={low}", f"level_of_detail={high}",
        "extent=-180,180,-85,85 [EPSG:4326]", "format_type=PNG", f"output_file={ours_out}"])
    theirs = run_qgis_process([
        "run", "qgis:tilesxyzdirectory", f"--PROJECT_PATH={project}", "--",
        "EXTENT=-180,180,-85,85 [EPSG:4326]", "ZOOM_MIN=0", "ZOOM_MAX=7", "METATILESIZE=4",
        "TILE_FORMAT=0", "DPI=96", f"OUTPUT_DIRECTORY={xyz_out}"])
    with open_cache(ours_out) as reader:
        stored = reader.tile_count()
    slots = sum(4 ** level for level in range(8))
    xyz_tiles = _count_files(xyz_out, ".png")
    ratio = theirs[0] / ours[0]
    return [Row(f"(f) render the world map, levels {LEVELS} ({slots:,} tile slots), "
                "qgis_process with start-up",
                f"{ours[0]:.1f} s, {slots / ours[0]:,.0f} slots/s ({stored:,} tiles stored, "
                f"blank ones not), peak {ours[1] / 1024:,.0f} MiB",
                f"qgis:tilesxyzdirectory: {theirs[0]:.1f} s, {slots / theirs[0]:,.0f} slots/s "
                f"({xyz_tiles:,} files), peak {theirs[1] / 1024:,.0f} MiB",
                ratio, f">= {GOAL}x faster", ratio >= GOAL)]
