"""`make bench` part: rendering on this machine with threads against a Dask LocalCluster.

- The world map (render_bench's project), levels 0-7 (16 jobs of at most 32
  metatiles, one bundle a level), through qgis_process with ``CLUSTER=`` and
  ``CLUSTER=local:2``, start-up included (and the LocalCluster's start and
  stop, and QGIS started in each worker); the two packages' bundles compared.
- The cost the cluster adds per render job: the fake map (testkit/fake_map.py)
  at level 5 in metatiles of one tile, one metatile a job (hundreds of jobs of
  almost no work), on a LocalCluster of 2 minus on this machine, per job.
"""
import os
import time
import zipfile

import render_bench
from tile_package_tools.tilecache.distributed.cluster_render import METATILES_PER_JOB

LEVELS = "0-7"
#: Metatiles of 8 x 8 tiles drawn at levels 0-7 (one a level up to level 3, then
#: 4, 16, 64, 256).
METATILES = 344
#: Fake map area: level 5 holds 384 tiles inside it.
TINY_DATA = (-1.4e7, -1.0e7, 1.4e7, 1.0e7)


def _bundles(package):
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()
                if name.endswith(".bundle")}


def world_map_runs(work):
    """{"threads": s, "local2": s, "identical": bool}, or None without world_map.gpkg."""
    from tile_package_tools.testkit import world_map
    if not world_map.available():
        return None
    project = render_bench.world_project(work)
    rows = {}
    for name, cluster in (("threads", ""), ("local2", "local:2")):
        output = os.path.join(work, f"world-{name}.tpkx")
        rows[name], _ = render_bench.run_qgis_process(
            ["run", "tilepackage:createmaptilepackage", f"--PROJECT_PATH={project}", "--",
             f"min_level_of_detail={LEVELS.split('-')[0]}",
             f"level_of_detail={LEVELS.split('-')[1]}", "format_type=PNG",
             "max_tile_slots=0", f"output_file={output}", f"CLUSTER={cluster}"])
    rows["identical"] = _bundles(os.path.join(work, "world-threads.tpkx")) == \
        _bundles(os.path.join(work, "world-local2.tpkx"))
    return rows


def tiny_jobs(work, client):
    """(seconds here, seconds on the cluster, jobs) for one-tile metatiles, one a job."""
    from tile_package_tools.testkit.fake_map import FakeMap, FakeMapRecipe
    from tile_package_tools.tilecache import Extent
    from tile_package_tools.tilecache.distributed.cluster_render import ClusterRender
    from tile_package_tools.tilecache.pipeline.export_plan import ExportOptions
    from tile_package_tools.tilecache.render.export_render import (export_rendered,
                                                                   rendered_source)
    from tile_package_tools.tilecache.render.renderer import FunctionRenderer
    from tile_package_tools.tilecache.render.schemes import arcgis_online_scheme
    from tile_package_tools.tilecache.render.source import RenderSettings
    scheme = arcgis_online_scheme().with_changes(full_extent=Extent(*TINY_DATA))
    settings = RenderSettings(metatile=1, margin=0)
    seconds = {}
    for name, render in (("here", None), ("cluster", ClusterRender(
            client, lambda source: FakeMapRecipe(), metatiles_per_job=1))):
        output = os.path.join(work, f"tiny-{name}")
        source = rendered_source(scheme, settings, FunctionRenderer(FakeMap().render), output)
        started = time.perf_counter()
        export_rendered(source, output, ExportOptions(levels="5", max_tiles=0),
                        render=render)
        seconds[name] = time.perf_counter() - started
    jobs = len(source.task(next(iter(source.bundles(5)))).blocks)
    return seconds["here"], seconds["cluster"], jobs


def table(world, here, cluster, jobs, startstop):
    """Markdown lines for the render part of cluster.md."""
    per_job = (cluster - here) / jobs
    lines = [f"Rendering, {os.cpu_count()} cores:", ""]
    if world is None:
        lines.append("- the world map: skipped (no world_map.gpkg)")
    else:
        slots = sum(4 ** level for level in range(8))
        lines += [
            f"| world map, levels {LEVELS} ({slots:,} tile slots, 16 jobs), qgis_process "
            "with start-up | seconds | slots/s |",
            "| --- | ---: | ---: |",
            f"| this machine, threads | {world['threads']:.1f} | "
            f"{slots / world['threads']:,.0f} |",
            f"| `local:2` | {world['local2']:.1f} | {slots / world['local2']:,.0f} |",
            "",
            f"- bundles byte-identical: {'yes' if world['identical'] else 'NO'}; `local:2` "
            f"minus threads: {world['local2'] - world['threads']:+.1f} s, of which the "
            f"LocalCluster's start and stop is about {startstop:.1f} s, and QGIS and the "
            f"project are opened in each worker",
        ]
    lines.append(f"- cost per render job: {jobs} jobs of one 256 px metatile each, "
                 f"{here:.2f} s here, {cluster:.2f} s on `local:2`: "
                 f"{per_job * 1000:.1f} ms more per job, {cluster / jobs * 1000:.1f} ms per "
                 "job in all (the most the client spends on one)")
    if world is not None:
        lines += projection(world["threads"], cluster / jobs)
    return lines


def projection(threads, client_per_job):
    """Rendering on N machines like this one, from two measured costs (not run)."""
    per_metatile = threads / METATILES
    job = per_metatile * METATILES_PER_JOB
    tiles = METATILES_PER_JOB * 64
    lines = ["", f"Projected for N machines like this one (a job of {METATILES_PER_JOB} "
             f"metatiles, {tiles:,} tile slots: W = {job:.1f} s on one machine, from the "
             f"threads run; O = {client_per_job * 1000:.0f} ms of the client's per job; "
             "time per job = max(W / N, O)):", "",
             "| machines | tile slots/s | 10^8 tile slots |", "| ---: | ---: | ---: |"]
    for machines in (1, 2, 4, 8, 16, 32, 64, 128):
        rate = tiles / max(job / machines, client_per_job)
        lines.append(f"| {machines} | {rate:,.0f} | {_duration(1e8 / rate)} |")
    return lines


def _duration(seconds):
    return f"{seconds / 3600:.1f} h" if seconds < 2 * 86400 else f"{seconds / 86400:.1f} days"
