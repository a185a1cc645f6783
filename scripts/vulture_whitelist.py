"""Names vulture reports that are used, with the reason for each (see tests/test_code_shape.py).

vulture cannot see callers outside the package: QGIS calling the Processing
API, tests and benchmarks using the core's public API. Each line below is
one such name.
"""
# QGIS calls initAlgorithm(self, config=None) with its own keyword: the
# parameter is part of QgsProcessingAlgorithm's signature even when unused.
config  # noqa
