"""Storage format names as ArcGIS writes them in conf.xml and root.json."""
import enum


class StorageFormat(str, enum.Enum):
    COMPACT_V2 = "esriMapCacheStorageModeCompactV2"
    COMPACT_V1 = "esriMapCacheStorageModeCompact"
    EXPLODED = "esriMapCacheStorageModeExploded"

    @classmethod
    def parse(cls, text, path=None):
        from ..errors import SchemeError
        value = (text or "").strip()
        for member in cls:
            if member.value.lower() == value.lower():
                return member
        raise SchemeError(f"unknown storage format {value!r}", path)
