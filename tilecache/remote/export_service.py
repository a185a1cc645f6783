"""exportTiles from a tiled service, the tiles fetched here (client side).

    read the service (scheme, exportTilesAllowed, maxExportTilesCount)
      -> plan (slots of the selection inside the service's extent, limit check)
      -> fetch each planned bundle into the journal (resumable, bounded concurrency)
      -> write the journal exactly as a cache export (temporary name, rename), or
         import it into an existing cache folder OUTPUT names
      -> remove the journal

The flow is the one every source that produces its tiles shares
(pipeline/produced.py); planning and fetching are fetching.py's. A run
stopped anywhere leaves the output as it was and the journal beside it;
started again with the same parameters, it asks only for the bundles the
journal does not hold.
"""
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Optional, Tuple

from ..feedback import SILENT
from ..metadata.iteminfo import ItemInfo
from ..pipeline.produced import export_produced
from ..render.journal import Journal
from .client import RetryPolicy, ServiceClient
from .service import read_service, service_url
from .source import DEFAULT_CONCURRENCY, ServiceSource
from .tokens import generate_token

JOURNAL_SUFFIX = ".fetch-journal"


@dataclass
class Connection:
    """How to reach a service: the fetch function and everything around it."""
    fetch: Callable
    token: Optional[str] = None
    #: (username, password) turned into a token through generateToken.
    credentials: Optional[Tuple[str, str]] = None
    concurrency: int = DEFAULT_CONCURRENCY
    policy: RetryPolicy = RetryPolicy()
    #: The executor class running the requests (QGIS needs Qt threads).
    pool_factory: Callable = ThreadPoolExecutor

    def client(self, url):
        client = ServiceClient(self.fetch, service_url(url), self.token, self.policy)
        if self.credentials and not self.token:
            client.token = generate_token(client, *self.credentials)
        return client


def open_service(connection, url, output):
    """The ServiceSource of ``url`` for a run writing ``output``, its journal opened."""
    client = connection.client(url)
    info = read_service(client)
    folder = os.path.abspath(os.path.normpath(output)) + JOURNAL_SUFFIX
    journal = Journal(folder, repr((info.url, info.scheme)))
    source = ServiceSource(info, client, journal, connection.concurrency,
                           connection.pool_factory)
    source.item_info = ItemInfo(name=info.name, title=info.name,
                                summary=f"Tiles of {info.url}", snippet=f"Tiles of {info.url}",
                                description=f"Tiles taken offline from {info.url} by "
                                            "Tile Package Tools.",
                                tags=("tiles", "tile package", info.name))
    return source


def export_service(source, output, options, feedback=SILENT):
    """Fetch and write ``source`` (a ServiceSource) to ``output``; an ExportResult."""
    return export_produced(source, output, options, feedback)
