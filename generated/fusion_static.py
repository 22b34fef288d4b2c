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
 'location': ('patterns/fusion_static.qpat', 28, 6, 28, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 30, 22, 30, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 30, 19, 30, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 29, 38, 29, 44)),
                     ('w', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('b', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 30, 26, 30, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 30, 36, 30, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 30, 44, 30, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 30, 53, 30, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 30, 63, 30, 69)),
                     ('conv1d_out', ('patterns/fusion_static.qpat', 30, 11, 30, 70)),
                     ('scale', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 30, 5, 30, 72))),
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
 'location': ('patterns/fusion_static.qpat', 28, 6, 28, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 30, 22, 30, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 30, 19, 30, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 29, 38, 29, 44)),
                     ('w', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('b', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 30, 26, 30, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 30, 36, 30, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 30, 44, 30, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 30, 53, 30, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 30, 63, 30, 69)),
                     ('conv1d_out', ('patterns/fusion_static.qpat', 30, 11, 30, 70)),
                     ('relu_out', ('patterns/fusion_static.qpat', 30, 7, 30, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 30, 5, 30, 72))),
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
 'location': ('patterns/fusion_static.qpat', 28, 6, 28, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 30, 22, 30, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 30, 19, 30, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 29, 38, 29, 44)),
                     ('w', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('b', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 30, 26, 30, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 30, 36, 30, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 30, 44, 30, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 30, 53, 30, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 30, 63, 30, 69)),
                     ('conv1d_out', ('patterns/fusion_static.qpat', 30, 11, 30, 70)),
                     ('relu__out', ('patterns/fusion_static.qpat', 30, 7, 30, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 30, 5, 30, 72))),
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
 'location': ('patterns/fusion_static.qpat', 28, 6, 28, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 30, 22, 30, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 30, 19, 30, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 29, 38, 29, 44)),
                     ('w', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('b', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 30, 26, 30, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 30, 36, 30, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 30, 44, 30, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 30, 53, 30, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 30, 63, 30, 69)),
                     ('conv2d_out', ('patterns/fusion_static.qpat', 30, 11, 30, 70)),
                     ('scale', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 30, 5, 30, 72))),
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
 'location': ('patterns/fusion_static.qpat', 28, 6, 28, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 30, 22, 30, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 30, 19, 30, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 29, 38, 29, 44)),
                     ('w', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('b', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 30, 26, 30, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 30, 36, 30, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 30, 44, 30, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 30, 53, 30, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 30, 63, 30, 69)),
                     ('conv2d_out', ('patterns/fusion_static.qpat', 30, 11, 30, 70)),
                     ('relu_out', ('patterns/fusion_static.qpat', 30, 7, 30, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 30, 5, 30, 72))),
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
 'location': ('patterns/fusion_static.qpat', 28, 6, 28, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 30, 22, 30, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 30, 19, 30, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 29, 38, 29, 44)),
                     ('w', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('b', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 30, 26, 30, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 30, 36, 30, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 30, 44, 30, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 30, 53, 30, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 30, 63, 30, 69)),
                     ('conv2d_out', ('patterns/fusion_static.qpat', 30, 11, 30, 70)),
                     ('relu__out', ('patterns/fusion_static.qpat', 30, 7, 30, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 30, 5, 30, 72))),
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
 'location': ('patterns/fusion_static.qpat', 28, 6, 28, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 30, 22, 30, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 30, 19, 30, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 29, 38, 29, 44)),
                     ('w', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('b', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 30, 26, 30, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 30, 36, 30, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 30, 44, 30, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 30, 53, 30, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 30, 63, 30, 69)),
                     ('conv3d_out', ('patterns/fusion_static.qpat', 30, 11, 30, 70)),
                     ('scale', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 30, 5, 30, 72))),
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
 'location': ('patterns/fusion_static.qpat', 28, 6, 28, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 30, 22, 30, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 30, 19, 30, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 29, 38, 29, 44)),
                     ('w', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('b', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 30, 26, 30, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 30, 36, 30, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 30, 44, 30, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 30, 53, 30, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 30, 63, 30, 69)),
                     ('conv3d_out', ('patterns/fusion_static.qpat', 30, 11, 30, 70)),
                     ('relu_out', ('patterns/fusion_static.qpat', 30, 7, 30, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 30, 5, 30, 72))),
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
 'location': ('patterns/fusion_static.qpat', 28, 6, 28, 25),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 30, 22, 30, 23)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 30, 19, 30, 24)),
                     ('packed', ('patterns/fusion_static.qpat', 29, 38, 29, 44)),
                     ('w', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('b', ('patterns/fusion_static.qpat', 29, 12, 29, 45)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 30, 26, 30, 31)),
                     ('stride', ('patterns/fusion_static.qpat', 30, 36, 30, 42)),
                     ('padding', ('patterns/fusion_static.qpat', 30, 44, 30, 51)),
                     ('dilation', ('patterns/fusion_static.qpat', 30, 53, 30, 61)),
                     ('groups', ('patterns/fusion_static.qpat', 30, 63, 30, 69)),
                     ('conv3d_out', ('patterns/fusion_static.qpat', 30, 11, 30, 70)),
                     ('relu__out', ('patterns/fusion_static.qpat', 30, 7, 30, 71)),
                     ('scale', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('zero_point', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('dtype', ('patterns/fusion_static.qpat', 30, 5, 30, 72)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 30, 5, 30, 72))),
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
 'location': ('patterns/fusion_static.qpat', 33, 6, 33, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 35, 28, 35, 29)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 35, 25, 35, 30)),
                     ('packed', ('patterns/fusion_static.qpat', 34, 48, 34, 54)),
                     ('w', ('patterns/fusion_static.qpat', 34, 12, 34, 55)),
                     ('b', ('patterns/fusion_static.qpat', 34, 12, 34, 55)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 35, 32, 35, 37)),
                     ('stride', ('patterns/fusion_static.qpat', 35, 42, 35, 48)),
                     ('padding', ('patterns/fusion_static.qpat', 35, 50, 35, 57)),
                     ('output_padding', ('patterns/fusion_static.qpat', 35, 59, 35, 73)),
                     ('groups', ('patterns/fusion_static.qpat', 35, 75, 35, 81)),
                     ('dilation', ('patterns/fusion_static.qpat', 35, 83, 35, 91)),
                     ('conv_transpose1d_out', ('patterns/fusion_static.qpat', 35, 7, 35, 92)),
                     ('scale', ('patterns/fusion_static.qpat', 35, 5, 35, 93)),
                     ('zero_point', ('patterns/fusion_static.qpat', 35, 5, 35, 93)),
                     ('dtype', ('patterns/fusion_static.qpat', 35, 5, 35, 93)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 35, 5, 35, 93))),
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
 'location': ('patterns/fusion_static.qpat', 33, 6, 33, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 35, 28, 35, 29)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 35, 25, 35, 30)),
                     ('packed', ('patterns/fusion_static.qpat', 34, 48, 34, 54)),
                     ('w', ('patterns/fusion_static.qpat', 34, 12, 34, 55)),
                     ('b', ('patterns/fusion_static.qpat', 34, 12, 34, 55)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 35, 32, 35, 37)),
                     ('stride', ('patterns/fusion_static.qpat', 35, 42, 35, 48)),
                     ('padding', ('patterns/fusion_static.qpat', 35, 50, 35, 57)),
                     ('output_padding', ('patterns/fusion_static.qpat', 35, 59, 35, 73)),
                     ('groups', ('patterns/fusion_static.qpat', 35, 75, 35, 81)),
                     ('dilation', ('patterns/fusion_static.qpat', 35, 83, 35, 91)),
                     ('conv_transpose2d_out', ('patterns/fusion_static.qpat', 35, 7, 35, 92)),
                     ('scale', ('patterns/fusion_static.qpat', 35, 5, 35, 93)),
                     ('zero_point', ('patterns/fusion_static.qpat', 35, 5, 35, 93)),
                     ('dtype', ('patterns/fusion_static.qpat', 35, 5, 35, 93)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 35, 5, 35, 93))),
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
 'location': ('patterns/fusion_static.qpat', 38, 6, 38, 24),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 40, 21, 40, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 40, 18, 40, 23)),
                     ('packed', ('patterns/fusion_static.qpat', 39, 37, 39, 43)),
                     ('w', ('patterns/fusion_static.qpat', 39, 12, 39, 44)),
                     ('b', ('patterns/fusion_static.qpat', 39, 12, 39, 44)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 40, 25, 40, 30)),
                     ('linear_out', ('patterns/fusion_static.qpat', 40, 11, 40, 34)),
                     ('scale', ('patterns/fusion_static.qpat', 40, 5, 40, 36)),
                     ('zero_point', ('patterns/fusion_static.qpat', 40, 5, 40, 36)),
                     ('dtype', ('patterns/fusion_static.qpat', 40, 5, 40, 36)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 40, 5, 40, 36))),
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
 'location': ('patterns/fusion_static.qpat', 38, 6, 38, 24),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 40, 21, 40, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 40, 18, 40, 23)),
                     ('packed', ('patterns/fusion_static.qpat', 39, 37, 39, 43)),
                     ('w', ('patterns/fusion_static.qpat', 39, 12, 39, 44)),
                     ('b', ('patterns/fusion_static.qpat', 39, 12, 39, 44)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 40, 25, 40, 30)),
                     ('linear_out', ('patterns/fusion_static.qpat', 40, 11, 40, 34)),
                     ('relu_out', ('patterns/fusion_static.qpat', 40, 7, 40, 35)),
                     ('scale', ('patterns/fusion_static.qpat', 40, 5, 40, 36)),
                     ('zero_point', ('patterns/fusion_static.qpat', 40, 5, 40, 36)),
                     ('dtype', ('patterns/fusion_static.qpat', 40, 5, 40, 36)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 40, 5, 40, 36))),
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
 'location': ('patterns/fusion_static.qpat', 38, 6, 38, 24),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 40, 21, 40, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 40, 18, 40, 23)),
                     ('packed', ('patterns/fusion_static.qpat', 39, 37, 39, 43)),
                     ('w', ('patterns/fusion_static.qpat', 39, 12, 39, 44)),
                     ('b', ('patterns/fusion_static.qpat', 39, 12, 39, 44)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 40, 25, 40, 30)),
                     ('linear_out', ('patterns/fusion_static.qpat', 40, 11, 40, 34)),
                     ('relu__out', ('patterns/fusion_static.qpat', 40, 7, 40, 35)),
                     ('scale', ('patterns/fusion_static.qpat', 40, 5, 40, 36)),
                     ('zero_point', ('patterns/fusion_static.qpat', 40, 5, 40, 36)),
                     ('dtype', ('patterns/fusion_static.qpat', 40, 5, 40, 36)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 40, 5, 40, 36))),
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
 'location': ('patterns/fusion_static.qpat', 49, 6, 49, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 50, 19, 50, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 50, 16, 50, 21)),
                     ('b', ('patterns/fusion_static.qpat', 50, 26, 50, 27)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 50, 23, 50, 28)),
                     ('alpha', ('patterns/fusion_static.qpat', 50, 30, 50, 35)),
                     ('add_out', ('patterns/fusion_static.qpat', 50, 12, 50, 36)),
                     ('relu_out', ('patterns/fusion_static.qpat', 50, 7, 50, 37)),
                     ('scale', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('zero_point', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('dtype', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 50, 5, 50, 38))),
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
 'location': ('patterns/fusion_static.qpat', 49, 6, 49, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 50, 19, 50, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 50, 16, 50, 21)),
                     ('b', ('patterns/fusion_static.qpat', 50, 26, 50, 27)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 50, 23, 50, 28)),
                     ('alpha', ('patterns/fusion_static.qpat', 50, 30, 50, 35)),
                     ('add_out', ('patterns/fusion_static.qpat', 50, 12, 50, 36)),
                     ('relu__out', ('patterns/fusion_static.qpat', 50, 7, 50, 37)),
                     ('scale', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('zero_point', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('dtype', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 50, 5, 50, 38))),
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
 'location': ('patterns/fusion_static.qpat', 49, 6, 49, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 50, 19, 50, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 50, 16, 50, 21)),
                     ('b', ('patterns/fusion_static.qpat', 50, 26, 50, 27)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 50, 23, 50, 28)),
                     ('alpha', ('patterns/fusion_static.qpat', 50, 30, 50, 35)),
                     ('add__out', ('patterns/fusion_static.qpat', 50, 12, 50, 36)),
                     ('relu_out', ('patterns/fusion_static.qpat', 50, 7, 50, 37)),
                     ('scale', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('zero_point', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('dtype', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 50, 5, 50, 38))),
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
 'location': ('patterns/fusion_static.qpat', 49, 6, 49, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 50, 19, 50, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 50, 16, 50, 21)),
                     ('b', ('patterns/fusion_static.qpat', 50, 26, 50, 27)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 50, 23, 50, 28)),
                     ('alpha', ('patterns/fusion_static.qpat', 50, 30, 50, 35)),
                     ('add__out', ('patterns/fusion_static.qpat', 50, 12, 50, 36)),
                     ('relu__out', ('patterns/fusion_static.qpat', 50, 7, 50, 37)),
                     ('scale', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('zero_point', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('dtype', ('patterns/fusion_static.qpat', 50, 5, 50, 38)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 50, 5, 50, 38))),
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
 'location': ('patterns/fusion_static.qpat', 53, 6, 53, 16),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 54, 19, 54, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 54, 16, 54, 21)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 54, 23, 54, 31)),
                     ('alpha', ('patterns/fusion_static.qpat', 54, 33, 54, 38)),
                     ('add_out', ('patterns/fusion_static.qpat', 54, 12, 54, 39)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 54, 5, 54, 43))),
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
 'location': ('patterns/fusion_static.qpat', 57, 6, 57, 20),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 58, 20, 58, 21)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 58, 17, 58, 22)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 58, 24, 58, 32)),
                     ('alpha', ('patterns/fusion_static.qpat', 58, 34, 58, 39)),
                     ('add__out', ('patterns/fusion_static.qpat', 58, 12, 58, 40)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 58, 5, 58, 44))),
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
 'location': ('patterns/fusion_static.qpat', 62, 6, 62, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 63, 32, 63, 33)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 63, 35, 63, 43)),
                     ('add_scalar_out', ('patterns/fusion_static.qpat', 63, 10, 63, 44)),
                     ('relu_out', ('patterns/fusion_static.qpat', 63, 5, 63, 45))),
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
 'location': ('patterns/fusion_static.qpat', 62, 6, 62, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 63, 32, 63, 33)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 63, 35, 63, 43)),
                     ('add_scalar_out', ('patterns/fusion_static.qpat', 63, 10, 63, 44)),
                     ('relu__out', ('patterns/fusion_static.qpat', 63, 5, 63, 45))),
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
 'location': ('patterns/fusion_static.qpat', 66, 6, 66, 27),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 67, 36, 67, 37)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 67, 39, 67, 47)),
                     ('add_scalar_out_out', ('patterns/fusion_static.qpat', 67, 10, 67, 51)),
                     ('relu_out', ('patterns/fusion_static.qpat', 67, 5, 67, 52))),
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
 'location': ('patterns/fusion_static.qpat', 66, 6, 66, 27),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 67, 36, 67, 37)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 67, 39, 67, 47)),
                     ('add_scalar_out_out', ('patterns/fusion_static.qpat', 67, 10, 67, 51)),
                     ('relu__out', ('patterns/fusion_static.qpat', 67, 5, 67, 52))),
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
 'location': ('patterns/fusion_static.qpat', 70, 6, 70, 11),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 71, 14, 71, 15)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 71, 11, 71, 16)),
                     ('b', ('patterns/fusion_static.qpat', 71, 21, 71, 22)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 71, 18, 71, 23)),
                     ('alpha', ('patterns/fusion_static.qpat', 71, 25, 71, 30)),
                     ('add_out', ('patterns/fusion_static.qpat', 71, 7, 71, 31)),
                     ('scale', ('patterns/fusion_static.qpat', 71, 5, 71, 32)),
                     ('zero_point', ('patterns/fusion_static.qpat', 71, 5, 71, 32)),
                     ('dtype', ('patterns/fusion_static.qpat', 71, 5, 71, 32)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 71, 5, 71, 32))),
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
 'location': ('patterns/fusion_static.qpat', 70, 6, 70, 11),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 71, 14, 71, 15)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 71, 11, 71, 16)),
                     ('b', ('patterns/fusion_static.qpat', 71, 21, 71, 22)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 71, 18, 71, 23)),
                     ('alpha', ('patterns/fusion_static.qpat', 71, 25, 71, 30)),
                     ('add__out', ('patterns/fusion_static.qpat', 71, 7, 71, 31)),
                     ('scale', ('patterns/fusion_static.qpat', 71, 5, 71, 32)),
                     ('zero_point', ('patterns/fusion_static.qpat', 71, 5, 71, 32)),
                     ('dtype', ('patterns/fusion_static.qpat', 71, 5, 71, 32)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 71, 5, 71, 32))),
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
 'location': ('patterns/fusion_static.qpat', 76, 6, 76, 9),
 'value_locations': (('input', ('patterns/fusion_static.qpat', 77, 14, 77, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 77, 11, 77, 20)),
                     ('dim', ('patterns/fusion_static.qpat', 77, 22, 77, 25)),
                     ('cat_out', ('patterns/fusion_static.qpat', 77, 7, 77, 26)),
                     ('scale', ('patterns/fusion_static.qpat', 77, 5, 77, 27)),
                     ('zero_point', ('patterns/fusion_static.qpat', 77, 5, 77, 27)),
                     ('dtype', ('patterns/fusion_static.qpat', 77, 5, 77, 27)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 77, 5, 77, 27))),
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
 'location': ('patterns/fusion_static.qpat', 81, 6, 81, 28),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 82, 25, 82, 26)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 82, 22, 82, 27)),
                     ('weight', ('patterns/fusion_static.qpat', 82, 29, 82, 35)),
                     ('bias', ('patterns/fusion_static.qpat', 82, 37, 82, 41)),
                     ('mean', ('patterns/fusion_static.qpat', 82, 43, 82, 47)),
                     ('var', ('patterns/fusion_static.qpat', 82, 49, 82, 52)),
                     ('training', ('patterns/fusion_static.qpat', 82, 54, 82, 62)),
                     ('momentum', ('patterns/fusion_static.qpat', 82, 64, 82, 72)),
                     ('eps', ('patterns/fusion_static.qpat', 82, 74, 82, 77)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 82, 79, 82, 92)),
                     ('batch_norm_out', ('patterns/fusion_static.qpat', 82, 11, 82, 93)),
                     ('scale', ('patterns/fusion_static.qpat', 82, 5, 82, 95)),
                     ('zero_point', ('patterns/fusion_static.qpat', 82, 5, 82, 95)),
                     ('dtype', ('patterns/fusion_static.qpat', 82, 5, 82, 95)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 82, 5, 82, 95))),
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
 'location': ('patterns/fusion_static.qpat', 81, 6, 81, 28),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 82, 25, 82, 26)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 82, 22, 82, 27)),
                     ('weight', ('patterns/fusion_static.qpat', 82, 29, 82, 35)),
                     ('bias', ('patterns/fusion_static.qpat', 82, 37, 82, 41)),
                     ('mean', ('patterns/fusion_static.qpat', 82, 43, 82, 47)),
                     ('var', ('patterns/fusion_static.qpat', 82, 49, 82, 52)),
                     ('training', ('patterns/fusion_static.qpat', 82, 54, 82, 62)),
                     ('momentum', ('patterns/fusion_static.qpat', 82, 64, 82, 72)),
                     ('eps', ('patterns/fusion_static.qpat', 82, 74, 82, 77)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 82, 79, 82, 92)),
                     ('batch_norm_out', ('patterns/fusion_static.qpat', 82, 11, 82, 93)),
                     ('relu_out', ('patterns/fusion_static.qpat', 82, 7, 82, 94)),
                     ('scale', ('patterns/fusion_static.qpat', 82, 5, 82, 95)),
                     ('zero_point', ('patterns/fusion_static.qpat', 82, 5, 82, 95)),
                     ('dtype', ('patterns/fusion_static.qpat', 82, 5, 82, 95)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 82, 5, 82, 95))),
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
 'location': ('patterns/fusion_static.qpat', 81, 6, 81, 28),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 82, 25, 82, 26)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 82, 22, 82, 27)),
                     ('weight', ('patterns/fusion_static.qpat', 82, 29, 82, 35)),
                     ('bias', ('patterns/fusion_static.qpat', 82, 37, 82, 41)),
                     ('mean', ('patterns/fusion_static.qpat', 82, 43, 82, 47)),
                     ('var', ('patterns/fusion_static.qpat', 82, 49, 82, 52)),
                     ('training', ('patterns/fusion_static.qpat', 82, 54, 82, 62)),
                     ('momentum', ('patterns/fusion_static.qpat', 82, 64, 82, 72)),
                     ('eps', ('patterns/fusion_static.qpat', 82, 74, 82, 77)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 82, 79, 82, 92)),
                     ('batch_norm_out', ('patterns/fusion_static.qpat', 82, 11, 82, 93)),
                     ('relu__out', ('patterns/fusion_static.qpat', 82, 7, 82, 94)),
                     ('scale', ('patterns/fusion_static.qpat', 82, 5, 82, 95)),
                     ('zero_point', ('patterns/fusion_static.qpat', 82, 5, 82, 95)),
                     ('dtype', ('patterns/fusion_static.qpat', 82, 5, 82, 95)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 82, 5, 82, 95))),
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
 'location': ('patterns/fusion_static.qpat', 88, 6, 88, 16),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 89, 19, 89, 20)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 89, 16, 89, 21)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 89, 23, 89, 31)),
                     ('mul_out', ('patterns/fusion_static.qpat', 89, 12, 89, 32)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 89, 5, 89, 36))),
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
 'location': ('patterns/fusion_static.qpat', 92, 6, 92, 20),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 93, 20, 93, 21)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 93, 17, 93, 22)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 93, 24, 93, 32)),
                     ('mul__out', ('patterns/fusion_static.qpat', 93, 12, 93, 33)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 93, 5, 93, 37))),
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
 'location': ('patterns/fusion_static.qpat', 96, 6, 96, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 97, 32, 97, 33)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 97, 35, 97, 43)),
                     ('mul_scalar_out', ('patterns/fusion_static.qpat', 97, 10, 97, 44)),
                     ('relu_out', ('patterns/fusion_static.qpat', 97, 5, 97, 45))),
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
 'location': ('patterns/fusion_static.qpat', 96, 6, 96, 23),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 97, 32, 97, 33)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 97, 35, 97, 43)),
                     ('mul_scalar_out', ('patterns/fusion_static.qpat', 97, 10, 97, 44)),
                     ('relu__out', ('patterns/fusion_static.qpat', 97, 5, 97, 45))),
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
 'location': ('patterns/fusion_static.qpat', 100, 6, 100, 27),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 101, 36, 101, 37)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 101, 39, 101, 47)),
                     ('mul_scalar_out_out', ('patterns/fusion_static.qpat', 101, 10, 101, 51)),
                     ('relu_out', ('patterns/fusion_static.qpat', 101, 5, 101, 52))),
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
 'location': ('patterns/fusion_static.qpat', 100, 6, 100, 27),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 101, 36, 101, 37)),
                     ('b_scalar', ('patterns/fusion_static.qpat', 101, 39, 101, 47)),
                     ('mul_scalar_out_out', ('patterns/fusion_static.qpat', 101, 10, 101, 51)),
                     ('relu__out', ('patterns/fusion_static.qpat', 101, 5, 101, 52))),
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
 'location': ('patterns/fusion_static.qpat', 104, 6, 104, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 105, 21, 105, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 105, 18, 105, 23)),
                     ('b', ('patterns/fusion_static.qpat', 105, 28, 105, 29)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 105, 25, 105, 30)),
                     ('mul_out', ('patterns/fusion_static.qpat', 105, 12, 105, 31)),
                     ('relu_out', ('patterns/fusion_static.qpat', 105, 7, 105, 32)),
                     ('scale', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('zero_point', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('dtype', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 105, 5, 105, 33))),
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
 'location': ('patterns/fusion_static.qpat', 104, 6, 104, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 105, 21, 105, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 105, 18, 105, 23)),
                     ('b', ('patterns/fusion_static.qpat', 105, 28, 105, 29)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 105, 25, 105, 30)),
                     ('mul_out', ('patterns/fusion_static.qpat', 105, 12, 105, 31)),
                     ('relu__out', ('patterns/fusion_static.qpat', 105, 7, 105, 32)),
                     ('scale', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('zero_point', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('dtype', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 105, 5, 105, 33))),
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
 'location': ('patterns/fusion_static.qpat', 104, 6, 104, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 105, 21, 105, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 105, 18, 105, 23)),
                     ('b', ('patterns/fusion_static.qpat', 105, 28, 105, 29)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 105, 25, 105, 30)),
                     ('mul__out', ('patterns/fusion_static.qpat', 105, 12, 105, 31)),
                     ('relu_out', ('patterns/fusion_static.qpat', 105, 7, 105, 32)),
                     ('scale', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('zero_point', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('dtype', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 105, 5, 105, 33))),
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
 'location': ('patterns/fusion_static.qpat', 104, 6, 104, 18),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 105, 21, 105, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 105, 18, 105, 23)),
                     ('b', ('patterns/fusion_static.qpat', 105, 28, 105, 29)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 105, 25, 105, 30)),
                     ('mul__out', ('patterns/fusion_static.qpat', 105, 12, 105, 31)),
                     ('relu__out', ('patterns/fusion_static.qpat', 105, 7, 105, 32)),
                     ('scale', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('zero_point', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('dtype', ('patterns/fusion_static.qpat', 105, 5, 105, 33)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 105, 5, 105, 33))),
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
 'location': ('patterns/fusion_static.qpat', 108, 6, 108, 11),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 109, 16, 109, 17)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 109, 13, 109, 18)),
                     ('b', ('patterns/fusion_static.qpat', 109, 23, 109, 24)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 109, 20, 109, 25)),
                     ('mul_out', ('patterns/fusion_static.qpat', 109, 7, 109, 26)),
                     ('scale', ('patterns/fusion_static.qpat', 109, 5, 109, 27)),
                     ('zero_point', ('patterns/fusion_static.qpat', 109, 5, 109, 27)),
                     ('dtype', ('patterns/fusion_static.qpat', 109, 5, 109, 27)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 109, 5, 109, 27))),
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
 'location': ('patterns/fusion_static.qpat', 108, 6, 108, 11),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 109, 16, 109, 17)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 109, 13, 109, 18)),
                     ('b', ('patterns/fusion_static.qpat', 109, 23, 109, 24)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 109, 20, 109, 25)),
                     ('mul__out', ('patterns/fusion_static.qpat', 109, 7, 109, 26)),
                     ('scale', ('patterns/fusion_static.qpat', 109, 5, 109, 27)),
                     ('zero_point', ('patterns/fusion_static.qpat', 109, 5, 109, 27)),
                     ('dtype', ('patterns/fusion_static.qpat', 109, 5, 109, 27)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 109, 5, 109, 27))),
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
 'location': ('patterns/fusion_static.qpat', 114, 6, 114, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 115, 13, 115, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 115, 10, 115, 15)),
                     ('hardswish_out', ('patterns/fusion_static.qpat', 115, 7, 115, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 115, 5, 115, 17)),
                     ('zero_point', ('patterns/fusion_static.qpat', 115, 5, 115, 17)),
                     ('dtype', ('patterns/fusion_static.qpat', 115, 5, 115, 17)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 115, 5, 115, 17))),
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
 'location': ('patterns/fusion_static.qpat', 114, 6, 114, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 115, 13, 115, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 115, 10, 115, 15)),
                     ('hardswish__out', ('patterns/fusion_static.qpat', 115, 7, 115, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 115, 5, 115, 17)),
                     ('zero_point', ('patterns/fusion_static.qpat', 115, 5, 115, 17)),
                     ('dtype', ('patterns/fusion_static.qpat', 115, 5, 115, 17)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 115, 5, 115, 17))),
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
 'location': ('patterns/fusion_static.qpat', 118, 6, 118, 16),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 119, 21, 119, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 119, 18, 119, 23)),
                     ('normalized_shape', ('patterns/fusion_static.qpat', 119, 25, 119, 41)),
                     ('weight', ('patterns/fusion_static.qpat', 119, 43, 119, 49)),
                     ('bias', ('patterns/fusion_static.qpat', 119, 51, 119, 55)),
                     ('eps', ('patterns/fusion_static.qpat', 119, 57, 119, 60)),
                     ('cudnn_enable', ('patterns/fusion_static.qpat', 119, 62, 119, 74)),
                     ('layer_norm_out', ('patterns/fusion_static.qpat', 119, 7, 119, 75)),
                     ('scale', ('patterns/fusion_static.qpat', 119, 5, 119, 76)),
                     ('zero_point', ('patterns/fusion_static.qpat', 119, 5, 119, 76)),
                     ('dtype', ('patterns/fusion_static.qpat', 119, 5, 119, 76)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 119, 5, 119, 76))),
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
 'location': ('patterns/fusion_static.qpat', 122, 6, 122, 16),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 123, 21, 123, 22)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 123, 18, 123, 23)),
                     ('num_groups', ('patterns/fusion_static.qpat', 123, 25, 123, 35)),
                     ('weight', ('patterns/fusion_static.qpat', 123, 37, 123, 43)),
                     ('bias', ('patterns/fusion_static.qpat', 123, 45, 123, 49)),
                     ('eps', ('patterns/fusion_static.qpat', 123, 51, 123, 54)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 123, 56, 123, 69)),
                     ('group_norm_out', ('patterns/fusion_static.qpat', 123, 7, 123, 70)),
                     ('scale', ('patterns/fusion_static.qpat', 123, 5, 123, 71)),
                     ('zero_point', ('patterns/fusion_static.qpat', 123, 5, 123, 71)),
                     ('dtype', ('patterns/fusion_static.qpat', 123, 5, 123, 71)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 123, 5, 123, 71))),
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
 'location': ('patterns/fusion_static.qpat', 126, 6, 126, 19),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 127, 24, 127, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 127, 21, 127, 26)),
                     ('weight', ('patterns/fusion_static.qpat', 127, 28, 127, 34)),
                     ('bias', ('patterns/fusion_static.qpat', 127, 36, 127, 40)),
                     ('running_mean', ('patterns/fusion_static.qpat', 127, 42, 127, 54)),
                     ('running_var', ('patterns/fusion_static.qpat', 127, 56, 127, 67)),
                     ('use_input_stats', ('patterns/fusion_static.qpat', 127, 69, 127, 84)),
                     ('momentum', ('patterns/fusion_static.qpat', 127, 86, 127, 94)),
                     ('eps', ('patterns/fusion_static.qpat', 127, 96, 127, 99)),
                     ('cudnn_enabled', ('patterns/fusion_static.qpat', 127, 101, 127, 114)),
                     ('instance_norm_out', ('patterns/fusion_static.qpat', 127, 7, 127, 115)),
                     ('scale', ('patterns/fusion_static.qpat', 127, 5, 127, 116)),
                     ('zero_point', ('patterns/fusion_static.qpat', 127, 5, 127, 116)),
                     ('dtype', ('patterns/fusion_static.qpat', 127, 5, 127, 116)),
                     ('quantize_per_tensor_out',
                      ('patterns/fusion_static.qpat', 127, 5, 127, 116))),
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
 'location': ('patterns/fusion_static.qpat', 131, 6, 131, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 132, 13, 132, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 132, 10, 132, 15)),
                     ('alpha', ('patterns/fusion_static.qpat', 132, 17, 132, 22)),
                     ('scale', ('patterns/fusion_static.qpat', 132, 24, 132, 29)),
                     ('input_scale', ('patterns/fusion_static.qpat', 132, 31, 132, 42)),
                     ('elu_out', ('patterns/fusion_static.qpat', 132, 7, 132, 43)),
                     ('r_scale', ('patterns/fusion_static.qpat', 132, 45, 132, 52)),
                     ('r_zero_point', ('patterns/fusion_static.qpat', 132, 54, 132, 66)),
                     ('r_dtype', ('patterns/fusion_static.qpat', 132, 68, 132, 75)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 132, 5, 132, 76))),
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
 'location': ('patterns/fusion_static.qpat', 131, 6, 131, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 132, 13, 132, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 132, 10, 132, 15)),
                     ('alpha', ('patterns/fusion_static.qpat', 132, 17, 132, 22)),
                     ('scale', ('patterns/fusion_static.qpat', 132, 24, 132, 29)),
                     ('input_scale', ('patterns/fusion_static.qpat', 132, 31, 132, 42)),
                     ('elu__out', ('patterns/fusion_static.qpat', 132, 7, 132, 43)),
                     ('r_scale', ('patterns/fusion_static.qpat', 132, 45, 132, 52)),
                     ('r_zero_point', ('patterns/fusion_static.qpat', 132, 54, 132, 66)),
                     ('r_dtype', ('patterns/fusion_static.qpat', 132, 68, 132, 75)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 132, 5, 132, 76))),
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
 'location': ('patterns/fusion_static.qpat', 137, 6, 137, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 139, 18, 139, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 139, 15, 139, 20)),
                     ('kernel_size', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('stride', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('padding', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('ceil_mode', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('count_include_pad', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('avg_pool1d_out', ('patterns/fusion_static.qpat', 139, 12, 139, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 139, 5, 139, 30))),
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
 'location': ('patterns/fusion_static.qpat', 137, 6, 137, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 139, 18, 139, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 139, 15, 139, 20)),
                     ('kernel_size', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('stride', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('padding', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('ceil_mode', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('count_include_pad', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('divisor_override', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('avg_pool2d_out', ('patterns/fusion_static.qpat', 139, 12, 139, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 139, 5, 139, 30))),
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
 'location': ('patterns/fusion_static.qpat', 137, 6, 137, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 139, 18, 139, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 139, 15, 139, 20)),
                     ('kernel_size', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('stride', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('padding', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('ceil_mode', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('count_include_pad', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('divisor_override', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('avg_pool3d_out', ('patterns/fusion_static.qpat', 139, 12, 139, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 139, 5, 139, 30))),
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
 'location': ('patterns/fusion_static.qpat', 137, 6, 137, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 139, 18, 139, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 139, 15, 139, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('adaptive_avg_pool1d_out', ('patterns/fusion_static.qpat', 139, 12, 139, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 139, 5, 139, 30))),
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
 'location': ('patterns/fusion_static.qpat', 137, 6, 137, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 139, 18, 139, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 139, 15, 139, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('adaptive_avg_pool2d_out', ('patterns/fusion_static.qpat', 139, 12, 139, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 139, 5, 139, 30))),
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
 'location': ('patterns/fusion_static.qpat', 137, 6, 137, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 139, 18, 139, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 139, 15, 139, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 139, 22, 139, 25)),
                     ('adaptive_avg_pool3d_out', ('patterns/fusion_static.qpat', 139, 12, 139, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 139, 5, 139, 30))),
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
 'location': ('patterns/fusion_static.qpat', 142, 6, 142, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 143, 20, 143, 21)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 143, 17, 143, 22)),
                     ('dtype', ('patterns/fusion_static.qpat', 143, 24, 143, 29)),
                     ('mean_out', ('patterns/fusion_static.qpat', 143, 12, 143, 30)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 143, 5, 143, 34))),
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
 'location': ('patterns/fusion_static.qpat', 145, 6, 145, 14),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 146, 24, 146, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 146, 21, 146, 26)),
                     ('dim', ('patterns/fusion_static.qpat', 146, 28, 146, 31)),
                     ('keepdim', ('patterns/fusion_static.qpat', 146, 28, 146, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 146, 28, 146, 31)),
                     ('mean_out', ('patterns/fusion_static.qpat', 146, 12, 146, 32)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 146, 5, 146, 36))),
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
 'location': ('patterns/fusion_static.qpat', 150, 6, 150, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 151, 18, 151, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 151, 15, 151, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('scales_h', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('scales_w', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('upsample_nearest2d_out', ('patterns/fusion_static.qpat', 151, 12, 151, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 151, 5, 151, 30))),
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
 'location': ('patterns/fusion_static.qpat', 150, 6, 150, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 151, 18, 151, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 151, 15, 151, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('scales_d', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('scales_h', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('scales_w', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('upsample_nearest3d_out', ('patterns/fusion_static.qpat', 151, 12, 151, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 151, 5, 151, 30))),
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
 'location': ('patterns/fusion_static.qpat', 150, 6, 150, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 151, 18, 151, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 151, 15, 151, 20)),
                     ('output_size', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('align_corners', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('scales_h', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('scales_w', ('patterns/fusion_static.qpat', 151, 22, 151, 25)),
                     ('upsample_bilinear2d_out', ('patterns/fusion_static.qpat', 151, 12, 151, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 151, 5, 151, 30))),
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
 'location': ('patterns/fusion_static.qpat', 153, 6, 153, 14),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 154, 24, 154, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 154, 21, 154, 26)),
                     ('output_size', ('patterns/fusion_static.qpat', 154, 28, 154, 31)),
                     ('scale_factors', ('patterns/fusion_static.qpat', 154, 28, 154, 31)),
                     ('upsample_nearest2d_out', ('patterns/fusion_static.qpat', 154, 12, 154, 32)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 154, 5, 154, 36))),
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
 'location': ('patterns/fusion_static.qpat', 153, 6, 153, 14),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 154, 24, 154, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 154, 21, 154, 26)),
                     ('output_size', ('patterns/fusion_static.qpat', 154, 28, 154, 31)),
                     ('scale_factors', ('patterns/fusion_static.qpat', 154, 28, 154, 31)),
                     ('upsample_nearest3d_out', ('patterns/fusion_static.qpat', 154, 12, 154, 32)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 154, 5, 154, 36))),
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
 'location': ('patterns/fusion_static.qpat', 153, 6, 153, 14),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 154, 24, 154, 25)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 154, 21, 154, 26)),
                     ('output_size', ('patterns/fusion_static.qpat', 154, 28, 154, 31)),
                     ('align_corners', ('patterns/fusion_static.qpat', 154, 28, 154, 31)),
                     ('scale_factors', ('patterns/fusion_static.qpat', 154, 28, 154, 31)),
                     ('upsample_bilinear2d_out', ('patterns/fusion_static.qpat', 154, 12, 154, 32)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 154, 5, 154, 36))),
 'family': '{op}_vec'},
{'name': 'clamp',
 'stage': 'fusion',
 'quant_type': 'static',
 'pattern': 'graph(%a, %min, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, %scalar_q_2_s, '
            '%scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dtype_1 : int = prim::Constant[value=6]()\n'
            '  %min_none : NoneType = prim::Constant()\n'
            '  %scalar_tensor_out = aten::scalar_tensor(%min, %dtype_1, %min_none, %min_none, '
            '%min_none)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%scalar_tensor_out, '
            '%scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d)\n'
            '  %dequantize_out_1 = aten::dequantize(%quantize_per_tensor_out)\n'
            '  %item_out : Scalar = aten::item(%dequantize_out_1)\n'
            '  %dtype_2 : int = prim::Constant[value=6]()\n'
            '  %max_none : NoneType = prim::Constant()\n'
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
 'replacement': 'graph(%a, %min, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, %scalar_q_2_s, '
                '%scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, %dtype):\n'
                '  %clamp_out = aten::clamp(%a, %min, %max)\n'
                '  return (%clamp_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 156, 6, 156, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 159, 13, 159, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 159, 10, 159, 15)),
                     ('min', ('patterns/fusion_static.qpat', 159, 26, 159, 29)),
                     ('dtype_1', ('patterns/fusion_static.qpat', 24, 70, 24, 77)),
                     ('min_none', ('patterns/fusion_static.qpat', 157, 16, 157, 20)),
                     ('scalar_tensor_out', ('patterns/fusion_static.qpat', 24, 53, 24, 96)),
                     ('scalar_q_1_s', ('patterns/fusion_static.qpat', 24, 98, 24, 99)),
                     ('scalar_q_1_z', ('patterns/fusion_static.qpat', 24, 101, 24, 102)),
                     ('scalar_q_1_d', ('patterns/fusion_static.qpat', 24, 104, 24, 105)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 24, 33, 24, 106)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 24, 30, 24, 107)),
                     ('item_out', ('patterns/fusion_static.qpat', 159, 17, 159, 40)),
                     ('max', ('patterns/fusion_static.qpat', 159, 51, 159, 54)),
                     ('dtype_2', ('patterns/fusion_static.qpat', 24, 70, 24, 77)),
                     ('max_none', ('patterns/fusion_static.qpat', 158, 16, 158, 20)),
                     ('scalar_tensor_out_1', ('patterns/fusion_static.qpat', 24, 53, 24, 96)),
                     ('scalar_q_2_s', ('patterns/fusion_static.qpat', 24, 98, 24, 99)),
                     ('scalar_q_2_z', ('patterns/fusion_static.qpat', 24, 101, 24, 102)),
                     ('scalar_q_2_d', ('patterns/fusion_static.qpat', 24, 104, 24, 105)),
                     ('quantize_per_tensor_out_1',
                      ('patterns/fusion_static.qpat', 24, 33, 24, 106)),
                     ('dequantize_out_2', ('patterns/fusion_static.qpat', 24, 30, 24, 107)),
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
 'pattern': 'graph(%a, %min, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, %scalar_q_2_s, '
            '%scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dtype_1 : int = prim::Constant[value=6]()\n'
            '  %min_none : NoneType = prim::Constant()\n'
            '  %scalar_tensor_out = aten::scalar_tensor(%min, %dtype_1, %min_none, %min_none, '
            '%min_none)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%scalar_tensor_out, '
            '%scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d)\n'
            '  %dequantize_out_1 = aten::dequantize(%quantize_per_tensor_out)\n'
            '  %item_out : Scalar = aten::item(%dequantize_out_1)\n'
            '  %dtype_2 : int = prim::Constant[value=6]()\n'
            '  %max_none : NoneType = prim::Constant()\n'
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
 'replacement': 'graph(%a, %min, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, %scalar_q_2_s, '
                '%scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, %dtype):\n'
                '  %hardtanh_out = aten::hardtanh(%a, %min, %max)\n'
                '  return (%hardtanh_out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 156, 6, 156, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 159, 13, 159, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 159, 10, 159, 15)),
                     ('min', ('patterns/fusion_static.qpat', 159, 26, 159, 29)),
                     ('dtype_1', ('patterns/fusion_static.qpat', 24, 70, 24, 77)),
                     ('min_none', ('patterns/fusion_static.qpat', 157, 16, 157, 20)),
                     ('scalar_tensor_out', ('patterns/fusion_static.qpat', 24, 53, 24, 96)),
                     ('scalar_q_1_s', ('patterns/fusion_static.qpat', 24, 98, 24, 99)),
                     ('scalar_q_1_z', ('patterns/fusion_static.qpat', 24, 101, 24, 102)),
                     ('scalar_q_1_d', ('patterns/fusion_static.qpat', 24, 104, 24, 105)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 24, 33, 24, 106)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 24, 30, 24, 107)),
                     ('item_out', ('patterns/fusion_static.qpat', 159, 17, 159, 40)),
                     ('max', ('patterns/fusion_static.qpat', 159, 51, 159, 54)),
                     ('dtype_2', ('patterns/fusion_static.qpat', 24, 70, 24, 77)),
                     ('max_none', ('patterns/fusion_static.qpat', 158, 16, 158, 20)),
                     ('scalar_tensor_out_1', ('patterns/fusion_static.qpat', 24, 53, 24, 96)),
                     ('scalar_q_2_s', ('patterns/fusion_static.qpat', 24, 98, 24, 99)),
                     ('scalar_q_2_z', ('patterns/fusion_static.qpat', 24, 101, 24, 102)),
                     ('scalar_q_2_d', ('patterns/fusion_static.qpat', 24, 104, 24, 105)),
                     ('quantize_per_tensor_out_1',
                      ('patterns/fusion_static.qpat', 24, 33, 24, 106)),
                     ('dequantize_out_2', ('patterns/fusion_static.qpat', 24, 30, 24, 107)),
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
 'pattern': 'graph(%a, %min, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, %scalar_q_2_s, '
            '%scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, %dtype):\n'
            '  %dequantize_out = aten::dequantize(%a)\n'
            '  %dtype_1 : int = prim::Constant[value=6]()\n'
            '  %min_none : NoneType = prim::Constant()\n'
            '  %scalar_tensor_out = aten::scalar_tensor(%min, %dtype_1, %min_none, %min_none, '
            '%min_none)\n'
            '  %quantize_per_tensor_out = aten::quantize_per_tensor(%scalar_tensor_out, '
            '%scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d)\n'
            '  %dequantize_out_1 = aten::dequantize(%quantize_per_tensor_out)\n'
            '  %item_out : Scalar = aten::item(%dequantize_out_1)\n'
            '  %dtype_2 : int = prim::Constant[value=6]()\n'
            '  %max_none : NoneType = prim::Constant()\n'
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
 'replacement': 'graph(%a, %min, %scalar_q_1_s, %scalar_q_1_z, %scalar_q_1_d, %max, %scalar_q_2_s, '
                '%scalar_q_2_z, %scalar_q_2_d, %scale, %zero_point, %dtype):\n'
                '  %hardtanh__out = aten::hardtanh_(%a, %min, %max)\n'
                '  return (%hardtanh__out)\n',
 'guard': None,
 'location': ('patterns/fusion_static.qpat', 156, 6, 156, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 159, 13, 159, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 159, 10, 159, 15)),
                     ('min', ('patterns/fusion_static.qpat', 159, 26, 159, 29)),
                     ('dtype_1', ('patterns/fusion_static.qpat', 24, 70, 24, 77)),
                     ('min_none', ('patterns/fusion_static.qpat', 157, 16, 157, 20)),
                     ('scalar_tensor_out', ('patterns/fusion_static.qpat', 24, 53, 24, 96)),
                     ('scalar_q_1_s', ('patterns/fusion_static.qpat', 24, 98, 24, 99)),
                     ('scalar_q_1_z', ('patterns/fusion_static.qpat', 24, 101, 24, 102)),
                     ('scalar_q_1_d', ('patterns/fusion_static.qpat', 24, 104, 24, 105)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 24, 33, 24, 106)),
                     ('dequantize_out_1', ('patterns/fusion_static.qpat', 24, 30, 24, 107)),
                     ('item_out', ('patterns/fusion_static.qpat', 159, 17, 159, 40)),
                     ('max', ('patterns/fusion_static.qpat', 159, 51, 159, 54)),
                     ('dtype_2', ('patterns/fusion_static.qpat', 24, 70, 24, 77)),
                     ('max_none', ('patterns/fusion_static.qpat', 158, 16, 158, 20)),
                     ('scalar_tensor_out_1', ('patterns/fusion_static.qpat', 24, 53, 24, 96)),
                     ('scalar_q_2_s', ('patterns/fusion_static.qpat', 24, 98, 24, 99)),
                     ('scalar_q_2_z', ('patterns/fusion_static.qpat', 24, 101, 24, 102)),
                     ('scalar_q_2_d', ('patterns/fusion_static.qpat', 24, 104, 24, 105)),
                     ('quantize_per_tensor_out_1',
                      ('patterns/fusion_static.qpat', 24, 33, 24, 106)),
                     ('dequantize_out_2', ('patterns/fusion_static.qpat', 24, 30, 24, 107)),
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
 'location': ('patterns/fusion_static.qpat', 162, 6, 162, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 163, 18, 163, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 163, 15, 163, 20)),
                     ('negative_slope', ('patterns/fusion_static.qpat', 163, 22, 163, 25)),
                     ('leaky_relu_out', ('patterns/fusion_static.qpat', 163, 12, 163, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 163, 5, 163, 30))),
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
 'location': ('patterns/fusion_static.qpat', 162, 6, 162, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 163, 18, 163, 19)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 163, 15, 163, 20)),
                     ('negative_slope', ('patterns/fusion_static.qpat', 163, 22, 163, 25)),
                     ('leaky_relu__out', ('patterns/fusion_static.qpat', 163, 12, 163, 26)),
                     ('q_scale_out', ('patterns/fusion_static.qpat', 18, 43, 18, 53)),
                     ('q_zero_point_out', ('patterns/fusion_static.qpat', 18, 55, 18, 70)),
                     ('dtype_out', ('patterns/fusion_static.qpat', 18, 72, 18, 86)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 163, 5, 163, 30))),
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
 'location': ('patterns/fusion_static.qpat', 167, 6, 167, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 168, 13, 168, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 168, 10, 168, 15)),
                     ('hardsigmoid_out', ('patterns/fusion_static.qpat', 168, 7, 168, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 168, 18, 168, 28)),
                     ('zero_point', ('patterns/fusion_static.qpat', 168, 30, 168, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 168, 33, 168, 39)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 168, 5, 168, 40))),
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
 'location': ('patterns/fusion_static.qpat', 167, 6, 167, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 168, 13, 168, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 168, 10, 168, 15)),
                     ('hardsigmoid__out', ('patterns/fusion_static.qpat', 168, 7, 168, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 168, 18, 168, 28)),
                     ('zero_point', ('patterns/fusion_static.qpat', 168, 30, 168, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 168, 33, 168, 39)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 168, 5, 168, 40))),
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
 'location': ('patterns/fusion_static.qpat', 172, 6, 172, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 173, 13, 173, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 173, 10, 173, 15)),
                     ('sigmoid_out', ('patterns/fusion_static.qpat', 173, 7, 173, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 173, 18, 173, 28)),
                     ('zero_point', ('patterns/fusion_static.qpat', 173, 30, 173, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 173, 33, 173, 39)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 173, 5, 173, 40))),
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
 'location': ('patterns/fusion_static.qpat', 172, 6, 172, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 173, 13, 173, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 173, 10, 173, 15)),
                     ('sigmoid__out', ('patterns/fusion_static.qpat', 173, 7, 173, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 173, 18, 173, 28)),
                     ('zero_point', ('patterns/fusion_static.qpat', 173, 30, 173, 31)),
                     ('dtype', ('patterns/fusion_static.qpat', 173, 33, 173, 39)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 173, 5, 173, 40))),
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
 'location': ('patterns/fusion_static.qpat', 176, 6, 176, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 177, 13, 177, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 177, 10, 177, 15)),
                     ('tanh_out', ('patterns/fusion_static.qpat', 177, 7, 177, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 177, 18, 177, 27)),
                     ('zero_point', ('patterns/fusion_static.qpat', 177, 29, 177, 32)),
                     ('dtype', ('patterns/fusion_static.qpat', 177, 34, 177, 40)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 177, 5, 177, 41))),
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
 'location': ('patterns/fusion_static.qpat', 176, 6, 176, 10),
 'value_locations': (('a', ('patterns/fusion_static.qpat', 177, 13, 177, 14)),
                     ('dequantize_out', ('patterns/fusion_static.qpat', 177, 10, 177, 15)),
                     ('tanh__out', ('patterns/fusion_static.qpat', 177, 7, 177, 16)),
                     ('scale', ('patterns/fusion_static.qpat', 177, 18, 177, 27)),
                     ('zero_point', ('patterns/fusion_static.qpat', 177, 29, 177, 32)),
                     ('dtype', ('patterns/fusion_static.qpat', 177, 34, 177, 40)),
                     ('quantize_per_tensor_out', ('patterns/fusion_static.qpat', 177, 5, 177, 41))),
 'family': '{op}'},
)
