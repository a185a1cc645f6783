"""Fuzz one target with atheris: ``fuzz_target.py NAME [libFuzzer options] [corpus]``.

The core is imported under atheris' instrumentation so coverage guides the
mutations. TileCacheError is swallowed (it is the right answer to garbage);
any other exception propagates, and libFuzzer saves the input as a crash.
"""
import sys

import atheris

from targets import TARGETS  # noqa: E402 - sets sys.path for the package

with atheris.instrument_imports(include=["tile_package_tools"]):
    from tile_package_tools.tilecache import TileCacheError
    from tile_package_tools.tilecache import (  # noqa: F401 - imported to be instrumented
        formats, io, metadata, params, pipeline, scheme)


def main():
    name = sys.argv.pop(1)
    target = TARGETS[name]

    def one_input(data):
        try:
            target(data)
        except TileCacheError as exc:
            if "\n" in str(exc):
                raise AssertionError(f"multi-line error message: {exc!r}") from None

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
