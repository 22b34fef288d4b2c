"""A view of torch's operator registry, shared by every torch backend."""
