"""One subpackage per IR that `.qpat` rules can target (see `qdsl.core.backend`)."""
