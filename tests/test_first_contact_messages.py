"""Messages that say where to look, as qgis_process prints them: where the tiles
are when none were found, a conf.xml under another name, a parameter error
in one line, import counts that read as sentences, errors in the user's language."""
import shutil

import pytest

from tile_package_tools.testkit.caches import write_cache
from tile_package_tools.testkit.samples import SAMPLE_USA, SAMPLE_V2
from tile_package_tools.testkit.schemes import web_mercator
from tile_package_tools.testkit.tiles import marked_tile
from tile_package_tools.tilecache.model import TileKey

# Slow: a qgis_process run per message; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

USA_TILES = ("tiles exist at levels 0-5 within -19839092.3,2146082.189,-7454985.151,11542624.9 "
             "(xmin,ymin,xmax,ymax in WKID 102100)")


def export(qgis_process, tmp_path, *arguments, env=None):
    return qgis_process("run", "tilepackage:exporttiles", "--", *arguments,
                        f"OUTPUT={tmp_path / 'out.tpkx'}", "tilePackage=true", env=env)


def error_lines(done):
    return [line for line in done.stderr.splitlines() if line.strip()]


def test_a_level_not_in_the_cache_says_where_the_tiles_are(qgis_process, tmp_path):
    done = export(qgis_process, tmp_path, f"INPUT={SAMPLE_USA}", "levels=99")
    assert done.returncode != 0
    assert error_lines(done) == [f"ERROR:\tlevels: level 99 is not in the cache; it has levels "
                                 f"0-23; {USA_TILES}"]


def test_nothing_to_export_says_where_the_tiles_are(qgis_process, tmp_path):
    # Level 3 around the Gulf of Guinea: the USA package has nothing there.
    done = export(qgis_process, tmp_path, f"INPUT={SAMPLE_USA}", "levels=3",
                  "exportExtent=0,0,100000,100000")
    assert done.returncode != 0
    assert error_lines(done) == ["ERROR:\tnothing to export: no tiles of the cache lie in the "
                                 f"chosen levels and extent; {USA_TILES}"]


def test_a_conf_xml_under_another_name_is_recognised(qgis_process, tmp_path):
    renamed = tmp_path / "Layers_conf.xml"
    shutil.copyfile(SAMPLE_V2 / "conf.xml", renamed)
    done = export(qgis_process, tmp_path, f"INPUT={renamed}")
    assert done.returncode != 0
    assert error_lines(done) == [
        f"ERROR:\t{renamed}: a tile cache configuration (ArcGIS conf.xml) with no tiles beside "
        "it, not a tile package: give the cache's folder, which holds conf.xml and _alllayers, "
        "or a .tpk or .tpkx"]


def test_a_parameter_error_is_one_line(qgis_process, tmp_path):
    done = qgis_process("run", "tilepackage:exporttiles", "--", f"INPUT={SAMPLE_V2}",
                        "tilePackage=maybe", f"OUTPUT={tmp_path / 'out.tpkx'}")
    assert done.returncode != 0
    assert error_lines(done) == ['ERROR:\ttilePackage: "maybe" is neither true nor false '
                                 '(true/false, yes/no, on/off, 1/0)']
    assert not (tmp_path / "out.tpkx").exists()


def test_import_counts_read_as_sentences(qgis_process, tmp_path):
    scheme = web_mercator(tile_format="JPEG", lod_count=4)
    old = {TileKey(2, row, col): marked_tile(2, row, col, "old") for row in range(4)
           for col in range(4)}
    new = {TileKey(2, 0, col): marked_tile(2, 0, col, "new") for col in range(4)}
    cache = write_cache(str(tmp_path / "cache"), scheme, old)
    package = write_cache(str(tmp_path / "package"), scheme, new)
    kept = qgis_process("run", "tilepackage:importtiles", "--", f"INPUT={cache}",
                        f"sourceItemId={package}", "replaceTiles=false")
    assert kept.returncode == 0, kept.stderr
    assert "No tile was imported." in kept.stdout
    assert ("4 tiles of the package were not imported: the cache has tiles there and "
            "replaceTiles is false.") in kept.stdout
    assert "existing tiles kept" not in kept.stdout and "levels -" not in kept.stdout
    replaced = qgis_process("run", "tilepackage:importtiles", "--", f"INPUT={cache}",
                            f"sourceItemId={package}")
    assert "Imported 4 tiles into 1 bundles at levels 2." in replaced.stdout
    assert "not imported" not in replaced.stdout


@pytest.mark.parametrize("language, text", [
    ("fr", "levels: le niveau 99 n'est pas dans le cache; il a les niveaux 0-23; des tuiles "
           "existent aux niveaux 0-5 dans"),
    ("de", "levels: Stufe 99 ist nicht im Cache; er hat die Stufen 0-23; Kacheln gibt es in den "
           "Stufen 0-5 innerhalb von")])
def test_errors_are_in_the_users_language(qgis_process, tmp_path, language, text):
    done = export(qgis_process, tmp_path, f"INPUT={SAMPLE_USA}", "levels=99",
                  env={"LANG": f"{language}_{language.upper()}.UTF-8", "LC_ALL": "",
                       "LANGUAGE": ""})
    assert done.returncode != 0
    (line,) = error_lines(done)
    assert text in line, line
