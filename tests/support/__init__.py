"""Test support code shared by the test files and the benchmarks: plain torch models."""
