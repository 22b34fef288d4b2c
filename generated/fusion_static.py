"""Rules compiled by `qdsl compile` from the SOURCE file below; do not edit."""

SOURCE = 'patterns/fusion_static.qpat'

RULES = (
{'name': 'conv1d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv1d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv1d_out = aten::conv1d(%dequantize_out, %dequantize_out_1, %b, %stride, '
            '%padding, %dilation, %groups)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%conv1d_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
                '%dtype):\n'
                '  %conv1d_out = quantized::conv1d(%a, %packed, %scale, %zero_point)\n'
                '  return (%conv1d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 29, 6, 29, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 31, 22, 31, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 31, 19, 31, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 30, 38, 30, 44)),
                     ('w', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('b', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 31, 26, 31, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 31, 36, 31, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 31, 44, 31, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 31, 53, 31, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 31, 63, 31, 69)),
                     ('conv1d_out', ('patterns/fusion_static.qpat', 31, 11, 31, 70)),
                     ('scale', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 31, 5, 31, 72))),
 'family': 'conv{d}{act:_}{act}'},
{'name': 'conv1d_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv1d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv1d_out = aten::conv1d(%dequantize_out, %dequantize_out_1, %b, %stride, '
            '%padding, %dilation, %groups)\n'
            '  %relu_out = aten::relu(%conv1d_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
                '%dtype):\n'
                '  %conv1d_relu_out = quantized::conv1d_relu(%a, %packed, %scale, %zero_point)\n'
                '  return (%conv1d_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 29, 6, 29, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 31, 22, 31, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 31, 19, 31, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 30, 38, 30, 44)),
                     ('w', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('b', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 31, 26, 31, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 31, 36, 31, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 31, 44, 31, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 31, 53, 31, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 31, 63, 31, 69)),
                     ('conv1d_out', ('patterns/fusion_static.qpat', 31, 11, 31, 70)),
                     ('relu_out', ('patterns/fusion_static.qpat', 31, 7, 31, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 31, 5, 31, 72))),
 'family': 'conv{d}{act:_}{act}'},
{'name': 'conv1d_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv1d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv1d_out = aten::conv1d(%dequantize_out, %dequantize_out_1, %b, %stride, '
            '%padding, %dilation, %groups)\n'
            '  %relu__out = aten::relu_(%conv1d_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
                '%dtype):\n'
                '  %conv1d_relu_out = quantized::conv1d_relu(%a, %packed, %scale, %zero_point)\n'
                '  return (%conv1d_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 29, 6, 29, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 31, 22, 31, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 31, 19, 31, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 30, 38, 30, 44)),
                     ('w', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('b', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 31, 26, 31, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 31, 36, 31, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 31, 44, 31, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 31, 53, 31, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 31, 63, 31, 69)),
                     ('conv1d_out', ('patterns/fusion_static.qpat', 31, 11, 31, 70)),
                     ('relu__out', ('patterns/fusion_static.qpat', 31, 7, 31, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 31, 5, 31, 72))),
 'family': 'conv{d}{act:_}{act}'},
{'name': 'conv2d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv2d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv2d_out = aten::conv2d(%dequantize_out, %dequantize_out_1, %b, %stride, '
            '%padding, %dilation, %groups)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%conv2d_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
                '%dtype):\n'
                '  %conv2d_out = quantized::conv2d(%a, %packed, %scale, %zero_point)\n'
                '  return (%conv2d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 29, 6, 29, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 31, 22, 31, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 31, 19, 31, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 30, 38, 30, 44)),
                     ('w', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('b', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 31, 26, 31, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 31, 36, 31, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 31, 44, 31, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 31, 53, 31, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 31, 63, 31, 69)),
                     ('conv2d_out', ('patterns/fusion_static.qpat', 31, 11, 31, 70)),
                     ('scale', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 31, 5, 31, 72))),
 'family': 'conv{d}{act:_}{act}'},
{'name': 'conv2d_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv2d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv2d_out = aten::conv2d(%dequantize_out, %dequantize_out_1, %b, %stride, '
            '%padding, %dilation, %groups)\n'
            '  %relu_out = aten::relu(%conv2d_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
                '%dtype):\n'
                '  %conv2d_relu_out = quantized::conv2d_relu(%a, %packed, %scale, %zero_point)\n'
                '  return (%conv2d_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 29, 6, 29, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 31, 22, 31, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 31, 19, 31, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 30, 38, 30, 44)),
                     ('w', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('b', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 31, 26, 31, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 31, 36, 31, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 31, 44, 31, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 31, 53, 31, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 31, 63, 31, 69)),
                     ('conv2d_out', ('patterns/fusion_static.qpat', 31, 11, 31, 70)),
                     ('relu_out', ('patterns/fusion_static.qpat', 31, 7, 31, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 31, 5, 31, 72))),
 'family': 'conv{d}{act:_}{act}'},
{'name': 'conv2d_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv2d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv2d_out = aten::conv2d(%dequantize_out, %dequantize_out_1, %b, %stride, '
            '%padding, %dilation, %groups)\n'
            '  %relu__out = aten::relu_(%conv2d_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
                '%dtype):\n'
                '  %conv2d_relu_out = quantized::conv2d_relu(%a, %packed, %scale, %zero_point)\n'
                '  return (%conv2d_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 29, 6, 29, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 31, 22, 31, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 31, 19, 31, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 30, 38, 30, 44)),
                     ('w', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('b', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 31, 26, 31, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 31, 36, 31, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 31, 44, 31, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 31, 53, 31, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 31, 63, 31, 69)),
                     ('conv2d_out', ('patterns/fusion_static.qpat', 31, 11, 31, 70)),
                     ('relu__out', ('patterns/fusion_static.qpat', 31, 7, 31, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 31, 5, 31, 72))),
 'family': 'conv{d}{act:_}{act}'},
{'name': 'conv3d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv3d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv3d_out = aten::conv3d(%dequantize_out, %dequantize_out_1, %b, %stride, '
            '%padding, %dilation, %groups)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%conv3d_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
                '%dtype):\n'
                '  %conv3d_out = quantized::conv3d(%a, %packed, %scale, %zero_point)\n'
                '  return (%conv3d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 29, 6, 29, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 31, 22, 31, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 31, 19, 31, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 30, 38, 30, 44)),
                     ('w', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('b', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 31, 26, 31, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 31, 36, 31, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 31, 44, 31, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 31, 53, 31, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 31, 63, 31, 69)),
                     ('conv3d_out', ('patterns/fusion_static.qpat', 31, 11, 31, 70)),
                     ('scale', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 31, 5, 31, 72))),
 'family': 'conv{d}{act:_}{act}'},
{'name': 'conv3d_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv3d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv3d_out = aten::conv3d(%dequantize_out, %dequantize_out_1, %b, %stride, '
            '%padding, %dilation, %groups)\n'
            '  %relu_out = aten::relu(%conv3d_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
                '%dtype):\n'
                '  %conv3d_relu_out = quantized::conv3d_relu(%a, %packed, %scale, %zero_point)\n'
                '  return (%conv3d_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 29, 6, 29, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 31, 22, 31, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 31, 19, 31, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 30, 38, 30, 44)),
                     ('w', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('b', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 31, 26, 31, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 31, 36, 31, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 31, 44, 31, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 31, 53, 31, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 31, 63, 31, 69)),
                     ('conv3d_out', ('patterns/fusion_static.qpat', 31, 11, 31, 70)),
                     ('relu_out', ('patterns/fusion_static.qpat', 31, 7, 31, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 31, 5, 31, 72))),
 'family': 'conv{d}{act:_}{act}'},
{'name': 'conv3d_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv3d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv3d_out = aten::conv3d(%dequantize_out, %dequantize_out_1, %b, %stride, '
            '%padding, %dilation, %groups)\n'
            '  %relu__out = aten::relu_(%conv3d_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %dilation, %groups, %scale, %zero_point, '
                '%dtype):\n'
                '  %conv3d_relu_out = quantized::conv3d_relu(%a, %packed, %scale, %zero_point)\n'
                '  return (%conv3d_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 29, 6, 29, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 31, 22, 31, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 31, 19, 31, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 30, 38, 30, 44)),
                     ('w', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('b', ('patterns/fusion_static.qpat', 30, 12, 30, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 31, 26, 31, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 31, 36, 31, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 31, 44, 31, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 31, 53, 31, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 31, 63, 31, 69)),
                     ('conv3d_out', ('patterns/fusion_static.qpat', 31, 11, 31, 70)),
                     ('relu__out', ('patterns/fusion_static.qpat', 31, 7, 31, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 31, 5, 31, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 31, 5, 31, 72))),
 'family': 'conv{d}{act:_}{act}'},
{'name': 'conv_transpose1d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %output_padding, %groups, %dilation, %scale, '
            '%zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv_transpose1d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv_transpose1d_out = aten::conv_transpose1d(%dequantize_out, %dequantize_out_1, '
            '%b, %stride, %padding, %output_padding, %groups, %dilation)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%conv_transpose1d_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %output_padding, %groups, %dilation, '
                '%scale, %zero_point, %dtype):\n'
                '  %conv_transpose1d_out = quantized::conv_transpose1d(%a, %packed, %scale, '
                '%zero_point)\n'
                '  return (%conv_transpose1d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 34, 6, 34, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 36, 28, 36, 29)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 36, 25, 36, 30)),
                     ('packed', ('patterns/fusion_static.qpat', 35, 48, 35, 54)),
                     ('w', ('patterns/fusion_static.qpat', 35, 12, 35, 55)),
                     ('b', ('patterns/fusion_static.qpat', 35, 12, 35, 55)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 36, 32, 36, 37)),
                     ('stride', ('patterns/fusion_static.qpat', 36, 42, 36, 48)),
                     ('padding', ('patterns/fusion_static.qpat', 36, 50, 36, 57)),
                     ('output_padding', ('patterns/fusion_static.qpat', 36, 59, 36, 73)),
                     ('groups', ('patterns/fusion_static.qpat', 36, 75, 36, 81)),
                     ('dilation', ('patterns/fusion_static.qpat', 36, 83, 36, 91)),
                     ('conv_transpose1d_out', ('patterns/fusion_static.qpat', 36, 7, 36, 92)),
                     ('scale', ('patterns/fusion_static.qpat', 36, 5, 36, 93)),
                     ('zero_point', ('patterns/fusion_static.qpat', 36, 5, 36, 93)),
                     ('dtype', ('patterns/fusion_static.qpat', 36, 5, 36, 93)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 36, 5, 36, 93))),
 'family': 'conv_transpose{d}'},
{'name': 'conv_transpose2d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %stride, %padding, %output_padding, %groups, %dilation, %scale, '
            '%zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::conv_transpose2d_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %conv_transpose2d_out = aten::conv_transpose2d(%dequantize_out, %dequantize_out_1, '
            '%b, %stride, %padding, %output_padding, %groups, %dilation)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%conv_transpose2d_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %stride, %padding, %output_padding, %groups, %dilation, '
                '%scale, %zero_point, %dtype):\n'
                '  %conv_transpose2d_out = quantized::conv_transpose2d(%a, %packed, %scale, '
                '%zero_point)\n'
                '  return (%conv_transpose2d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 34, 6, 34, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 36, 28, 36, 29)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 36, 25, 36, 30)),
                     ('packed', ('patterns/fusion_static.qpat', 35, 48, 35, 54)),
                     ('w', ('patterns/fusion_static.qpat', 35, 12, 35, 55)),
                     ('b', ('patterns/fusion_static.qpat', 35, 12, 35, 55)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 36, 32, 36, 37)),
                     ('stride', ('patterns/fusion_static.qpat', 36, 42, 36, 48)),
                     ('padding', ('patterns/fusion_static.qpat', 36, 50, 36, 57)),
                     ('output_padding', ('patterns/fusion_static.qpat', 36, 59, 36, 73)),
                     ('groups', ('patterns/fusion_static.qpat', 36, 75, 36, 81)),
                     ('dilation', ('patterns/fusion_static.qpat', 36, 83, 36, 91)),
                     ('conv_transpose2d_out', ('patterns/fusion_static.qpat', 36, 7, 36, 92)),
                     ('scale', ('patterns/fusion_static.qpat', 36, 5, 36, 93)),
                     ('zero_point', ('patterns/fusion_static.qpat', 36, 5, 36, 93)),
                     ('dtype', ('patterns/fusion_static.qpat', 36, 5, 36, 93)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 36, 5, 36, 93))),
 'family': 'conv_transpose{d}'},
{'name': 'linear',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %linear_out = aten::linear(%dequantize_out, %dequantize_out_1, %b)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%linear_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %scale, %zero_point, %dtype):\n'
                '  %linear_out = quantized::linear(%a, %packed, %scale, %zero_point)\n'
                '  return (%linear_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 39, 6, 39, 24),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 41, 21, 41, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 41, 18, 41, 23)),
                     ('packed', ('patterns/fusion_static.qpat', 40, 37, 40, 43)),
                     ('w', ('patterns/fusion_static.qpat', 40, 12, 40, 44)),
                     ('b', ('patterns/fusion_static.qpat', 40, 12, 40, 44)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 41, 25, 41, 30)),
                     ('linear_out', ('patterns/fusion_static.qpat', 41, 11, 41, 34)),
                     ('scale', ('patterns/fusion_static.qpat', 41, 5, 41, 36)),
                     ('zero_point', ('patterns/fusion_static.qpat', 41, 5, 41, 36)),
                     ('dtype', ('patterns/fusion_static.qpat', 41, 5, 41, 36)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 41, 5, 41, 36))),
 'family': 'linear{act:_}{act}'},
{'name': 'linear_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %linear_out = aten::linear(%dequantize_out, %dequantize_out_1, %b)\n'
            '  %relu_out = aten::relu(%linear_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %scale, %zero_point, %dtype):\n'
                '  %linear_relu_out = quantized::linear_relu(%a, %packed, %scale, %zero_point)\n'
                '  return (%linear_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 39, 6, 39, 24),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 41, 21, 41, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 41, 18, 41, 23)),
                     ('packed', ('patterns/fusion_static.qpat', 40, 37, 40, 43)),
                     ('w', ('patterns/fusion_static.qpat', 40, 12, 40, 44)),
                     ('b', ('patterns/fusion_static.qpat', 40, 12, 40, 44)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 41, 25, 41, 30)),
                     ('linear_out', ('patterns/fusion_static.qpat', 41, 11, 41, 34)),
                     ('relu_out', ('patterns/fusion_static.qpat', 41, 7, 41, 35)),
                     ('scale', ('patterns/fusion_static.qpat', 41, 5, 41, 36)),
                     ('zero_point', ('patterns/fusion_static.qpat', 41, 5, 41, 36)),
                     ('dtype', ('patterns/fusion_static.qpat', 41, 5, 41, 36)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 41, 5, 41, 36))),
 'family': 'linear{act:_}{act}'},
{'name': 'linear_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %packed, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n'
            '  %dequantize_out_1 = aten::dequantize(%w)\n'
            '  %linear_out = aten::linear(%dequantize_out, %dequantize_out_1, %b)\n'
            '  %relu__out = aten::relu_(%linear_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %packed, %scale, %zero_point, %dtype):\n'
                '  %linear_relu_out = quantized::linear_relu(%a, %packed, %scale, %zero_point)\n'
                '  return (%linear_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 39, 6, 39, 24),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 41, 21, 41, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 41, 18, 41, 23)),
                     ('packed', ('patterns/fusion_static.qpat', 40, 37, 40, 43)),
                     ('w', ('patterns/fusion_static.qpat', 40, 12, 40, 44)),
                     ('b', ('patterns/fusion_static.qpat', 40, 12, 40, 44)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 41, 25, 41, 30)),
                     ('linear_out', ('patterns/fusion_static.qpat', 41, 11, 41, 34)),
                     ('relu__out', ('patterns/fusion_static.qpat', 41, 7, 41, 35)),
                     ('scale', ('patterns/fusion_static.qpat', 41, 5, 41, 36)),
                     ('zero_point', ('patterns/fusion_static.qpat', 41, 5, 41, 36)),
                     ('dtype', ('patterns/fusion_static.qpat', 41, 5, 41, 36)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 41, 5, 41, 36))),
 'family': 'linear{act:_}{act}'},
{'name': 'add_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %add_out = aten::add(%dequantize_out, %dequantize_out_1, %alpha)\n'
            '  %relu_out = aten::relu(%add_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
                '  %add_relu_out = quantized::add_relu(%a, %b, %scale, %zero_point)\n'
                '  return (%add_relu_out)\n',
 'guard': ('eq', 'alpha', 'int', 1),
 'location': ('patterns/fusion_static.qpat', 50, 6, 50, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 51, 19, 51, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 51, 16, 51, 21)),
                     ('b', ('patterns/fusion_static.qpat', 51, 26, 51, 27)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 51, 23, 51, 28)),
                     ('alpha', ('patterns/fusion_static.qpat', 51, 30, 51, 35)),
                     ('add_out', ('patterns/fusion_static.qpat', 51, 12, 51, 36)),
                     ('relu_out', ('patterns/fusion_static.qpat', 51, 7, 51, 37)),
                     ('scale', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('zero_point', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('dtype', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 51, 5, 51, 38))),
 'family': '{add}_{relu}'},
{'name': 'add_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %add_out = aten::add(%dequantize_out, %dequantize_out_1, %alpha)\n'
            '  %relu__out = aten::relu_(%add_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
                '  %add_relu_out = quantized::add_relu(%a, %b, %scale, %zero_point)\n'
                '  return (%add_relu_out)\n',
 'guard': ('eq', 'alpha', 'int', 1),
 'location': ('patterns/fusion_static.qpat', 50, 6, 50, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 51, 19, 51, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 51, 16, 51, 21)),
                     ('b', ('patterns/fusion_static.qpat', 51, 26, 51, 27)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 51, 23, 51, 28)),
                     ('alpha', ('patterns/fusion_static.qpat', 51, 30, 51, 35)),
                     ('add_out', ('patterns/fusion_static.qpat', 51, 12, 51, 36)),
                     ('relu__out', ('patterns/fusion_static.qpat', 51, 7, 51, 37)),
                     ('scale', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('zero_point', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('dtype', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 51, 5, 51, 38))),
 'family': '{add}_{relu}'},
{'name': 'add__relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %add__out = aten::add_(%dequantize_out, %dequantize_out_1, %alpha)\n'
            '  %relu_out = aten::relu(%add__out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
                '  %add_relu_out = quantized::add_relu(%a, %b, %scale, %zero_point)\n'
                '  return (%add_relu_out)\n',
 'guard': ('eq', 'alpha', 'int', 1),
 'location': ('patterns/fusion_static.qpat', 50, 6, 50, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 51, 19, 51, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 51, 16, 51, 21)),
                     ('b', ('patterns/fusion_static.qpat', 51, 26, 51, 27)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 51, 23, 51, 28)),
                     ('alpha', ('patterns/fusion_static.qpat', 51, 30, 51, 35)),
                     ('add__out', ('patterns/fusion_static.qpat', 51, 12, 51, 36)),
                     ('relu_out', ('patterns/fusion_static.qpat', 51, 7, 51, 37)),
                     ('scale', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('zero_point', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('dtype', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 51, 5, 51, 38))),
 'family': '{add}_{relu}'},
{'name': 'add__relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %add__out = aten::add_(%dequantize_out, %dequantize_out_1, %alpha)\n'
            '  %relu__out = aten::relu_(%add__out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
                '  %add_relu_out = quantized::add_relu(%a, %b, %scale, %zero_point)\n'
                '  return (%add_relu_out)\n',
 'guard': ('eq', 'alpha', 'int', 1),
 'location': ('patterns/fusion_static.qpat', 50, 6, 50, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 51, 19, 51, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 51, 16, 51, 21)),
                     ('b', ('patterns/fusion_static.qpat', 51, 26, 51, 27)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 51, 23, 51, 28)),
                     ('alpha', ('patterns/fusion_static.qpat', 51, 30, 51, 35)),
                     ('add__out', ('patterns/fusion_static.qpat', 51, 12, 51, 36)),
                     ('relu__out', ('patterns/fusion_static.qpat', 51, 7, 51, 37)),
                     ('scale', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('zero_point', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('dtype', ('patterns/fusion_static.qpat', 51, 5, 51, 38)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 51, 5, 51, 38))),
 'family': '{add}_{relu}'},
{'name': 'add_scalar',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar, %alpha):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %add_out = aten::add(%dequantize_out, %b_scalar, %alpha)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%add_out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b_scalar, %alpha):\n'
                '  %add_scalar_out = quantized::add_scalar(%a, %b_scalar)\n'
                '  return (%add_scalar_out)\n',
 'guard': ('and', ('eq', 'alpha', 'int', 1), ('pred', 'is_scalar', ('b_scalar',))),
 'location': ('patterns/fusion_static.qpat', 54, 6, 54, 16),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 55, 19, 55, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 55, 16, 55, 21)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 55, 23, 55, 31)),
                     ('alpha', ('patterns/fusion_static.qpat', 55, 33, 55, 38)),
                     ('add_out', ('patterns/fusion_static.qpat', 55, 12, 55, 39)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 55, 5, 55, 43))),
 'family': 'add_scalar'},
{'name': 'add_scalar_out',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar, %alpha):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %add__out = aten::add_(%dequantize_out, %b_scalar, %alpha)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%add__out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b_scalar, %alpha):\n'
                '  %add_scalar_out_out = quantized::add_scalar_out(%a, %b_scalar, %a)\n'
                '  return (%add_scalar_out_out)\n',
 'guard': ('and', ('eq', 'alpha', 'int', 1), ('pred', 'is_scalar', ('b_scalar',))),
 'location': ('patterns/fusion_static.qpat', 58, 6, 58, 20),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 59, 20, 59, 21)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 59, 17, 59, 22)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 59, 24, 59, 32)),
                     ('alpha', ('patterns/fusion_static.qpat', 59, 34, 59, 39)),
                     ('add__out', ('patterns/fusion_static.qpat', 59, 12, 59, 40)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 59, 5, 59, 44))),
 'family': 'add_scalar_out'},
{'name': 'add_scalar_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %add_scalar_out = quantized::add_scalar(%a, %b_scalar)\n'
            '  %relu_out = aten::relu(%add_scalar_out)\n'
            '  return (%relu_out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %add_scalar_relu_out = quantized::add_scalar_relu(%a, %b_scalar)\n'
                '  return (%add_scalar_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 63, 6, 63, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 64, 32, 64, 33)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 64, 35, 64, 43)),
                     ('add_scalar_out', ('patterns/fusion_static.qpat', 64, 10, 64, 44)),
                     ('relu_out', ('patterns/fusion_static.qpat', 64, 5, 64, 45))),
 'family': 'add_scalar_{relu}'},
{'name': 'add_scalar_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %add_scalar_out = quantized::add_scalar(%a, %b_scalar)\n'
            '  %relu__out = aten::relu_(%add_scalar_out)\n'
            '  return (%relu__out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %add_scalar_relu_out = quantized::add_scalar_relu(%a, %b_scalar)\n'
                '  return (%add_scalar_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 63, 6, 63, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 64, 32, 64, 33)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 64, 35, 64, 43)),
                     ('add_scalar_out', ('patterns/fusion_static.qpat', 64, 10, 64, 44)),
                     ('relu__out', ('patterns/fusion_static.qpat', 64, 5, 64, 45))),
 'family': 'add_scalar_{relu}'},
{'name': 'add_scalar_out_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %add_scalar_out_out = quantized::add_scalar_out(%a, %b_scalar, %a)\n'
            '  %relu_out = aten::relu(%add_scalar_out_out)\n'
            '  return (%relu_out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %add_scalar_relu_out_out = quantized::add_scalar_relu_out(%a, %b_scalar, %a)\n'
                '  return (%add_scalar_relu_out_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 67, 6, 67, 27),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 68, 36, 68, 37)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 68, 39, 68, 47)),
                     ('add_scalar_out_out', ('patterns/fusion_static.qpat', 68, 10, 68, 51)),
                     ('relu_out', ('patterns/fusion_static.qpat', 68, 5, 68, 52))),
 'family': 'add_scalar_out_{relu}'},
{'name': 'add_scalar_out_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %add_scalar_out_out = quantized::add_scalar_out(%a, %b_scalar, %a)\n'
            '  %relu__out = aten::relu_(%add_scalar_out_out)\n'
            '  return (%relu__out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %add_scalar_relu_out_out = quantized::add_scalar_relu_out(%a, %b_scalar, %a)\n'
                '  return (%add_scalar_relu_out_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 67, 6, 67, 27),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 68, 36, 68, 37)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 68, 39, 68, 47)),
                     ('add_scalar_out_out', ('patterns/fusion_static.qpat', 68, 10, 68, 51)),
                     ('relu__out', ('patterns/fusion_static.qpat', 68, 5, 68, 52))),
 'family': 'add_scalar_out_{relu}'},
{'name': 'add',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %add_out = aten::add(%dequantize_out, %dequantize_out_1, %alpha)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%add_out, %scale, %zero_point, '
            '%dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
                '  %add_out = quantized::add(%a, %b, %scale, %zero_point)\n'
                '  return (%add_out)\n',
 'guard': ('eq', 'alpha', 'int', 1),
 'location': ('patterns/fusion_static.qpat', 71, 6, 71, 11),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 72, 14, 72, 15)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 72, 11, 72, 16)),
                     ('b', ('patterns/fusion_static.qpat', 72, 21, 72, 22)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 72, 18, 72, 23)),
                     ('alpha', ('patterns/fusion_static.qpat', 72, 25, 72, 30)),
                     ('add_out', ('patterns/fusion_static.qpat', 72, 7, 72, 31)),
                     ('scale', ('patterns/fusion_static.qpat', 72, 5, 72, 32)),
                     ('zero_point', ('patterns/fusion_static.qpat', 72, 5, 72, 32)),
                     ('dtype', ('patterns/fusion_static.qpat', 72, 5, 72, 32)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 72, 5, 72, 32))),
 'family': '{add}'},
{'name': 'add_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %add__out = aten::add_(%dequantize_out, %dequantize_out_1, %alpha)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%add__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %alpha, %scale, %zero_point, %dtype):\n'
                '  %add_out = quantized::add(%a, %b, %scale, %zero_point)\n'
                '  return (%add_out)\n',
 'guard': ('eq', 'alpha', 'int', 1),
 'location': ('patterns/fusion_static.qpat', 71, 6, 71, 11),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 72, 14, 72, 15)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 72, 11, 72, 16)),
                     ('b', ('patterns/fusion_static.qpat', 72, 21, 72, 22)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 72, 18, 72, 23)),
                     ('alpha', ('patterns/fusion_static.qpat', 72, 25, 72, 30)),
                     ('add__out', ('patterns/fusion_static.qpat', 72, 7, 72, 31)),
                     ('scale', ('patterns/fusion_static.qpat', 72, 5, 72, 32)),
                     ('zero_point', ('patterns/fusion_static.qpat', 72, 5, 72, 32)),
                     ('dtype', ('patterns/fusion_static.qpat', 72, 5, 72, 32)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 72, 5, 72, 32))),
 'family': '{add}'},
{'name': 'cat',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%input, %dim, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%input)\n'
            '  %cat_out = aten::cat(%dequantize_out, %dim)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%cat_out, %scale, %zero_point, '
            '%dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%input, %dim, %scale, %zero_point, %dtype):\n'
                '  %cat_out = quantized::cat(%input, %dim, %scale, %zero_point)\n'
                '  return (%cat_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 77, 6, 77, 9),
 'value_locations': (('input', ('patterns/fusion_static.qpat', 78, 14, 78, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 78, 11, 78, 20)),
                     ('dim', ('patterns/fusion_static.qpat', 78, 22, 78, 25)),
                     ('cat_out', ('patterns/fusion_static.qpat', 78, 7, 78, 26)),
                     ('scale', ('patterns/fusion_static.qpat', 78, 5, 78, 27)),
                     ('zero_point', ('patterns/fusion_static.qpat', 78, 5, 78, 27)),
                     ('dtype', ('patterns/fusion_static.qpat', 78, 5, 78, 27)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 78, 5, 78, 27))),
 'family': 'cat'},
{'name': 'batch_norm',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %weight, %bias, %mean, %var, %training, %momentum, %eps, %cudnn_enabled, '
            '%scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %batch_norm_out = aten::batch_norm(%dequantize_out, %weight, %bias, %mean, %var, '
            '%training, %momentum, %eps, %cudnn_enabled)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%batch_norm_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %weight, %bias, %mean, %var, %training, %momentum, %eps, '
                '%cudnn_enabled, %scale, %zero_point, %dtype):\n'
                '  %batch_norm_out = quantized::batch_norm(%a, %weight, %bias, %mean, %var, %eps, '
                '%scale, %zero_point)\n'
                '  return (%batch_norm_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 82, 6, 82, 28),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 83, 25, 83, 26)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 83, 22, 83, 27)),
                     ('weight', ('patterns/fusion_static.qpat', 83, 29, 83, 35)),
                     ('bias', ('patterns/fusion_static.qpat', 83, 37, 83, 41)),
                     ('mean', ('patterns/fusion_static.qpat', 83, 43, 83, 47)),
                     ('var', ('patterns/fusion_static.qpat', 83, 49, 83, 52)),
                     ('training', ('patterns/fusion_static.qpat', 83, 54, 83, 62)),
                     ('momentum', ('patterns/fusion_static.qpat', 83, 64, 83, 72)),
                     ('eps', ('patterns/fusion_static.qpat', 83, 74, 83, 77)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 83, 79, 83, 92)),
                     ('batch_norm_out', ('patterns/fusion_static.qpat', 83, 11, 83, 93)),
                     ('scale', ('patterns/fusion_static.qpat', 83, 5, 83, 95)),
                     ('zero_point', ('patterns/fusion_static.qpat', 83, 5, 83, 95)),
                     ('dtype', ('patterns/fusion_static.qpat', 83, 5, 83, 95)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 83, 5, 83, 95))),
 'family': 'batch_norm{act:_}{act}'},
{'name': 'batch_norm_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %weight, %bias, %mean, %var, %training, %momentum, %eps, %cudnn_enabled, '
            '%scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %batch_norm_out = aten::batch_norm(%dequantize_out, %weight, %bias, %mean, %var, '
            '%training, %momentum, %eps, %cudnn_enabled)\n'
            '  %relu_out = aten::relu(%batch_norm_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %weight, %bias, %mean, %var, %training, %momentum, %eps, '
                '%cudnn_enabled, %scale, %zero_point, %dtype):\n'
                '  %batch_norm_relu_out = quantized::batch_norm_relu(%a, %weight, %bias, %mean, '
                '%var, %eps, %scale, %zero_point)\n'
                '  return (%batch_norm_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 82, 6, 82, 28),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 83, 25, 83, 26)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 83, 22, 83, 27)),
                     ('weight', ('patterns/fusion_static.qpat', 83, 29, 83, 35)),
                     ('bias', ('patterns/fusion_static.qpat', 83, 37, 83, 41)),
                     ('mean', ('patterns/fusion_static.qpat', 83, 43, 83, 47)),
                     ('var', ('patterns/fusion_static.qpat', 83, 49, 83, 52)),
                     ('training', ('patterns/fusion_static.qpat', 83, 54, 83, 62)),
                     ('momentum', ('patterns/fusion_static.qpat', 83, 64, 83, 72)),
                     ('eps', ('patterns/fusion_static.qpat', 83, 74, 83, 77)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 83, 79, 83, 92)),
                     ('batch_norm_out', ('patterns/fusion_static.qpat', 83, 11, 83, 93)),
                     ('relu_out', ('patterns/fusion_static.qpat', 83, 7, 83, 94)),
                     ('scale', ('patterns/fusion_static.qpat', 83, 5, 83, 95)),
                     ('zero_point', ('patterns/fusion_static.qpat', 83, 5, 83, 95)),
                     ('dtype', ('patterns/fusion_static.qpat', 83, 5, 83, 95)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 83, 5, 83, 95))),
 'family': 'batch_norm{act:_}{act}'},
{'name': 'batch_norm_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %weight, %bias, %mean, %var, %training, %momentum, %eps, %cudnn_enabled, '
            '%scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %batch_norm_out = aten::batch_norm(%dequantize_out, %weight, %bias, %mean, %var, '
            '%training, %momentum, %eps, %cudnn_enabled)\n'
            '  %relu__out = aten::relu_(%batch_norm_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %weight, %bias, %mean, %var, %training, %momentum, %eps, '
                '%cudnn_enabled, %scale, %zero_point, %dtype):\n'
                '  %batch_norm_relu_out = quantized::batch_norm_relu(%a, %weight, %bias, %mean, '
                '%var, %eps, %scale, %zero_point)\n'
                '  return (%batch_norm_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 82, 6, 82, 28),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 83, 25, 83, 26)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 83, 22, 83, 27)),
                     ('weight', ('patterns/fusion_static.qpat', 83, 29, 83, 35)),
                     ('bias', ('patterns/fusion_static.qpat', 83, 37, 83, 41)),
                     ('mean', ('patterns/fusion_static.qpat', 83, 43, 83, 47)),
                     ('var', ('patterns/fusion_static.qpat', 83, 49, 83, 52)),
                     ('training', ('patterns/fusion_static.qpat', 83, 54, 83, 62)),
                     ('momentum', ('patterns/fusion_static.qpat', 83, 64, 83, 72)),
                     ('eps', ('patterns/fusion_static.qpat', 83, 74, 83, 77)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 83, 79, 83, 92)),
                     ('batch_norm_out', ('patterns/fusion_static.qpat', 83, 11, 83, 93)),
                     ('relu__out', ('patterns/fusion_static.qpat', 83, 7, 83, 94)),
                     ('scale', ('patterns/fusion_static.qpat', 83, 5, 83, 95)),
                     ('zero_point', ('patterns/fusion_static.qpat', 83, 5, 83, 95)),
                     ('dtype', ('patterns/fusion_static.qpat', 83, 5, 83, 95)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 83, 5, 83, 95))),
 'family': 'batch_norm{act:_}{act}'},
{'name': 'mul_scalar',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %mul_out = aten::mul(%dequantize_out, %b_scalar)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%mul_out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %mul_scalar_out = quantized::mul_scalar(%a, %b_scalar)\n'
                '  return (%mul_scalar_out)\n',
 'guard': ('pred', 'is_scalar', ('b_scalar',)),
 'location': ('patterns/fusion_static.qpat', 90, 6, 90, 16),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 91, 26, 91, 27)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 91, 23, 91, 28)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 91, 30, 91, 38)),
                     ('mul_out', ('patterns/fusion_static.qpat', 91, 12, 91, 39)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 91, 5, 91, 43))),
 'family': 'mul_scalar'},
{'name': 'mul_scalar_out',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %mul__out = aten::mul_(%dequantize_out, %b_scalar)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%mul__out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %mul_scalar_out_out = quantized::mul_scalar_out(%a, %b_scalar, %a)\n'
                '  return (%mul_scalar_out_out)\n',
 'guard': ('pred', 'is_scalar', ('b_scalar',)),
 'location': ('patterns/fusion_static.qpat', 94, 6, 94, 20),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 95, 20, 95, 21)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 95, 17, 95, 22)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 95, 24, 95, 32)),
                     ('mul__out', ('patterns/fusion_static.qpat', 95, 12, 95, 33)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 95, 5, 95, 37))),
 'family': 'mul_scalar_out'},
{'name': 'mul_scalar_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %mul_scalar_out = quantized::mul_scalar(%a, %b_scalar)\n'
            '  %relu_out = aten::relu(%mul_scalar_out)\n'
            '  return (%relu_out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %mul_scalar_relu_out = quantized::mul_scalar_relu(%a, %b_scalar)\n'
                '  return (%mul_scalar_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 98, 6, 98, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 99, 32, 99, 33)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 99, 35, 99, 43)),
                     ('mul_scalar_out', ('patterns/fusion_static.qpat', 99, 10, 99, 44)),
                     ('relu_out', ('patterns/fusion_static.qpat', 99, 5, 99, 45))),
 'family': 'mul_scalar_{relu}'},
{'name': 'mul_scalar_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %mul_scalar_out = quantized::mul_scalar(%a, %b_scalar)\n'
            '  %relu__out = aten::relu_(%mul_scalar_out)\n'
            '  return (%relu__out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %mul_scalar_relu_out = quantized::mul_scalar_relu(%a, %b_scalar)\n'
                '  return (%mul_scalar_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 98, 6, 98, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 99, 32, 99, 33)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 99, 35, 99, 43)),
                     ('mul_scalar_out', ('patterns/fusion_static.qpat', 99, 10, 99, 44)),
                     ('relu__out', ('patterns/fusion_static.qpat', 99, 5, 99, 45))),
 'family': 'mul_scalar_{relu}'},
{'name': 'mul_scalar_out_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %mul_scalar_out_out = quantized::mul_scalar_out(%a, %b_scalar, %a)\n'
            '  %relu_out = aten::relu(%mul_scalar_out_out)\n'
            '  return (%relu_out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %mul_scalar_relu_out_out = quantized::mul_scalar_relu_out(%a, %b_scalar, %a)\n'
                '  return (%mul_scalar_relu_out_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 102, 6, 102, 27),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 103, 36, 103, 37)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 103, 39, 103, 47)),
                     ('mul_scalar_out_out', ('patterns/fusion_static.qpat', 103, 10, 103, 51)),
                     ('relu_out', ('patterns/fusion_static.qpat', 103, 5, 103, 52))),
 'family': 'mul_scalar_out_{relu}'},
{'name': 'mul_scalar_out_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b_scalar):\n'
            '  %mul_scalar_out_out = quantized::mul_scalar_out(%a, %b_scalar, %a)\n'
            '  %relu__out = aten::relu_(%mul_scalar_out_out)\n'
            '  return (%relu__out)\n',
 'replacement': 'graph(%a, %b_scalar):\n'
                '  %mul_scalar_relu_out_out = quantized::mul_scalar_relu_out(%a, %b_scalar, %a)\n'
                '  return (%mul_scalar_relu_out_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 102, 6, 102, 27),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 103, 36, 103, 37)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 103, 39, 103, 47)),
                     ('mul_scalar_out_out', ('patterns/fusion_static.qpat', 103, 10, 103, 51)),
                     ('relu__out', ('patterns/fusion_static.qpat', 103, 5, 103, 52))),
 'family': 'mul_scalar_out_{relu}'},
{'name': 'mul_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %mul_out = aten::mul(%dequantize_out, %dequantize_out_1)\n'
            '  %relu_out = aten::relu(%mul_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
                '  %mul_relu_out = quantized::mul_relu(%a, %b, %scale, %zero_point)\n'
                '  return (%mul_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 106, 6, 106, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 107, 28, 107, 29)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 107, 25, 107, 30)),
                     ('b', ('patterns/fusion_static.qpat', 107, 35, 107, 36)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 107, 32, 107, 37)),
                     ('mul_out', ('patterns/fusion_static.qpat', 107, 12, 107, 38)),
                     ('relu_out', ('patterns/fusion_static.qpat', 107, 7, 107, 39)),
                     ('scale', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('zero_point', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('dtype', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 107, 5, 107, 40))),
 'family': '{mul}_{relu}'},
{'name': 'mul_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %mul_out = aten::mul(%dequantize_out, %dequantize_out_1)\n'
            '  %relu__out = aten::relu_(%mul_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
                '  %mul_relu_out = quantized::mul_relu(%a, %b, %scale, %zero_point)\n'
                '  return (%mul_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 106, 6, 106, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 107, 28, 107, 29)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 107, 25, 107, 30)),
                     ('b', ('patterns/fusion_static.qpat', 107, 35, 107, 36)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 107, 32, 107, 37)),
                     ('mul_out', ('patterns/fusion_static.qpat', 107, 12, 107, 38)),
                     ('relu__out', ('patterns/fusion_static.qpat', 107, 7, 107, 39)),
                     ('scale', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('zero_point', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('dtype', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 107, 5, 107, 40))),
 'family': '{mul}_{relu}'},
{'name': 'mul__relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %mul__out = aten::mul_(%dequantize_out, %dequantize_out_1)\n'
            '  %relu_out = aten::relu(%mul__out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
                '  %mul_relu_out = quantized::mul_relu(%a, %b, %scale, %zero_point)\n'
                '  return (%mul_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 106, 6, 106, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 107, 28, 107, 29)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 107, 25, 107, 30)),
                     ('b', ('patterns/fusion_static.qpat', 107, 35, 107, 36)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 107, 32, 107, 37)),
                     ('mul__out', ('patterns/fusion_static.qpat', 107, 12, 107, 38)),
                     ('relu_out', ('patterns/fusion_static.qpat', 107, 7, 107, 39)),
                     ('scale', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('zero_point', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('dtype', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 107, 5, 107, 40))),
 'family': '{mul}_{relu}'},
{'name': 'mul__relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %mul__out = aten::mul_(%dequantize_out, %dequantize_out_1)\n'
            '  %relu__out = aten::relu_(%mul__out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%relu__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
                '  %mul_relu_out = quantized::mul_relu(%a, %b, %scale, %zero_point)\n'
                '  return (%mul_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 106, 6, 106, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 107, 28, 107, 29)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 107, 25, 107, 30)),
                     ('b', ('patterns/fusion_static.qpat', 107, 35, 107, 36)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 107, 32, 107, 37)),
                     ('mul__out', ('patterns/fusion_static.qpat', 107, 12, 107, 38)),
                     ('relu__out', ('patterns/fusion_static.qpat', 107, 7, 107, 39)),
                     ('scale', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('zero_point', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('dtype', ('patterns/fusion_static.qpat', 107, 5, 107, 40)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 107, 5, 107, 40))),
 'family': '{mul}_{relu}'},
{'name': 'mul',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %mul_out = aten::mul(%dequantize_out, %dequantize_out_1)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%mul_out, %scale, %zero_point, '
            '%dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
                '  %mul_out = quantized::mul(%a, %b, %scale, %zero_point)\n'
                '  return (%mul_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 110, 6, 110, 11),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 111, 23, 111, 24)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 111, 20, 111, 25)),
                     ('b', ('patterns/fusion_static.qpat', 111, 30, 111, 31)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 111, 27, 111, 32)),
                     ('mul_out', ('patterns/fusion_static.qpat', 111, 7, 111, 33)),
                     ('scale', ('patterns/fusion_static.qpat', 111, 5, 111, 34)),
                     ('zero_point', ('patterns/fusion_static.qpat', 111, 5, 111, 34)),
                     ('dtype', ('patterns/fusion_static.qpat', 111, 5, 111, 34)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 111, 5, 111, 34))),
 'family': '{mul}'},
{'name': 'mul_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dequantize_out_1 = aten::dequantize(%b)\n'
            '  %mul__out = aten::mul_(%dequantize_out, %dequantize_out_1)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%mul__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %b, %scale, %zero_point, %dtype):\n'
                '  %mul_out = quantized::mul(%a, %b, %scale, %zero_point)\n'
                '  return (%mul_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 110, 6, 110, 11),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 111, 23, 111, 24)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 111, 20, 111, 25)),
                     ('b', ('patterns/fusion_static.qpat', 111, 30, 111, 31)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 111, 27, 111, 32)),
                     ('mul__out', ('patterns/fusion_static.qpat', 111, 7, 111, 33)),
                     ('scale', ('patterns/fusion_static.qpat', 111, 5, 111, 34)),
                     ('zero_point', ('patterns/fusion_static.qpat', 111, 5, 111, 34)),
                     ('dtype', ('patterns/fusion_static.qpat', 111, 5, 111, 34)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 111, 5, 111, 34))),
 'family': '{mul}'},
{'name': 'hardswish',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %hardswish_out = aten::hardswish(%dequantize_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%hardswish_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %scale, %zero_point, %dtype):\n'
                '  %hardswish_out = quantized::hardswish(%a, %scale, %zero_point)\n'
                '  return (%hardswish_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 116, 6, 116, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 117, 13, 117, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 117, 10, 117, 15)),
                     ('hardswish_out', ('patterns/fusion_static.qpat', 117, 7, 117, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 117, 5, 117, 17)),
                     ('zero_point', ('patterns/fusion_static.qpat', 117, 5, 117, 17)),
                     ('dtype', ('patterns/fusion_static.qpat', 117, 5, 117, 17)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 117, 5, 117, 17))),
 'family': '{op}'},
{'name': 'hardswish_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %hardswish__out = aten::hardswish_(%dequantize_out)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%hardswish__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %scale, %zero_point, %dtype):\n'
                '  %hardswish_out = quantized::hardswish(%a, %scale, %zero_point)\n'
                '  return (%hardswish_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 116, 6, 116, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 117, 13, 117, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 117, 10, 117, 15)),
                     ('hardswish__out', ('patterns/fusion_static.qpat', 117, 7, 117, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 117, 5, 117, 17)),
                     ('zero_point', ('patterns/fusion_static.qpat', 117, 5, 117, 17)),
                     ('dtype', ('patterns/fusion_static.qpat', 117, 5, 117, 17)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 117, 5, 117, 17))),
 'family': '{op}'},
{'name': 'layer_norm',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %normalized_shape, %weight, %bias, %eps, %cudnn_enable, %scale, '
            '%zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %layer_norm_out = aten::layer_norm(%dequantize_out, %normalized_shape, %weight, '
            '%bias, %eps, %cudnn_enable)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%layer_norm_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %normalized_shape, %weight, %bias, %eps, %cudnn_enable, %scale, '
                '%zero_point, %dtype):\n'
                '  %layer_norm_out = quantized::layer_norm(%a, %normalized_shape, %weight, %bias, '
                '%eps, %scale, %zero_point)\n'
                '  return (%layer_norm_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 120, 6, 120, 16),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 121, 21, 121, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 121, 18, 121, 23)),
                     ('normalized_shape', ('patterns/fusion_static.qpat', 121, 25, 121, 41)),
                     ('weight', ('patterns/fusion_static.qpat', 121, 43, 121, 49)),
                     ('bias', ('patterns/fusion_static.qpat', 121, 51, 121, 55)),
                     ('eps', ('patterns/fusion_static.qpat', 121, 57, 121, 60)),
                     ('cudnn_enable', ('patterns/fusion_static.qpat', 121, 62, 121, 74)),
                     ('layer_norm_out', ('patterns/fusion_static.qpat', 121, 7, 121, 75)),
                     ('scale', ('patterns/fusion_static.qpat', 121, 5, 121, 76)),
                     ('zero_point', ('patterns/fusion_static.qpat', 121, 5, 121, 76)),
                     ('dtype', ('patterns/fusion_static.qpat', 121, 5, 121, 76)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 121, 5, 121, 76))),
 'family': 'layer_norm'},
{'name': 'group_norm',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %num_groups, %weight, %bias, %eps, %cudnn_enabled, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %group_norm_out = aten::group_norm(%dequantize_out, %num_groups, %weight, %bias, '
            '%eps, %cudnn_enabled)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%group_norm_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %num_groups, %weight, %bias, %eps, %cudnn_enabled, %scale, %zero_point, '
                '%dtype):\n'
                '  %group_norm_out = quantized::group_norm(%a, %num_groups, %weight, %bias, %eps, '
                '%scale, %zero_point)\n'
                '  return (%group_norm_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 124, 6, 124, 16),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 125, 21, 125, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 125, 18, 125, 23)),
                     ('num_groups', ('patterns/fusion_static.qpat', 125, 25, 125, 35)),
                     ('weight', ('patterns/fusion_static.qpat', 125, 37, 125, 43)),
                     ('bias', ('patterns/fusion_static.qpat', 125, 45, 125, 49)),
                     ('eps', ('patterns/fusion_static.qpat', 125, 51, 125, 54)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 125, 56, 125, 69)),
                     ('group_norm_out', ('patterns/fusion_static.qpat', 125, 7, 125, 70)),
                     ('scale', ('patterns/fusion_static.qpat', 125, 5, 125, 71)),
                     ('zero_point', ('patterns/fusion_static.qpat', 125, 5, 125, 71)),
                     ('dtype', ('patterns/fusion_static.qpat', 125, 5, 125, 71)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 125, 5, 125, 71))),
 'family': 'group_norm'},
{'name': 'instance_norm',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %weight, %bias, %running_mean, %running_var, %use_input_stats, %momentum, '
            '%eps, %cudnn_enabled, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %instance_norm_out = aten::instance_norm(%dequantize_out, %weight, %bias, '
            '%running_mean, %running_var, %use_input_stats, %momentum, %eps, %cudnn_enabled)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%instance_norm_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %weight, %bias, %running_mean, %running_var, %use_input_stats, '
                '%momentum, %eps, %cudnn_enabled, %scale, %zero_point, %dtype):\n'
                '  %instance_norm_out = quantized::instance_norm(%a, %weight, %bias, %eps, %scale, '
                '%zero_point)\n'
                '  return (%instance_norm_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 128, 6, 128, 19),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 129, 24, 129, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 129, 21, 129, 26)),
                     ('weight', ('patterns/fusion_static.qpat', 129, 28, 129, 34)),
                     ('bias', ('patterns/fusion_static.qpat', 129, 36, 129, 40)),
                     ('running_mean', ('patterns/fusion_static.qpat', 129, 42, 129, 54)),
                     ('running_var', ('patterns/fusion_static.qpat', 129, 56, 129, 67)),
                     ('use_input_stats', ('patterns/fusion_static.qpat', 129, 69, 129, 84)),
                     ('momentum', ('patterns/fusion_static.qpat', 129, 86, 129, 94)),
                     ('eps', ('patterns/fusion_static.qpat', 129, 96, 129, 99)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 129, 101, 129, 114)),
                     ('instance_norm_out', ('patterns/fusion_static.qpat', 129, 7, 129, 115)),
                     ('scale', ('patterns/fusion_static.qpat', 129, 5, 129, 116)),
                     ('zero_point', ('patterns/fusion_static.qpat', 129, 5, 129, 116)),
                     ('dtype', ('patterns/fusion_static.qpat', 129, 5, 129, 116)),
                     ('quantize_per_tensor_out',
                      ('patterns/fusion_static.qpat', 129, 5, 129, 116))),
 'family': 'instance_norm'},
{'name': 'elu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %alpha, %scale, %input_scale, %r_scale, %r_zero_point, %r_dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %elu_out = aten::elu(%dequantize_out, %alpha, %scale, %input_scale)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%elu_out, %r_scale, '
            '%r_zero_point, %r_dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %alpha, %scale, %input_scale, %r_scale, %r_zero_point, %r_dtype):\n'
                '  %elu_out = quantized::elu(%a, %r_scale, %r_zero_point, %alpha, %scale, '
                '%input_scale)\n'
                '  return (%elu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 133, 6, 133, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 134, 13, 134, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 134, 10, 134, 15)),
                     ('alpha', ('patterns/fusion_static.qpat', 134, 17, 134, 22)),
                     ('scale', ('patterns/fusion_static.qpat', 134, 24, 134, 29)),
                     ('input_scale', ('patterns/fusion_static.qpat', 134, 31, 134, 42)),
                     ('elu_out', ('patterns/fusion_static.qpat', 134, 7, 134, 43)),
                     ('r_scale', ('patterns/fusion_static.qpat', 134, 45, 134, 52)),
                     ('r_zero_point', ('patterns/fusion_static.qpat', 134, 54, 134, 66)),
                     ('r_dtype', ('patterns/fusion_static.qpat', 134, 68, 134, 75)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 134, 5, 134, 76))),
 'family': '{op}'},
{'name': 'elu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %alpha, %scale, %input_scale, %r_scale, %r_zero_point, %r_dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %elu__out = aten::elu_(%dequantize_out, %alpha, %scale, %input_scale)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%elu__out, %r_scale, '
            '%r_zero_point, %r_dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %alpha, %scale, %input_scale, %r_scale, %r_zero_point, %r_dtype):\n'
                '  %elu_out = quantized::elu(%a, %r_scale, %r_zero_point, %alpha, %scale, '
                '%input_scale)\n'
                '  return (%elu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 133, 6, 133, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 134, 13, 134, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 134, 10, 134, 15)),
                     ('alpha', ('patterns/fusion_static.qpat', 134, 17, 134, 22)),
                     ('scale', ('patterns/fusion_static.qpat', 134, 24, 134, 29)),
                     ('input_scale', ('patterns/fusion_static.qpat', 134, 31, 134, 42)),
                     ('elu__out', ('patterns/fusion_static.qpat', 134, 7, 134, 43)),
                     ('r_scale', ('patterns/fusion_static.qpat', 134, 45, 134, 52)),
                     ('r_zero_point', ('patterns/fusion_static.qpat', 134, 54, 134, 66)),
                     ('r_dtype', ('patterns/fusion_static.qpat', 134, 68, 134, 75)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 134, 5, 134, 76))),
 'family': '{op}'},
{'name': 'avg_pool1d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %kernel_size, %stride, %padding, %ceil_mode, %count_include_pad):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %avg_pool1d_out = aten::avg_pool1d(%dequantize_out, %kernel_size, %stride, '
            '%padding, %ceil_mode, %count_include_pad)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%avg_pool1d_out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %kernel_size, %stride, %padding, %ceil_mode, %count_include_pad):\n'
                '  %avg_pool1d_out = aten::avg_pool1d(%a, %kernel_size, %stride, %padding, '
                '%ceil_mode, %count_include_pad)\n'
                '  return (%avg_pool1d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 139, 6, 139, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 141, 18, 141, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 141, 15, 141, 20)),
                     ('kernel_size', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('stride', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('padding', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('ceil_mode', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('count_include_pad', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('avg_pool1d_out', ('patterns/fusion_static.qpat', 141, 12, 141, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 141, 5, 141, 30))),
 'family': '{op}'},
{'name': 'avg_pool2d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %kernel_size, %stride, %padding, %ceil_mode, %count_include_pad, '
            '%divisor_override):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %avg_pool2d_out = aten::avg_pool2d(%dequantize_out, %kernel_size, %stride, '
            '%padding, %ceil_mode, %count_include_pad, %divisor_override)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%avg_pool2d_out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %kernel_size, %stride, %padding, %ceil_mode, %count_include_pad, '
                '%divisor_override):\n'
                '  %avg_pool2d_out = aten::avg_pool2d(%a, %kernel_size, %stride, %padding, '
                '%ceil_mode, %count_include_pad, %divisor_override)\n'
                '  return (%avg_pool2d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 139, 6, 139, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 141, 18, 141, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 141, 15, 141, 20)),
                     ('kernel_size', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('stride', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('padding', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('ceil_mode', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('count_include_pad', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('divisor_override', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('avg_pool2d_out', ('patterns/fusion_static.qpat', 141, 12, 141, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 141, 5, 141, 30))),
 'family': '{op}'},
{'name': 'avg_pool3d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %kernel_size, %stride, %padding, %ceil_mode, %count_include_pad, '
            '%divisor_override):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %avg_pool3d_out = aten::avg_pool3d(%dequantize_out, %kernel_size, %stride, '
            '%padding, %ceil_mode, %count_include_pad, %divisor_override)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%avg_pool3d_out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %kernel_size, %stride, %padding, %ceil_mode, %count_include_pad, '
                '%divisor_override):\n'
                '  %avg_pool3d_out = aten::avg_pool3d(%a, %kernel_size, %stride, %padding, '
                '%ceil_mode, %count_include_pad, %divisor_override)\n'
                '  return (%avg_pool3d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 139, 6, 139, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 141, 18, 141, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 141, 15, 141, 20)),
                     ('kernel_size', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('stride', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('padding', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('ceil_mode', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('count_include_pad', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('divisor_override', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('avg_pool3d_out', ('patterns/fusion_static.qpat', 141, 12, 141, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 141, 5, 141, 30))),
 'family': '{op}'},
{'name': 'adaptive_avg_pool1d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %output_size):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %adaptive_avg_pool1d_out = aten::adaptive_avg_pool1d(%dequantize_out, '
            '%output_size)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%adaptive_avg_pool1d_out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %output_size):\n'
                '  %adaptive_avg_pool1d_out = aten::adaptive_avg_pool1d(%a, %output_size)\n'
                '  return (%adaptive_avg_pool1d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 139, 6, 139, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 141, 18, 141, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 141, 15, 141, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('adaptive_avg_pool1d_out', ('patterns/fusion_static.qpat', 141, 12, 141, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 141, 5, 141, 30))),
 'family': '{op}'},
{'name': 'adaptive_avg_pool2d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %output_size):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %adaptive_avg_pool2d_out = aten::adaptive_avg_pool2d(%dequantize_out, '
            '%output_size)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%adaptive_avg_pool2d_out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %output_size):\n'
                '  %adaptive_avg_pool2d_out = aten::adaptive_avg_pool2d(%a, %output_size)\n'
                '  return (%adaptive_avg_pool2d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 139, 6, 139, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 141, 18, 141, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 141, 15, 141, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('adaptive_avg_pool2d_out', ('patterns/fusion_static.qpat', 141, 12, 141, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 141, 5, 141, 30))),
 'family': '{op}'},
{'name': 'adaptive_avg_pool3d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %output_size):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %adaptive_avg_pool3d_out = aten::adaptive_avg_pool3d(%dequantize_out, '
            '%output_size)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%adaptive_avg_pool3d_out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %output_size):\n'
                '  %adaptive_avg_pool3d_out = aten::adaptive_avg_pool3d(%a, %output_size)\n'
                '  return (%adaptive_avg_pool3d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 139, 6, 139, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 141, 18, 141, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 141, 15, 141, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 141, 22, 141, 25)),
                     ('adaptive_avg_pool3d_out', ('patterns/fusion_static.qpat', 141, 12, 141, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 141, 5, 141, 30))),
 'family': '{op}'},
{'name': 'mean',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %mean_out = aten::mean(%dequantize_out, %dtype)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%mean_out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %dtype):\n  %mean_out = aten::mean(%a, %dtype)\n  return (%mean_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 144, 6, 144, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 145, 20, 145, 21)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 145, 17, 145, 22)),
                     ('dtype', ('patterns/fusion_static.qpat', 145, 24, 145, 29)),
                     ('mean_out', ('patterns/fusion_static.qpat', 145, 12, 145, 30)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 145, 5, 145, 34))),
 'family': 'mean'},
{'name': 'mean_dim',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %dim, %keepdim, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %mean_out = aten::mean(%dequantize_out, %dim, %keepdim, %dtype)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%mean_out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %dim, %keepdim, %dtype):\n'
                '  %mean_out = aten::mean(%a, %dim, %keepdim, %dtype)\n'
                '  return (%mean_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 147, 6, 147, 14),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 148, 24, 148, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 148, 21, 148, 26)),
                     ('dim', ('patterns/fusion_static.qpat', 148, 28, 148, 31)),
                     ('keepdim', ('patterns/fusion_static.qpat', 148, 28, 148, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 148, 28, 148, 31)),
                     ('mean_out', ('patterns/fusion_static.qpat', 148, 12, 148, 32)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 148, 5, 148, 36))),
 'family': 'mean_dim'},
{'name': 'upsample_nearest2d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %output_size, %scales_h, %scales_w):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %upsample_nearest2d_out = aten::upsample_nearest2d(%dequantize_out, %output_size, '
            '%scales_h, %scales_w)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%upsample_nearest2d_out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %output_size, %scales_h, %scales_w):\n'
                '  %upsample_nearest2d_out = aten::upsample_nearest2d(%a, %output_size, %scales_h, '
                '%scales_w)\n'
                '  return (%upsample_nearest2d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 152, 6, 152, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 153, 18, 153, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 153, 15, 153, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('scales_h', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('scales_w', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('upsample_nearest2d_out', ('patterns/fusion_static.qpat', 153, 12, 153, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 153, 5, 153, 30))),
 'family': '{op}'},
{'name': 'upsample_nearest3d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %output_size, %scales_d, %scales_h, %scales_w):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %upsample_nearest3d_out = aten::upsample_nearest3d(%dequantize_out, %output_size, '
            '%scales_d, %scales_h, %scales_w)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%upsample_nearest3d_out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %output_size, %scales_d, %scales_h, %scales_w):\n'
                '  %upsample_nearest3d_out = aten::upsample_nearest3d(%a, %output_size, %scales_d, '
                '%scales_h, %scales_w)\n'
                '  return (%upsample_nearest3d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 152, 6, 152, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 153, 18, 153, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 153, 15, 153, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('scales_d', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('scales_h', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('scales_w', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('upsample_nearest3d_out', ('patterns/fusion_static.qpat', 153, 12, 153, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 153, 5, 153, 30))),
 'family': '{op}'},
{'name': 'upsample_bilinear2d',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %output_size, %align_corners, %scales_h, %scales_w):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %upsample_bilinear2d_out = aten::upsample_bilinear2d(%dequantize_out, %output_size, '
            '%align_corners, %scales_h, %scales_w)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%upsample_bilinear2d_out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %output_size, %align_corners, %scales_h, %scales_w):\n'
                '  %upsample_bilinear2d_out = aten::upsample_bilinear2d(%a, %output_size, '
                '%align_corners, %scales_h, %scales_w)\n'
                '  return (%upsample_bilinear2d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 152, 6, 152, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 153, 18, 153, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 153, 15, 153, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('align_corners', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('scales_h', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('scales_w', ('patterns/fusion_static.qpat', 153, 22, 153, 25)),
                     ('upsample_bilinear2d_out', ('patterns/fusion_static.qpat', 153, 12, 153, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 153, 5, 153, 30))),
 'family': '{op}'},
{'name': 'upsample_nearest2d_vec',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %output_size, %scale_factors):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %upsample_nearest2d_out = aten::upsample_nearest2d(%dequantize_out, %output_size, '
            '%scale_factors)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%upsample_nearest2d_out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %output_size, %scale_factors):\n'
                '  %upsample_nearest2d_out = aten::upsample_nearest2d(%a, %output_size, '
                '%scale_factors)\n'
                '  return (%upsample_nearest2d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 155, 6, 155, 14),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 156, 24, 156, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 156, 21, 156, 26)),
                     ('output_size', ('patterns/fusion_static.qpat', 156, 28, 156, 31)),
                     ('scale_factors', ('patterns/fusion_static.qpat', 156, 28, 156, 31)),
                     ('upsample_nearest2d_out', ('patterns/fusion_static.qpat', 156, 12, 156, 32)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 156, 5, 156, 36))),
 'family': '{op}_vec'},
{'name': 'upsample_nearest3d_vec',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %output_size, %scale_factors):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %upsample_nearest3d_out = aten::upsample_nearest3d(%dequantize_out, %output_size, '
            '%scale_factors)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%upsample_nearest3d_out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %output_size, %scale_factors):\n'
                '  %upsample_nearest3d_out = aten::upsample_nearest3d(%a, %output_size, '
                '%scale_factors)\n'
                '  return (%upsample_nearest3d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 155, 6, 155, 14),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 156, 24, 156, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 156, 21, 156, 26)),
                     ('output_size', ('patterns/fusion_static.qpat', 156, 28, 156, 31)),
                     ('scale_factors', ('patterns/fusion_static.qpat', 156, 28, 156, 31)),
                     ('upsample_nearest3d_out', ('patterns/fusion_static.qpat', 156, 12, 156, 32)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 156, 5, 156, 36))),
 'family': '{op}_vec'},
{'name': 'upsample_bilinear2d_vec',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %output_size, %align_corners, %scale_factors):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %upsample_bilinear2d_out = aten::upsample_bilinear2d(%dequantize_out, %output_size, '
            '%align_corners, %scale_factors)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%upsample_bilinear2d_out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %output_size, %align_corners, %scale_factors):\n'
                '  %upsample_bilinear2d_out = aten::upsample_bilinear2d(%a, %output_size, '
                '%align_corners, %scale_factors)\n'
                '  return (%upsample_bilinear2d_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 155, 6, 155, 14),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 156, 24, 156, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 156, 21, 156, 26)),
                     ('output_size', ('patterns/fusion_static.qpat', 156, 28, 156, 31)),
                     ('align_corners', ('patterns/fusion_static.qpat', 156, 28, 156, 31)),
                     ('scale_factors', ('patterns/fusion_static.qpat', 156, 28, 156, 31)),
                     ('upsample_bilinear2d_out', ('patterns/fusion_static.qpat', 156, 12, 156, 32)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 156, 5, 156, 36))),
 'family': '{op}_vec'},
{'name': 'clamp',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %min, %min_none, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, '
            '%max_none, %scalar_q_2_s, %scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dtype_1 : int = prim::Constant[value=6]()\n'
            '  %scalar_tensor_out = aten::scalar_tensor(%min, %dtype_1, %min_none, %min_none, '
            '%min_none)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%scalar_tensor_out, '
            '%scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d)\n'
            '  %dequantize_out_1 = aten::dequantize(%quantize_per_tensor_out)\n'
            '  %item_out : Scalar = aten::item(%dequantize_out_1)\n'
            '  %dtype_2 : int = prim::Constant[value=6]()\n'
            '  %scalar_tensor_out_1 = aten::scalar_tensor(%max, %dtype_2, %max_none, %max_none, '
            '%max_none)\n'
            '  %quantize_per_tensor_out_1 = aten::quantize_per_tensor(%scalar_tensor_out_1, '
            '%scalar_q_2_s, %scalar_q_2_z, %scalar_q_2_d)\n'
            '  %dequantize_out_2 = aten::dequantize(%quantize_per_tensor_out_1)\n'
            '  %item_out_1 : Scalar = aten::item(%dequantize_out_2)\n'
            '  %clamp_out = aten::clamp(%dequantize_out, %item_out, %item_out_1)\n'
            '  %quantize_per_tensor_out_2 = aten::quantize_per_tensor(%clamp_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out_2)\n',
 'replacement': 'graph(%a, %min, %min_none, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, '
                '%max_none, %scalar_q_2_s, %scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, '
                '%dtype):\n'
                '  %clamp_out = aten::clamp(%a, %min, %max)\n'
                '  return (%clamp_out)\n',
 'guard': ('and', ('eq', 'min_none', 'none', None), ('eq', 'max_none', 'none', None)),
 'location': ('patterns/fusion_static.qpat', 158, 6, 158, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 159, 13, 159, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 159, 10, 159, 15)),
                     ('min', ('patterns/fusion_static.qpat', 159, 26, 159, 29)),
                     ('dtype_1', ('patterns/fusion_static.qpat', 25, 70, 25, 77)),
                     ('min_none', ('patterns/fusion_static.qpat', 159, 31, 159, 39)),
                     ('scalar_tensor_out', ('patterns/fusion_static.qpat', 25, 53, 25, 96)),
                     ('scalar_q_1_s', ('patterns/fusion_static.qpat', 25, 98, 25, 99)),
                     ('scalar_q_1_z', ('patterns/fusion_static.qpat', 25, 101, 25, 102)),
                     ('scalar_q_1_d', ('patterns/fusion_static.qpat', 25, 104, 25, 105)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 25, 33, 25, 106)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 25, 30, 25, 107)),
                     ('item_out', ('patterns/fusion_static.qpat', 159, 17, 159, 40)),
                     ('max', ('patterns/fusion_static.qpat', 159, 51, 159, 54)),
                     ('dtype_2', ('patterns/fusion_static.qpat', 25, 70, 25, 77)),
                     ('max_none', ('patterns/fusion_static.qpat', 159, 56, 159, 64)),
                     ('scalar_tensor_out_1', ('patterns/fusion_static.qpat', 25, 53, 25, 96)),
                     ('scalar_q_2_s', ('patterns/fusion_static.qpat', 25, 98, 25, 99)),
                     ('scalar_q_2_z', ('patterns/fusion_static.qpat', 25, 101, 25, 102)),
                     ('scalar_q_2_d', ('patterns/fusion_static.qpat', 25, 104, 25, 105)),
                     ('quantize_per_tensor_out_1',
                      ('patterns/fusion_static.qpat', 25, 33, 25, 106)),
                     ('dequantize_out_2', ('patterns/fusion_static.qpat', 25, 30, 25, 107)),
                     ('item_out_1', ('patterns/fusion_static.qpat', 159, 42, 159, 65)),
                     ('clamp_out', ('patterns/fusion_static.qpat', 159, 7, 159, 66)),
                     ('scale', ('patterns/fusion_static.qpat', 159, 5, 159, 67)),
                     ('zero_point', ('patterns/fusion_static.qpat', 159, 5, 159, 67)),
                     ('dtype', ('patterns/fusion_static.qpat', 159, 5, 159, 67)),
                     ('quantize_per_tensor_out_2',
                      ('patterns/fusion_static.qpat', 159, 5, 159, 67))),
 'family': '{op}'},
{'name': 'hardtanh',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %min, %min_none, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, '
            '%max_none, %scalar_q_2_s, %scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dtype_1 : int = prim::Constant[value=6]()\n'
            '  %scalar_tensor_out = aten::scalar_tensor(%min, %dtype_1, %min_none, %min_none, '
            '%min_none)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%scalar_tensor_out, '
            '%scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d)\n'
            '  %dequantize_out_1 = aten::dequantize(%quantize_per_tensor_out)\n'
            '  %item_out : Scalar = aten::item(%dequantize_out_1)\n'
            '  %dtype_2 : int = prim::Constant[value=6]()\n'
            '  %scalar_tensor_out_1 = aten::scalar_tensor(%max, %dtype_2, %max_none, %max_none, '
            '%max_none)\n'
            '  %quantize_per_tensor_out_1 = aten::quantize_per_tensor(%scalar_tensor_out_1, '
            '%scalar_q_2_s, %scalar_q_2_z, %scalar_q_2_d)\n'
            '  %dequantize_out_2 = aten::dequantize(%quantize_per_tensor_out_1)\n'
            '  %item_out_1 : Scalar = aten::item(%dequantize_out_2)\n'
            '  %hardtanh_out = aten::hardtanh(%dequantize_out, %item_out, %item_out_1)\n'
            '  %quantize_per_tensor_out_2 = aten::quantize_per_tensor(%hardtanh_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out_2)\n',
 'replacement': 'graph(%a, %min, %min_none, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, '
                '%max_none, %scalar_q_2_s, %scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, '
                '%dtype):\n'
                '  %hardtanh_out = aten::hardtanh(%a, %min, %max)\n'
                '  return (%hardtanh_out)\n',
 'guard': ('and', ('eq', 'min_none', 'none', None), ('eq', 'max_none', 'none', None)),
 'location': ('patterns/fusion_static.qpat', 158, 6, 158, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 159, 13, 159, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 159, 10, 159, 15)),
                     ('min', ('patterns/fusion_static.qpat', 159, 26, 159, 29)),
                     ('dtype_1', ('patterns/fusion_static.qpat', 25, 70, 25, 77)),
                     ('min_none', ('patterns/fusion_static.qpat', 159, 31, 159, 39)),
                     ('scalar_tensor_out', ('patterns/fusion_static.qpat', 25, 53, 25, 96)),
                     ('scalar_q_1_s', ('patterns/fusion_static.qpat', 25, 98, 25, 99)),
                     ('scalar_q_1_z', ('patterns/fusion_static.qpat', 25, 101, 25, 102)),
                     ('scalar_q_1_d', ('patterns/fusion_static.qpat', 25, 104, 25, 105)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 25, 33, 25, 106)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 25, 30, 25, 107)),
                     ('item_out', ('patterns/fusion_static.qpat', 159, 17, 159, 40)),
                     ('max', ('patterns/fusion_static.qpat', 159, 51, 159, 54)),
                     ('dtype_2', ('patterns/fusion_static.qpat', 25, 70, 25, 77)),
                     ('max_none', ('patterns/fusion_static.qpat', 159, 56, 159, 64)),
                     ('scalar_tensor_out_1', ('patterns/fusion_static.qpat', 25, 53, 25, 96)),
                     ('scalar_q_2_s', ('patterns/fusion_static.qpat', 25, 98, 25, 99)),
                     ('scalar_q_2_z', ('patterns/fusion_static.qpat', 25, 101, 25, 102)),
                     ('scalar_q_2_d', ('patterns/fusion_static.qpat', 25, 104, 25, 105)),
                     ('quantize_per_tensor_out_1',
                      ('patterns/fusion_static.qpat', 25, 33, 25, 106)),
                     ('dequantize_out_2', ('patterns/fusion_static.qpat', 25, 30, 25, 107)),
                     ('item_out_1', ('patterns/fusion_static.qpat', 159, 42, 159, 65)),
                     ('hardtanh_out', ('patterns/fusion_static.qpat', 159, 7, 159, 66)),
                     ('scale', ('patterns/fusion_static.qpat', 159, 5, 159, 67)),
                     ('zero_point', ('patterns/fusion_static.qpat', 159, 5, 159, 67)),
                     ('dtype', ('patterns/fusion_static.qpat', 159, 5, 159, 67)),
                     ('quantize_per_tensor_out_2',
                      ('patterns/fusion_static.qpat', 159, 5, 159, 67))),
 'family': '{op}'},
{'name': 'hardtanh_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %min, %min_none, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, '
            '%max_none, %scalar_q_2_s, %scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, '
            '%dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dtype_1 : int = prim::Constant[value=6]()\n'
            '  %scalar_tensor_out = aten::scalar_tensor(%min, %dtype_1, %min_none, %min_none, '
            '%min_none)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%scalar_tensor_out, '
            '%scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d)\n'
            '  %dequantize_out_1 = aten::dequantize(%quantize_per_tensor_out)\n'
            '  %item_out : Scalar = aten::item(%dequantize_out_1)\n'
            '  %dtype_2 : int = prim::Constant[value=6]()\n'
            '  %scalar_tensor_out_1 = aten::scalar_tensor(%max, %dtype_2, %max_none, %max_none, '
            '%max_none)\n'
            '  %quantize_per_tensor_out_1 = aten::quantize_per_tensor(%scalar_tensor_out_1, '
            '%scalar_q_2_s, %scalar_q_2_z, %scalar_q_2_d)\n'
            '  %dequantize_out_2 = aten::dequantize(%quantize_per_tensor_out_1)\n'
            '  %item_out_1 : Scalar = aten::item(%dequantize_out_2)\n'
            '  %hardtanh__out = aten::hardtanh_(%dequantize_out, %item_out, %item_out_1)\n'
            '  %quantize_per_tensor_out_2 = aten::quantize_per_tensor(%hardtanh__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out_2)\n',
 'replacement': 'graph(%a, %min, %min_none, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, '
                '%max_none, %scalar_q_2_s, %scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, '
                '%dtype):\n'
                '  %hardtanh__out = aten::hardtanh_(%a, %min, %max)\n'
                '  return (%hardtanh__out)\n',
 'guard': ('and', ('eq', 'min_none', 'none', None), ('eq', 'max_none', 'none', None)),
 'location': ('patterns/fusion_static.qpat', 158, 6, 158, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 159, 13, 159, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 159, 10, 159, 15)),
                     ('min', ('patterns/fusion_static.qpat', 159, 26, 159, 29)),
                     ('dtype_1', ('patterns/fusion_static.qpat', 25, 70, 25, 77)),
                     ('min_none', ('patterns/fusion_static.qpat', 159, 31, 159, 39)),
                     ('scalar_tensor_out', ('patterns/fusion_static.qpat', 25, 53, 25, 96)),
                     ('scalar_q_1_s', ('patterns/fusion_static.qpat', 25, 98, 25, 99)),
                     ('scalar_q_1_z', ('patterns/fusion_static.qpat', 25, 101, 25, 102)),
                     ('scalar_q_1_d', ('patterns/fusion_static.qpat', 25, 104, 25, 105)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 25, 33, 25, 106)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 25, 30, 25, 107)),
                     ('item_out', ('patterns/fusion_static.qpat', 159, 17, 159, 40)),
                     ('max', ('patterns/fusion_static.qpat', 159, 51, 159, 54)),
                     ('dtype_2', ('patterns/fusion_static.qpat', 25, 70, 25, 77)),
                     ('max_none', ('patterns/fusion_static.qpat', 159, 56, 159, 64)),
                     ('scalar_tensor_out_1', ('patterns/fusion_static.qpat', 25, 53, 25, 96)),
                     ('scalar_q_2_s', ('patterns/fusion_static.qpat', 25, 98, 25, 99)),
                     ('scalar_q_2_z', ('patterns/fusion_static.qpat', 25, 101, 25, 102)),
                     ('scalar_q_2_d', ('patterns/fusion_static.qpat', 25, 104, 25, 105)),
                     ('quantize_per_tensor_out_1',
                      ('patterns/fusion_static.qpat', 25, 33, 25, 106)),
                     ('dequantize_out_2', ('patterns/fusion_static.qpat', 25, 30, 25, 107)),
                     ('item_out_1', ('patterns/fusion_static.qpat', 159, 42, 159, 65)),
                     ('hardtanh__out', ('patterns/fusion_static.qpat', 159, 7, 159, 66)),
                     ('scale', ('patterns/fusion_static.qpat', 159, 5, 159, 67)),
                     ('zero_point', ('patterns/fusion_static.qpat', 159, 5, 159, 67)),
                     ('dtype', ('patterns/fusion_static.qpat', 159, 5, 159, 67)),
                     ('quantize_per_tensor_out_2',
                      ('patterns/fusion_static.qpat', 159, 5, 159, 67))),
 'family': '{op}'},
{'name': 'leaky_relu',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %negative_slope):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %leaky_relu_out = aten::leaky_relu(%dequantize_out, %negative_slope)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%leaky_relu_out, %q_scale_out, '
            '%q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %negative_slope):\n'
                '  %leaky_relu_out = aten::leaky_relu(%a, %negative_slope)\n'
                '  return (%leaky_relu_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 163, 6, 163, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 164, 18, 164, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 164, 15, 164, 20)),
                     ('negative_slope', ('patterns/fusion_static.qpat', 164, 22, 164, 25)),
                     ('leaky_relu_out', ('patterns/fusion_static.qpat', 164, 12, 164, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 164, 5, 164, 30))),
 'family': '{op}'},
{'name': 'leaky_relu_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %negative_slope):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %leaky_relu__out = aten::leaky_relu_(%dequantize_out, %negative_slope)\n'
            '  %q_scale_out : float = aten::q_scale(%a)\n'
            '  %q_zero_point_out : int = aten::q_zero_point(%a)\n'
            '  %dtype_out : int = prim::dtype(%a)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%leaky_relu__out, '
            '%q_scale_out, %q_zero_point_out, %dtype_out)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a, %negative_slope):\n'
                '  %leaky_relu__out = aten::leaky_relu_(%a, %negative_slope)\n'
                '  return (%leaky_relu__out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 163, 6, 163, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 164, 18, 164, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 164, 15, 164, 20)),
                     ('negative_slope', ('patterns/fusion_static.qpat', 164, 22, 164, 25)),
                     ('leaky_relu__out', ('patterns/fusion_static.qpat', 164, 12, 164, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 164, 5, 164, 30))),
 'family': '{op}'},
{'name': 'hardsigmoid',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %hardsigmoid_out = aten::hardsigmoid(%dequantize_out)\n'
            '  %scale : float = prim::Constant[value=0.00390625]()\n'
            '  %zero_point : int = prim::Constant[value=0]()\n'
            '  %dtype : int = prim::Constant[value=13]()\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%hardsigmoid_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a):\n'
                '  %hardsigmoid_out = aten::hardsigmoid(%a)\n'
                '  return (%hardsigmoid_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 168, 6, 168, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 169, 13, 169, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 169, 10, 169, 15)),
                     ('hardsigmoid_out', ('patterns/fusion_static.qpat', 169, 7, 169, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 169, 18, 169, 28)),
                     ('zero_point', ('patterns/fusion_static.qpat', 169, 30, 169, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 169, 33, 169, 39)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 169, 5, 169, 40))),
 'family': '{op}'},
{'name': 'hardsigmoid_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %hardsigmoid__out = aten::hardsigmoid_(%dequantize_out)\n'
            '  %scale : float = prim::Constant[value=0.00390625]()\n'
            '  %zero_point : int = prim::Constant[value=0]()\n'
            '  %dtype : int = prim::Constant[value=13]()\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%hardsigmoid__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a):\n'
                '  %hardsigmoid__out = aten::hardsigmoid_(%a)\n'
                '  return (%hardsigmoid__out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 168, 6, 168, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 169, 13, 169, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 169, 10, 169, 15)),
                     ('hardsigmoid__out', ('patterns/fusion_static.qpat', 169, 7, 169, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 169, 18, 169, 28)),
                     ('zero_point', ('patterns/fusion_static.qpat', 169, 30, 169, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 169, 33, 169, 39)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 169, 5, 169, 40))),
 'family': '{op}'},
{'name': 'sigmoid',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %sigmoid_out = aten::sigmoid(%dequantize_out)\n'
            '  %scale : float = prim::Constant[value=0.00390625]()\n'
            '  %zero_point : int = prim::Constant[value=0]()\n'
            '  %dtype : int = prim::Constant[value=13]()\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%sigmoid_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a):\n  %sigmoid_out = aten::sigmoid(%a)\n  return (%sigmoid_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 173, 6, 173, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 174, 13, 174, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 174, 10, 174, 15)),
                     ('sigmoid_out', ('patterns/fusion_static.qpat', 174, 7, 174, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 174, 18, 174, 28)),
                     ('zero_point', ('patterns/fusion_static.qpat', 174, 30, 174, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 174, 33, 174, 39)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 174, 5, 174, 40))),
 'family': '{op}'},
{'name': 'sigmoid_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %sigmoid__out = aten::sigmoid_(%dequantize_out)\n'
            '  %scale : float = prim::Constant[value=0.00390625]()\n'
            '  %zero_point : int = prim::Constant[value=0]()\n'
            '  %dtype : int = prim::Constant[value=13]()\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%sigmoid__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a):\n  %sigmoid_out = aten::sigmoid(%a)\n  return (%sigmoid_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 173, 6, 173, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 174, 13, 174, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 174, 10, 174, 15)),
                     ('sigmoid__out', ('patterns/fusion_static.qpat', 174, 7, 174, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 174, 18, 174, 28)),
                     ('zero_point', ('patterns/fusion_static.qpat', 174, 30, 174, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 174, 33, 174, 39)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 174, 5, 174, 40))),
 'family': '{op}'},
{'name': 'tanh',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %tanh_out = aten::tanh(%dequantize_out)\n'
            '  %scale : float = prim::Constant[value=0.0078125]()\n'
            '  %zero_point : int = prim::Constant[value=128]()\n'
            '  %dtype : int = prim::Constant[value=13]()\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%tanh_out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a):\n  %tanh_out = aten::tanh(%a)\n  return (%tanh_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 177, 6, 177, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 178, 13, 178, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 178, 10, 178, 15)),
                     ('tanh_out', ('patterns/fusion_static.qpat', 178, 7, 178, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 178, 18, 178, 27)),
                     ('zero_point', ('patterns/fusion_static.qpat', 178, 29, 178, 32)),
                     ('dtype', ('patterns/fusion_static.qpat', 178, 34, 178, 40)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 178, 5, 178, 41))),
 'family': '{op}'},
{'name': 'tanh_',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %tanh__out = aten::tanh_(%dequantize_out)\n'
            '  %scale : float = prim::Constant[value=0.0078125]()\n'
            '  %zero_point : int = prim::Constant[value=128]()\n'
            '  %dtype : int = prim::Constant[value=13]()\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%tanh__out, %scale, '
            '%zero_point, %dtype)\n'
            '  return (%quantize_per_tensor_out)\n',
 'replacement': 'graph(%a):\n  %tanh_out = aten::tanh(%a)\n  return (%tanh_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 177, 6, 177, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 178, 13, 178, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 178, 10, 178, 15)),
                     ('tanh__out', ('patterns/fusion_static.qpat', 178, 7, 178, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 178, 18, 178, 27)),
                     ('zero_point', ('patterns/fusion_static.qpat', 178, 29, 178, 32)),
                     ('dtype', ('patterns/fusion_static.qpat', 178, 34, 178, 40)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 178, 5, 178, 41))),
 'family': '{op}'},
)
