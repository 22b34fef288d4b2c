"""Rules compiled by `qdsl compile` from the SOURCE file below; do not edit."""

FORMAT = 3
QDSL_VERSION = '0.2.0'
TORCH_VERSION = '2.13.0'
SOURCE = 'patterns/fusion_onednn.qpat'
SOURCE_SHA256 = 'f07ea09942772367a45d3f3d08dc533183c9385d59e7430eb69e0f3a7fe7bb35'

RULES = (
    (
        'linear_leaky_relu',
        ('torchscript', ('fusion', 'static')),
        (
            (
                ('a', 'Tensor', (24, 20, 24, 21)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (23, 37, 23, 43)),
                ('negative_slope', 'float', (24, 35, 24, 49)),
                ('scale', 'float', (24, 5, 24, 51)),
                ('zero_point', 'int', (24, 5, 24, 51)),
                ('dtype', 'int', (24, 5, 24, 51)),
                ('dequantize_out', 'Tensor', (24, 17, 24, 22)),
                ('w', 'Tensor', (23, 12, 23, 44)),
                ('b', 'Tensor?', (23, 12, 23, 44)),
                ('dequantize_out_1', 'Tensor', (24, 24, 24, 29)),
                ('linear_out', 'Tensor', (24, 10, 24, 33)),
                ('leaky_relu_out', 'Tensor', (24, 7, 24, 50)),
                ('quantize_per_tensor_out', 'Tensor', (24, 5, 24, 51)),
            ),
            (
                ('aten::dequantize', 'self', (0,), (6,), (24, 17, 24, 22), ('self',), None, '', False),
                ('quantized::linear_unpack', '', (1,), (7, 8), (23, 12, 23, 44), ('W_prepack',), None, '', False),
                ('aten::dequantize', 'self', (7,), (9,), (24, 24, 24, 29), ('self',), None, '', False),
                ('aten::linear', '', (6, 9, 8), (10,), (24, 10, 24, 33), ('input', 'weight', 'bias'), None, '', False),
                ('aten::leaky_relu', '', (10, 2), (11,), (24, 7, 24, 50), ('self', 'negative_slope'), None, '', False),
                ('aten::quantize_per_tensor', '', (11, 3, 4, 5), (12,), (24, 5, 24, 51), ('self', 'scale', 'zero_point', 'dtype'), None, '', False),
            ),
            (0, 1, 2, 3, 4, 5),
            (12,),
        ),
        (
            (
                ('a', 'Tensor', (24, 20, 24, 21)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (23, 37, 23, 43)),
                ('negative_slope', 'float', (24, 35, 24, 49)),
                ('scale', 'float', (24, 5, 24, 51)),
                ('zero_point', 'int', (24, 5, 24, 51)),
                ('dtype', 'int', (24, 5, 24, 51)),
                ('linear_leaky_relu_out', 'Tensor', (25, 8, 25, 82)),
            ),
            (
                ('quantized::linear_leaky_relu', '', (0, 1, 3, 4, 2), (6,), (25, 8, 25, 82), ('X', 'W_prepack', 'Y_scale_i', 'Y_zero_point_i', 'negative_slope'), None, '', False),
            ),
            (0, 1, 2, 3, 4, 5),
            (6,),
        ),
        None,
        (
            ('patterns/fusion_onednn.qpat', 22, 6, 22, 17),
            'linear_{op}',
            'rule linear_leaky_relu  # stage fusion static, family linear_{op}, at patterns/fusion_onednn.qpat:22:6, engines onednn\n    w, b = quantized::linear_unpack(packed)\n    aten::quantize_per_tensor(aten::leaky_relu(aten::linear(aten::dequantize(a), aten::dequantize(w), b), negative_slope), scale, zero_point, dtype)\n    -> quantized::linear_leaky_relu(a, packed, scale, zero_point, negative_slope)\n',
            'f07ea09942772367a45d3f3d08dc533183c9385d59e7430eb69e0f3a7fe7bb35',
        ),
        (),
        (
            (
                'torchscript.pattern',
                'graph(%a, %packed, %negative_slope, %scale, %zero_point, %dtype):\n  %dequantize_out = aten::dequantize(%a)\n  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n  %dequantize_out_1 = aten::dequantize(%w)\n  %linear_out = aten::linear(%dequantize_out, %dequantize_out_1, %b)\n  %leaky_relu_out = aten::leaky_relu(%linear_out, %negative_slope)\n  %quantize_per_tensor_out = aten::quantize_per_tensor(%leaky_relu_out, %scale, %zero_point, %dtype)\n  return (%quantize_per_tensor_out)\n',
            ),
            (
                'torchscript.replacement',
                'graph(%a, %packed, %negative_slope, %scale, %zero_point, %dtype):\n  %linear_leaky_relu_out = quantized::linear_leaky_relu(%a, %packed, %scale, %zero_point, %negative_slope)\n  return (%linear_leaky_relu_out)\n',
            ),
        ),
        ('onednn',),
    ),
    (
        'linear_leaky_relu_',
        ('torchscript', ('fusion', 'static')),
        (
            (
                ('a', 'Tensor', (24, 20, 24, 21)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (23, 37, 23, 43)),
                ('negative_slope', 'float', (24, 35, 24, 49)),
                ('scale', 'float', (24, 5, 24, 51)),
                ('zero_point', 'int', (24, 5, 24, 51)),
                ('dtype', 'int', (24, 5, 24, 51)),
                ('dequantize_out', 'Tensor', (24, 17, 24, 22)),
                ('w', 'Tensor', (23, 12, 23, 44)),
                ('b', 'Tensor?', (23, 12, 23, 44)),
                ('dequantize_out_1', 'Tensor', (24, 24, 24, 29)),
                ('linear_out', 'Tensor', (24, 10, 24, 33)),
                ('leaky_relu__out', 'Tensor', (24, 7, 24, 50)),
                ('quantize_per_tensor_out', 'Tensor', (24, 5, 24, 51)),
            ),
            (
                ('aten::dequantize', 'self', (0,), (6,), (24, 17, 24, 22), ('self',), None, '', False),
                ('quantized::linear_unpack', '', (1,), (7, 8), (23, 12, 23, 44), ('W_prepack',), None, '', False),
                ('aten::dequantize', 'self', (7,), (9,), (24, 24, 24, 29), ('self',), None, '', False),
                ('aten::linear', '', (6, 9, 8), (10,), (24, 10, 24, 33), ('input', 'weight', 'bias'), None, '', False),
                ('aten::leaky_relu_', '', (10, 2), (11,), (24, 7, 24, 50), ('self', 'negative_slope'), None, '', False),
                ('aten::quantize_per_tensor', '', (11, 3, 4, 5), (12,), (24, 5, 24, 51), ('self', 'scale', 'zero_point', 'dtype'), None, '', False),
            ),
            (0, 1, 2, 3, 4, 5),
            (12,),
        ),
        (
            (
                ('a', 'Tensor', (24, 20, 24, 21)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (23, 37, 23, 43)),
                ('negative_slope', 'float', (24, 35, 24, 49)),
                ('scale', 'float', (24, 5, 24, 51)),
                ('zero_point', 'int', (24, 5, 24, 51)),
                ('dtype', 'int', (24, 5, 24, 51)),
                ('linear_leaky_relu_out', 'Tensor', (25, 8, 25, 82)),
            ),
            (
                ('quantized::linear_leaky_relu', '', (0, 1, 3, 4, 2), (6,), (25, 8, 25, 82), ('X', 'W_prepack', 'Y_scale_i', 'Y_zero_point_i', 'negative_slope'), None, '', False),
            ),
            (0, 1, 2, 3, 4, 5),
            (6,),
        ),
        None,
        (
            ('patterns/fusion_onednn.qpat', 22, 6, 22, 17),
            'linear_{op}',
            'rule linear_leaky_relu_  # stage fusion static, family linear_{op}, at patterns/fusion_onednn.qpat:22:6, engines onednn\n    w, b = quantized::linear_unpack(packed)\n    aten::quantize_per_tensor(aten::leaky_relu_(aten::linear(aten::dequantize(a), aten::dequantize(w), b), negative_slope), scale, zero_point, dtype)\n    -> quantized::linear_leaky_relu(a, packed, scale, zero_point, negative_slope)\n',
            'f07ea09942772367a45d3f3d08dc533183c9385d59e7430eb69e0f3a7fe7bb35',
        ),
        (),
        (
            (
                'torchscript.pattern',
                'graph(%a, %packed, %negative_slope, %scale, %zero_point, %dtype):\n  %dequantize_out = aten::dequantize(%a)\n  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n  %dequantize_out_1 = aten::dequantize(%w)\n  %linear_out = aten::linear(%dequantize_out, %dequantize_out_1, %b)\n  %leaky_relu__out = aten::leaky_relu_(%linear_out, %negative_slope)\n  %quantize_per_tensor_out = aten::quantize_per_tensor(%leaky_relu__out, %scale, %zero_point, %dtype)\n  return (%quantize_per_tensor_out)\n',
            ),
            (
                'torchscript.replacement',
                'graph(%a, %packed, %negative_slope, %scale, %zero_point, %dtype):\n  %linear_leaky_relu_out = quantized::linear_leaky_relu(%a, %packed, %scale, %zero_point, %negative_slope)\n  return (%linear_leaky_relu_out)\n',
            ),
        ),
        ('onednn',),
    ),
    (
        'linear_tanh',
        ('torchscript', ('fusion', 'static')),
        (
            (
                ('a', 'Tensor', (29, 20, 29, 21)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (28, 37, 28, 43)),
                ('scale', 'float', (29, 5, 29, 35)),
                ('zero_point', 'int', (29, 5, 29, 35)),
                ('dtype', 'int', (29, 5, 29, 35)),
                ('dequantize_out', 'Tensor', (29, 17, 29, 22)),
                ('w', 'Tensor', (28, 12, 28, 44)),
                ('b', 'Tensor?', (28, 12, 28, 44)),
                ('dequantize_out_1', 'Tensor', (29, 24, 29, 29)),
                ('linear_out', 'Tensor', (29, 10, 29, 33)),
                ('tanh_out', 'Tensor', (29, 7, 29, 34)),
                ('quantize_per_tensor_out', 'Tensor', (29, 5, 29, 35)),
            ),
            (
                ('aten::dequantize', 'self', (0,), (5,), (29, 17, 29, 22), ('self',), None, '', False),
                ('quantized::linear_unpack', '', (1,), (6, 7), (28, 12, 28, 44), ('W_prepack',), None, '', False),
                ('aten::dequantize', 'self', (6,), (8,), (29, 24, 29, 29), ('self',), None, '', False),
                ('aten::linear', '', (5, 8, 7), (9,), (29, 10, 29, 33), ('input', 'weight', 'bias'), None, '', False),
                ('aten::tanh', '', (9,), (10,), (29, 7, 29, 34), ('self',), None, '', False),
                ('aten::quantize_per_tensor', '', (10, 2, 3, 4), (11,), (29, 5, 29, 35), ('self', 'scale', 'zero_point', 'dtype'), None, '', False),
            ),
            (0, 1, 2, 3, 4),
            (11,),
        ),
        (
            (
                ('a', 'Tensor', (29, 20, 29, 21)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (28, 37, 28, 43)),
                ('scale', 'float', (29, 5, 29, 35)),
                ('zero_point', 'int', (29, 5, 29, 35)),
                ('dtype', 'int', (29, 5, 29, 35)),
                ('linear_tanh_out', 'Tensor', (30, 8, 30, 60)),
            ),
            (
                ('quantized::linear_tanh', '', (0, 1, 2, 3), (5,), (30, 8, 30, 60), ('X', 'W_prepack', 'Y_scale_i', 'Y_zero_point_i'), None, '', False),
            ),
            (0, 1, 2, 3, 4),
            (5,),
        ),
        None,
        (
            ('patterns/fusion_onednn.qpat', 27, 6, 27, 17),
            'linear_{op}',
            'rule linear_tanh  # stage fusion static, family linear_{op}, at patterns/fusion_onednn.qpat:27:6, engines onednn\n    w, b = quantized::linear_unpack(packed)\n    aten::quantize_per_tensor(aten::tanh(aten::linear(aten::dequantize(a), aten::dequantize(w), b)), scale, zero_point, dtype)\n    -> quantized::linear_tanh(a, packed, scale, zero_point)\n',
            'f07ea09942772367a45d3f3d08dc533183c9385d59e7430eb69e0f3a7fe7bb35',
        ),
        (),
        (
            (
                'torchscript.pattern',
                'graph(%a, %packed, %scale, %zero_point, %dtype):\n  %dequantize_out = aten::dequantize(%a)\n  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n  %dequantize_out_1 = aten::dequantize(%w)\n  %linear_out = aten::linear(%dequantize_out, %dequantize_out_1, %b)\n  %tanh_out = aten::tanh(%linear_out)\n  %quantize_per_tensor_out = aten::quantize_per_tensor(%tanh_out, %scale, %zero_point, %dtype)\n  return (%quantize_per_tensor_out)\n',
            ),
            (
                'torchscript.replacement',
                'graph(%a, %packed, %scale, %zero_point, %dtype):\n  %linear_tanh_out = quantized::linear_tanh(%a, %packed, %scale, %zero_point)\n  return (%linear_tanh_out)\n',
            ),
        ),
        ('onednn',),
    ),
    (
        'linear_tanh_',
        ('torchscript', ('fusion', 'static')),
        (
            (
                ('a', 'Tensor', (29, 20, 29, 21)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (28, 37, 28, 43)),
                ('scale', 'float', (29, 5, 29, 35)),
                ('zero_point', 'int', (29, 5, 29, 35)),
                ('dtype', 'int', (29, 5, 29, 35)),
                ('dequantize_out', 'Tensor', (29, 17, 29, 22)),
                ('w', 'Tensor', (28, 12, 28, 44)),
                ('b', 'Tensor?', (28, 12, 28, 44)),
                ('dequantize_out_1', 'Tensor', (29, 24, 29, 29)),
                ('linear_out', 'Tensor', (29, 10, 29, 33)),
                ('tanh__out', 'Tensor', (29, 7, 29, 34)),
                ('quantize_per_tensor_out', 'Tensor', (29, 5, 29, 35)),
            ),
            (
                ('aten::dequantize', 'self', (0,), (5,), (29, 17, 29, 22), ('self',), None, '', False),
                ('quantized::linear_unpack', '', (1,), (6, 7), (28, 12, 28, 44), ('W_prepack',), None, '', False),
                ('aten::dequantize', 'self', (6,), (8,), (29, 24, 29, 29), ('self',), None, '', False),
                ('aten::linear', '', (5, 8, 7), (9,), (29, 10, 29, 33), ('input', 'weight', 'bias'), None, '', False),
                ('aten::tanh_', '', (9,), (10,), (29, 7, 29, 34), ('self',), None, '', False),
                ('aten::quantize_per_tensor', '', (10, 2, 3, 4), (11,), (29, 5, 29, 35), ('self', 'scale', 'zero_point', 'dtype'), None, '', False),
            ),
            (0, 1, 2, 3, 4),
            (11,),
        ),
        (
            (
                ('a', 'Tensor', (29, 20, 29, 21)),
                ('packed', '__torch__.torch.classes.quantized.LinearPackedParamsBase', (28, 37, 28, 43)),
                ('scale', 'float', (29, 5, 29, 35)),
                ('zero_point', 'int', (29, 5, 29, 35)),
                ('dtype', 'int', (29, 5, 29, 35)),
                ('linear_tanh_out', 'Tensor', (30, 8, 30, 60)),
            ),
            (
                ('quantized::linear_tanh', '', (0, 1, 2, 3), (5,), (30, 8, 30, 60), ('X', 'W_prepack', 'Y_scale_i', 'Y_zero_point_i'), None, '', False),
            ),
            (0, 1, 2, 3, 4),
            (5,),
        ),
        None,
        (
            ('patterns/fusion_onednn.qpat', 27, 6, 27, 17),
            'linear_{op}',
            'rule linear_tanh_  # stage fusion static, family linear_{op}, at patterns/fusion_onednn.qpat:27:6, engines onednn\n    w, b = quantized::linear_unpack(packed)\n    aten::quantize_per_tensor(aten::tanh_(aten::linear(aten::dequantize(a), aten::dequantize(w), b)), scale, zero_point, dtype)\n    -> quantized::linear_tanh(a, packed, scale, zero_point)\n',
            'f07ea09942772367a45d3f3d08dc533183c9385d59e7430eb69e0f3a7fe7bb35',
        ),
        (),
        (
            (
                'torchscript.pattern',
                'graph(%a, %packed, %scale, %zero_point, %dtype):\n  %dequantize_out = aten::dequantize(%a)\n  %w, %b : Tensor? = quantized::linear_unpack(%packed)\n  %dequantize_out_1 = aten::dequantize(%w)\n  %linear_out = aten::linear(%dequantize_out, %dequantize_out_1, %b)\n  %tanh__out = aten::tanh_(%linear_out)\n  %quantize_per_tensor_out = aten::quantize_per_tensor(%tanh__out, %scale, %zero_point, %dtype)\n  return (%quantize_per_tensor_out)\n',
            ),
            (
                'torchscript.replacement',
                'graph(%a, %packed, %scale, %zero_point, %dtype):\n  %linear_tanh_out = quantized::linear_tanh(%a, %packed, %scale, %zero_point)\n  return (%linear_tanh_out)\n',
            ),
        ),
        ('onednn',),
    ),
)
