"""What the command line prints: each error once, no QGIS noise from our parameters.

QGIS 3.22's qgis_process prints an algorithm's error three times on stderr
(processing_provider/console_errors.py says why); native:raiseexception,
which the plugin does not touch, shows it still happens for others.
"""
import pytest

from tile_package_tools.testkit.samples import SAMPLE_TPK, SAMPLE_V2, copy_sample

# Slow: what qgis_process prints, one qgis_process per case; `make test-quick` leaves it out.
pytestmark = pytest.mark.slow

LEVEL_ERROR = "levels: level 99 is not in the cache; it has levels 0-19"
#: Lines QGIS printed when INPUT was also tried as a raster, vector and mesh layer.
LAYER_NOISE = ("not recognized as a supported file format", "Unable to load mesh", "HDF5")


def export_arguments(tmp_path, *extra):
    return ["run", "tilepackage:exporttiles", "--", f"INPUT={SAMPLE_V2}",
            f"OUTPUT={tmp_path / 'x.tpkx'}", "tilePackage=true", *extra]


@pytest.mark.parametrize("json", [False, True], ids=["text", "json"])
def test_an_error_is_printed_once(qgis_process, tmp_path, json):
    done = qgis_process(*(["--json"] if json else []), *export_arguments(tmp_path, "levels=99"))
    assert done.returncode != 0
    assert done.stderr.count(LEVEL_ERROR) == 1, done.stderr
    assert LEVEL_ERROR not in done.stdout
    if not json:
        assert f"ERROR:\t{LEVEL_ERROR}" in done.stderr
    assert not (tmp_path / "x.tpkx").exists()


def test_other_algorithms_errors_are_left_as_qgis_prints_them(qgis_process):
    # Only the copies of our own errors are dropped.
    done = qgis_process("run", "native:raiseexception", "--", "MESSAGE=not ours")
    assert done.returncode != 0
    assert done.stderr.count("not ours") == 3


def test_an_import_error_is_printed_once_on_stderr(qgis_process, tmp_path):
    # stdout carries the REST error body, the response a script reads.
    cache = copy_sample(tmp_path / "cache")
    done = qgis_process("run", "tilepackage:importtiles", "--", f"INPUT={cache}",
                        f"sourceItemId={SAMPLE_TPK}", "levels=99")
    assert done.returncode != 0
    message = 'Specified level id "99" is not within the min and max scale range.'
    assert done.stderr.count(message) == 1, done.stderr


def test_a_run_prints_no_layer_loading_noise(qgis_process, tmp_path):
    done = qgis_process(*export_arguments(tmp_path, "levels=0"))
    assert done.returncode == 0, done.stderr
    for noise in LAYER_NOISE:
        assert noise not in done.stdout + done.stderr
    assert "ERROR" not in done.stderr
    failed = qgis_process(*export_arguments(tmp_path, "levels=99"))
    for noise in LAYER_NOISE:
        assert noise not in failed.stdout + failed.stderr
