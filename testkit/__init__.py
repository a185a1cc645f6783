"""Test kit: the builders tests/, bench/ and fuzz/ share, imported as a package.

    from tile_package_tools.testkit.caches import write_cache

Test support only: never imported by the plugin and never packaged
(scripts/make_zip.py ships an allow-list of folders; tests/test_plugin.py
checks ``testkit/`` stays out of the zip).

- ``pkgroot``: makes the checkout importable (build/pkgroot); standard library only;
- ``samples``: the committed ArcGIS samples, copies, exports, a guard that they stay intact;
- ``schemes``: the one Web Mercator scheme factory, its constants, storage names;
- ``tiles``: tile payloads (marked, stand-in, noise JPEGs, solid colours);
- ``bundles``: bundles by the core's writers, read whole; MemorySource;
- ``caches``: cache folders and packages made at test time; reading one back;
- ``bytes_layout``: independent parsers of bundle bytes (docs/formats.md), byte patches;
- ``zips``: zips built member by member, lying headers, honest rewrites;
- ``trees``: folder checksums, changes, leftovers, read-only trees;
- ``memory``: the process's own peak memory;
- ``workers``, ``import_worker``: child processes;
- ``hostile/``: the hostile-input campaign (cases, catalogs, bombs, evil documents, runner).
"""
