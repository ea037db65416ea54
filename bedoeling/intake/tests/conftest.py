import pytest


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST and run what waits for the commit (the mails), as a real request does."""

    def send(client, url, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return send
