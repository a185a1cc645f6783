"""The provider registered with QGIS, once per process.

QGIS 3.22 cannot unregister a provider; a plugin reload finds the key taken
and keeps the first registration (whose factory still works).
"""
from qgis.core import QgsProviderMetadata, QgsProviderRegistry

from .provider import DESCRIPTION, PROVIDER_KEY, TilePackageProvider


def register_provider():
    """Register the ``tilepackage`` provider unless it already is; True if done now."""
    registry = QgsProviderRegistry.instance()
    if PROVIDER_KEY in registry.providerList():
        return False
    metadata = QgsProviderMetadata(PROVIDER_KEY, DESCRIPTION,
                                   TilePackageProvider.create)
    return registry.registerProvider(metadata)
