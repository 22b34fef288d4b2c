"""qdsl: a declarative pattern-DSL compiler for PyTorch graph-mode quantization."""
