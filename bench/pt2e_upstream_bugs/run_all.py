"""Run every reproduction and print what each observes (about a minute)."""

import importlib
import pathlib

SCRIPTS = sorted(p.stem for p in pathlib.Path(__file__).parent.glob("*.py")
                 if p.stem not in ("run_all",) and not p.stem.startswith("_"))

if __name__ == "__main__":
    for name in SCRIPTS:
        print(f"## {name}")
        for line in importlib.import_module(name).reproduce():
            print(f"   {line}")
