"""What a person meets before running anything: toolbox search, icons, help
panel, Help button, advanced parameters."""
import re
import xml.etree.ElementTree as ET

import pytest

from tile_package_tools.testkit.caches import read_tiles

ALGORITHMS = ["exporttiles", "estimateexporttilessize", "importtiles", "createmaptilepackage"]
ADVANCED = {
    "exporttiles": {"optimizeTilesForSize", "compressionQuality", "exportBy",
                    "maxExportTilesCount", "f"},
    "estimateexporttilessize": {"optimizeTilesForSize", "compressionQuality", "exportBy", "f"},
    "importtiles": {"mergeBundle", "replaceTiles", "f"},
    "createmaptilepackage": {"package_type", "compression_quality", "area_of_interest",
                             "dpi", "antialiasing", "background", "max_tile_slots",
                             "estimate_only", "title", "summary", "tags", "description",
                             "credits", "CLUSTER"},
}


def algorithm(name):
    from qgis.core import QgsApplication
    return QgsApplication.processingRegistry().algorithmById(f"tilepackage:{name}")


def readme_sections(repo_root):
    """{GitHub anchor: (heading level, text up to the next heading of that
    level or higher)} of the README, code blocks not taken for headings."""
    lines = (repo_root / "README.md").read_text(encoding="utf-8").splitlines()
    headings, in_code = [], False
    for number, line in enumerate(lines):
        in_code ^= line.startswith("```")
        match = None if in_code else re.match(r"(#+) (.+)$", line)
        if match:
            anchor = re.sub(r"[^a-z0-9 -]", "", match[2].strip().lower()).replace(" ", "-")
            headings.append((number, len(match[1]), anchor))
    sections = {}
    for index, (start, level, anchor) in enumerate(headings):
        end = next((line for line, other, _ in headings[index + 1:] if other <= level),
                   len(lines))
        sections[anchor] = (level, "\n".join(lines[start:end]))
    return sections


@pytest.mark.parametrize("name", ALGORITHMS)
def test_found_by_what_people_search_for(tilepackage_provider, name):
    tags = algorithm(name).tags()
    for word in ("tpk", "tpkx", "esri", "arcgis"):
        assert word in tags


def test_toolbox_search_finds_every_algorithm(tilepackage_provider):
    from qgis.core import QgsApplication
    from qgis.gui import QgsProcessingToolboxProxyModel
    model = QgsProcessingToolboxProxyModel(None, QgsApplication.processingRegistry())
    model.setFilters(QgsProcessingToolboxProxyModel.FilterToolbox)
    for word in ("tpkx", "esri", "arcgis"):
        model.setFilterString(word)
        found = set()
        rows = [model.index(row, 0) for row in range(model.rowCount())]
        while rows:
            index = rows.pop()
            alg = model.toolboxModel().algorithmForIndex(model.mapToSource(index))
            if alg is not None:
                found.add(alg.id())
            rows += [model.index(row, 0, index) for row in range(model.rowCount(index))]
        assert {f"tilepackage:{name}" for name in ALGORITHMS} <= found, word


@pytest.mark.parametrize("name", ALGORITHMS)
def test_own_icon_and_help(tilepackage_provider, repo_root, name):
    alg = algorithm(name)
    icon = alg.svgIconPath()
    assert icon.endswith(f"icons/{name}.svg")
    assert ET.parse(icon).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert not alg.icon().isNull()
    url = alg.helpUrl()
    assert url.startswith("https://") and url.split("#")[0].endswith("/README.md")
    # The Help button opens the algorithm's own section under "Parameters",
    # and that section names every parameter and output the dialog shows.
    sections = readme_sections(repo_root)
    level, section = sections[url.split("#")[1]]
    assert section in sections["parameters"][1] and level > sections["parameters"][0]
    names = [d.name() for d in alg.parameterDefinitions()] + [
        d.name() for d in alg.outputDefinitions()]
    assert [n for n in names if f"`{n}`" not in section] == []
    help_text = alg.shortHelpString()
    assert "Examples" in help_text and "qgis_process run tilepackage:" + name in help_text


@pytest.mark.parametrize("name", ALGORITHMS)
def test_less_common_parameters_are_advanced(tilepackage_provider, name):
    from qgis.core import QgsProcessingParameterDefinition
    advanced = {definition.name() for definition in algorithm(name).parameterDefinitions()
                if definition.flags() & QgsProcessingParameterDefinition.FlagAdvanced}
    assert ADVANCED[name] <= advanced
    assert not advanced & {"INPUT", "LAYERS", "tilingScheme", "tileFormat", "levels", "OUTPUT",
                           "in_map", "service_type", "level_of_detail", "format_type",
                           "output_file"}


@pytest.mark.parametrize("value", ["esriMapCacheStorageModeExploded",
                                   "ESRIMAPCACHESTORAGEMODEEXPLODED", 2])
def test_rest_values_and_option_numbers_both_work(run, tmp_path, repo_root, value):
    output = tmp_path / "out"
    sample = repo_root / "sample_data" / "esri-sample-cache-v2"
    run("exporttiles", {"INPUT": str(sample), "levels": "0", "storageFormatType": value,
                        "OUTPUT": str(output)})
    # Exploded, as each spelling asks: one file per tile named by hex row and
    # column (docs/formats.md, Exploded cache), no bundle, and the conf.xml says so.
    files = sorted(path.relative_to(output / "_alllayers").as_posix()
                   for path in (output / "_alllayers").rglob("*") if path.is_file())
    assert [name.rsplit(".", 1)[0] for name in files] == ["L00/R00000000/C00000000"]
    (tile,) = read_tiles(sample, levels={0}).values()
    assert (output / "_alllayers" / files[0]).read_bytes() == tile
    conf = ET.parse(output / "conf.xml").getroot()
    assert conf.findtext("CacheStorageInfo/StorageFormat") == "esriMapCacheStorageModeExploded"


def test_no_html_output_announced(tilepackage_provider):
    # QGIS announces "HTML output has been generated" after every run of an
    # algorithm declaring an HTML output; REPORT is a file, written with f=html.
    for name in ALGORITHMS:
        assert not algorithm(name).hasHtmlOutputs()
