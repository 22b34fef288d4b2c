"""What kind of file torch saved at a path, told from its bytes: neither torch nor any
unpickling is needed, so a loader can say what it was given before torch's own loader
fails with a message about a corrupted archive.

torch writes three kinds of model file, all but the oldest as zip archives whose entries
sit under one top-level folder: `torch.jit.save` (`constants.pkl` and `code/`),
`torch.export.save` (`archive_format` holding `pt2`; before torch 2.8 a root-level
`serialized_exported_program.json`) and `torch.save` (`data.pkl` alone; a bare pickle
with `_use_new_zipfile_serialization=False`).
"""

from __future__ import annotations

import enum
import os
import zipfile

from ..diagnostics import InputError


class SavedKind(enum.Enum):
    """A kind of file; the value describes it after "it is"."""

    TORCHSCRIPT = "a TorchScript module saved with torch.jit.save"
    EXPORTED_PROGRAM = "a program saved with torch.export.save"
    PICKLE = "an object pickled with torch.save (a state_dict or a whole module)"
    OTHER_ZIP = "a zip archive that none of torch's save functions wrote"
    DAMAGED_ZIP = "a damaged zip archive (truncated, or not saved completely)"
    EMPTY = "an empty file"
    UNKNOWN = "neither a zip archive nor a pickle, the formats torch saves models in"


_PICKLE_PROTOCOL = 0x80
"""The first byte of a pickle of protocol 2 or later (legacy `torch.save` files)."""


def saved_kind(path: str | os.PathLike) -> SavedKind:
    """The kind of the file at `path`; InputError when there is no file to read."""
    from ..lang.sources import regular_file  # not at import: `import qdsl` does not need it

    regular_file(path, "no such file", "a saved model file")
    try:
        with open(path, "rb") as file:
            head = file.read(4)
        if not head:
            return SavedKind.EMPTY
        if head.startswith(b"PK"):
            return _zip_kind(path)
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}", str(path)) from None
    return SavedKind.PICKLE if head[0] == _PICKLE_PROTOCOL else SavedKind.UNKNOWN


def _zip_kind(path: str | os.PathLike) -> SavedKind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            inner = {name.partition("/")[2]: name for name in names if "/" in name}
            if "archive_format" in inner:
                fmt = archive.read(inner["archive_format"]).decode("utf-8", "replace").strip()
                return SavedKind.EXPORTED_PROGRAM if fmt == "pt2" else SavedKind.OTHER_ZIP
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return SavedKind.DAMAGED_ZIP
    if "serialized_exported_program.json" in names:
        return SavedKind.EXPORTED_PROGRAM
    if "constants.pkl" in inner and any(name.startswith("code/") for name in inner):
        return SavedKind.TORCHSCRIPT
    if "data.pkl" in inner:
        return SavedKind.PICKLE
    return SavedKind.OTHER_ZIP
