"""Rules compiled by `qdsl compile` from the SOURCE file below; do not edit."""

SOURCE = 'patterns/fusion_dynamic.qpat'

RULES = (
{'name': 'linear_dynamic',
 'stage': 'fusion',
 'quant_type': 'dynamic',
 'pattern': 'graph(%a, %reduce_range, %a_dtype, %packed):\n'
            '  %a_scale : float, %a_zero_point : int = aten::_choose_qparams_per_tensor(%a, '
            '%reduce_range)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%a, %a_scale, %a_zero_point, '
            '%a_dtype)\n'
            '  %dequantize_out = aten::dequantize(%quantize_per_tensor_out)\n'
            '  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %linear_out = aten::linear(%dequantize_out, %dequantize_out_1, %b)\n'
            '  return (%linear_out)\n',
 'replacement': 'graph(%a, %reduce_range, %a_dtype, %packed):\n'
                '  %linear_dynamic_out = quantized::linear_dynamic(%a, %packed, %reduce_range)\n'
                '  return (%linear_dynamic_out)\n',
 'guard': None,
 'location': ('patterns/fusion_dynamic.qpat', 13, 6, 13, 20),
 'value_locations': (('a', ('patterns/fusion_dynamic.qpat', 16, 35, 16, 36)),
                     ('reduce_range', ('patterns/fusion_dynamic.qpat', 14, 59, 14, 71)),
                     ('a_scale', ('patterns/fusion_dynamic.qpat', 14, 29, 14, 72)),
                     ('a_zero_point', ('patterns/fusion_dynamic.qpat', 14, 29, 14, 72)),
                     ('a_dtype', ('patterns/fusion_dynamic.qpat', 16, 61, 16, 68)),
                     ('quantize_per_tensor_out', ('patterns/fusion_dynamic.qpat', 16, 15, 16, 69)),
                     ('dequantize_out', ('patterns/fusion_dynamic.qpat', 16, 12, 16, 70)),
                     ('packed', ('patterns/fusion_dynamic.qpat', 15, 37, 15, 43)),
                     ('w', ('patterns/fusion_dynamic.qpat', 15, 12, 15, 44)),
                     ('b', ('patterns/fusion_dynamic.qpat', 15, 12, 15, 44)),
                     ('dequantize_out_1', ('patterns/fusion_dynamic.qpat', 16, 72, 16, 77)),
                     ('linear_out', ('patterns/fusion_dynamic.qpat', 16, 5, 16, 81))),
 'family': 'linear_dynamic'},
{'name': 'linear_dynamic_fp16',
 'stage': 'fusion',
 'quant_type': 'dynamic',
 'pattern': 'graph(%a, %packed):\n'
            '  %w, %b : Tensor? = quantized::linear_unpack_fp16(%packed)\n'
            '  %linear_out = aten::linear(%a, %w, %b)\n'
            '  return (%linear_out)\n',
 'replacement': 'graph(%a, %packed):\n'
                '  %linear_dynamic_fp16_out = quantized::linear_dynamic_fp16(%a, %packed)\n'
                '  return (%linear_dynamic_fp16_out)\n',
 'guard': None,
 'location': ('patterns/fusion_dynamic.qpat', 19, 6, 19, 25),
 'value_locations': (('a', ('patterns/fusion_dynamic.qpat', 21, 12, 21, 13)),
                     ('packed', ('patterns/fusion_dynamic.qpat', 20, 42, 20, 48)),
                     ('w', ('patterns/fusion_dynamic.qpat', 20, 12, 20, 49)),
                     ('b', ('patterns/fusion_dynamic.qpat', 20, 12, 20, 49)),
                     ('linear_out', ('patterns/fusion_dynamic.qpat', 21, 5, 21, 20))),
 'family': 'linear_dynamic_fp16'},
{'name': 'linear_dynamic_float_input',
 'stage': 'fusion',
 'quant_type': 'dynamic',
 'pattern': 'graph(%a, %packed):\n'
            '  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n'
            '  %dequantize_out = aten::dequantize(%w)\n'
            '  %linear_out = aten::linear(%a, %dequantize_out, %b)\n'
            '  return (%linear_out)\n',
 'replacement': 'graph(%a, %packed):\n'
                '  %reduce_range : bool = prim::Constant[value=1]()\n'
                '  %linear_dynamic_out = quantized::linear_dynamic(%a, %packed, %reduce_range)\n'
                '  return (%linear_dynamic_out)\n',
 'guard': None,
 'location': ('patterns/fusion_dynamic.qpat', 26, 6, 26, 32),
 'value_locations': (('a', ('patterns/fusion_dynamic.qpat', 28, 12, 28, 13)),
                     ('packed', ('patterns/fusion_dynamic.qpat', 27, 37, 27, 43)),
                     ('w', ('patterns/fusion_dynamic.qpat', 27, 12, 27, 44)),
                     ('b', ('patterns/fusion_dynamic.qpat', 27, 12, 27, 44)),
                     ('dequantize_out', ('patterns/fusion_dynamic.qpat', 28, 15, 28, 20)),
                     ('linear_out', ('patterns/fusion_dynamic.qpat', 28, 5, 28, 24))),
 'family': 'linear_dynamic_float_input'},
)
