"""The one place the PT2E backend reaches into torch's private API.

Each function names what it relies on, so a torch upgrade that moves something breaks
here and nowhere else.
"""

from __future__ import annotations

import logging
from typing import Any, Sequence

import torch


def schema_of(target: Any):
    """The `torch._C.FunctionSchema` of an ATen-style operator overload, or None for any
    other call target (a Python function such as `operator.getitem`)."""
    if isinstance(target, torch._ops.OpOverload):
        return target._schema
    return None


def op_overload(op: str, overload: str):
    """`torch.ops.<ns>.<name>.<overload>` for `ns::name` ('' = the default overload), or None."""
    namespace, _, name = op.partition("::")
    try:
        packet = getattr(getattr(torch.ops, namespace), name)
        return getattr(packet, overload or "default")
    except (AttributeError, RuntimeError):
        return None


def qualified_name(target: Any) -> str:
    """`ns::name.overload` of an operator overload (`.default` left out); else the
    target's Python name."""
    schema = schema_of(target)
    if schema is None:
        return getattr(target, "__name__", str(target))
    return schema.name + (f".{schema.overload_name}" if schema.overload_name else "")


def version(tensor: torch.Tensor) -> int:
    """The tensor's version counter: bumped by every in-place write (`load_state_dict`)."""
    return tensor._version


def is_observer(module: Any) -> bool:
    """Whether `module` is an observer or fake-quantize module, as `prepare_pt2e` and
    `prepare_qat_pt2e` insert (torchao's or torch.ao's classes, which share no base class):
    both define `calculate_qparams`, which `convert_pt2e` calls."""
    return isinstance(module, torch.nn.Module) and callable(getattr(module, "calculate_qparams", None))


def attribute_at(module: torch.nn.Module, target: str, missing: Any = None) -> Any:
    """The attribute a `get_attr` or `call_module` node names (a dotted path from `module`),
    or `missing` when the module has none there."""
    value: Any = module
    for name in target.split("."):
        value = getattr(value, name, missing)
        if value is missing:
            return missing
    return value


def propagate_fake_values(module: torch.fx.GraphModule, example_inputs: Sequence[Any] | None) -> None:
    """Give every node of `module` a `meta["val"]` (a fake tensor) by running the graph in a
    fake mode: `convert_pt2e`'s quantize/dequantize nodes have none. The placeholders' own
    fake values are used when the graph has them (an exported graph: its symbolic shapes
    stay), else fakes of `example_inputs`."""
    from torch._subclasses.fake_tensor import FakeTensor, FakeTensorMode
    from torch.fx.passes.fake_tensor_prop import FakeTensorProp

    placeholders = [node for node in module.graph.nodes if node.op == "placeholder"]
    values = [node.meta.get("val") for node in placeholders]
    if values and all(isinstance(value, FakeTensor) for value in values):
        mode = values[0].fake_mode
        with _allowing_real_constants(mode):
            FakeTensorProp(module, mode).propagate_dont_convert_inputs(*values)
    elif example_inputs is not None:
        FakeTensorProp(module, FakeTensorMode(allow_non_fake_inputs=True)).propagate(*example_inputs)


class _allowing_real_constants:
    """Lets `mode` take the module's real weights (get_attr) as inputs, as export's own does."""

    def __init__(self, mode):
        self.mode = mode

    def __enter__(self):
        self.saved = self.mode.allow_non_fake_inputs
        self.mode.allow_non_fake_inputs = True

    def __exit__(self, *exc):
        self.mode.allow_non_fake_inputs = self.saved


def load_program(path: str) -> torch.export.ExportedProgram:
    """`torch.export.load` of the file at `path`, without the traceback torch logs when it
    fails: torch logs the cause ("Ran into the following error when deserializing"), then
    raises an error that only points at the log. That cause is raised instead, as a
    `ProgramLoadError`; what torch logs otherwise reaches its loggers as usual. The file is
    passed open, so torch does not warn about a name without `.pt2`."""
    # torch.export and its submodules log to this logger, which torch gives a handler of
    # its own; the collecting handler stands in for its handlers while loading.
    logger = logging.getLogger("torch.export")
    records: list[logging.LogRecord] = []
    handlers, propagate = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [_Collecting(records)], False
    try:
        with open(path, "rb") as file:
            return torch.export.load(file)
    except Exception as error:
        causes = [record.exc_info[1] for record in records if record.exc_info and record.exc_info[1] is not None]
        raise ProgramLoadError(causes[-1] if causes else error) from None
    finally:
        logger.handlers, logger.propagate = handlers, propagate
        for record in records:
            if not record.exc_info:
                logging.getLogger(record.name).handle(record)


class ProgramLoadError(Exception):
    """Why `torch.export.load` could not load a file: the text of torch's own error."""

    def __init__(self, cause: BaseException):
        super().__init__(str(cause).strip() or type(cause).__name__)


class _Collecting(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]):
        super().__init__(logging.NOTSET)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
