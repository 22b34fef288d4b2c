"""The shipped .qpat rule files (a package only so that they install with qdsl)."""
