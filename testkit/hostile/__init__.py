"""The hostile-input campaign and the hostile files it is built from.

- ``cases``: the Case record, the registry and the builders the catalogs share;
- ``catalog_archives``, ``catalog_bundles``, ``catalog_open_formats`` (MBTiles,
  GeoPackage, XYZ): the cases, registered on import (``catalog.all_cases()`` imports them);
- ``bombs``: zip bombs, a PNG bomb; ``documents``: entity bombs, XXE, broken XML and JSON;
- ``runner``: runs cases in a memory-capped child process (run it as a file).
"""
