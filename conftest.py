"""Session set-up shared by the tests and the doctests."""

import os
import tempfile


def pytest_configure(config):
    """Keep the compiled-projection cache out of the user's home for the whole run."""
    os.environ["GRAPHKIT_CACHE"] = tempfile.mkdtemp(prefix="graphkit-cache-")
