"""Rule-author tooling: `qdsl check`, `fmt`, `explain`, `show`, `finalize` (docs/tooling.md).

Each command is also a library function, re-exported here.
"""

from .check import CheckReport, add_check_parser, check_files
from .explain import Explanation, NearMiss, add_explain_parser, explain_module
from .finalize_cmd import FinalizeSummary, add_finalize_parser, finalize_file
from .fmt import add_fmt_parser, ast_without_spans, format_source
from .show import ShownRule, add_show_parser, dot_source, show_rules

TOOLING_SUBCOMMANDS = [add_check_parser, add_fmt_parser, add_explain_parser, add_show_parser, add_finalize_parser]
"""The subparsers `qdsl.cli` registers, in `qdsl --help` order."""

__all__ = [
    "CheckReport", "Explanation", "FinalizeSummary", "NearMiss", "ShownRule", "TOOLING_SUBCOMMANDS", "ast_without_spans",
    "check_files", "dot_source", "explain_module", "finalize_file", "format_source", "show_rules",
]
