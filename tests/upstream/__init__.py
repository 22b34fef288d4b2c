"""PyTorch's own suites, vendored (see README.md). A package, so that its conftest is
`upstream.conftest` and does not shadow tests/conftest.py, which the other tests import."""
