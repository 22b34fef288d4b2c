"""Compiled shipped rules (written by `qdsl compile`; do not edit)."""

INDEX = {
    'fusion_dynamic': ('patterns/fusion_dynamic.qpat', '6d2c9e78828221d7757dcca7b5bc319fb4f405ce036a6d3c920bbf199c4f7c56', (('torchscript', ('fusion', 'dynamic')),)),
    'fusion_onednn': ('patterns/fusion_onednn.qpat', 'f07ea09942772367a45d3f3d08dc533183c9385d59e7430eb69e0f3a7fe7bb35', (('torchscript', ('fusion', 'static')),)),
    'fusion_static': ('patterns/fusion_static.qpat', '561bf6044e0f3c355b1092f255815c1a949f7644d0374e9f409079c7d78c3af3', (('torchscript', ('fusion', 'static')),)),
    'prepack': ('patterns/prepack.qpat', 'f76ba7d510d7010ac396b784a099876aff1de4841f48a094bac6e54246d2b1a3', (('torchscript', ('prepack',)),)),
    'pt2e_x86': ('patterns/pt2e_x86.qpat', '63ac2fb88017f5665f29aea6d41c85ccf591d1023b2ed5124a0dc80e0426aab3', (('pt2e', ('pt2e', 'x86')),)),
}
"""Generated module -> (its SOURCE, SOURCE_SHA256, the (backend, words) of its rules' stages)."""
