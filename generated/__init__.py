"""Compiled shipped rules (written by `qdsl compile patterns -o generated`; do not edit)."""
