"""qdsl's tests: a package, so that shared code imports as `tests.support...`."""
