"""Session set-up shared by the tests and the doctests."""

import os
import tempfile


def pytest_configure(config):
    """Keep the compiled-projection cache and any imported ESCO out of the user's home."""
    os.environ["GRAPHKIT_CACHE"] = tempfile.mkdtemp(prefix="graphkit-cache-")
    os.environ["GRAPHKIT_DATA"] = tempfile.mkdtemp(prefix="graphkit-data-")
