from tests.helpers import PORTAL_HOST


def fetch(client, url, host=PORTAL_HOST, **extra):
    """(X-Cache header, decoded body) of an anonymous GET, asserting it succeeded."""
    response = client.get(url, HTTP_HOST=host, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.get("X-Cache"), response.content.decode()
