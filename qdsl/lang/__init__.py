"""The .qpat front end: grammar, AST, parser, macro imports, expansion, formatter (IR-agnostic)."""
