"""The report of `explain`: what fired, the near misses and the unfused chains, as plain
data with a text and a JSON form."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ModelPlace:
    """A node of the model's graph, as a user can find it."""

    kind: str
    """The node kind, e.g. `aten::add`."""
    value: str
    """The graph name of its first output (`%z.2`), or '' when it has none."""
    file: str | None
    """The model source file of the node's source range, if the graph has one."""
    line: int | None
    """Its line."""
    code: str | None
    """The source line's text, stripped."""

    def __str__(self) -> str:
        node = f"{self.kind}{' %' + self.value if self.value else ''}"
        if self.file is None:
            return node
        return f"{self.file}:{self.line} ({node}): {self.code}"


@dataclass(frozen=True)
class Firing:
    """One rule that fired, with where."""

    rule: str
    """The rule's name."""
    stage: str
    """`prepack` or `fusion`."""
    rule_location: str
    """`file:line:col` of the rule in its `.qpat` file."""
    count: int
    """How many times it fired."""
    places: tuple[ModelPlace, ...]
    """The matched model op of each rewrite, in order."""


@dataclass(frozen=True)
class NearMiss:
    """The best partial match at one place of the model."""

    place: ModelPlace
    """The model op the match was about."""
    rule: str
    """The rule that came closest."""
    rule_location: str
    """`file:line:col` of its header."""
    matched: int
    """Pattern nodes matched before the failure."""
    pattern_nodes: int
    """Nodes in the rule's pattern."""
    part: str
    """What failed: `sub-expression` or `guard`."""
    part_text: str
    """The `.qpat` text of what failed (first line if it spans several)."""
    part_location: str
    """Its `file:line:col`, or '' when the rule does not record it."""
    part_line: int
    """Its line number (0 when unknown)."""
    macro: str
    """The macro whose body holds the failed sub-expression, or ''."""
    reason: str
    """Why, in the engine's words (`op kind differs: ...`, `guard ... false with ...`)."""
    others: tuple[str, ...]
    """Other rules that partly matched at the same place."""

    def __str__(self) -> str:
        where = f" at {self.part_location}" if self.part_location else ""
        macro = f" of macro {self.macro}" if self.macro else ""
        others = f" [also partly matched: {', '.join(self.others)}]" if self.others else ""
        return (f"{self.place}: rule {self.rule} ({self.rule_location}) matched {self.matched} of "
                f"{self.pattern_nodes} pattern nodes; {self.part} `{self.part_text}`{macro}{where}: "
                f"{self.reason}{others}")


@dataclass(frozen=True)
class UnfusedChain:
    """Float ops left between a dequantize and a quantize."""

    kinds: tuple[str, ...]
    """`aten::dequantize`, the ops, `aten::quantize_per_tensor`."""
    place: ModelPlace
    """The first float op of the chain."""

    def __str__(self) -> str:
        return f"{' -> '.join(self.kinds)} at {self.place}"


@dataclass(frozen=True)
class Explanation:
    """The report of `explain_module`."""

    module: str
    """What was explained (the file name)."""
    quant_type: str
    """`static` or `dynamic`."""
    rule_count: int
    """Rules tried (prepack and the fusion stage of `quant_type`)."""
    fired: tuple[Firing, ...]
    """Rules that fired, in application order."""
    near_misses: tuple[NearMiss, ...]
    """One per place, in graph order of the stage and rule that first met the place."""
    unfused: tuple[UnfusedChain, ...]
    """Chains left unfused, in graph order."""
    hints: tuple[str, ...] = ()
    """Advice about the invocation itself (e.g. a dynamically quantized module explained as static)."""

    def format_text(self) -> str:
        lines = [f"explain {self.module} ({self.quant_type} quantization, {self.rule_count} rules tried)", ""]
        lines.extend(f"hint: {hint}" for hint in self.hints)
        if self.hints:
            lines.append("")
        total = sum(f.count for f in self.fired)
        lines.append(f"fired: {total} rewrite{'s' if total != 1 else ''} by {len(self.fired)} "
                     f"rule{'s' if len(self.fired) != 1 else ''}")
        for firing in self.fired:
            lines.append(f"  {firing.rule} x{firing.count} ({firing.stage}, {firing.rule_location})")
            lines.extend(f"      {place}" for place in dict.fromkeys(firing.places))
        lines += ["", f"near misses: {len(self.near_misses)}"]
        lines.extend(f"  {miss}" for miss in self.near_misses)
        lines += ["", f"unfused dequantize -> op -> quantize chains: {len(self.unfused)}"]
        lines.extend(f"  {chain}" for chain in self.unfused)
        return "\n".join(lines) + "\n"

    def format_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"
