"""The committed ArcGIS-made samples: where they are, copies, exports, a guard.

The samples under ``sample_data/`` are never modified: tests copy them
(``copy_sample``) or export them (``sample_exports``), and modules that build
hostile inputs from them check they stayed intact (``sample_data_guard``).
"""
import shutil
import zipfile
from pathlib import Path

from .pkgroot import REPO
from .schemes import V1, V2
from .trees import tree_changes, tree_digest

SAMPLE_DATA = REPO / "sample_data"
#: A Compact V2 cache folder made by ArcGIS: levels 0-2, 21 JPEG tiles.
SAMPLE_V2 = SAMPLE_DATA / "esri-sample-cache-v2"
#: A .tpk made by ArcGIS whose cache root is not named "Layers": levels 0-1, 2 tiles.
SAMPLE_TPK = SAMPLE_DATA / "tpk-v1-alt-root-name" / "alt_root_name.tpk"
#: ArcGIS's own sample package (Esri tile-package-spec): Web Mercator, Compact V2,
#: tiles at levels 0-5 (LODs 0-23 listed), two PNG tiles missing their first 4 bytes.
SAMPLE_USA = SAMPLE_DATA / "esri-usa-tpkx" / "Usa.tpkx"
#: The cache root inside SAMPLE_TPK.
TPK_ROOT = "v101/TPK Root Name/"

#: What ``sample_exports`` can make: storage, tile package, file or folder name.
EXPORT_KINDS = {
    "tpkx": (V2, True, "sample.tpkx"),
    "tpk": (V1, True, "sample.tpk"),
    "v1": (V1, False, "sample-v1"),
}


def copy_sample(target, source=SAMPLE_V2):
    """A writable copy of a sample (folder or file) at ``target``; returns its Path."""
    if Path(source).is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)
    return Path(target)


def tpk_member(name):
    """The bytes of one member of SAMPLE_TPK."""
    with zipfile.ZipFile(SAMPLE_TPK) as archive:
        return archive.read(name)


def sample_exports(folder, kinds=("tpkx", "tpk"), levels=None):
    """SAMPLE_V2 exported by the core into ``folder``: {kind: Path} (see EXPORT_KINDS).

    An export already in ``folder`` is reused, so a persistent folder (the
    fuzzers' seeds) exports once.
    """
    from tile_package_tools.tilecache.pipeline.export import ExportOptions, export_tiles
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for kind in kinds:
        storage, package, name = EXPORT_KINDS[kind]
        target = folder / name
        if not target.exists():
            export_tiles(str(SAMPLE_V2), str(target),
                         ExportOptions(storage_format=storage, tile_package=package,
                                       levels=levels))
        made[kind] = target
    return made


def sample_data_guard():
    """A generator fixture body: fail if anything under sample_data changed."""
    before = tree_digest(SAMPLE_DATA)
    yield
    changes = tree_changes(before, tree_digest(SAMPLE_DATA))
    assert not changes, f"sample_data was modified: {changes}"
