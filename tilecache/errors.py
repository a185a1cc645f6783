"""One error tree: everything the core raises derives from TileCacheError.

Each error renders as a single line naming the file (or parameter) and the
reason, which is what the Processing layer shows to the user verbatim.
"""


class TileCacheError(Exception):
    """Base of every error the core raises on purpose."""

    #: REST error code used when the error reaches a REST-style response.
    code = 400

    def __init__(self, message, path=None):
        self.message = " ".join(str(message).split())
        self.path = str(path) if path is not None else None
        super().__init__(self.__str__())

    def __str__(self):
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message


class FormatError(TileCacheError):
    """A file is not what it claims to be: bad header, index, zip, XML, JSON."""


class UnsafeArchiveError(FormatError):
    """An archive tries something hostile: path traversal, bombs, lying sizes."""


class SchemeError(FormatError):
    """A tiling scheme is missing, incomplete or absurd."""


class VectorTilesError(FormatError):
    """A vector tile package (.vtpk) or an unpacked one (p12/ layout): raster tiles only here."""

    def __init__(self, path):
        super().__init__("is a vector tile package; only raster tile packages are supported",
                         path)

    def __str__(self):
        return f"{self.path} {self.message}"


class ParameterError(TileCacheError):
    """A user-supplied parameter cannot be understood or is out of range."""


class LevelRangeError(ParameterError):
    """A level outside the cache's LODs: REST answers this with code 500."""

    code = 500

    def __init__(self, level_id):
        self.level_id = level_id
        super().__init__(
            f'Specified level id "{level_id}" is not within the min and max scale range.')


class TileLimitError(ParameterError):
    """The export would hold more tiles than maxExportTilesCount allows."""

    def __init__(self, requested, limit, at_least=False):
        self.requested = requested
        self.limit = limit
        # at_least: counting stopped at the first levels that pass the limit.
        amount = f"at least {requested}" if at_least else f"{requested}"
        super().__init__(
            f"The export would hold {amount} tiles, more than maxExportTilesCount "
            f"({limit}). Choose fewer levels, a smaller extent, or raise the limit.")


class SchemeMismatchError(TileCacheError):
    """The package's tiling scheme does not fit the cache it is imported into."""

    def __init__(self, prop, package_value, cache_value):
        self.property = prop
        super().__init__(
            f"Tiling schemes do not match: {prop} is {package_value} in the package "
            f"but {cache_value} in the cache.")


class CancelledError(TileCacheError):
    """The caller's is_cancelled() callback asked to stop."""

    def __init__(self, message="Cancelled by the user; nothing was written."):
        super().__init__(message)


class CacheLockedError(TileCacheError):
    """Another process holds the cache's lock for longer than we wait."""
