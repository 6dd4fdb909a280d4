"""Timing helpers shared by the benchmark scripts (imported from beside them)."""

import statistics
import time


def median_seconds(function, runs: int) -> float:
    """Call `function` `runs` times and return the median wall time in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
