"""The macros a rule file can use: its own `def`s and those it imports from other files.

`from "PATH" import NAME, ...` names a `.qpat` file relative to the importing file's
directory (a file name without a directory, such as `compile_source`'s default
`<string>`, means the current directory). Every file reachable through imports is read
and parsed once; an import that leads back to a file on the current chain is a cycle.
Only definitions are imported: the imported file's stages and rules are ignored.

A macro body is expanded in the scope of the file that defines it, so an imported
macro keeps using its own file's helpers, whatever the importing file defines.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import os
from dataclasses import dataclass

from . import syntax as ast
from ..diagnostics import Diagnostic, InputError, RuleError, SourceLocation, source_line

SHORT_FORMS = ("q", "dq")
"""Built-in calls that no macro can be named after."""

Scope = dict[str, ast.MacroDef]
"""Macro name -> its definition, for the macros one file can use."""


@dataclass(frozen=True)
class ImportedFiles:
    """Every file a module imports from, directly or not, read and parsed."""

    modules: tuple[ast.Module, ...]
    """The imported files, each once, in the order they were first imported."""
    resolved: dict[ast.Import, str]
    """Each import of any of these files (or of the importing one) -> the imported file's name."""
    dependencies: tuple[tuple[str, str], ...]
    """(absolute path, SHA-256 of its text) of each imported file: what a compiled result depends on."""
    diagnostics: tuple[Diagnostic, ...]
    """Missing or unreadable files, cycles, syntax errors of imported files."""

    def with_source_lines(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """`diagnostics` with the source line of each one that points into an imported file
        (the checker only has the importing file's text)."""
        texts = {module.filename: module.text for module in self.modules}
        return [dataclasses.replace(d, source_line=source_line(texts[d.location.filename], d.location.line))
                if d.location.filename in texts else d for d in diagnostics]


def load_imports(module: ast.Module) -> ImportedFiles:
    """Read and parse the files `module` imports from, recursively."""
    loader = _Loader()
    root = _real_path(module.filename) if os.path.isfile(module.filename) else None
    loader.visit(module, ((root, module.filename),))
    return ImportedFiles(tuple(loader.modules.values()), loader.resolved, tuple(loader.dependencies),
                         tuple(loader.diagnostics))


class _Loader:
    def __init__(self):
        self.modules: dict[str, ast.Module] = {}
        self.resolved: dict[ast.Import, str] = {}
        self.dependencies: list[tuple[str, str]] = []
        self.diagnostics: list[Diagnostic] = []

    def fail(self, module: ast.Module, location: SourceLocation, message: str) -> None:
        self.diagnostics.append(Diagnostic(location, message, source_line=source_line(module.text, location.line)))

    def visit(self, module: ast.Module, chain: tuple[tuple[str | None, str], ...]) -> None:
        """Load the imports of `module`; `chain` holds (real path, name) of the files being loaded."""
        from .sources import display_path, read_source
        from .parser import parse

        for item in module.items:
            if not isinstance(item, ast.Import):
                continue
            written = f'"{item.path}"'
            if not item.path.endswith(".qpat"):
                self.fail(module, item.path_span, f"cannot import from {written}: only .qpat rule files "
                          "can be imported")
                continue
            path = os.path.join(os.path.dirname(module.filename), item.path)
            try:
                real, is_file = _real_path(path), os.path.isfile(path)
                shown = display_path(path)
            except (OSError, ValueError):
                real, is_file, shown = None, False, item.path
            on_chain = [position for position, (seen, _) in enumerate(chain) if real is not None and seen == real]
            if on_chain:
                cycle = " -> ".join(name for _, name in chain[on_chain[0]:])
                self.fail(module, item.path_span, f"import cycle: {cycle} -> {shown}")
                continue
            if real in self.modules:
                self.resolved[item] = self.modules[real].filename
                continue
            if not is_file:
                self.fail(module, item.path_span, f"cannot import from {written}: there is no file {shown} (an "
                          "import names a file relative to the importing file's directory)")
                continue
            try:
                text = read_source(path)
                imported = parse(text, shown)
            except RuleError as error:
                self.diagnostics.extend(error.diagnostics)
                continue
            except InputError as error:
                self.fail(module, item.path_span, f"cannot import from {written}: {error.message}")
                continue
            self.modules[real] = imported
            self.resolved[item] = imported.filename
            self.dependencies.append((real, text_digest(text)))
            self.visit(imported, (*chain, (real, shown)))


def _real_path(path: str) -> str:
    return os.path.realpath(os.path.abspath(path))


def text_digest(text: str) -> str:
    """The SHA-256 of a source text (the compile cache's key)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def macro_scopes(module: ast.Module, imported: ImportedFiles) -> tuple[dict[str, Scope], list[Diagnostic], bool]:
    """File name -> the macros that file can use, for `module` and every imported file.

    Returns the scopes, the diagnostics of definitions and imports, and whether an
    import failed (then the rules are not worth expanding).
    """
    builder = _ScopeBuilder(module, imported)
    return builder.scopes, builder.diagnostics, builder.import_failed


class _ScopeBuilder:
    def __init__(self, module: ast.Module, imported: ImportedFiles):
        self.texts = {m.filename: m.text for m in (module, *imported.modules)}
        self.diagnostics: list[Diagnostic] = []
        self.import_failed = False
        files = (*imported.modules, module)
        self.own: dict[str, Scope] = {m.filename: {} for m in files}
        self.rule_names = {m.filename: {item.name.written() for item in m.items if isinstance(item, ast.RuleDef)}
                           for m in files}
        for m in files:
            for item in m.items:
                if isinstance(item, ast.MacroDef):
                    self._define(item, self.own[m.filename])
        self.scopes: dict[str, Scope] = {name: dict(scope) for name, scope in self.own.items()}
        imported_at: dict[tuple[str, str], SourceLocation] = {}
        for m in files:
            for item in m.items:
                if isinstance(item, ast.Import) and item in imported.resolved:
                    self._import(item, m.filename, imported.resolved[item], imported_at)

    def fail(self, location: SourceLocation, message: str) -> None:
        self.diagnostics.append(Diagnostic(location, message,
                                           source_line=source_line(self.texts[location.filename], location.line)))

    def _define(self, macro: ast.MacroDef, scope: Scope) -> None:
        name = macro.name.plain
        if name is None:
            self.fail(macro.name.span, "a macro name cannot interpolate family variables")
        elif name in scope:
            self.fail(macro.name.span, f"macro '{name}' is defined twice (first at {scope[name].name.span})")
        elif name in SHORT_FORMS:
            self.fail(macro.name.span, f"'{name}' is a built-in short form and cannot be redefined")
        else:
            scope[name] = macro
        params = [p.plain for p in macro.params]
        for param, text in zip(macro.params, params):
            if params.count(text) > 1:
                self.fail(param.span, f"parameter '{text}' of macro '{name}' is listed twice")
                break

    def _import(self, item: ast.Import, importer: str, source: str,
                imported_at: dict[tuple[str, str], SourceLocation]) -> None:
        before = len(self.diagnostics)
        for ident in item.names:
            name = ident.plain
            if name is None:
                self.fail(ident.span, "an imported name cannot interpolate family variables")
            elif name in self.own[importer]:
                self.fail(ident.span, f"macro '{name}' is imported from \"{item.path}\" and also defined in "
                          f"this file (at {self.own[importer][name].name.span})")
            elif (importer, name) in imported_at:
                self.fail(ident.span, f"macro '{name}' is already imported (at {imported_at[importer, name]})")
            elif name in self.own[source]:
                self.scopes[importer][name] = self.own[source][name]
                imported_at[importer, name] = ident.span
            else:
                self.fail(ident.span, self._not_defined(name, source))
        self.import_failed |= len(self.diagnostics) > before

    def _not_defined(self, name: str, source: str) -> str:
        macro = self.scopes[source].get(name)
        if macro is not None:
            return (f"{source} does not define macro '{name}', it imports it from {macro.name.span.filename}: "
                    "import it from there")
        if name in self.rule_names[source]:
            return f"'{name}' is a rule of {source}; only macros (def) can be imported"
        close = difflib.get_close_matches(name, sorted(self.own[source]), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{source} defines no macro '{name}'{hint}"
