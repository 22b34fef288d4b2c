"""Rules compiled by `qdsl compile` from the SOURCE file below; do not edit."""

SOURCE = 'patterns/prepack.qpat'

RULES = (
{'name': 'linear_prepack_unpack',
 'stage': 'prepack',
 'quant_type': 'any',
 'pattern': 'graph(%a, %w, %b):\n'
            '  %dequantize_out = aten::dequantize(%w)\n'
            '  %linear_out = aten::linear(%a, %dequantize_out, %b)\n'
            '  return (%linear_out)\n',
 'replacement': 'graph(%a, %w, %b):\n'
                '  %packed : __torch__.torch.classes.quantized.LinearPackedParamsBase = '
                'quantized::linear_prepack(%w, %b)\n'
                '  %w_unpacked, %b_unpacked : Tensor? = quantized::linear_unpack(%packed)\n'
                '  %dequantize_out = aten::dequantize(%w_unpacked)\n'
                '  %linear_out = aten::linear(%a, %dequantize_out, %b_unpacked)\n'
                '  return (%linear_out)\n',
 'guard': None,
 'location': ('patterns/prepack.qpat', 16, 6, 16, 27),
 'value_locations': (('a', ('patterns/prepack.qpat', 17, 12, 17, 13)),
                     ('w', ('patterns/prepack.qpat', 17, 18, 17, 19)),
                     ('dequantize_out', ('patterns/prepack.qpat', 17, 15, 17, 20)),
                     ('b', ('patterns/prepack.qpat', 17, 22, 17, 23)),
                     ('linear_out', ('patterns/prepack.qpat', 17, 5, 17, 24))),
 'family': 'linear_prepack_unpack',
 'folds': ('quantized::linear_prepack',)},
{'name': 'linear_fp16_prepack_unpack',
 'stage': 'prepack',
 'quant_type': 'any',
 'pattern': 'graph(%a, %w, %b):\n'
            '  %_saturate_weight_to_fp16_out = aten::_saturate_weight_to_fp16(%w)\n'
            '  %linear_out = aten::linear(%a, %_saturate_weight_to_fp16_out, %b)\n'
            '  return (%linear_out)\n',
 'replacement': 'graph(%a, %w, %b):\n'
                '  %packed : __torch__.torch.classes.quantized.LinearPackedParamsBase = '
                'quantized::linear_prepack_fp16(%w, %b)\n'
                '  %w_unpacked, %b_unpacked : Tensor? = quantized::linear_unpack_fp16(%packed)\n'
                '  %linear_out = aten::linear(%a, %w_unpacked, %b_unpacked)\n'
                '  return (%linear_out)\n',
 'guard': None,
 'location': ('patterns/prepack.qpat', 23, 6, 23, 32),
 'value_locations': (('a', ('patterns/prepack.qpat', 24, 12, 24, 13)),
                     ('w', ('patterns/prepack.qpat', 24, 40, 24, 41)),
                     ('_saturate_weight_to_fp16_out', ('patterns/prepack.qpat', 24, 15, 24, 42)),
                     ('b', ('patterns/prepack.qpat', 24, 44, 24, 45)),
                     ('linear_out', ('patterns/prepack.qpat', 24, 5, 24, 46))),
 'family': 'linear_fp16_prepack_unpack'},
{'name': 'conv1d_prepack_unpack',
 'stage': 'prepack',
 'quant_type': 'any',
 'pattern': 'graph(%a, %w, %b, %stride, %padding, %dilation, %groups):\n'
            '  %dequantize_out = aten::dequantize(%w)\n'
            '  %conv1d_out = aten::conv1d(%a, %dequantize_out, %b, %stride, %padding, %dilation, '
            '%groups)\n'
            '  return (%conv1d_out)\n',
 'replacement': 'graph(%a, %w, %b, %stride, %padding, %dilation, %groups):\n'
                '  %packed : __torch__.torch.classes.quantized.Conv2dPackedParamsBase = '
                'quantized::conv1d_prepack(%w, %b, %stride, %padding, %dilation, %groups)\n'
                '  %w_unpacked, %b_unpacked : Tensor? = quantized::conv1d_unpack(%packed)\n'
                '  %dequantize_out = aten::dequantize(%w_unpacked)\n'
                '  %conv1d_out = aten::conv1d(%a, %dequantize_out, %b_unpacked, %stride, %padding, '
                '%dilation, %groups)\n'
                '  return (%conv1d_out)\n',
 'guard': None,
 'location': ('patterns/prepack.qpat', 29, 6, 29, 28),
 'value_locations': (('a', ('patterns/prepack.qpat', 30, 13, 30, 14)),
                     ('w', ('patterns/prepack.qpat', 30, 19, 30, 20)),
                     ('dequantize_out', ('patterns/prepack.qpat', 30, 16, 30, 21)),
                     ('b', ('patterns/prepack.qpat', 30, 23, 30, 24)),
                     ('stride', ('patterns/prepack.qpat', 30, 26, 30, 32)),
                     ('padding', ('patterns/prepack.qpat', 30, 34, 30, 41)),
                     ('dilation', ('patterns/prepack.qpat', 30, 43, 30, 51)),
                     ('groups', ('patterns/prepack.qpat', 30, 53, 30, 59)),
                     ('conv1d_out', ('patterns/prepack.qpat', 30, 5, 30, 60))),
 'family': 'conv{d}_prepack_unpack',
 'folds': ('quantized::conv1d_prepack',)},
{'name': 'conv2d_prepack_unpack',
 'stage': 'prepack',
 'quant_type': 'any',
 'pattern': 'graph(%a, %w, %b, %stride, %padding, %dilation, %groups):\n'
            '  %dequantize_out = aten::dequantize(%w)\n'
            '  %conv2d_out = aten::conv2d(%a, %dequantize_out, %b, %stride, %padding, %dilation, '
            '%groups)\n'
            '  return (%conv2d_out)\n',
 'replacement': 'graph(%a, %w, %b, %stride, %padding, %dilation, %groups):\n'
                '  %packed : __torch__.torch.classes.quantized.Conv2dPackedParamsBase = '
                'quantized::conv2d_prepack(%w, %b, %stride, %padding, %dilation, %groups)\n'
                '  %w_unpacked, %b_unpacked : Tensor? = quantized::conv2d_unpack(%packed)\n'
                '  %dequantize_out = aten::dequantize(%w_unpacked)\n'
                '  %conv2d_out = aten::conv2d(%a, %dequantize_out, %b_unpacked, %stride, %padding, '
                '%dilation, %groups)\n'
                '  return (%conv2d_out)\n',
 'guard': None,
 'location': ('patterns/prepack.qpat', 29, 6, 29, 28),
 'value_locations': (('a', ('patterns/prepack.qpat', 30, 13, 30, 14)),
                     ('w', ('patterns/prepack.qpat', 30, 19, 30, 20)),
                     ('dequantize_out', ('patterns/prepack.qpat', 30, 16, 30, 21)),
                     ('b', ('patterns/prepack.qpat', 30, 23, 30, 24)),
                     ('stride', ('patterns/prepack.qpat', 30, 26, 30, 32)),
                     ('padding', ('patterns/prepack.qpat', 30, 34, 30, 41)),
                     ('dilation', ('patterns/prepack.qpat', 30, 43, 30, 51)),
                     ('groups', ('patterns/prepack.qpat', 30, 53, 30, 59)),
                     ('conv2d_out', ('patterns/prepack.qpat', 30, 5, 30, 60))),
 'family': 'conv{d}_prepack_unpack',
 'folds': ('quantized::conv2d_prepack',)},
{'name': 'conv3d_prepack_unpack',
 'stage': 'prepack',
 'quant_type': 'any',
 'pattern': 'graph(%a, %w, %b, %stride, %padding, %dilation, %groups):\n'
            '  %dequantize_out = aten::dequantize(%w)\n'
            '  %conv3d_out = aten::conv3d(%a, %dequantize_out, %b, %stride, %padding, %dilation, '
            '%groups)\n'
            '  return (%conv3d_out)\n',
 'replacement': 'graph(%a, %w, %b, %stride, %padding, %dilation, %groups):\n'
                '  %packed : __torch__.torch.classes.quantized.Conv3dPackedParamsBase = '
                'quantized::conv3d_prepack(%w, %b, %stride, %padding, %dilation, %groups)\n'
                '  %w_unpacked, %b_unpacked : Tensor? = quantized::conv3d_unpack(%packed)\n'
                '  %dequantize_out = aten::dequantize(%w_unpacked)\n'
                '  %conv3d_out = aten::conv3d(%a, %dequantize_out, %b_unpacked, %stride, %padding, '
                '%dilation, %groups)\n'
                '  return (%conv3d_out)\n',
 'guard': None,
 'location': ('patterns/prepack.qpat', 29, 6, 29, 28),
 'value_locations': (('a', ('patterns/prepack.qpat', 30, 13, 30, 14)),
                     ('w', ('patterns/prepack.qpat', 30, 19, 30, 20)),
                     ('dequantize_out', ('patterns/prepack.qpat', 30, 16, 30, 21)),
                     ('b', ('patterns/prepack.qpat', 30, 23, 30, 24)),
                     ('stride', ('patterns/prepack.qpat', 30, 26, 30, 32)),
                     ('padding', ('patterns/prepack.qpat', 30, 34, 30, 41)),
                     ('dilation', ('patterns/prepack.qpat', 30, 43, 30, 51)),
                     ('groups', ('patterns/prepack.qpat', 30, 53, 30, 59)),
                     ('conv3d_out', ('patterns/prepack.qpat', 30, 5, 30, 60))),
 'family': 'conv{d}_prepack_unpack',
 'folds': ('quantized::conv3d_prepack',)},
{'name': 'conv_transpose1d_prepack_unpack',
 'stage': 'prepack',
 'quant_type': 'any',
 'pattern': 'graph(%a, %w, %b, %stride, %padding, %output_padding, %groups, %dilation):\n'
            '  %dequantize_out = aten::dequantize(%w)\n'
            '  %conv_transpose1d_out = aten::conv_transpose1d(%a, %dequantize_out, %b, %stride, '
            '%padding, %output_padding, %groups, %dilation)\n'
            '  return (%conv_transpose1d_out)\n',
 'replacement': 'graph(%a, %w, %b, %stride, %padding, %output_padding, %groups, %dilation):\n'
                '  %packed : __torch__.torch.classes.quantized.Conv2dPackedParamsBase = '
                'quantized::conv_transpose1d_prepack(%w, %b, %stride, %padding, %output_padding, '
                '%dilation, %groups)\n'
                '  %w_unpacked, %b_unpacked : Tensor? = '
                'quantized::conv_transpose1d_unpack(%packed)\n'
                '  %dequantize_out = aten::dequantize(%w_unpacked)\n'
                '  %conv_transpose1d_out = aten::conv_transpose1d(%a, %dequantize_out, '
                '%b_unpacked, %stride, %padding, %output_padding, %groups, %dilation)\n'
                '  return (%conv_transpose1d_out)\n',
 'guard': None,
 'location': ('patterns/prepack.qpat', 37, 6, 37, 38),
 'value_locations': (('a', ('patterns/prepack.qpat', 38, 23, 38, 24)),
                     ('w', ('patterns/prepack.qpat', 38, 29, 38, 30)),
                     ('dequantize_out', ('patterns/prepack.qpat', 38, 26, 38, 31)),
                     ('b', ('patterns/prepack.qpat', 38, 33, 38, 34)),
                     ('stride', ('patterns/prepack.qpat', 38, 36, 38, 42)),
                     ('padding', ('patterns/prepack.qpat', 38, 44, 38, 51)),
                     ('output_padding', ('patterns/prepack.qpat', 38, 53, 38, 67)),
                     ('groups', ('patterns/prepack.qpat', 38, 69, 38, 75)),
                     ('dilation', ('patterns/prepack.qpat', 38, 77, 38, 85)),
                     ('conv_transpose1d_out', ('patterns/prepack.qpat', 38, 5, 38, 86))),
 'family': 'conv_transpose{d}_prepack_unpack',
 'folds': ('quantized::conv_transpose1d_prepack',)},
{'name': 'conv_transpose2d_prepack_unpack',
 'stage': 'prepack',
 'quant_type': 'any',
 'pattern': 'graph(%a, %w, %b, %stride, %padding, %output_padding, %groups, %dilation):\n'
            '  %dequantize_out = aten::dequantize(%w)\n'
            '  %conv_transpose2d_out = aten::conv_transpose2d(%a, %dequantize_out, %b, %stride, '
            '%padding, %output_padding, %groups, %dilation)\n'
            '  return (%conv_transpose2d_out)\n',
 'replacement': 'graph(%a, %w, %b, %stride, %padding, %output_padding, %groups, %dilation):\n'
                '  %packed : __torch__.torch.classes.quantized.Conv2dPackedParamsBase = '
                'quantized::conv_transpose2d_prepack(%w, %b, %stride, %padding, %output_padding, '
                '%dilation, %groups)\n'
                '  %w_unpacked, %b_unpacked : Tensor? = '
                'quantized::conv_transpose2d_unpack(%packed)\n'
                '  %dequantize_out = aten::dequantize(%w_unpacked)\n'
                '  %conv_transpose2d_out = aten::conv_transpose2d(%a, %dequantize_out, '
                '%b_unpacked, %stride, %padding, %output_padding, %groups, %dilation)\n'
                '  return (%conv_transpose2d_out)\n',
 'guard': None,
 'location': ('patterns/prepack.qpat', 37, 6, 37, 38),
 'value_locations': (('a', ('patterns/prepack.qpat', 38, 23, 38, 24)),
                     ('w', ('patterns/prepack.qpat', 38, 29, 38, 30)),
                     ('dequantize_out', ('patterns/prepack.qpat', 38, 26, 38, 31)),
                     ('b', ('patterns/prepack.qpat', 38, 33, 38, 34)),
                     ('stride', ('patterns/prepack.qpat', 38, 36, 38, 42)),
                     ('padding', ('patterns/prepack.qpat', 38, 44, 38, 51)),
                     ('output_padding', ('patterns/prepack.qpat', 38, 53, 38, 67)),
                     ('groups', ('patterns/prepack.qpat', 38, 69, 38, 75)),
                     ('dilation', ('patterns/prepack.qpat', 38, 77, 38, 85)),
                     ('conv_transpose2d_out', ('patterns/prepack.qpat', 38, 5, 38, 86))),
 'family': 'conv_transpose{d}_prepack_unpack',
 'folds': ('quantized::conv_transpose2d_prepack',)},
)
