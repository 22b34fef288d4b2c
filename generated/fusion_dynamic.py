"""Rules compiled by `qdsl compile` from the SOURCE file below; do not edit."""

FORMAT = 3
QDSL_VERSION = '0.2.0'
TORCH_VERSION = '2.13.0'
SOURCE = 'patterns/fusion_dynamic.qpat'
SOURCE_SHA256 = '6d2c9e78828221d7757dcca7b5bc319fb4f405ce036a6d3c920bbf199c4f7c56'

RULES = (
    (
        'linear_dynamic',
        ('torchscript', ('fusion', 'dynamic')),
        (
            (
                ('a', 'Tensor', (16, 35, 16, 36)),
                ('reduce_range', 'bool', (14, 59, 14, 71)),
                ('a_dtype', 'int', (16, 61, 16, 68)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (15, 37, 15, 43)),
                ('a_scale', 'float', (14, 29, 14, 72)),
                ('a_zero_point', 'int', (14, 29, 14, 72)),
                ('quantize_per_tensor_out', 'Tensor', (16, 15, 16, 69)),
                ('dequantize_out', 'Tensor', (16, 12, 16, 70)),
                ('w', 'Tensor', (15, 12, 15, 44)),
                ('b', 'Tensor?', (15, 12, 15, 44)),
                ('dequantize_out_1', 'Tensor', (16, 72, 16, 77)),
                ('linear_out', 'Tensor', (16, 5, 16, 81)),
            ),
            (
                ('aten::_choose_qparams_per_tensor', '', (0, 1), (4, 5), (14, 29, 14, 72), ('self', 'reduce_range'), None, '', False),
                ('aten::quantize_per_tensor', '', (0, 4, 5, 2), (6,), (16, 15, 16, 69), ('self', 'scale', 'zero_point', 'dtype'), None, '', False),
                ('aten::dequantize', 'self', (6,), (7,), (16, 12, 16, 70), ('self',), None, '', False),
                ('quantized::linear_unpack', '', (3,), (8, 9), (15, 12, 15, 44), ('W_prepack',), None, '', False),
                ('aten::dequantize', 'self', (8,), (10,), (16, 72, 16, 77), ('self',), None, '', False),
                ('aten::linear', '', (7, 10, 9), (11,), (16, 5, 16, 81), ('input', 'weight', 'bias'), None, '', False),
            ),
            (0, 1, 2, 3),
            (11,),
        ),
        (
            (
                ('a', 'Tensor', (16, 35, 16, 36)),
                ('reduce_range', 'bool', (14, 59, 14, 71)),
                ('a_dtype', 'int', (16, 61, 16, 68)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (15, 37, 15, 43)),
                ('linear_dynamic_out', 'Tensor', (17, 8, 17, 58)),
            ),
            (
                ('quantized::linear_dynamic', '', (0, 3, 1), (4,), (17, 8, 17, 58), ('X', 'W_prepack', 'reduce_range'), None, '', False),
            ),
            (0, 1, 2, 3),
            (4,),
        ),
        None,
        (
            ('patterns/fusion_dynamic.qpat', 13, 6, 13, 20),
            'linear_dynamic',
            'rule linear_dynamic  # stage fusion dynamic, family linear_dynamic, at patterns/fusion_dynamic.qpat:13:6\n    a_scale, a_zero_point = aten::_choose_qparams_per_tensor(a, reduce_range)\n    w, b = quantized::linear_unpack(packed)\n    aten::linear(aten::dequantize(aten::quantize_per_tensor(a, a_scale, a_zero_point, a_dtype)), aten::dequantize(w), b)\n    -> quantized::linear_dynamic(a, packed, reduce_range)\n',
            '6d2c9e78828221d7757dcca7b5bc319fb4f405ce036a6d3c920bbf199c4f7c56',
        ),
        (),
        (
            (
                'torchscript.pattern',
                'graph(%a, %reduce_range, %a_dtype, %packed):\n  %a_scale : float, %a_zero_point : int = aten::_choose_qparams_per_tensor(%a, %reduce_range)\n  %quantize_per_tensor_out = aten::quantize_per_tensor(%a, %a_scale, %a_zero_point, %a_dtype)\n  %dequantize_out = aten::dequantize(%quantize_per_tensor_out)\n  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n  %dequantize_out_1 = aten::dequantize(%w)\n  %linear_out = aten::linear(%dequantize_out, %dequantize_out_1, %b)\n  return (%linear_out)\n',
            ),
            (
                'torchscript.replacement',
                'graph(%a, %reduce_range, %a_dtype, %packed):\n  %linear_dynamic_out = quantized::linear_dynamic(%a, %packed, %reduce_range)\n  return (%linear_dynamic_out)\n',
            ),
        ),
        (),
    ),
    (
        'linear_dynamic_fp16',
        ('torchscript', ('fusion', 'dynamic')),
        (
            (
                ('a', 'Tensor', (21, 12, 21, 13)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (20, 42, 20, 48)),
                ('w', 'Tensor', (20, 12, 20, 49)),
                ('b', 'Tensor?', (20, 12, 20, 49)),
                ('linear_out', 'Tensor', (21, 5, 21, 20)),
            ),
            (
                ('quantized::linear_unpack_fp16', '', (1,), (2, 3), (20, 12, 20, 49), ('W_prepack',), None, '', False),
                ('aten::linear', '', (0, 2, 3), (4,), (21, 5, 21, 20), ('input', 'weight', 'bias'), None, '', False),
            ),
            (0, 1),
            (4,),
        ),
        (
            (
                ('a', 'Tensor', (21, 12, 21, 13)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (20, 42, 20, 48)),
                ('linear_dynamic_fp16_out', 'Tensor', (22, 8, 22, 49)),
            ),
            (
                ('quantized::linear_dynamic_fp16', '', (0, 1), (2,), (22, 8, 22, 49), ('X', 'W_prepack'), None, '', False),
            ),
            (0, 1),
            (2,),
        ),
        None,
        (
            ('patterns/fusion_dynamic.qpat', 19, 6, 19, 25),
            'linear_dynamic_fp16',
            'rule linear_dynamic_fp16  # stage fusion dynamic, family linear_dynamic_fp16, at patterns/fusion_dynamic.qpat:19:6\n    w, b = quantized::linear_unpack_fp16(packed)\n    aten::linear(a, w, b)\n    -> quantized::linear_dynamic_fp16(a, packed)\n',
            '6d2c9e78828221d7757dcca7b5bc319fb4f405ce036a6d3c920bbf199c4f7c56',
        ),
        (),
        (
            (
                'torchscript.pattern',
                'graph(%a, %packed):\n  %w, %b : Tensor? = quantized::linear_unpack_fp16(%packed)\n  %linear_out = aten::linear(%a, %w, %b)\n  return (%linear_out)\n',
            ),
            (
                'torchscript.replacement',
                'graph(%a, %packed):\n  %linear_dynamic_fp16_out = quantized::linear_dynamic_fp16(%a, %packed)\n  return (%linear_dynamic_fp16_out)\n',
            ),
        ),
        (),
    ),
    (
        'linear_dynamic_float_input',
        ('torchscript', ('fusion', 'dynamic')),
        (
            (
                ('a', 'Tensor', (28, 12, 28, 13)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (27, 37, 27, 43)),
                ('w', 'Tensor', (27, 12, 27, 44)),
                ('b', 'Tensor?', (27, 12, 27, 44)),
                ('dequantize_out', 'Tensor', (28, 15, 28, 20)),
                ('linear_out', 'Tensor', (28, 5, 28, 24)),
            ),
            (
                ('quantized::linear_unpack', '', (1,), (2, 3), (27, 12, 27, 44), ('W_prepack',), None, '', False),
                ('aten::dequantize', 'self', (2,), (4,), (28, 15, 28, 20), ('self',), None, '', False),
                ('aten::linear', '', (0, 4, 3), (5,), (28, 5, 28, 24), ('input', 'weight', 'bias'), None, '', False),
            ),
            (0, 1),
            (5,),
        ),
        (
            (
                ('a', 'Tensor', (28, 12, 28, 13)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (27, 37, 27, 43)),
                ('reduce_range', 'bool', (29, 45, 29, 49)),
                ('linear_dynamic_out', 'Tensor', (29, 8, 29, 50)),
            ),
            (
                ('', '', (), (2,), (29, 45, 29, 49), (), ('bool', True), '', False),
                ('quantized::linear_dynamic', '', (0, 1, 2), (3,), (29, 8, 29, 50), ('X', 'W_prepack', 'reduce_range'), None, '', False),
            ),
            (0, 1),
            (3,),
        ),
        None,
        (
            ('patterns/fusion_dynamic.qpat', 26, 6, 26, 32),
            'linear_dynamic_float_input',
            'rule linear_dynamic_float_input  # stage fusion dynamic, family linear_dynamic_float_input, at patterns/fusion_dynamic.qpat:26:6\n    w, b = quantized::linear_unpack(packed)\n    aten::linear(a, aten::dequantize(w), b)\n    -> quantized::linear_dynamic(a, packed, true)\n',
            '6d2c9e78828221d7757dcca7b5bc319fb4f405ce036a6d3c920bbf199c4f7c56',
        ),
        (),
        (
            (
                'torchscript.pattern',
                'graph(%a, %packed):\n  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n  %dequantize_out = aten::dequantize(%w)\n  %linear_out = aten::linear(%a, %dequantize_out, %b)\n  return (%linear_out)\n',
            ),
            (
                'torchscript.replacement',
                'graph(%a, %packed):\n  %reduce_range : bool = prim::Constant[value=1]()\n  %linear_dynamic_out = quantized::linear_dynamic(%a, %packed, %reduce_range)\n  return (%linear_dynamic_out)\n',
            ),
        ),
        (),
    ),
)
