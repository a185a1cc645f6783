"""The graphical model in models/ run as users run it: qgis_process on the
.model3 file (exportTiles of an area of a package, then importTiles)."""
import pytest

from tile_package_tools.testkit.caches import read_tiles
from tile_package_tools.testkit.samples import SAMPLE_V2, sample_exports
from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles

# Slow: a graphical model run through qgis_process; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

MODEL = "models/export_area_into_cache.model3"
#: The middle of level 2 of the sample (four tiles), as QGIS's extent widget writes it.
EXTENT = "-1113194.9,8905559.3,-1118890.0,8399737.9 [EPSG:3857]"


def test_model_exports_an_area_and_imports_it(qgis_process, tmp_path):
    package = sample_exports(tmp_path, kinds=("tpkx",))["tpkx"]
    cache = tmp_path / "cache"
    export_tiles(str(SAMPLE_V2), str(cache), ExportOptions(levels="0"))
    assert {key.level for key in read_tiles(str(cache))} == {0}
    result = qgis_process("run", MODEL, "--", f"package={package}", f"cache={cache}",
                          f"extent={EXTENT}")
    assert result.returncode == 0, result.stdout + result.stderr
    level_2 = {(key.row, key.col) for key in read_tiles(str(cache)) if key.level == 2}
    assert level_2 == {(1, 1), (1, 2), (2, 1), (2, 2)}


def test_model_is_valid_in_the_modeler_and_keeps_its_intermediate_off_the_map(
        tilepackage_provider, repo_root, tmp_path):
    # The Model Designer paints a step red for each issue validateChildAlgorithm
    # finds: parameters with defaults left out of the file were "mandatory".
    from qgis.core import (QgsProcessingContext, QgsProcessingFeedback,
                           QgsProcessingModelAlgorithm, QgsProject)
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(repo_root / MODEL))
    assert {child: model.validateChildAlgorithm(child) for child in model.childAlgorithms()} \
        == {child: (True, []) for child in model.childAlgorithms()}
    # Run as the toolbox runs it: the project is the context's, results are loaded
    # from context.layersToLoadOnCompletion. The exported package in between is not.
    package = sample_exports(tmp_path, kinds=("tpkx",))["tpkx"]
    cache = tmp_path / "cache"
    export_tiles(str(SAMPLE_V2), str(cache), ExportOptions(levels="0"))
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    _results, ok = model.run({"package": str(package), "cache": str(cache),
                              "extent": EXTENT}, context, QgsProcessingFeedback())
    assert ok
    assert context.layersToLoadOnCompletion() == {}
