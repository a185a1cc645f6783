"""A token for a secured service from a username and password (generateToken).

The token service's address is the one ``/rest/info`` names
(``authInfo.tokenServicesUrl``); servers that do not say use
``<root>/tokens/generateToken``, ArcGIS Server's default. The password is
sent in a POST body, never in a URL.
"""
from .client import ServiceClient, ServiceError

#: Minutes the token is asked to live: enough for a long export.
TOKEN_MINUTES = 240


def token_service_url(client):
    """Where ``client``'s server hands out tokens."""
    root = client.url.split("/rest/")[0]
    try:
        info = ServiceClient(client.fetch, root + "/rest/info", policy=client.policy).json()
    except ServiceError:
        info = {}
    auth = info.get("authInfo") if isinstance(info.get("authInfo"), dict) else {}
    url = auth.get("tokenServicesUrl")
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) \
        else root + "/tokens/generateToken"


def generate_token(client, username, password):
    """A token for ``client``'s service; ServiceError naming the token service if refused."""
    url = token_service_url(client)
    tokens = ServiceClient(client.fetch, url, policy=client.policy)
    doc = tokens.json("", {"username": username, "password": password, "client": "requestip",
                           "expiration": str(TOKEN_MINUTES)}, method="POST")
    token = doc.get("token")
    if not isinstance(token, str) or not token:
        raise ServiceError("the token service answered without a token", url)
    return token
