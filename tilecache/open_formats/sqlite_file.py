"""SQLite files read and written with the standard library's sqlite3, errors made one line.

MBTiles and GeoPackage are both SQLite databases (docs/formats.md#mbtiles,
#geopackage). Inputs are untrusted: they are opened read-only through a URI
(nothing a hostile file says can make SQLite write beside it), the 16-byte
header is checked first so a file that is not SQLite says so in our words,
and every SQLite error becomes a FormatError naming the file. Outputs are
written to a temporary name with the journal off (the file is renamed into
place only when complete, so a crash leaves nothing to recover) and renamed by
the sink.
"""
import os
import sqlite3
import urllib.parse

from ..errors import FormatError

#: The first 16 bytes of every SQLite 3 database (sqlite.org/fileformat.html, 1.3.1).
SQLITE_MAGIC = b"SQLite format 3\x00"
#: A tile larger than this is refused: the compact bundles the core writes keep a
#: tile's size in 24 bits, and no honest raster tile comes near it.
MAX_TILE_BYTES = (1 << 24) - 1
#: Page size of the databases written (sqlite.org/pragma.html#pragma_page_size).
PAGE_SIZE = 65536
#: SQLite's page cache while writing, in KiB (sqlite.org/pragma.html#pragma_cache_size).
CACHE_KIB = 16384
#: SQLite's page cache while reading, in KiB.
READ_CACHE_KIB = 32768


def _ro_uri(path):
    # immutable=1: no locks, no -wal/-shm files created beside a file we only read.
    return "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro&immutable=1"


def is_sqlite(path):
    """True when ``path`` is a file starting with SQLite's header."""
    try:
        with open(path, "rb") as stream:
            return stream.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


class SqliteReader:
    """A read-only connection whose every query answers FormatError naming the file."""

    def __init__(self, path, kind):
        self.path = str(path)
        self.kind = kind
        if not is_sqlite(path):
            raise FormatError(f"not a SQLite database, so not {kind}", path)
        try:
            self.connection = sqlite3.connect(_ro_uri(path), uri=True, check_same_thread=False)
            self.connection.execute("PRAGMA query_only = 1")
            # A block's tiles are read in index order (column by column) while writers
            # store them row by row: with SQLite's default 2 MB (31 64-KB pages) every
            # page was read again for each tile on it (402,000 reads for 100,000 tiles,
            # MBTiles -> .tpkx in 7.5 s); a block's column sweep fits in this (4.5 s).
            self.connection.execute(f"PRAGMA cache_size = {-READ_CACHE_KIB}")
        except sqlite3.Error as exc:
            raise FormatError(f"cannot open as {kind}: {exc}", path) from None

    def rows(self, sql, args=()):
        """All rows of a query; FormatError naming the file when SQLite refuses it."""
        try:
            return self.connection.execute(sql, args).fetchall()
        except (sqlite3.Error, OverflowError) as exc:
            raise FormatError(f"damaged {self.kind}: {exc}", self.path) from None

    def iterate(self, sql, args=()):
        """The rows of a query one at a time (a bundle's tiles never all in memory);
        FormatError naming the file when SQLite refuses it."""
        try:
            yield from self.connection.execute(sql, args)
        except (sqlite3.Error, OverflowError) as exc:
            raise FormatError(f"damaged {self.kind}: {exc}", self.path) from None

    def tables(self):
        """Names of the tables and views, lower-cased."""
        return {name.lower() for (name,) in
                self.rows("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}

    def columns(self, table):
        return {row[1].lower() for row in self.rows(f'PRAGMA table_info("{table}")')}

    def require(self, table, columns, what):
        """FormatError unless ``table`` exists with ``columns``: what makes the file ``kind``."""
        if table.lower() not in self.tables():
            raise FormatError(f"not {self.kind}: no {table} table ({what})", self.path)
        missing = sorted(set(columns) - self.columns(table))
        if missing:
            raise FormatError(f"not {self.kind}: the {table} table has no "
                              f"{', '.join(missing)} column", self.path)

    def blob(self, value, where):
        """``value`` as tile bytes: a non-empty BLOB of at most MAX_TILE_BYTES."""
        if not isinstance(value, bytes) or not value:
            kind = "empty" if value in (b"", None) else type(value).__name__.replace("str", "text")
            raise FormatError(f"{where}: tile_data is {kind}, not image bytes", self.path)
        if len(value) > MAX_TILE_BYTES:
            raise FormatError(f"{where}: tile_data is {len(value)} bytes, over the "
                              f"{MAX_TILE_BYTES} a tile may hold", self.path)
        return value

    def close(self):
        self.connection.close()


def create_database(path, application_id, user_version=0):
    """A new database at ``path`` (a temporary name) set up for one fast bulk write."""
    # The sink stores tiles on a thread of its own (store_thread.py), one thread at a time.
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    # Tiles of 5-50 KB overflow 4 KB pages into chains of several; 64 KB pages hold
    # them in one (SQLite's largest page; set before the first table exists).
    connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    # The file is renamed into place only when complete: a journal would only
    # slow the bulk insert down, and the sink's abort() deletes a partial file.
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    # The written part of the file leaves the OS cache as it goes (io/early_flush.py):
    # 16 MB of SQLite's own cache keep the index and the tree's right edge, which
    # SQLite reads back, from being read from the disk (1,180 reads with the default
    # 2 MB on the bench cache, 37 with this).
    connection.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
    connection.execute(f"PRAGMA application_id = {int(application_id)}")
    connection.execute(f"PRAGMA user_version = {int(user_version)}")
    connection.execute("BEGIN")
    return connection
